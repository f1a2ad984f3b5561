import { formatCalendarDate as day } from "../../format";
import type { OffenseClass } from "../constants";
import { isSection, parseCitation, PROSTITUTION, type Citation } from "./citations";
import { test, type RouteParts } from "./route-kit";

// The routes of RCW 9.96.060 (2024 c 296 § 1) on which the court "shall" (or "must") vacate once the
// applicant qualifies, outside the general tests of subsection (2), which do not apply to them ("Except as
// provided in subsections (3), (4), (5), and (6)"; subsection (7) is its own application):
//   (4) pre-1975 fishing convictions of people exercising a treaty Indian fishing right;
//   (5) misdemeanor cannabis offenses by a person 21 or older at the time of the offense;
//   (6) drug possession, after a substance use disorder program or a diversion program's assessment;
//   (7) a family member's application for a homicide victim's prostitution conviction.
// Each is screened only for a count it can concern, so a survivor's screen does not fill with routes that
// never fit. Clearway holds none of the facts these routes turn on beyond the citation and dates, so most
// tests are "unknown" for the attorney to settle.

type Count = { offense: string; citation: string; offenseClass: OffenseClass };

const MISDEMEANOR_CLASSES: readonly OffenseClass[] = ["misdemeanor", "gross_misdemeanor"];

// ---------------------------------------------------------------------------------------------
// RCW 9.96.060(4)

const TREATY_FISHING_CUTOFF = "1975-01-01";
/** The statutes and rules (4) names, "including, but not limited to". */
const FISHING_SECTIONS = ["75.08.260", "75.12.060", "75.12.070", "75.12.160", "77.16.020", "77.16.030", "77.16.040", "77.16.060", "77.16.240"];

export function concernsTreatyFishing(count: Count, dispositionDate: string | null): boolean {
  const citation = parseCitation(count.citation);
  const fishing = citation.kind === "rcw" ? /^7[57]\./.test(citation.section) : /fish/i.test(count.offense);
  return Boolean(dispositionDate && dispositionDate < TREATY_FISHING_CUTOFF) && fishing;
}

export function treatyFishingRoute(count: Count, dispositionDate: string): RouteParts {
  const statute = "RCW 9.96.060(4)";
  const citation = parseCitation(count.citation);
  const named = isSection(citation, ...FISHING_SECTIONS);
  return {
    tests: [
      test("convicted_before", "Convicted before January 1, 1975", dispositionDate < TREATY_FISHING_CUTOFF ? "met" : "not_met", `Convicted ${day(dispositionDate)}.`, statute),
      test(
        "offense",
        "A violation of a statute or rule regulating fishing activities",
        named ? "met" : "unknown",
        named ? `${citation.text} is named in the subsection.` : `${citation.text || "The citation"} is not among the sections the subsection names; it covers any fishing statute or rule, so confirm what it regulated.`,
        statute,
      ),
      test("treaty_claim", "The person claimed to be exercising a treaty Indian fishing right", "unknown", "Clearway does not record this; confirm from the case file.", statute),
      test(
        "tribe_member",
        "The applicant is a member of a tribe that may exercise treaty Indian fishing rights where the offense occurred",
        "unknown",
        "Confirm tribal membership and the location. If the person is deceased, a family member or an official representative of the tribe may apply.",
        `${statute}(a)`,
      ),
      test(
        "enjoined",
        "The state has been enjoined from enforcing the statute or rule as it interferes with a treaty fishing right",
        "unknown",
        "Under United States v. Washington, Sohappy v. Smith, their posttrial orders, or another state supreme court or federal court decision; counsel confirms.",
        `${statute}(b)`,
      ),
    ],
    blockers: [],
    bars: ["convicted_before"],
  };
}

// ---------------------------------------------------------------------------------------------
// RCW 9.96.060(5)

const CANNABIS_SECTION = "69.50.4014";
const PREDECESSOR_SECTION = "69.50.401";

export function concernsCannabis(count: Count): boolean {
  const citation = parseCitation(count.citation);
  return isSection(citation, CANNABIS_SECTION, PREDECESSOR_SECTION) || /cannabis|marijuana|marihuana/i.test(count.offense);
}

function cannabisOffenseTest(citation: Citation, statute: string) {
  const label = "A misdemeanor cannabis offense (RCW 69.50.4014 from July 1, 2004, its predecessors, or an equivalent municipal ordinance)";
  if (isSection(citation, CANNABIS_SECTION)) return test("offense", label, "met", `${citation.text} is named in the subsection.`, statute);
  if (citation.kind === "rcw" && isSection(citation, PREDECESSOR_SECTION)) {
    if (/^\((d|e)\)/.test(citation.subsection)) return test("offense", label, "met", `${citation.text} is a predecessor statute the subsection names (RCW 69.50.401(e) from March 21, 1979, to July 1, 2004; (d) from May 21, 1971, to March 21, 1979).`, statute);
    return test("offense", label, "unknown", `The subsection names RCW 69.50.401(d) and (e) only; record the subsection of ${citation.text}.`, statute);
  }
  if (citation.kind === "ordinance") return test("offense", label, "unknown", `"${citation.text}" is a local ordinance; an equivalent municipal ordinance counts. Confirm it penalized cannabis possession.`, statute);
  return test("offense", label, "unknown", `${citation.text || "The citation"} is not a section the subsection names, which it lists as "not limited to"; confirm it is a misdemeanor cannabis offense.`, statute);
}

export function cannabisRoute(count: Count): RouteParts {
  const statute = "RCW 9.96.060(5)";
  const citation = parseCitation(count.citation);
  const misdemeanor = count.offenseClass === "misdemeanor";
  return {
    tests: [
      test(
        "class",
        "A misdemeanor",
        misdemeanor ? "met" : count.offenseClass === "gross_misdemeanor" ? "unknown" : "not_met",
        misdemeanor ? "Recorded as a misdemeanor." : `Recorded as ${count.offenseClass.replace(/_/g, " ")}; the subsection covers misdemeanor cannabis offenses.`,
        statute,
      ),
      cannabisOffenseTest(citation, statute),
      test("age", "21 or older at the time of the offense", "unknown", "Compare the survivor's date of birth with the offense date on the charging document.", statute),
    ],
    blockers: [],
    bars: ["class", "offense"],
  };
}

// ---------------------------------------------------------------------------------------------
// RCW 9.96.060(6)

const POSSESSION_SECTIONS = ["69.50.4013", "69.50.4014"];
/** Sections (6) names only in some subsections: RCW 69.50.4011(1)(b) or (c) and 69.41.030(2)(b) or (c). */
const POSSESSION_SUBSECTIONS: Record<string, RegExp> = { "69.50.4011": /^\(1\)\((b|c)\)/, "69.41.030": /^\(2\)\((b|c)\)/ };

export function concernsDrugPossession(count: Count): boolean {
  const citation = parseCitation(count.citation);
  return isSection(citation, ...POSSESSION_SECTIONS, ...Object.keys(POSSESSION_SUBSECTIONS)) && citation.kind === "rcw" && !citation.anticipatory;
}

export function drugPossessionRoute(count: Count): RouteParts {
  const statute = "RCW 9.96.060(6)";
  const citation = parseCitation(count.citation);
  const label = "A conviction under RCW 69.50.4011(1)(b) or (c), 69.50.4013, 69.50.4014, or 69.41.030(2)(b) or (c)";
  let offense;
  if (isSection(citation, ...POSSESSION_SECTIONS)) offense = test("offense", label, "met", `${citation.text} is named in the subsection.`, statute);
  else {
    const section = citation.kind === "rcw" ? citation.section : "";
    const pattern = POSSESSION_SUBSECTIONS[section];
    const subsection = citation.kind === "rcw" ? citation.subsection : "";
    if (pattern && pattern.test(subsection)) offense = test("offense", label, "met", `${citation.text} is named in the subsection.`, statute);
    else if (pattern && !subsection) offense = test("offense", label, "unknown", `The subsection names only some subsections of RCW ${section}; record the subsection.`, statute);
    else offense = test("offense", label, "not_met", `${citation.text} is not a subsection it names.`, statute);
  }
  const misdemeanor = MISDEMEANOR_CLASSES.includes(count.offenseClass);
  return {
    tests: [
      offense,
      test(
        "treatment",
        "Completed a substance use disorder program and filed proof, or obtained an assessment from a recovery navigator, arrest and jail alternative, or law enforcement assisted diversion program and has six months of substantial compliance, shown by a written status update",
        "unknown",
        "Clearway does not record treatment; attach the proof of completion or the program's written status update.",
        statute,
      ),
      test(
        "class",
        "A misdemeanor or gross misdemeanor",
        misdemeanor ? "met" : "unknown",
        misdemeanor
          ? "Recorded as a misdemeanor or gross misdemeanor."
          : "The subsection names the offenses, not a class, and sits in the section on misdemeanors and gross misdemeanors; whether it reaches a felony conviction is to confirm with counsel.",
        statute,
        "confirm",
      ),
    ],
    blockers: [],
    bars: ["offense"],
  };
}

// ---------------------------------------------------------------------------------------------
// RCW 9.96.060(7)

/** Whether a count is the prostitution conviction (RCW 9A.88.030) subsection (7) concerns. */
export function concernsHomicideFamily(count: Count): boolean {
  return isSection(parseCitation(count.citation), PROSTITUTION);
}

/**
 * A family member applies to vacate the prostitution conviction of a person who died as a victim of
 * homicide; the court shall then vacate. Screened only when the matter records such an application.
 */
export function homicideFamilyRoute(count: Count): RouteParts {
  const statute = "RCW 9.96.060(7)";
  const citation = parseCitation(count.citation);
  return {
    tests: [
      test("offense", "A prostitution conviction (RCW 9A.88.030)", isSection(citation, PROSTITUTION) ? "met" : "not_met", `Citation: ${citation.text || "none"}.`, statute),
      test(
        "applicant",
        "Applicant is a family member of the person convicted, who died as a victim of homicide",
        "met",
        "The matter records a family member's application for a survivor who died as a victim of homicide.",
        statute,
      ),
      test("homicide", "The person convicted died as a victim of homicide", "unknown", "The court needs proof of the death and that it was a homicide; attach what the family has.", statute, "confirm"),
    ],
    blockers: [],
    bars: ["offense", "applicant"],
  };
}
