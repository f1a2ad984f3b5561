import { BASIS_POINTS_WHOLE, splitCents, type Cents } from "./money";

// How a jurisdiction divides its fee revenue. The statutes fix two lines and leave the rest local:
// RCW 9A.88.120(3) and 9.68A.105(2) require at least 50% on prevention (education programs for
// offenders, rehabilitative services for victims) and 2% remitted quarterly to the Department of
// Commerce; the remaining 48% or less may go to any lawful local effort, enforcement included.

export const ALLOCATION_CATEGORIES = ["prevention", "commerce", "enforcement", "other_local"] as const;
export type AllocationCategory = (typeof ALLOCATION_CATEGORIES)[number];

export type AllocationLine = { key: string; label: string; category: AllocationCategory; basisPoints: number };
export type AllocationPolicy = { lines: readonly AllocationLine[] };

/** At least 50% of the revenue on prevention. */
export const PREVENTION_MINIMUM_BASIS_POINTS = 5_000;
/** Exactly 2% to the Department of Commerce. */
export const COMMERCE_BASIS_POINTS = 200;

/**
 * The Ending Exploitation Collaborative's split in King County: half to local direct service providers,
 * 48% to the law-enforcement agency that hosted the operation, 2% to Commerce. The 48% is a local choice,
 * not a mandate. Prevention is listed first, so under the split's tie rule it receives a tied cent.
 */
export const KING_COUNTY_DEFAULT_POLICY: AllocationPolicy = {
  lines: [
    { key: "direct_services", label: "Local direct service providers", category: "prevention", basisPoints: 5_000 },
    { key: "hosting_agency", label: "Law-enforcement agency that hosted the operation", category: "enforcement", basisPoints: 4_800 },
    { key: "commerce", label: "Department of Commerce", category: "commerce", basisPoints: COMMERCE_BASIS_POINTS },
  ],
};

/** Basis points as a percentage for people to read: 5000 → "50%", 9999 → "99.99%". */
export function formatBasisPoints(basisPoints: number): string {
  return `${(basisPoints / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** Whether a policy may be used: every refusal, each as a sentence that says what the statute requires. */
export function checkPolicy(policy: AllocationPolicy): { ok: true } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const { lines } = policy;
  if (lines.length === 0) return { ok: false, reasons: ["A policy needs at least one line."] };

  if (lines.some((line) => !line.label.trim())) reasons.push("Every line needs a label.");
  const keys = new Set<string>();
  for (const line of lines) {
    if (!line.key.trim()) reasons.push("Every line needs a key.");
    else if (keys.has(line.key)) reasons.push(`Two lines share the key "${line.key}"; each line needs its own.`);
    keys.add(line.key);
  }

  const wellFormed = lines.every((line) => Number.isInteger(line.basisPoints) && line.basisPoints >= 0 && line.basisPoints <= BASIS_POINTS_WHOLE);
  if (!wellFormed) {
    reasons.push("Each line's share must be a whole number of basis points from 0 to 10,000 (0% to 100%).");
    return { ok: false, reasons };
  }

  const total = lines.reduce((sum, line) => sum + line.basisPoints, 0);
  if (total !== BASIS_POINTS_WHOLE) reasons.push(`The lines add up to ${formatBasisPoints(total)}; they must add up to exactly 100%.`);

  const prevention = lines.filter((line) => line.category === "prevention").reduce((sum, line) => sum + line.basisPoints, 0);
  if (prevention < PREVENTION_MINIMUM_BASIS_POINTS) {
    reasons.push(
      `Prevention lines add up to ${formatBasisPoints(prevention)}; RCW 9A.88.120(3) and 9.68A.105(2) require at least 50% of fee revenue to be spent on prevention (education programs for offenders and rehabilitative services for victims).`,
    );
  }

  const commerce = lines.filter((line) => line.category === "commerce");
  if (commerce.length === 0) {
    reasons.push("The policy has no Department of Commerce line; RCW 9A.88.120(3) and 9.68A.105(2) require 2% of fee revenue to be remitted quarterly to the Department of Commerce.");
  } else if (commerce.length > 1) {
    reasons.push(`The policy has ${commerce.length} Department of Commerce lines; it needs exactly one, at 2%, so the quarterly remittance is one amount.`);
  } else if (commerce[0]!.basisPoints !== COMMERCE_BASIS_POINTS) {
    reasons.push(`The Department of Commerce line is ${formatBasisPoints(commerce[0]!.basisPoints)}; RCW 9A.88.120(3) and 9.68A.105(2) set the remittance at exactly 2%.`);
  }

  return reasons.length === 0 ? { ok: true } : { ok: false, reasons };
}

export type Allocation = { key: string; label: string; category: AllocationCategory; cents: Cents };

/**
 * An amount divided by a policy's lines, in the policy's order, by splitCents' rounding rule (so the
 * lines add up to the amount exactly; a negative amount — a reversal — divides as the negation).
 * A policy checkPolicy refuses is refused here too (RangeError), so no money is divided by one.
 */
export function allocate(policy: AllocationPolicy, cents: Cents): Allocation[] {
  const check = checkPolicy(policy);
  if (!check.ok) throw new RangeError(`This allocation policy cannot be used: ${check.reasons.join(" ")}`);
  const parts = splitCents(cents, policy.lines);
  return policy.lines.map((line, index) => ({ key: line.key, label: line.label, category: line.category, cents: parts[index]!.cents }));
}
