import { formatCents } from "./money";

// The sex-buyer fee as the statutes state it (DOMAIN.md 3.2–3.5): RCW 9A.88.120 for the chapter 9A.88
// offenses, RCW 9.68A.105–.107 for commercial sexual abuse of a minor, RCW 9A.88.140 for the vehicle
// impound fine. Amounts are cents; the tables are written out so a lawyer can check them line by line.

export const FEE_OFFENSES = [
  "patronizing",
  "permitting",
  "promoting_1",
  "promoting_2",
  "csam_minor",
  "promoting_csam_minor",
  "promoting_travel_csam",
  "prostitution",
  "indecent_exposure",
] as const;
export type FeeOffense = (typeof FEE_OFFENSES)[number];

export function isFeeOffense(value: unknown): value is FeeOffense {
  return typeof value === "string" && (FEE_OFFENSES as readonly string[]).includes(value);
}

export const FEE_OFFENSE_LABELS: Record<FeeOffense, string> = {
  patronizing: "Patronizing a prostitute",
  permitting: "Permitting prostitution",
  promoting_1: "Promoting prostitution in the first degree",
  promoting_2: "Promoting prostitution in the second degree",
  csam_minor: "Commercial sexual abuse of a minor",
  promoting_csam_minor: "Promoting commercial sexual abuse of a minor",
  promoting_travel_csam: "Promoting travel for commercial sexual abuse of a minor",
  prostitution: "Prostitution",
  indecent_exposure: "Indecent exposure",
};

export const FEE_OFFENSE_RCW: Record<FeeOffense, string> = {
  patronizing: "RCW 9A.88.110",
  permitting: "RCW 9A.88.090",
  promoting_1: "RCW 9A.88.070",
  promoting_2: "RCW 9A.88.080",
  csam_minor: "RCW 9.68A.100",
  promoting_csam_minor: "RCW 9.68A.101",
  promoting_travel_csam: "RCW 9.68A.102",
  prostitution: "RCW 9A.88.030",
  indecent_exposure: "RCW 9A.88.010",
};

export type FeeStatute = "RCW 9A.88.120" | "RCW 9.68A.105";

/** The section that states each offense's fee (and its reduction and distribution rules). */
export const FEE_OFFENSE_STATUTE: Record<FeeOffense, FeeStatute> = {
  patronizing: "RCW 9A.88.120",
  permitting: "RCW 9A.88.120",
  promoting_1: "RCW 9A.88.120",
  promoting_2: "RCW 9A.88.120",
  csam_minor: "RCW 9.68A.105",
  promoting_csam_minor: "RCW 9.68A.105",
  promoting_travel_csam: "RCW 9.68A.105",
  prostitution: "RCW 9A.88.120",
  indecent_exposure: "RCW 9A.88.120",
};

// Where in each fee section the three rules sit: the amount, the inability-to-pay reduction, and the
// clerk → treasurer → ≥ 50% prevention / 2% Commerce distribution.
const SUBSECTIONS: Record<FeeStatute, { amount: string; reduction: string; distribution: string }> = {
  "RCW 9A.88.120": { amount: "RCW 9A.88.120(1)", reduction: "RCW 9A.88.120(2)", distribution: "RCW 9A.88.120(3)" },
  "RCW 9.68A.105": { amount: "RCW 9.68A.105(1)(a)", reduction: "RCW 9.68A.105(1)(b)", distribution: "RCW 9.68A.105(2)" },
};

/** Every one of these triggers the fee: a diversion agreement arising from the arrest does too. */
export const FEE_DISPOSITIONS = ["conviction", "deferred_sentence", "deferred_prosecution", "diversion"] as const;
export type FeeDisposition = (typeof FEE_DISPOSITIONS)[number];

export const FEE_DISPOSITION_LABELS: Record<FeeDisposition, string> = {
  conviction: "Conviction",
  deferred_sentence: "Deferred sentence",
  deferred_prosecution: "Deferred prosecution",
  diversion: "Diversion agreement (statutory or nonstatutory)",
};

// [no prior, one prior, two or more priors]; a flat fee repeats its amount.
const FEE_TABLE: Record<FeeOffense, readonly [number, number, number]> = {
  patronizing: [150_000, 250_000, 500_000],
  permitting: [150_000, 250_000, 500_000],
  promoting_1: [300_000, 600_000, 1_000_000],
  promoting_2: [300_000, 600_000, 1_000_000],
  csam_minor: [500_000, 500_000, 500_000],
  promoting_csam_minor: [500_000, 500_000, 500_000],
  promoting_travel_csam: [500_000, 500_000, 500_000],
  prostitution: [5_000, 5_000, 5_000],
  indecent_exposure: [5_000, 5_000, 5_000],
};

/** Whether the fee rises with prior convictions, deferrals or diversions for the same offense. */
export function feeRisesWithPriors(offense: FeeOffense): boolean {
  const [none, one, more] = FEE_TABLE[offense];
  return none !== one || one !== more;
}

function checkCount(count: number, what: string): void {
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`${what} must be a whole number, not negative.`);
}

/**
 * The fee the statute sets, before any reduction. `priors` counts the defendant's prior convictions,
 * deferred sentences, deferred prosecutions and diversion agreements for this same offense: 0, 1, or
 * 2 and more. Flat fees ignore it.
 */
export function statutoryFeeCents(offense: FeeOffense, priors: number): number {
  checkCount(priors, "Prior offenses");
  return FEE_TABLE[offense][Math.min(priors, 2)]!;
}

/**
 * The least the court may assess: on a finding that the defendant cannot pay, it may reduce the fee
 * "by an amount up to two-thirds of the maximum allowable fee", so one third of it remains — the
 * maximum ÷ 3, rounded to the nearest cent, half a cent up ($2,500.00 → $833.33, $5,000.00 → $1,666.67).
 */
export function minimumAssessmentCents(maxCents: number): number {
  checkCount(maxCents, "The statutory fee");
  // A third is never exactly half a cent: a remainder of 1 (a third of a cent) rounds down, 2 rounds up.
  return Math.floor(maxCents / 3) + (maxCents % 3 === 2 ? 1 : 0);
}

/** The add-on fees of RCW 9.68A.106 and .107 belong to the chapter 9.68A offenses only. */
export function addOnsAllowed(offense: FeeOffense): boolean {
  return FEE_OFFENSE_STATUTE[offense] === "RCW 9.68A.105";
}

export const INTERNET_ADVERTISEMENT_FEE_CENTS = 500_000;
export const DEPICTION_FEE_CENTS = 100_000;

/**
 * RCW 9.68A.106: $5,000 for each offense where the court finds an internet advertisement describing or
 * depicting the victim was instrumental in the crime. It goes to the state prostitution prevention and
 * intervention account (RCW 43.63A.740), not to the local fund, so no local allocation applies to it.
 */
export function internetAdvertisementFeeCents(count: number): number {
  checkCount(count, "The number of offenses");
  return INTERNET_ADVERTISEMENT_FEE_CENTS * count;
}

/**
 * RCW 9.68A.107: $1,000 for each depiction or image (visual or printed matter) that is a separate
 * conviction for possession of depictions of a minor; it goes to the child rescue fund, not the local fund.
 */
export function depictionFeeCents(count: number): number {
  checkCount(count, "The number of depictions");
  return DEPICTION_FEE_CENTS * count;
}

/**
 * RCW 9A.88.140: the fine the owner pays the impounding agency before a vehicle used in the offense is
 * redeemed — $2,500 for the commercial-sexual-abuse-of-a-minor offenses (impound is mandatory), $500
 * for patronizing and promoting prostitution (impound is the officer's choice). Null where the section
 * provides no impound. It follows the same local fund, ≥ 50% prevention and 2% Commerce rule as the fee.
 */
export function impoundFineCents(offense: FeeOffense): number | null {
  switch (offense) {
    case "csam_minor":
    case "promoting_csam_minor":
    case "promoting_travel_csam":
      return 250_000;
    case "patronizing":
    case "promoting_1":
    case "promoting_2":
      return 50_000;
    default:
      return null;
  }
}

export type AssessmentCheck =
  | { ok: true; full: boolean }
  | { ok: false; code: "below_floor" | "reduction_needs_finding" | "above_statutory"; message: string };

export type AssessmentInput = { offense: FeeOffense; priors: number; assessedCents: number; inabilityToPayFinding: boolean };

function priorsPhrase(priors: number): string {
  if (priors === 0) return "no prior conviction, deferred sentence, deferred prosecution, or diversion agreement";
  if (priors === 1) return "one prior conviction, deferred sentence, deferred prosecution, or diversion agreement";
  return "two or more prior convictions, deferred sentences, deferred prosecutions, or diversion agreements";
}

function feeDescription(offense: FeeOffense, priors: number): string {
  const what = `${FEE_OFFENSE_LABELS[offense]} (${FEE_OFFENSE_RCW[offense]})`;
  return feeRisesWithPriors(offense) ? `${what} with ${priorsPhrase(priors)} for this offense` : what;
}

/**
 * Whether the court may assess this amount. The statutory fee is the rule; anything less needs the
 * court's finding, on the record, that the defendant cannot pay, and even then no less than one third
 * of the maximum. More than the statute sets is refused. A fee cannot be waived: $0 is below the floor.
 */
export function checkAssessment({ offense, priors, assessedCents, inabilityToPayFinding }: AssessmentInput): AssessmentCheck {
  checkCount(assessedCents, "The assessed fee");
  const statutory = statutoryFeeCents(offense, priors);
  const floor = minimumAssessmentCents(statutory);
  const { amount, reduction } = SUBSECTIONS[FEE_OFFENSE_STATUTE[offense]];
  const assessed = formatCents(assessedCents);
  if (assessedCents > statutory) {
    return {
      ok: false,
      code: "above_statutory",
      message: `${assessed} is more than the ${formatCents(statutory)} fee that ${amount} sets for ${feeDescription(offense, priors)}. The court cannot assess more than the statutory fee.`,
    };
  }
  if (assessedCents === statutory) return { ok: true, full: true };
  if (assessedCents < floor) {
    return {
      ok: false,
      code: "below_floor",
      message: `${assessed} is below ${formatCents(floor)}, one third of the ${formatCents(statutory)} statutory fee. Even when the court finds the defendant cannot pay, ${reduction} lets it reduce the fee by no more than two-thirds, and it cannot waive it.`,
    };
  }
  if (!inabilityToPayFinding) {
    return {
      ok: false,
      code: "reduction_needs_finding",
      message: `${assessed} is less than the ${formatCents(statutory)} statutory fee. Under ${reduction} the court may reduce the fee only if it finds, on the record, that the defendant does not have the ability to pay; record that finding or assess the full fee.`,
    };
  }
  return { ok: true, full: false };
}

export type JudgmentClauseInput = AssessmentInput & {
  /** The county, city or town where the offense occurred — whose treasurer receives the fee. */
  jurisdictionName: string;
  /** Offenses where an internet advertisement was instrumental (RCW 9.68A.106). */
  internetAdCount?: number;
  /** Depictions or images that are separate possession convictions (RCW 9.68A.107). */
  depictionCount?: number;
};

function countOf(n: number, one: string, many: string): string {
  return n === 1 ? `one ${one}` : `${n} ${many}`;
}

/**
 * The fee clause a prosecutor pastes into the judgment and sentence, in plain text. It refuses (throws a
 * RangeError with the reason) to write a clause for an amount the court could not lawfully assess, or
 * for add-on fees on an offense they do not attach to.
 */
export function judgmentClause(input: JudgmentClauseInput): string {
  const { offense, priors, assessedCents, inabilityToPayFinding } = input;
  const internetAdCount = input.internetAdCount ?? 0;
  const depictionCount = input.depictionCount ?? 0;
  const jurisdiction = input.jurisdictionName.trim();
  if (!jurisdiction) throw new RangeError("The clause needs the jurisdiction where the offense occurred.");
  checkCount(internetAdCount, "The number of offenses");
  checkCount(depictionCount, "The number of depictions");
  if ((internetAdCount > 0 || depictionCount > 0) && !addOnsAllowed(offense)) {
    throw new RangeError("The RCW 9.68A.106 and .107 fees apply only to the chapter 9.68A offenses.");
  }
  const check = checkAssessment({ offense, priors, assessedCents, inabilityToPayFinding });
  if (!check.ok) throw new RangeError(check.message);

  const statutory = statutoryFeeCents(offense, priors);
  const { amount, reduction, distribution } = SUBSECTIONS[FEE_OFFENSE_STATUTE[offense]];
  const sentences = [
    `Under ${amount}, the defendant shall pay a fee of ${formatCents(assessedCents)} for ${feeDescription(offense, priors)}.`,
  ];
  if (!check.full) {
    sentences.push(
      `The statutory fee is ${formatCents(statutory)}. The court finds, on the record, that the defendant does not have the ability to pay the full fee, and under ${reduction} reduces it by ${formatCents(statutory - assessedCents)}, which is no more than two-thirds of the maximum allowable fee.`,
    );
  }
  sentences.push(
    `The fee is payable to the clerk of the court, who shall remit it to the treasurer of ${jurisdiction}, the jurisdiction where the offense occurred, for deposit in its general fund and use in local efforts to reduce the commercial sale of sex.`,
    `Under ${distribution}, at least 50% of the revenue shall be spent on prevention, including education programs for offenders and rehabilitative services for victims, and 2% shall be remitted quarterly to the Department of Commerce.`,
  );
  if (internetAdCount > 0) {
    sentences.push(
      `The court finds that an internet advertisement in which the victim was described or depicted was instrumental in facilitating the commission of ${countOf(internetAdCount, "offense", "offenses")}; under RCW 9.68A.106 the defendant shall pay an additional fee of ${formatCents(internetAdvertisementFeeCents(internetAdCount))} (${formatCents(INTERNET_ADVERTISEMENT_FEE_CENTS)} per offense), for deposit in the prostitution prevention and intervention account (RCW 43.63A.740).`,
    );
  }
  if (depictionCount > 0) {
    sentences.push(
      `Under RCW 9.68A.107 the defendant shall pay an additional fee of ${formatCents(depictionFeeCents(depictionCount))} (${formatCents(DEPICTION_FEE_CENTS)} for each of ${countOf(depictionCount, "depiction or image", "depictions or images")} of visual or printed matter constituting a separate conviction for possession of depictions of a minor engaged in sexually explicit conduct), for deposit in the child rescue fund.`,
    );
  }
  return sentences.join(" ");
}
