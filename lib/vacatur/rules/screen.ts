import { formatCalendarDate as day } from "../../format";
import type { CvpaStatus, Enhancement, Jurisdiction, OffenseCategory, OffenseClass, RestitutionEntry, RestitutionOrder } from "../constants";
import {
  ASSAULT_2,
  ASSAULT_3,
  DUI_PRIOR_IF_CHARGED_AS_DUI,
  DUI_PRIOR_OFFENSES,
  FAILURE_TO_REGISTER,
  FELONY_DUI,
  LEGACY_REPEAL_DATE,
  PATRONIZING,
  PROMOTING_PROSTITUTION,
  PROSTITUTION,
  ROBBERY_2,
  inChapter,
  isLegacyVacaturCitation,
  isSection,
  parseCitation,
  type Citation,
} from "./citations";
import { yearsAfter, yearsHavePassed, withinYearsBefore } from "./dates";
import { DEFINITIONS_SOURCE_NOTE, isCrimeAgainstPersons, isViolentOffense, type Answer } from "./definitions";
import {
  cannabisRoute,
  concernsCannabis,
  concernsDrugPossession,
  concernsHomicideFamily,
  concernsTreatyFishing,
  drugPossessionRoute,
  homicideFamilyRoute,
  treatyFishingRoute,
} from "./mandatory-routes";
import { test, type Blocker, type RouteParts, type ScreenTest, type TestResult } from "./route-kit";

// The vacatur screen (DOMAIN.md §1.6, §6.3): each count of a conviction is tested against every route
// its class allows. Pure: the same facts and date give the same answer, so every rule is unit-tested
// case by case against the statute text. The screen is an aid for the attorney, never legal advice.
//
// Tests come in two kinds. "eligibility" tests decide the route's outcome. "confirm" tests are facts
// Clearway does not hold or that only the attorney and survivor can settle (the sworn declaration, a
// protection order, an unsettled question of law); they are listed for the attorney, never guessed.

/** Bump when a rule changes; every screen shows the version it was made under. */
export const RULESET_VERSION = "wa-2026.12.1";
export const RULESET_DESCRIPTION = `RCW 9.96.060 (2024 c 296 § 1), 9.96.080 (2021 c 237 § 5), 9.94A.640 and 9.94A.648 (2021 c 237 §§ 2–3), 9.94A.637 (2021 c 215 § 101). Victims as defined in RCW 9.94A.030(55)–(57) (2021 c 237 § 1). ${DEFINITIONS_SOURCE_NOTE} Periods of years end on the same date N years later (a February 29 start ends on March 1).`;
export const NOT_LEGAL_ADVICE =
  "This screen is an aid for the attorney, not legal advice. It reads only what was recorded here; the attorney decides eligibility and records their own conclusion.";

export const ROUTES = [
  "rcw_9_96_080",
  "rcw_9_96_060_2",
  "rcw_9_96_060_4",
  "rcw_9_96_060_5",
  "rcw_9_96_060_6",
  "rcw_9_96_060_7",
  "rcw_9_94a_648",
  "rcw_9_94a_640",
  "none",
] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_LABELS: Record<Route, { title: string; citation: string }> = {
  rcw_9_96_080: { title: "Survivor route, misdemeanor or gross misdemeanor", citation: "RCW 9.96.060(3), 9.96.080" },
  rcw_9_96_060_2: { title: "General misdemeanor route", citation: "RCW 9.96.060(2)" },
  rcw_9_96_060_4: { title: "Treaty Indian fishing conviction before 1975", citation: "RCW 9.96.060(4)" },
  rcw_9_96_060_5: { title: "Misdemeanor cannabis offense, 21 or older", citation: "RCW 9.96.060(5)" },
  rcw_9_96_060_6: { title: "Drug possession after treatment or a diversion program", citation: "RCW 9.96.060(6)" },
  rcw_9_96_060_7: { title: "Family member of a homicide victim (prostitution)", citation: "RCW 9.96.060(7)" },
  rcw_9_94a_648: { title: "Survivor route, class B or C felony", citation: "RCW 9.94A.640(3), 9.94A.648" },
  rcw_9_94a_640: { title: "General felony route", citation: "RCW 9.94A.640" },
  none: { title: "No vacatur route", citation: "RCW 9.94A.640" },
};

export type { TestResult };
export type RouteOutcome = "appears_eligible" | "blocked" | "needs_review" | "not_eligible";
export const ROUTE_OUTCOME_LABELS: Record<RouteOutcome, string> = {
  appears_eligible: "Appears eligible",
  blocked: "Blocked for now",
  needs_review: "Needs information",
  not_eligible: "Not eligible",
};
type RouteScreen = { route: Route; title: string; citation: string; outcome: RouteOutcome; tests: ScreenTest[]; blockers: Blocker[]; earliestDate: string | null };
export type CountScreen = { count: number; offense: string; citation: string; offenseClass: OffenseClass; routes: RouteScreen[] };
export type ConvictionScreen = { rulesetVersion: string; asOf: string; notes: string[]; counts: CountScreen[]; earliestDate: string | null };

export type ScreenCount = {
  count: number;
  offense: string;
  citation: string;
  offenseClass: OffenseClass;
  category: OffenseCategory;
  enhancement: Enhancement;
};
export type ScreenConviction = {
  id: string;
  counts: readonly ScreenCount[];
  dispositionDate: string | null;
  sentencingDate: string | null;
  confinementReleaseDate: string | null;
  supervisionEndDate: string | null;
  dischargeDate: string | null;
  cvpa: CvpaStatus;
  restitution: { order: RestitutionOrder; entries: readonly RestitutionEntry[] };
  citedRoute: string | null;
};
export type ScreenContext = {
  /** The survivor's recorded victimization types (lib/survivors/constants.ts). */
  victimizationTypes: readonly string[];
  pendingCharges: readonly { jurisdiction: Jurisdiction; offense: string; citation: string | null; prostitution: boolean }[];
  /** Later convictions recorded on their own, plus the survivor's other recorded convictions. */
  otherConvictions: readonly { date: string; jurisdiction: Jurisdiction; description: string }[];
  /** Whether the survivor's sworn declaration is signed (from the matter), or null outside a matter. */
  declarationSigned: boolean | null;
  /**
   * Whether the applicant is a family member applying for a survivor who died as a victim of homicide
   * (RCW 9.96.060(7)). Clearway's matters are survivors' own petitions, so this is unset and the route
   * is not screened; a matter that records such an application sets it.
   */
  homicideFamilyApplicant?: boolean;
};

/**
 * The survivor's recorded victimization types, read against the definitions the survivor routes use
 * ("as defined in RCW 9.94A.030", 2021 c 237 § 1): (56) a victim of sex trafficking, prostitution, or
 * commercial sexual abuse of a minor; (57) a victim of sexual assault, whose "sexual assault offenses
 * include, but are not limited to, the offenses defined in chapter 9A.44 RCW" (rape of a child and child
 * molestation among them); (55) a victim of domestic violence. Stalking is domestic violence only when an
 * intimate partner or household member did it, so it is a question, not an answer.
 */
const COVERED_VICTIMIZATIONS: Record<string, { as: string; citation: string }> = {
  sex_trafficking: { as: "sex trafficking", citation: "RCW 9.94A.030(56)" },
  commercial_sexual_exploitation: { as: "prostitution or commercial sexual abuse of a minor", citation: "RCW 9.94A.030(56)" },
  sexual_assault: { as: "sexual assault", citation: "RCW 9.94A.030(57)" },
  child_sexual_abuse: { as: "sexual assault (a chapter 9A.44 RCW offense)", citation: "RCW 9.94A.030(57)" },
  domestic_violence: { as: "domestic violence", citation: "RCW 9.94A.030(55)" },
};
const POSSIBLY_COVERED_VICTIMIZATIONS: Record<string, string> = {
  stalking:
    "Stalking is recorded: it is domestic violence under RCW 9.94A.030(55) when an intimate partner or household member did it as part of a pattern of coercive control. Confirm, and record domestic violence if so.",
};

function latest(dates: readonly (string | null)[]): string | null {
  const known = dates.filter((d): d is string => Boolean(d)).sort();
  return known.at(-1) ?? null;
}

/** Adds a test and, when it names one, its blocker. */
function collect(tests: ScreenTest[], blockers: Blocker[], result: { test: ScreenTest; blocker: Blocker | null }) {
  tests.push(result.test);
  if (result.blocker) blockers.push(result.blocker);
}

function isProstitutionRelated(count: ScreenCount, citation: Citation): boolean {
  return count.category !== "other" || isSection(citation, PROSTITUTION);
}

// ---------------------------------------------------------------------------------------------
// Shared tests

function victimTest(context: ScreenContext, citation: string): ScreenTest {
  const label = "The survivor is a victim of sex trafficking, prostitution or commercial sexual abuse of a minor, sexual assault, or domestic violence, as RCW 9.94A.030 defines them";
  const covered = context.victimizationTypes.flatMap((t) => (COVERED_VICTIMIZATIONS[t] ? [COVERED_VICTIMIZATIONS[t]] : []));
  if (covered.length) {
    const named = [...new Set(covered.map((c) => `${c.as} (${c.citation})`))];
    return test("victim", label, "met", `Recorded victimization: ${named.join("; ")}.`, citation);
  }
  const possible = context.victimizationTypes.flatMap((t) => (POSSIBLY_COVERED_VICTIMIZATIONS[t] ? [POSSIBLY_COVERED_VICTIMIZATIONS[t]] : []));
  return test("victim", label, "unknown", possible.length ? possible.join(" ") : "None of these is recorded for the survivor. Record it on the survivor if it applies.", citation);
}

function declarationTest(context: ScreenContext, citation: string): ScreenTest {
  const label = "Sworn declaration proves, by a preponderance, the offense resulted from the victimization";
  if (context.declarationSigned) return test("declaration", label, "met", "The matter records the survivor's signed declaration.", citation, "confirm");
  return test("declaration", label, "unknown", "The survivor writes and signs this in their own words; Clearway never drafts it.", citation, "confirm");
}

/**
 * Which courts a subsection names. Tribal courts count exactly where the subsection names them: RCW
 * 9.96.060(2)(b) and (h), 9.96.080(2)(c), 9.94A.648(2)(c) and (d) do; RCW 9.96.080(2)(b), 9.94A.648(2)(b) and
 * 9.94A.640(2)(a), (c) and (d) name courts "of this state or another state, or ... federal court" only.
 */
type Courts = { tribal: boolean; words: string };
const WITH_TRIBAL: Courts = { tribal: true, words: "this state, another state, or federal or tribal court" };
const WITHOUT_TRIBAL: Courts = { tribal: false, words: "this state, another state, or federal court" };

function pendingChargesTest(context: ScreenContext, options: { exceptProstitution: boolean; courts: Courts }, citation: string): { test: ScreenTest; blocker: Blocker | null } {
  const isProstitution = (c: ScreenContext["pendingCharges"][number]) => c.prostitution || isSection(parseCitation(c.citation), PROSTITUTION);
  const excepted = (c: ScreenContext["pendingCharges"][number]) => options.exceptProstitution && isProstitution(c);
  const counted = context.pendingCharges.filter((c) => (options.courts.tribal || c.jurisdiction !== "tribal") && !excepted(c));
  const label = options.exceptProstitution ? "No pending charges other than prostitution" : "No pending charges";
  const tribal = options.courts.tribal ? [] : context.pendingCharges.filter((c) => c.jurisdiction === "tribal" && !excepted(c));
  const note = tribal.length ? ` A pending tribal-court charge does not count under ${citation}: it names charges pending in ${options.courts.words}.` : "";
  if (counted.length === 0) {
    const evidence = context.pendingCharges.length ? `Pending charges recorded, none counted: ${context.pendingCharges.map((c) => c.offense).join("; ")}.` : "No pending charges recorded.";
    return { test: test("pending", label, "met", `${evidence}${note}`, citation), blocker: null };
  }
  const list = counted.map((c) => `${c.offense} (${c.jurisdiction.replace("_", " ")})`).join("; ");
  return {
    test: test("pending", label, "not_met", `Pending: ${list}.${note}`, citation),
    blocker: {
      label: `Pending charge: ${list}`,
      clears: options.exceptProstitution
        ? "Resolution of the pending charge. A pending prostitution charge does not block this route (RCW 9A.88.040 gives victims a defense to it)."
        : "Resolution of the pending charge.",
      until: null,
    },
  };
}

function lookbackTest(context: ScreenContext, asOf: string, years: number, courts: Courts, citation: string): { test: ScreenTest; blocker: Blocker | null } {
  // One date rule (dates.ts): a conviction counts until `years` whole years have passed since it.
  const recent = context.otherConvictions.filter((c) => withinYearsBefore(c.date, years, asOf));
  const inWindow = recent.filter((c) => courts.tribal || c.jurisdiction !== "tribal");
  const tribal = recent.length - inWindow.length;
  const note = tribal ? ` A tribal-court conviction does not count under ${citation}: it names convictions in ${courts.words}.` : "";
  const label = `No new conviction in the ${years} years before applying`;
  if (inWindow.length === 0) {
    const evidence = context.otherConvictions.length ? `Later convictions recorded, none in the ${years} years before ${day(asOf)}.` : "No later conviction recorded.";
    return { test: test(`lookback_${years}`, label, "met", `${evidence}${note}`, citation), blocker: null };
  }
  const last = latest(inWindow.map((c) => c.date))!;
  const until = yearsAfter(last, years);
  const list = inWindow.map((c) => `${c.description} (${day(c.date)})`).join("; ");
  return {
    test: test(`lookback_${years}`, label, "not_met", `Within the window: ${list}.${note}`, citation),
    blocker: { label: `Conviction within ${years} years: ${list}`, clears: `The ${years}-year window passes on ${day(until)}.`, until },
  };
}

/** "Less than N years have passed since" `base` (the later of the dates the subsection lists): the route's waiting period. */
function waitTest(base: string | null, years: number, label: string, missing: string, citation: string, asOf: string): { test: ScreenTest; blocker: Blocker | null } {
  if (!base) return { test: test("wait", label, "unknown", missing, citation), blocker: null };
  const until = yearsAfter(base, years);
  if (yearsHavePassed(base, years, asOf)) return { test: test("wait", label, "met", `Counted from ${day(base)}; the wait ended ${day(until)}.`, citation), blocker: null };
  return {
    test: test("wait", label, "not_met", `Counted from ${day(base)}; the wait ends ${day(until)}.`, citation),
    blocker: { label: "Waiting period", clears: `The ${years}-year wait ends on ${day(until)}.`, until },
  };
}

function cvpaTest(conviction: ScreenConviction, exempt: boolean, citation: string): { test: ScreenTest; blocker: Blocker | null } {
  const label = "Crime victim penalty assessment paid in full";
  if (exempt) return { test: test("cvpa", label, "met", "Not required for prostitution, prostitution loitering or stay-out-of-area offenses.", citation), blocker: null };
  switch (conviction.cvpa) {
    case "paid":
      return { test: test("cvpa", label, "met", "Recorded as paid in full.", citation), blocker: null };
    case "not_imposed":
      return { test: test("cvpa", label, "met", "Recorded as not imposed.", citation), blocker: null };
    case "waived":
      return {
        test: test("cvpa", label, "unknown", "Recorded as waived. Whether a waived assessment counts as paid in full is unresolved; ask counsel.", citation),
        blocker: null,
      };
    case "unpaid":
      return {
        test: test("cvpa", label, "not_met", "Recorded as imposed and not paid in full.", citation),
        blocker: { label: "Crime victim penalty assessment unpaid", clears: "Payment in full, or a motion to waive it (2023 c 449) if counsel agrees a waiver suffices.", until: null },
      };
    default:
      return { test: test("cvpa", label, "unknown", "Not yet known. Ask the clerk for the LFO status.", citation), blocker: null };
  }
}

/** RCW 9.96.080(2)(e), 9.94A.648(2)(f): restitution owed to any victim, "excluding restitution owed to any insurance provider under Title 48 RCW", paid in full. */
function victimRestitutionTest(conviction: ScreenConviction, citation: string): { test: ScreenTest; blocker: Blocker | null } {
  const label = "Restitution owed to any victim paid in full (restitution owed to an insurer excluded)";
  const { order, entries } = conviction.restitution;
  if (order === "none") return { test: test("restitution", label, "met", "None ordered.", citation), blocker: null };
  if (order === "unknown") return { test: test("restitution", label, "unknown", "Not yet known. Ask the clerk for the LFO status.", citation), blocker: null };
  const counted = entries.filter((e) => e.owedTo !== "insurer");
  const insurers = entries.length - counted.length;
  const excluded = insurers ? ` Restitution owed to an insurer (${insurers === 1 ? "one entry" : `${insurers} entries`}) does not count here.` : "";
  if (counted.some((e) => e.owedTo === "victim" && e.payment === "unpaid")) {
    return {
      test: test("restitution", label, "not_met", `Restitution owed to a victim is not paid in full.${excluded}`, citation),
      blocker: { label: "Restitution to a victim unpaid", clears: "Payment in full of the restitution owed to the victim.", until: null },
    };
  }
  // An agency or fund (a state agency, the crime victims' compensation program) is not an insurer under
  // Title 48 RCW, but the text does not say it is a "victim" either: the attorney decides, the screen does not.
  if (counted.some((e) => e.owedTo === "other" && e.payment === "unpaid")) {
    return {
      test: test("restitution", label, "unknown", `Restitution owed to an agency or fund is not paid in full. Whether that payee is a "victim" here, not an insurer under Title 48 RCW, is to confirm with counsel.${excluded}`, citation),
      blocker: null,
    };
  }
  if (counted.some((e) => e.payment === "unknown")) return { test: test("restitution", label, "unknown", `Whether restitution owed to a victim is paid is not yet known.${excluded}`, citation), blocker: null };
  return { test: test("restitution", label, "met", counted.length ? `Recorded as paid in full.${excluded}` : `Owed to an insurer only.${excluded}`, citation), blocker: null };
}

/**
 * Every legal financial obligation, restitution to anyone (insurers included) and the assessment: what
 * "satisfaction of financial obligations" (RCW 9.96.060(2)(a)) and a certificate of discharge ("any and all
 * legal financial obligations", RCW 9.94A.637) require.
 */
function allObligations(conviction: ScreenConviction): { state: "paid" | "unpaid" | "unknown"; unpaid: string[] } {
  const unpaid: string[] = [];
  if (conviction.cvpa === "unpaid") unpaid.push("the crime victim penalty assessment");
  const { order, entries } = conviction.restitution;
  const owed = entries.filter((e) => e.payment === "unpaid");
  if (owed.some((e) => e.owedTo !== "insurer")) unpaid.push("restitution owed to a victim or other payee");
  if (owed.some((e) => e.owedTo === "insurer")) unpaid.push("restitution owed to an insurer");
  if (unpaid.length) return { state: "unpaid", unpaid };
  const unknown = conviction.cvpa === "unknown" || order === "unknown" || entries.some((e) => e.payment === "unknown");
  return { state: unknown ? "unknown" : "paid", unpaid };
}

function classTest(count: ScreenCount, allowed: readonly OffenseClass[], label: string, citation: string): ScreenTest {
  const ok = allowed.includes(count.offenseClass);
  return test("class", label, ok ? "met" : "not_met", `Recorded as ${count.offenseClass.replace(/_/g, " ")}.`, citation);
}

const ANSWER_WORDS: Record<Answer, string> = { yes: "is", no: "is not", unknown: "may be" };

/**
 * RCW 9.94A.640(2)(b) and 9.94A.648(3)(a): not a violent offense as defined in RCW 9.94A.030 or a crime
 * against persons as defined in RCW 43.43.830, except assault 2 (RCW 9A.36.021), assault 3 (RCW 9A.36.031)
 * not against a law enforcement or peace officer, and robbery 2 (RCW 9A.56.210), each only when the
 * conviction did not include a firearm, deadly weapon or sexual motivation enhancement.
 */
function personCrimeTest(count: ScreenCount, citation: Citation, statute: string): ScreenTest {
  const label = "Not a violent offense (RCW 9.94A.030) or crime against persons (RCW 43.43.830); assault 2, assault 3 and robbery 2 excepted without an enhancement";
  if (citation.kind === "missing") return test("person", label, "unknown", "No citation recorded for this count.", statute);
  const cite = citation.text;
  if (citation.kind === "rcw" && !citation.anticipatory && isSection(citation, ASSAULT_2, ROBBERY_2, ASSAULT_3)) {
    if (count.enhancement !== "none") {
      return test("person", label, "not_met", `${cite} with a ${count.enhancement.replace("_", " ")} enhancement is not excepted.`, statute);
    }
    if (isSection(citation, ASSAULT_3)) {
      if (citation.subsection.startsWith("(1)(g)")) return test("person", label, "not_met", "Assault 3 of a law-enforcement officer is not excepted.", statute);
      return test("person", label, "unknown", "Assault 3 is excepted unless it was against a law enforcement or peace officer (RCW 9A.36.031(1)(g)); confirm the subsection.", statute);
    }
    return test("person", label, "met", `${cite} without an enhancement is excepted.`, statute);
  }
  const violent = isViolentOffense(citation, count.offenseClass);
  const persons = isCrimeAgainstPersons(citation, count.offenseClass);
  const evidence = `${cite} ${ANSWER_WORDS[violent]} a violent offense (RCW 9.94A.030) and ${ANSWER_WORDS[persons]} a crime against persons (RCW 43.43.830(7)).`;
  if (violent === "yes" || persons === "yes") return test("person", label, "not_met", evidence, statute);
  if (violent === "no" && persons === "no") return test("person", label, "met", evidence, statute);
  const why =
    citation.kind === "ordinance"
      ? `"${cite}" is not an RCW section; compare it with RCW 9.94A.030 and 43.43.830(7).`
      : citation.kind === "rcw" && citation.objectMissing
        ? `${cite} names an attempt, solicitation or conspiracy without the offense; record both sections (for example "RCW 9A.28.020; 9A.36.021").`
        : `${evidence} The citation does not show what decides it (the object offense's class, the means, or the statute's wording); confirm with the judgment.`;
  return test("person", label, "unknown", why, statute);
}

function outcomeOf(tests: readonly ScreenTest[], blockers: readonly Blocker[], bars: readonly string[]): RouteOutcome {
  const deciding = tests.filter((t) => t.kind === "eligibility");
  if (deciding.some((t) => bars.includes(t.id) && t.result === "not_met")) return "not_eligible";
  // A bar the screen cannot decide outranks a waiting period: no confident "blocked until" date for a route that may be barred.
  if (deciding.some((t) => bars.includes(t.id) && t.result === "unknown")) return "needs_review";
  if (deciding.some((t) => t.result === "not_met")) return blockers.length ? "blocked" : "not_eligible";
  if (deciding.some((t) => t.result === "unknown")) return "needs_review";
  return "appears_eligible";
}

/**
 * The route's screen. Its earliest date is the first day every one of its tests is met, so it is given only
 * when waiting periods are all that stand in the way: not when a blocker has no date (a debt, a pending
 * charge), and not when an eligibility test is still unknown.
 */
function route(id: Route, tests: ScreenTest[], blockers: Blocker[], bars: string[]): RouteScreen {
  const outcome = outcomeOf(tests, blockers, bars);
  const datedOnly = blockers.length > 0 && blockers.every((b) => b.until !== null);
  const undecided = tests.some((t) => t.kind === "eligibility" && t.result === "unknown");
  return {
    route: id,
    ...ROUTE_LABELS[id],
    outcome,
    tests,
    blockers: outcome === "not_eligible" ? [] : blockers,
    earliestDate: outcome === "blocked" && datedOnly && !undecided ? latest(blockers.map((b) => b.until)) : null,
  };
}

function fromParts(id: Route, parts: RouteParts): RouteScreen {
  return route(id, parts.tests, parts.blockers, parts.bars);
}

// ---------------------------------------------------------------------------------------------
// Routes

/** RCW 9.96.080: misdemeanors and gross misdemeanors committed as a result of victimization. */
export function screenSurvivorMisdemeanor(conviction: ScreenConviction, count: ScreenCount, context: ScreenContext, asOf: string): RouteScreen {
  const statute = "RCW 9.96.080";
  const citation = parseCitation(count.citation);
  const tests: ScreenTest[] = [];
  const blockers: Blocker[] = [];
  tests.push(classTest(count, ["misdemeanor", "gross_misdemeanor"], "A misdemeanor or gross misdemeanor", statute));

  const barLabel = "Not a barred offense (ch. 9.68, 9.68A, 9A.44 except failure to register; RCW 46.61.5055 offenses; patronizing)";
  if (citation.kind === "missing") tests.push(test("bar", barLabel, "unknown", "No citation recorded for this count.", "RCW 9.96.080(3)"));
  else if (citation.kind === "rcw" && citation.objectMissing) tests.push(test("bar", barLabel, "unknown", OBJECT_MISSING(citation.text), "RCW 9.96.080(3)"));
  else if (isSection(citation, PATRONIZING)) tests.push(test("bar", barLabel, "not_met", "Patronizing a prostitute (RCW 9A.88.110) is barred.", "RCW 9.96.080(3)"));
  else if (inChapter(citation, "9.68", "9.68A", "9A.44") && !isSection(citation, FAILURE_TO_REGISTER)) {
    tests.push(test("bar", barLabel, "not_met", `${citation.text} is in a barred chapter.`, "RCW 9.96.080(3)"));
  } else if (isSection(citation, ...DUI_PRIOR_OFFENSES)) tests.push(test("bar", barLabel, "not_met", `${citation.text} is an offense described in RCW 46.61.5055.`, "RCW 9.96.080(3)"));
  else if (isSection(citation, ...DUI_PRIOR_IF_CHARGED_AS_DUI)) {
    tests.push(test("bar", barLabel, "unknown", `${citation.text} is barred if it was originally charged as DUI or physical control (RCW 46.61.5055); check the charging document.`, "RCW 9.96.080(3)"));
  } else if (citation.kind === "ordinance" && count.category === "other") {
    tests.push(test("bar", barLabel, "unknown", `"${citation.text}" is a local ordinance; compare it with the barred state offenses.`, "RCW 9.96.080(3)"));
  } else tests.push(test("bar", barLabel, "met", `${citation.text} is not on the bar list.`, "RCW 9.96.080(3)"));

  tests.push(victimTest(context, "RCW 9.96.080(1)(a), 9.94A.030"));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: true, courts: WITHOUT_TRIBAL }, "RCW 9.96.080(2)(b)"));

  if (count.offenseClass === "misdemeanor") {
    collect(tests, blockers, lookbackTest(context, asOf, 3, WITH_TRIBAL, "RCW 9.96.080(2)(c)"));
  } else if (count.offenseClass === "gross_misdemeanor") {
    tests.push(
      test("lookback_3", "No new conviction in the 3 years before applying", "met", "The text applies this test to misdemeanors only, not gross misdemeanors (to confirm with counsel).", "RCW 9.96.080(2)(c)", "confirm"),
    );
  }
  collect(tests, blockers, cvpaTest(conviction, isProstitutionRelated(count, citation), "RCW 9.96.080(2)(d)"));
  collect(tests, blockers, victimRestitutionTest(conviction, "RCW 9.96.080(2)(e)"));
  tests.push(declarationTest(context, "RCW 9.96.080(2)(a)"));
  return route("rcw_9_96_080", tests, blockers, ["class", "bar"]);
}

const OBJECT_MISSING = (text: string) => `${text} names an attempt, solicitation or conspiracy without the offense; record both sections (for example "RCW 9A.28.020; 9A.36.021").`;
/** RCW 9.96.060(2)(d): barred outright. */
const DUI_OFFENSES_060 = ["46.61.502", "46.61.504", "9.91.020"];

/**
 * RCW 9.96.060(2)(c)–(e), and nothing else: (c) a violent offense as defined in RCW 9.94A.030 (a list of
 * felonies, so never a misdemeanor) or an attempt to commit one; (d) DUI, physical control, railroad
 * intoxication, or a "prior offense" under RCW 46.61.5055 with a later alcohol or drug violation within 10
 * years or less than 10 years since its arrest; (e) a violation, including attempt, of ch. 9.68, 9.68A or
 * 9A.44 except failure to register (RCW 9A.44.132).
 */
function generalMisdemeanorBarTest(count: ScreenCount, citation: Citation): ScreenTest {
  const label = "Not a barred offense (violent offense or an attempt; DUI, physical control, railroad intoxication or a DUI prior offense; ch. 9.68, 9.68A, 9A.44 except failure to register)";
  const bar = (result: TestResult, evidence: string, sub: "c" | "d" | "e" | null) => test("bar", label, result, evidence, sub ? `RCW 9.96.060(2)(${sub})` : "RCW 9.96.060(2)");
  if (citation.kind === "missing") return bar("unknown", "No citation recorded for this count.", null);
  if (citation.kind === "ordinance") {
    if (isProstitutionRelated(count, citation)) return bar("met", `"${citation.text}" is a prostitution-related ordinance, not on the bar list.`, null);
    return bar("unknown", `"${citation.text}" is a local ordinance; compare it with the offenses RCW 9.96.060(2)(c)–(e) bar (a local DUI ordinance can be a prior offense under RCW 46.61.5055).`, null);
  }
  if (citation.objectMissing) return bar("unknown", OBJECT_MISSING(citation.text), null);
  const kind = citation.anticipatory;
  if (inChapter(citation, "9.68", "9.68A", "9A.44") && !isSection(citation, FAILURE_TO_REGISTER)) {
    if (kind === null || kind === "attempt") return bar("not_met", `${citation.text} is a violation${kind ? ", by attempt," : ""} of ch. 9.68, 9.68A or 9A.44.`, "e");
    return bar("unknown", `${citation.text} is a ${kind} to commit a ch. 9.68, 9.68A or 9A.44 offense; the subsection names violations "including attempt". Ask counsel.`, "e");
  }
  if (isSection(citation, ...DUI_OFFENSES_060)) {
    if (kind === null) return bar("not_met", `${citation.text} is barred by name.`, "d");
    return bar("unknown", `${citation.text} is a ${kind} to commit an offense the subsection bars by name; ask counsel.`, "d");
  }
  if (isSection(citation, ...DUI_PRIOR_OFFENSES, ...DUI_PRIOR_IF_CHARGED_AS_DUI)) {
    return bar(
      "unknown",
      `${citation.text} can be a prior offense under RCW 46.61.5055; it is barred if there was a later alcohol or drug violation within 10 years of its arrest, or if less than 10 years have passed since that arrest. Record the arrest date and any later violation.`,
      "d",
    );
  }
  if (kind === "attempt") {
    const object = { ...citation, anticipatory: null };
    const violent = isViolentOffense(object, "felony_b");
    if (violent === "yes") return bar("not_met", `${citation.text} is an attempt to commit a violent offense (RCW 9.94A.030).`, "c");
    if (violent === "unknown") return bar("unknown", `${citation.text} is an attempt; whether its object is a violent offense (RCW 9.94A.030) depends on facts the citation does not show.`, "c");
  }
  const violent = isViolentOffense(citation, count.offenseClass);
  if (violent === "yes") return bar("not_met", `${citation.text} is a violent offense (RCW 9.94A.030).`, "c");
  if (violent === "unknown") return bar("unknown", `Whether ${citation.text} is a violent offense (RCW 9.94A.030) depends on facts the citation does not show.`, "c");
  return bar("met", `${citation.text} is not on the bar list: a misdemeanor is never a violent offense (RCW 9.94A.030 lists felonies), and it is not a DUI-family or ch. 9.68, 9.68A, 9A.44 offense.`, null);
}

/** RCW 9.96.060(2): the general misdemeanor route, for when the survivor route does not fit. */
export function screenGeneralMisdemeanor(conviction: ScreenConviction, count: ScreenCount, context: ScreenContext, asOf: string): RouteScreen {
  const statute = "RCW 9.96.060(2)";
  const citation = parseCitation(count.citation);
  const tests: ScreenTest[] = [];
  const blockers: Blocker[] = [];
  tests.push(classTest(count, ["misdemeanor", "gross_misdemeanor"], "A misdemeanor or gross misdemeanor", statute));
  tests.push(generalMisdemeanorBarTest(count, citation));

  // (2)(a): all terms of the sentence complete, "including satisfaction of financial obligations" (2024 c 296):
  // every obligation counts here, restitution owed to an insurer included.
  const obligations = allObligations(conviction);
  const supervisionDone = conviction.supervisionEndDate ? conviction.supervisionEndDate <= asOf : null;
  const completeLabel = "All terms of the sentence complete, including satisfaction of financial obligations";
  const complete = "RCW 9.96.060(2)(a)";
  if (obligations.state === "unpaid") {
    tests.push(test("complete", completeLabel, "not_met", `Not paid in full: ${obligations.unpaid.join("; ")}.`, complete));
    blockers.push({ label: "Financial obligations unpaid", clears: `Payment in full of ${obligations.unpaid.join(" and ")}.`, until: null });
  } else if (supervisionDone === false) {
    tests.push(test("complete", completeLabel, "not_met", `Supervision ends ${day(conviction.supervisionEndDate)}.`, complete));
    blockers.push({ label: "Sentence not complete", clears: `Completing supervision on ${day(conviction.supervisionEndDate)}.`, until: conviction.supervisionEndDate });
  } else if (obligations.state === "unknown" || supervisionDone === null) {
    tests.push(test("complete", completeLabel, "unknown", "Record the supervision end date, the assessment's status and each restitution entry.", complete));
  } else tests.push(test("complete", completeLabel, "met", "Supervision ended and no financial obligation is recorded as unpaid.", complete));

  const base = latest([conviction.supervisionEndDate, conviction.confinementReleaseDate, conviction.sentencingDate]);
  collect(
    tests,
    blockers,
    waitTest(base, 3, "3 years since the later of release from supervision or probation, release from confinement, or sentencing", "No sentencing, release or supervision date recorded.", "RCW 9.96.060(2)(g)", asOf),
  );
  collect(tests, blockers, lookbackTest(context, asOf, 3, WITH_TRIBAL, "RCW 9.96.060(2)(h)"));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: false, courts: WITH_TRIBAL }, "RCW 9.96.060(2)(b)"));
  tests.push(
    test(
      "protection_order",
      "Not restrained by a protection, no-contact or restraining order, and none violated in 5 years",
      "unknown",
      "Clearway does not record protection orders; confirm with the survivor and the court index.",
      "RCW 9.96.060(2)(i)",
      "confirm",
    ),
  );
  tests.push(
    test(
      "dv",
      "If domestic-violence related: notice to the prosecuting attorney, fewer than two DV convictions from different incidents, a truthful affidavit, and 5 years since the non-financial terms were complete",
      "unknown",
      "Confirm whether the offense involved domestic violence; if it did, these conditions replace the 3-year wait.",
      "RCW 9.96.060(2)(f)",
      "confirm",
    ),
  );
  return route("rcw_9_96_060_2", tests, blockers, ["class", "bar"]);
}

const FELONY_YEARS: Partial<Record<OffenseClass, number>> = { felony_b: 10, felony_c: 5 };
/** The subsections of the survivor felony route's look-back, by class. */
const SURVIVOR_FELONY_LOOKBACK: Partial<Record<OffenseClass, string>> = { felony_c: "RCW 9.94A.648(2)(c)", felony_b: "RCW 9.94A.648(2)(d)" };
/** The subsections of the general felony route's look-back and wait, by class. */
const GENERAL_FELONY_SUBSECTIONS: Partial<Record<OffenseClass, { lookback: string; wait: string }>> = {
  felony_b: { lookback: "RCW 9.94A.640(2)(c)", wait: "RCW 9.94A.640(2)(e)" },
  felony_c: { lookback: "RCW 9.94A.640(2)(d)", wait: "RCW 9.94A.640(2)(f)" },
};

/** RCW 9.94A.648: class B and C felonies committed as a result of victimization. */
export function screenSurvivorFelony(conviction: ScreenConviction, count: ScreenCount, context: ScreenContext, asOf: string): RouteScreen {
  const statute = "RCW 9.94A.648";
  const citation = parseCitation(count.citation);
  const tests: ScreenTest[] = [];
  const blockers: Blocker[] = [];
  tests.push(classTest(count, ["felony_b", "felony_c"], "A class B or C felony", `${statute}(1)(a)`));
  tests.push(personCrimeTest(count, citation, `${statute}(3)(a)`));
  const barLabel = "Not felony DUI or physical control, and not promoting prostitution 1st or 2nd degree";
  if (citation.kind === "missing") tests.push(test("bar", barLabel, "unknown", "No citation recorded for this count.", `${statute}(3)`));
  else if (isSection(citation, ...FELONY_DUI)) tests.push(test("bar", barLabel, "not_met", `${citation.text} is felony DUI or physical control.`, `${statute}(3)(b)`));
  else if (isSection(citation, ...PROMOTING_PROSTITUTION)) tests.push(test("bar", barLabel, "not_met", `${citation.text} is promoting prostitution, which is barred.`, `${statute}(3)(c)`));
  else tests.push(test("bar", barLabel, "met", `${citation.text} is neither.`, `${statute}(3)`));
  tests.push(victimTest(context, "RCW 9.94A.640(3), 9.94A.648(1)(a), 9.94A.030"));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: true, courts: WITHOUT_TRIBAL }, `${statute}(2)(b)`));
  const years = FELONY_YEARS[count.offenseClass];
  const lookback = SURVIVOR_FELONY_LOOKBACK[count.offenseClass];
  if (years && lookback) collect(tests, blockers, lookbackTest(context, asOf, years, WITH_TRIBAL, lookback));
  // No prostitution exception for felonies.
  collect(tests, blockers, cvpaTest(conviction, false, `${statute}(2)(e)`));
  collect(tests, blockers, victimRestitutionTest(conviction, `${statute}(2)(f)`));
  tests.push(declarationTest(context, `${statute}(2)(a)`));
  tests.push(
    test(
      "discharge",
      "Certificate of discharge",
      conviction.dischargeDate ? "met" : "unknown",
      conviction.dischargeDate
        ? `Discharged ${day(conviction.dischargeDate)}.`
        : "RCW 9.94A.648 does not mention a certificate of discharge; 9.94A.640(1) does. Whether the survivor route needs one is unresolved (to confirm with counsel).",
      statute,
      "confirm",
    ),
  );
  return route("rcw_9_94a_648", tests, blockers, ["class", "person", "bar"]);
}

/** RCW 9.94A.640: the general felony route (discharge and crime-free waiting periods). */
export function screenGeneralFelony(conviction: ScreenConviction, count: ScreenCount, context: ScreenContext, asOf: string): RouteScreen {
  const statute = "RCW 9.94A.640";
  const citation = parseCitation(count.citation);
  const tests: ScreenTest[] = [];
  const blockers: Blocker[] = [];
  tests.push(classTest(count, ["felony_b", "felony_c"], "A class B or C felony", `${statute}(2)(c)–(f)`));
  tests.push(personCrimeTest(count, citation, `${statute}(2)(b)`));
  const duiLabel = "Not felony DUI or physical control";
  tests.push(
    citation.kind === "missing"
      ? test("bar", duiLabel, "unknown", "No citation recorded for this count.", `${statute}(2)(g)`)
      : test("bar", duiLabel, isSection(citation, ...FELONY_DUI) ? "not_met" : "met", citation.text, `${statute}(2)(g)`),
  );
  // (1): discharged under RCW 9.94A.637, which needs "any and all legal financial obligations" satisfied,
  // restitution owed to an insurer included; so an unpaid obligation blocks until paid and discharged.
  const discharge = "RCW 9.94A.640(1), 9.94A.637";
  const dischargeLabel = "Discharged (certificate of discharge, RCW 9.94A.637), which needs every legal financial obligation satisfied";
  const obligations = allObligations(conviction);
  if (conviction.dischargeDate) tests.push(test("discharge", dischargeLabel, "met", `Discharged ${day(conviction.dischargeDate)}.`, discharge));
  else if (obligations.state === "unpaid") {
    tests.push(test("discharge", dischargeLabel, "not_met", `No discharge recorded, and not paid in full: ${obligations.unpaid.join("; ")}.`, discharge));
    blockers.push({ label: "Financial obligations unpaid", clears: `Payment in full of ${obligations.unpaid.join(" and ")}, then a certificate of discharge.`, until: null });
  } else tests.push(test("discharge", dischargeLabel, "unknown", "Record the date of the certificate of discharge.", discharge));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: false, courts: WITHOUT_TRIBAL }, `${statute}(2)(a)`));
  const years = FELONY_YEARS[count.offenseClass];
  const subsections = GENERAL_FELONY_SUBSECTIONS[count.offenseClass];
  if (years && subsections) {
    collect(tests, blockers, lookbackTest(context, asOf, years, WITHOUT_TRIBAL, subsections.lookback));
    const base = latest([conviction.supervisionEndDate, conviction.confinementReleaseDate, conviction.sentencingDate]);
    const waitLabel = `${years} years since the later of release from community custody, release from confinement, or sentencing`;
    collect(tests, blockers, waitTest(base, years, waitLabel, "No sentencing, release or custody date recorded.", subsections.wait, asOf));
  }
  return route("rcw_9_94a_640", tests, blockers, ["class", "person", "bar"]);
}

function screenClassA(count: ScreenCount): RouteScreen {
  return route("none", [test("class", "Class A felonies cannot be vacated", "not_met", `${count.offense} is recorded as a class A felony.`, "RCW 9.94A.640(2)")], [], ["class"]);
}

/** Screens every count of one conviction against every route its class allows, as of `asOf` (the planned filing date or today). */
export function screenConviction(conviction: ScreenConviction, context: ScreenContext, asOf: string): ConvictionScreen {
  const notes: string[] = [];
  if (isLegacyVacaturCitation(conviction.citedRoute)) {
    notes.push(
      `The paperwork cites RCW 9.96.070. That section was repealed effective ${LEGACY_REPEAL_DATE} (2021 c 237); it is kept as a legacy label, and this conviction is screened under the current survivor routes, RCW 9.96.080 (misdemeanors) and RCW 9.94A.648 (class B and C felonies).`,
    );
  }
  const counts = conviction.counts.map((count): CountScreen => {
    let routes: RouteScreen[];
    const misdemeanor = count.offenseClass === "misdemeanor" || count.offenseClass === "gross_misdemeanor";
    if (misdemeanor) routes = [screenSurvivorMisdemeanor(conviction, count, context, asOf), screenGeneralMisdemeanor(conviction, count, context, asOf)];
    else if (count.offenseClass === "felony_a") routes = [screenClassA(count)];
    else routes = [screenSurvivorFelony(conviction, count, context, asOf), screenGeneralFelony(conviction, count, context, asOf)];
    // The mandatory routes of RCW 9.96.060, each only for a count it can concern.
    if (misdemeanor && concernsCannabis(count)) routes.push(fromParts("rcw_9_96_060_5", cannabisRoute(count)));
    if (concernsDrugPossession(count)) routes.push(fromParts("rcw_9_96_060_6", drugPossessionRoute(count)));
    if (misdemeanor && context.homicideFamilyApplicant && concernsHomicideFamily(count)) routes.push(fromParts("rcw_9_96_060_7", homicideFamilyRoute(count)));
    if (conviction.dispositionDate && concernsTreatyFishing(count, conviction.dispositionDate)) routes.push(fromParts("rcw_9_96_060_4", treatyFishingRoute(count, conviction.dispositionDate)));
    return { count: count.count, offense: count.offense, citation: count.citation, offenseClass: count.offenseClass, routes };
  });
  // The earliest first day some route's tests are all met (a route reports one only when waiting is all that is left).
  const waits = counts.flatMap((c) => c.routes).flatMap((r) => (r.outcome !== "not_eligible" && r.earliestDate ? [r.earliestDate] : []));
  const earliest = waits.sort()[0] ?? null;
  return { rulesetVersion: RULESET_VERSION, asOf, notes, counts, earliestDate: earliest };
}

/** The best outcome across a count's routes, for list badges. */
export function bestOutcome(screen: ConvictionScreen): RouteOutcome {
  const order: RouteOutcome[] = ["appears_eligible", "needs_review", "blocked", "not_eligible"];
  const outcomes = screen.counts.flatMap((c) => c.routes.map((r) => r.outcome));
  return order.find((o) => outcomes.includes(o)) ?? "not_eligible";
}
