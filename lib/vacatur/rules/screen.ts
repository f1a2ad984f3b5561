import { addYears, format, parseISO } from "date-fns";
import type { CvpaStatus, Enhancement, Jurisdiction, OffenseCategory, OffenseClass, RestitutionStatus } from "../constants";
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
import { DEFINITIONS_SOURCE_NOTE, isCrimeAgainstPersons, isViolentOffense, type Answer } from "./definitions";

// The vacatur screen (DOMAIN.md §1.6, §6.3): each count of a conviction is tested against every route
// its class allows. Pure: the same facts and date give the same answer, so every rule is unit-tested
// case by case against the statute text. The screen is an aid for the attorney, never legal advice.
//
// Tests come in two kinds. "eligibility" tests decide the route's outcome. "confirm" tests are facts
// Clearway does not hold or that only the attorney and survivor can settle (the sworn declaration, a
// protection order, an unsettled question of law); they are listed for the attorney, never guessed.

/** Bump when a rule changes; every screen shows the version it was made under. */
export const RULESET_VERSION = "wa-2026.12";
export const RULESET_DESCRIPTION = `RCW 9.96.060 (2024 c 296 § 1), 9.96.080 (2021 c 237 § 5), 9.94A.640 and 9.94A.648 (2021 c 237 §§ 2–3). ${DEFINITIONS_SOURCE_NOTE}`;
export const NOT_LEGAL_ADVICE =
  "This screen is an aid for the attorney, not legal advice. It reads only what was recorded here; the attorney decides eligibility and records their own conclusion.";

export const ROUTES = ["rcw_9_96_080", "rcw_9_96_060_2", "rcw_9_96_060_7", "rcw_9_94a_648", "rcw_9_94a_640", "none"] as const;
export type Route = (typeof ROUTES)[number];
export const ROUTE_LABELS: Record<Route, { title: string; citation: string }> = {
  rcw_9_96_080: { title: "Survivor route, misdemeanor or gross misdemeanor", citation: "RCW 9.96.060(3), 9.96.080" },
  rcw_9_96_060_2: { title: "General misdemeanor route", citation: "RCW 9.96.060(2)" },
  rcw_9_96_060_7: { title: "Family member of a homicide victim (prostitution)", citation: "RCW 9.96.060(7)" },
  rcw_9_94a_648: { title: "Survivor route, class B or C felony", citation: "RCW 9.94A.640(3), 9.94A.648" },
  rcw_9_94a_640: { title: "General felony route", citation: "RCW 9.94A.640" },
  none: { title: "No vacatur route", citation: "RCW 9.94A.640" },
};

export type TestResult = "met" | "not_met" | "unknown";
type ScreenTest = { id: string; kind: "eligibility" | "confirm"; label: string; result: TestResult; evidence: string; citation: string };
type Blocker = { label: string; clears: string; until: string | null };
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
  restitution: RestitutionStatus;
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

const SURVIVOR_VICTIMIZATIONS: Record<string, string> = {
  sex_trafficking: "sex trafficking",
  commercial_sexual_exploitation: "prostitution / commercial sexual abuse of a minor",
  sexual_assault: "sexual assault",
  domestic_violence: "domestic violence",
};

function iso(date: Date): string {
  return format(date, "yyyy-MM-dd");
}
function plusYears(date: string, years: number): string {
  return iso(addYears(parseISO(date), years));
}
function latest(dates: readonly (string | null)[]): string | null {
  const known = dates.filter((d): d is string => Boolean(d)).sort();
  return known.at(-1) ?? null;
}
function test(id: string, label: string, result: TestResult, evidence: string, citation: string, kind: ScreenTest["kind"] = "eligibility"): ScreenTest {
  return { id, kind, label, result, evidence, citation };
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
  const named = context.victimizationTypes.map((t) => SURVIVOR_VICTIMIZATIONS[t]).filter(Boolean);
  if (named.length) return test("victim", "The survivor is a victim of a covered offense", "met", `Recorded victimization: ${named.join(", ")}.`, citation);
  return test(
    "victim",
    "The survivor is a victim of a covered offense",
    "unknown",
    "No sex trafficking, prostitution, sexual assault or domestic violence is recorded for the survivor. Record it on the survivor if it applies.",
    citation,
  );
}

function declarationTest(context: ScreenContext, citation: string): ScreenTest {
  const label = "Sworn declaration proves, by a preponderance, the offense resulted from the victimization";
  if (context.declarationSigned) return test("declaration", label, "met", "The matter records the survivor's signed declaration.", citation, "confirm");
  return test("declaration", label, "unknown", "The survivor writes and signs this in their own words; Clearway never drafts it.", citation, "confirm");
}

function pendingChargesTest(context: ScreenContext, options: { exceptProstitution: boolean; includeTribal: boolean }, citation: string): { test: ScreenTest; blocker: Blocker | null; note: string | null } {
  const counted = context.pendingCharges.filter(
    (c) => (options.includeTribal || c.jurisdiction !== "tribal") && !(options.exceptProstitution && (c.prostitution || isSection(parseCitation(c.citation), PROSTITUTION))),
  );
  const label = options.exceptProstitution ? "No pending charges other than prostitution" : "No pending charges";
  const tribalSkipped = !options.includeTribal && context.pendingCharges.some((c) => c.jurisdiction === "tribal");
  const note = tribalSkipped ? "A pending tribal charge is recorded; this statute names Washington, other-state and federal courts only (to confirm with counsel)." : null;
  if (counted.length === 0) {
    const evidence = context.pendingCharges.length ? `Pending charges recorded, none counted: ${context.pendingCharges.map((c) => c.offense).join("; ")}.` : "No pending charges recorded.";
    return { test: test("pending", label, "met", note ? `${evidence} ${note}` : evidence, citation), blocker: null, note };
  }
  const list = counted.map((c) => `${c.offense} (${c.jurisdiction.replace("_", " ")})`).join("; ");
  return {
    test: test("pending", label, "not_met", `Pending: ${list}.`, citation),
    blocker: {
      label: `Pending charge: ${list}`,
      clears: options.exceptProstitution
        ? "Resolution of the pending charge. A pending prostitution charge does not block this route (RCW 9A.88.040 gives victims a defense to it)."
        : "Resolution of the pending charge.",
      until: null,
    },
    note,
  };
}

function lookbackTest(
  context: ScreenContext,
  asOf: string,
  years: number,
  options: { includeTribal: boolean },
  citation: string,
): { test: ScreenTest; blocker: Blocker | null } {
  // "No conviction of a new crime in the N years before the application": a conviction dated exactly
  // N years before the application date is outside the window.
  const windowStart = plusYears(asOf, -years);
  const inWindow = context.otherConvictions.filter((c) => (options.includeTribal || c.jurisdiction !== "tribal") && c.date > windowStart && c.date <= asOf);
  const label = `No new conviction in the ${years} years before applying`;
  if (inWindow.length === 0) {
    const evidence = context.otherConvictions.length ? `Other convictions recorded, none after ${windowStart}.` : "No other convictions recorded.";
    return { test: test(`lookback_${years}`, label, "met", evidence, citation), blocker: null };
  }
  const last = latest(inWindow.map((c) => c.date))!;
  const until = plusYears(last, years);
  const list = inWindow.map((c) => `${c.description} (${c.date})`).join("; ");
  return {
    test: test(`lookback_${years}`, label, "not_met", `Within the window: ${list}.`, citation),
    blocker: { label: `Conviction within ${years} years: ${list}`, clears: `The ${years}-year window passes on ${until}.`, until },
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

function restitutionTest(conviction: ScreenConviction, citation: string): { test: ScreenTest; blocker: Blocker | null } {
  const label = "Restitution owed to a victim paid in full";
  switch (conviction.restitution) {
    case "none":
      return { test: test("restitution", label, "met", "None ordered.", citation), blocker: null };
    case "insurer_only":
      return { test: test("restitution", label, "met", "Owed to an insurer only, which the statute does not count.", citation), blocker: null };
    case "individual_paid":
      return { test: test("restitution", label, "met", "Recorded as paid in full.", citation), blocker: null };
    case "individual_unpaid":
      return {
        test: test("restitution", label, "not_met", "Owed to a person and not paid in full.", citation),
        blocker: { label: "Restitution to a victim unpaid", clears: "Payment in full of restitution owed to the victim.", until: null },
      };
    default:
      return { test: test("restitution", label, "unknown", "Not yet known. Ask the clerk for the LFO status.", citation), blocker: null };
  }
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

function route(id: Route, tests: ScreenTest[], blockers: Blocker[], bars: string[]): RouteScreen {
  const outcome = outcomeOf(tests, blockers, bars);
  const waits = blockers.map((b) => b.until).filter((d): d is string => Boolean(d));
  return {
    route: id,
    ...ROUTE_LABELS[id],
    outcome,
    tests,
    blockers: outcome === "not_eligible" ? [] : blockers,
    earliestDate: outcome !== "blocked" || waits.length === 0 ? null : latest(waits),
  };
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

  tests.push(victimTest(context, "RCW 9.96.080(1)"));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: true, includeTribal: false }, "RCW 9.96.080(2)(b)"));

  if (count.offenseClass === "misdemeanor") {
    collect(tests, blockers, lookbackTest(context, asOf, 3, { includeTribal: true }, "RCW 9.96.080(2)(c)"));
  } else if (count.offenseClass === "gross_misdemeanor") {
    tests.push(
      test("lookback_3", "No new conviction in the 3 years before applying", "met", "The text applies this test to misdemeanors only, not gross misdemeanors (to confirm with counsel).", "RCW 9.96.080(2)(c)", "confirm"),
    );
  }
  collect(tests, blockers, cvpaTest(conviction, isProstitutionRelated(count, citation), "RCW 9.96.080(2)(d)"));
  collect(tests, blockers, restitutionTest(conviction, "RCW 9.96.080(2)(e)"));
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

  // Sentence complete, including financial obligations (2024 c 296).
  const lfoUnpaid = conviction.cvpa === "unpaid" || conviction.restitution === "individual_unpaid";
  const lfoUnknown = conviction.cvpa === "unknown" || conviction.restitution === "unknown";
  const supervisionDone = conviction.supervisionEndDate ? conviction.supervisionEndDate <= asOf : null;
  const completeLabel = "Sentence complete, including legal financial obligations";
  if (lfoUnpaid || supervisionDone === false) {
    tests.push(test("complete", completeLabel, "not_met", lfoUnpaid ? "Legal financial obligations are recorded as unpaid." : `Supervision ends ${conviction.supervisionEndDate}.`, statute));
    blockers.push({
      label: "Sentence not complete",
      clears: lfoUnpaid ? "Payment of the legal financial obligations." : `Completing supervision on ${conviction.supervisionEndDate}.`,
      until: lfoUnpaid ? null : conviction.supervisionEndDate,
    });
  } else if (lfoUnknown || supervisionDone === null) {
    tests.push(test("complete", completeLabel, "unknown", "Record the supervision end date and the LFO status.", statute));
  } else tests.push(test("complete", completeLabel, "met", "Supervision ended and LFOs are not outstanding.", statute));

  const base = latest([conviction.supervisionEndDate, conviction.confinementReleaseDate, conviction.sentencingDate]);
  const waitLabel = "3 years since the later of release from supervision, release from confinement, or sentencing";
  if (!base) tests.push(test("wait", waitLabel, "unknown", "No sentencing, release or supervision date recorded.", statute));
  else {
    const until = plusYears(base, 3);
    if (until <= asOf) tests.push(test("wait", waitLabel, "met", `Counted from ${base}; the wait ended ${until}.`, statute));
    else {
      tests.push(test("wait", waitLabel, "not_met", `Counted from ${base}; the wait ends ${until}.`, statute));
      blockers.push({ label: "Waiting period", clears: `The 3-year wait ends on ${until}.`, until });
    }
  }
  collect(tests, blockers, lookbackTest(context, asOf, 3, { includeTribal: true }, statute));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: false, includeTribal: true }, statute));
  tests.push(test("protection_order", "Not restrained by a protection, no-contact or restraining order, and none violated in 5 years", "unknown", "Clearway does not record protection orders; confirm with the survivor and the court index.", statute, "confirm"));
  tests.push(test("dv", "If domestic-violence related: the extra DV conditions", "unknown", "Confirm whether the offense was DV-related (RCW 9.96.060(2)(e)).", statute, "confirm"));
  return route("rcw_9_96_060_2", tests, blockers, ["class", "bar"]);
}

/**
 * RCW 9.96.060(7): a family member applies to vacate the prostitution conviction of a person who died
 * as a victim of homicide; the court shall then vacate. Screened only for such an application.
 */
function screenHomicideFamily(count: ScreenCount): RouteScreen {
  const statute = "RCW 9.96.060(7)";
  const citation = parseCitation(count.citation);
  const tests = [
    test("offense", "A prostitution conviction (RCW 9A.88.030)", isSection(citation, PROSTITUTION) ? "met" : "not_met", `Citation: ${citation.text || "none"}.`, statute),
    test(
      "applicant",
      "Applicant is a family member of the person convicted, who died as a victim of homicide",
      "met",
      "The matter records a family member's application for a survivor who died as a victim of homicide.",
      statute,
    ),
    test("homicide", "The person convicted died as a victim of homicide", "unknown", "The court needs proof of the death and that it was a homicide; attach what the family has.", statute, "confirm"),
  ];
  return route("rcw_9_96_060_7", tests, [], ["offense", "applicant"]);
}

const FELONY_YEARS: Partial<Record<OffenseClass, number>> = { felony_b: 10, felony_c: 5 };

/** RCW 9.94A.648: class B and C felonies committed as a result of victimization. */
export function screenSurvivorFelony(conviction: ScreenConviction, count: ScreenCount, context: ScreenContext, asOf: string): RouteScreen {
  const statute = "RCW 9.94A.648";
  const citation = parseCitation(count.citation);
  const tests: ScreenTest[] = [];
  const blockers: Blocker[] = [];
  tests.push(classTest(count, ["felony_b", "felony_c"], "A class B or C felony", statute));
  tests.push(personCrimeTest(count, citation, statute));
  const barLabel = "Not felony DUI or physical control, and not promoting prostitution 1st or 2nd degree";
  if (citation.kind === "missing") tests.push(test("bar", barLabel, "unknown", "No citation recorded for this count.", statute));
  else if (isSection(citation, ...FELONY_DUI)) tests.push(test("bar", barLabel, "not_met", `${citation.text} is felony DUI or physical control.`, statute));
  else if (isSection(citation, ...PROMOTING_PROSTITUTION)) tests.push(test("bar", barLabel, "not_met", `${citation.text} is promoting prostitution, which is barred.`, statute));
  else tests.push(test("bar", barLabel, "met", `${citation.text} is neither.`, statute));
  tests.push(victimTest(context, "RCW 9.94A.640(3)"));
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: true, includeTribal: false }, statute));
  const years = FELONY_YEARS[count.offenseClass];
  if (years) {
    collect(tests, blockers, lookbackTest(context, asOf, years, { includeTribal: true }, statute));
  }
  // No prostitution exception for felonies.
  collect(tests, blockers, cvpaTest(conviction, false, statute));
  collect(tests, blockers, restitutionTest(conviction, statute));
  tests.push(declarationTest(context, statute));
  tests.push(
    test(
      "discharge",
      "Certificate of discharge",
      conviction.dischargeDate ? "met" : "unknown",
      conviction.dischargeDate
        ? `Discharged ${conviction.dischargeDate}.`
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
  tests.push(classTest(count, ["felony_b", "felony_c"], "A class B or C felony", statute));
  tests.push(personCrimeTest(count, citation, statute));
  const duiLabel = "Not felony DUI or physical control";
  tests.push(
    citation.kind === "missing"
      ? test("bar", duiLabel, "unknown", "No citation recorded for this count.", statute)
      : test("bar", duiLabel, isSection(citation, ...FELONY_DUI) ? "not_met" : "met", citation.text, statute),
  );
  tests.push(
    test(
      "discharge",
      "Discharged (certificate of discharge, RCW 9.94A.637)",
      conviction.dischargeDate ? "met" : "unknown",
      conviction.dischargeDate ? `Discharged ${conviction.dischargeDate}.` : "Record the date of the certificate of discharge.",
      statute,
    ),
  );
  collect(tests, blockers, pendingChargesTest(context, { exceptProstitution: false, includeTribal: true }, statute));
  const years = FELONY_YEARS[count.offenseClass];
  if (years) {
    collect(tests, blockers, lookbackTest(context, asOf, years, { includeTribal: true }, statute));
    const base = latest([conviction.supervisionEndDate, conviction.confinementReleaseDate, conviction.sentencingDate]);
    const waitLabel = `${years} years since the later of release from community custody, release from confinement, or sentencing`;
    if (!base) tests.push(test("wait", waitLabel, "unknown", "No sentencing, release or custody date recorded.", statute));
    else {
      const until = plusYears(base, years);
      if (until <= asOf) tests.push(test("wait", waitLabel, "met", `Counted from ${base}; the wait ended ${until}.`, statute));
      else {
        tests.push(test("wait", waitLabel, "not_met", `Counted from ${base}; the wait ends ${until}.`, statute));
        blockers.push({ label: "Waiting period", clears: `The ${years}-year wait ends on ${until}.`, until });
      }
    }
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
    if (count.offenseClass === "misdemeanor" || count.offenseClass === "gross_misdemeanor") {
      routes = [screenSurvivorMisdemeanor(conviction, count, context, asOf), screenGeneralMisdemeanor(conviction, count, context, asOf)];
      if (context.homicideFamilyApplicant && isSection(parseCitation(count.citation), PROSTITUTION)) routes.push(screenHomicideFamily(count));
    } else if (count.offenseClass === "felony_a") routes = [screenClassA(count)];
    else routes = [screenSurvivorFelony(conviction, count, context, asOf), screenGeneralFelony(conviction, count, context, asOf)];
    return { count: count.count, offense: count.offense, citation: count.citation, offenseClass: count.offenseClass, routes };
  });
  // The earliest date a waiting period ends on any route still open to some count.
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
