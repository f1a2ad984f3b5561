// The statutory definitions the vacatur bars refer to, as the statutes list them: "violent offense" and
// "sex offense" (RCW 9.94A.030) and "crime against children or other persons" (RCW 43.43.830(7), which
// RCW 9.94A.640(2)(b) and 9.94A.648(3)(a) call "crime against persons"). Each entry cites the statute's own
// wording; nothing here is a chapter-wide approximation. Pure data and pure predicates, unit-tested entry by
// entry (tests/unit/statute-definitions.test.ts).
//
// 43.43.830(7) names offenses, not sections; the section each name maps to is ours and is marked
// `toConfirm` wherever we could not tie the name to a section with confidence. A predicate answers
// "unknown" for such an entry rather than guessing.

import type { Enhancement, OffenseClass } from "../constants";
import type { Citation } from "./citations";

/** Bump when an entry changes; the screen's ruleset version moves with it. */
export const DEFINITIONS_VERSION = "wa-defs-2026.12";

// Texts read: tannewt/wa-law.org, site/rcw/09_crimes_and_punishments/9.094A_sentencing_reform_act_of_1981.md
// (9.94A.030 with history ending 2022 c 231 § 11; the same (47) and (58) as 2021 c 237 § 1 in
// rcw/09_crimes_and_punishments/9.094A_sentencing_reform_act_of_1981.md) and
// site/rcw/43_state_government—executive/43.043_washington_state_patrol.md (43.43.830, history ending
// 2019 c 271 § 10). Amendments after the 2022 session were not found; a later renumbering of 9.94A.030
// would move the subsection numbers cited below.
export const DEFINITIONS_SOURCES = {
  violentOffense: "RCW 9.94A.030(58), as amended through 2022 c 231 § 11 (list unchanged since 2021 c 237 § 1).",
  sexOffense: "RCW 9.94A.030(47), as amended through 2022 c 231 § 11.",
  crimeAgainstPersons: 'RCW 43.43.830(7), as amended by 2019 c 271 § 10; the subsection defines "crime against children or other persons".',
} as const;

export const DEFINITIONS_SOURCE_NOTE =
  "Violent offense and sex offense: RCW 9.94A.030(58) and (47) (through 2022 c 231 § 11). Crime against persons: RCW 43.43.830(7) (2019 c 271 § 10).";

export type Answer = "yes" | "no" | "unknown";

export type DefinitionEntry = {
  /** The RCW section the entry names or that we map its name to; null when the name maps to no current section. */
  section: string | null;
  name: string;
  /** The subsection/paragraph of the defining statute, in the numbering of the text we read. */
  citation: string;
  /** The statute's own words for the entry, short. */
  text: string;
  /** A condition on the entry that the citation alone may not show. */
  condition?: string;
  /** Set when we could not confirm the entry's section or condition from the statute text. */
  toConfirm?: true;
  reason?: string;
};

// ---------------------------------------------------------------------------------------------
// RCW 9.94A.030(58) "Violent offense" means: (a) Any of the following felonies: ...

const V = "RCW 9.94A.030(58)";
export const VIOLENT_OFFENSE_ENTRIES: readonly DefinitionEntry[] = [
  { section: null, name: "Any class A felony, or an attempt to commit a class A felony", citation: `${V}(a)(i)`, text: "Any felony defined under any law as a class A felony or an attempt to commit a class A felony" },
  { section: null, name: "Criminal solicitation of or conspiracy to commit a class A felony", citation: `${V}(a)(ii)`, text: "Criminal solicitation of or criminal conspiracy to commit a class A felony" },
  { section: "9A.32.060", name: "Manslaughter in the first degree", citation: `${V}(a)(iii)`, text: "Manslaughter in the first degree" },
  { section: "9A.32.070", name: "Manslaughter in the second degree", citation: `${V}(a)(iv)`, text: "Manslaughter in the second degree" },
  {
    section: "9A.44.100",
    name: "Indecent liberties by forcible compulsion",
    citation: `${V}(a)(v)`,
    text: "Indecent liberties if committed by forcible compulsion",
    condition: "committed by forcible compulsion",
  },
  { section: "9A.40.030", name: "Kidnapping in the second degree", citation: `${V}(a)(vi)`, text: "Kidnapping in the second degree" },
  { section: "9A.48.030", name: "Arson in the second degree", citation: `${V}(a)(vii)`, text: "Arson in the second degree" },
  { section: "9A.36.021", name: "Assault in the second degree", citation: `${V}(a)(viii)`, text: "Assault in the second degree" },
  { section: "9A.36.130", name: "Assault of a child in the second degree", citation: `${V}(a)(ix)`, text: "Assault of a child in the second degree" },
  { section: "9A.56.120", name: "Extortion in the first degree", citation: `${V}(a)(x)`, text: "Extortion in the first degree" },
  { section: "9A.56.210", name: "Robbery in the second degree", citation: `${V}(a)(xi)`, text: "Robbery in the second degree" },
  { section: "9A.36.045", name: "Drive-by shooting", citation: `${V}(a)(xii)`, text: "Drive-by shooting" },
  {
    section: "46.61.522",
    name: "Vehicular assault (under the influence or reckless)",
    citation: `${V}(a)(xiii)`,
    text: "Vehicular assault, when caused by the operation or driving of a vehicle by a person while under the influence of intoxicating liquor or any drug or by the operation or driving of a vehicle in a reckless manner",
    condition: "caused while under the influence or by reckless driving (not the disregard-for-safety means)",
  },
  {
    section: "46.61.520",
    name: "Vehicular homicide (under the influence or reckless)",
    citation: `${V}(a)(xiv)`,
    text: "Vehicular homicide, when proximately caused by the driving of any vehicle by any person while under the influence of intoxicating liquor or any drug as defined by RCW 46.61.502, or by the operation of any vehicle in a reckless manner",
    condition: "caused while under the influence or by reckless driving (not the disregard-for-safety means)",
  },
  {
    section: null,
    name: "A pre-July 1, 1976 felony comparable to a listed violent offense",
    citation: `${V}(b)`,
    text: "Any conviction for a felony offense in effect at any time prior to July 1, 1976, that is comparable to a felony classified as a violent offense",
  },
  {
    section: null,
    name: "A federal or out-of-state conviction comparable to a violent offense",
    citation: `${V}(c)`,
    text: "Any federal or out-of-state conviction for an offense that under the laws of this state would be a felony classified as a violent offense",
  },
];

// ---------------------------------------------------------------------------------------------
// RCW 9.94A.030(47) "Sex offense" means: ...

const S = "RCW 9.94A.030(47)";
export const SEX_OFFENSE_ENTRIES: readonly DefinitionEntry[] = [
  { section: null, name: "A felony violation of chapter 9A.44 RCW other than RCW 9A.44.132", citation: `${S}(a)(i)`, text: "A felony that is a violation of chapter 9A.44 RCW other than RCW 9A.44.132" },
  { section: "9A.64.020", name: "Incest", citation: `${S}(a)(ii)`, text: "A violation of RCW 9A.64.020" },
  { section: null, name: "A felony violation of chapter 9.68A RCW other than RCW 9.68A.080", citation: `${S}(a)(iii)`, text: "A felony that is a violation of chapter 9.68A RCW other than RCW 9.68A.080" },
  {
    section: null,
    name: "A felony attempt, solicitation or conspiracy under chapter 9A.28 RCW to commit such crimes",
    citation: `${S}(a)(iv)`,
    text: "A felony that is, under chapter 9A.28 RCW, a criminal attempt, criminal solicitation, or criminal conspiracy to commit such crimes",
  },
  {
    section: "9A.44.132",
    name: "Felony failure to register, with a prior failure-to-register conviction",
    citation: `${S}(a)(v)`,
    text: "A felony violation of RCW 9A.44.132(1) (failure to register as a sex offender) if the person has been convicted of violating RCW 9A.44.132(1) ... or 9A.44.130 prior to June 10, 2010, on at least one prior occasion",
    condition: "a prior failure-to-register conviction",
  },
  { section: null, name: "A pre-July 1, 1976 felony comparable to a sex offense", citation: `${S}(b)`, text: "Any conviction for a felony offense in effect at any time prior to July 1, 1976, that is comparable to a felony classified as a sex offense" },
  { section: null, name: "A felony with a finding of sexual motivation", citation: `${S}(c)`, text: "A felony with a finding of sexual motivation under RCW 9.94A.835 or 13.40.135" },
  { section: null, name: "A comparable federal or out-of-state conviction", citation: `${S}(d)`, text: "Any federal or out-of-state conviction for an offense that under the laws of this state would be a felony classified as a sex offense" },
];

// ---------------------------------------------------------------------------------------------
// RCW 43.43.830(7) "Crime against children or other persons" means a conviction of any of the following
// offenses: ... The list names offenses; it names no attempts, solicitations or conspiracies.

const P = "RCW 43.43.830(7)";
function person(section: string | null, name: string, extra: Partial<DefinitionEntry> = {}): DefinitionEntry {
  return { section, name, citation: P, text: extra.text ?? name.toLowerCase(), ...extra };
}
const NO_SECTION = "The statute names this offense without a section and we could not tie it to one current RCW section.";
export const CRIME_AGAINST_PERSONS_ENTRIES: readonly DefinitionEntry[] = [
  person("10.95.020", "Aggravated murder", { text: "Aggravated murder" }),
  person("9A.32.030", "Murder in the first degree", { text: "first or second degree murder" }),
  person("9A.32.050", "Murder in the second degree", { text: "first or second degree murder" }),
  person("9A.40.020", "Kidnapping in the first degree", { text: "first or second degree kidnapping" }),
  person("9A.40.030", "Kidnapping in the second degree", { text: "first or second degree kidnapping" }),
  person("9A.36.011", "Assault in the first degree", { text: "first, second, or third degree assault" }),
  person("9A.36.021", "Assault in the second degree", { text: "first, second, or third degree assault" }),
  person("9A.36.031", "Assault in the third degree", { text: "first, second, or third degree assault" }),
  person("9A.36.041", "Assault in the fourth degree under RCW 9A.36.041(3)", {
    text: "fourth degree assault (if a violation of RCW 9A.36.041(3))",
    condition: "subsection (3), the felony where domestic violence is pleaded and proven (RCW 9.94A.030(41)(a))",
  }),
  person("9A.36.120", "Assault of a child in the first degree", { text: "first, second, or third degree assault of a child" }),
  person("9A.36.130", "Assault of a child in the second degree", { text: "first, second, or third degree assault of a child" }),
  person("9A.36.140", "Assault of a child in the third degree", { text: "first, second, or third degree assault of a child" }),
  person("9A.44.040", "Rape in the first degree", { text: "first, second, or third degree rape" }),
  person("9A.44.050", "Rape in the second degree", { text: "first, second, or third degree rape" }),
  person("9A.44.060", "Rape in the third degree", { text: "first, second, or third degree rape" }),
  person("9A.44.073", "Rape of a child in the first degree", { text: "first, second, or third degree rape of a child" }),
  person("9A.44.076", "Rape of a child in the second degree", { text: "first, second, or third degree rape of a child" }),
  person("9A.44.079", "Rape of a child in the third degree", { text: "first, second, or third degree rape of a child" }),
  person("9A.56.200", "Robbery in the first degree", { text: "first or second degree robbery" }),
  person("9A.56.210", "Robbery in the second degree", { text: "first or second degree robbery" }),
  person("9A.48.020", "Arson in the first degree", { text: "first degree arson" }),
  person("9A.52.020", "Burglary in the first degree", { text: "first degree burglary" }),
  person("9A.32.060", "Manslaughter in the first degree", { text: "first or second degree manslaughter" }),
  person("9A.32.070", "Manslaughter in the second degree", { text: "first or second degree manslaughter" }),
  person("9A.56.120", "Extortion in the first degree", { text: "first or second degree extortion" }),
  person("9A.56.130", "Extortion in the second degree", { text: "first or second degree extortion" }),
  person("9A.44.100", "Indecent liberties", { text: "indecent liberties" }),
  person("9A.64.020", "Incest", { text: "incest" }),
  person("46.61.520", "Vehicular homicide", { text: "vehicular homicide" }),
  person("9A.88.070", "Promoting prostitution in the first degree", { text: "first degree promoting prostitution" }),
  person("9.68A.090", "Communication with a minor for immoral purposes", { text: "communication with a minor" }),
  person("9A.40.040", "Unlawful imprisonment", { text: "unlawful imprisonment" }),
  person(null, "Simple assault", {
    text: "simple assault",
    toConfirm: true,
    reason: "\"Simple assault\" is not the name of a current RCW offense; whether it reaches fourth degree assault beyond RCW 9A.36.041(3) is a question for counsel.",
  }),
  person("9.68A.040", "Sexual exploitation of a minor", { text: "sexual exploitation of minors" }),
  person("9A.42.020", "Criminal mistreatment in the first degree", { text: "first or second degree criminal mistreatment" }),
  person("9A.42.030", "Criminal mistreatment in the second degree", { text: "first or second degree criminal mistreatment" }),
  person("9A.42.100", "Endangerment with a controlled substance", { text: "endangerment with a controlled substance" }),
  person(null, "Child abuse or neglect as defined in RCW 26.44.020", {
    text: "child abuse or neglect as defined in RCW 26.44.020",
    toConfirm: true,
    reason: "RCW 26.44.020 defines conduct, not an offense; which convictions it reaches is a question for counsel.",
  }),
  person("9A.40.060", "Custodial interference in the first degree", { text: "first or second degree custodial interference" }),
  person("9A.40.070", "Custodial interference in the second degree", { text: "first or second degree custodial interference" }),
  person("9A.44.160", "Custodial sexual misconduct in the first degree", { text: "first or second degree custodial sexual misconduct" }),
  person("9A.44.170", "Custodial sexual misconduct in the second degree", { text: "first or second degree custodial sexual misconduct" }),
  person("9A.36.080", "Hate crime", { text: "hate crime" }),
  person("9A.44.083", "Child molestation in the first degree", { text: "first, second, or third degree child molestation" }),
  person("9A.44.086", "Child molestation in the second degree", { text: "first, second, or third degree child molestation" }),
  person("9A.44.089", "Child molestation in the third degree", { text: "first, second, or third degree child molestation" }),
  person("9A.44.093", "Sexual misconduct with a minor in the first degree", { text: "first or second degree sexual misconduct with a minor" }),
  person("9A.44.096", "Sexual misconduct with a minor in the second degree", { text: "first or second degree sexual misconduct with a minor" }),
  person("9.68A.100", "Commercial sexual abuse of a minor", { text: "commercial sexual abuse of a minor" }),
  person(null, "Child abandonment", { text: "child abandonment", toConfirm: true, reason: NO_SECTION }),
  person("9.68.140", "Promoting pornography", { text: "promoting pornography" }),
  person("9.68.060", "Selling or distributing erotic material to a minor", {
    text: "selling or distributing erotic material to a minor",
    toConfirm: true,
    reason: "Mapped to RCW 9.68.060 (erotic material) from the offense name; the section text was not read.",
  }),
  person("9A.36.100", "Custodial assault", { text: "custodial assault" }),
  person(null, "Violation of child abuse restraining order", { text: "violation of child abuse restraining order", toConfirm: true, reason: NO_SECTION }),
  person("9A.64.030", "Child buying or selling", { text: "child buying or selling" }),
  person("9A.88.030", "Prostitution", { text: "prostitution" }),
  person("9A.88.010", "Felony indecent exposure", { text: "felony indecent exposure", condition: "a felony" }),
  person(null, "Criminal abandonment", { text: "criminal abandonment", toConfirm: true, reason: NO_SECTION }),
];

// ---------------------------------------------------------------------------------------------
// Predicates

const FELONIES: readonly OffenseClass[] = ["felony_a", "felony_b", "felony_c"];
const isFelony = (offenseClass: OffenseClass | undefined) => offenseClass !== undefined && FELONIES.includes(offenseClass);
const isNonFelony = (offenseClass: OffenseClass | undefined) => offenseClass === "misdemeanor" || offenseClass === "gross_misdemeanor";
const chapterOf = (section: string) => section.split(".").slice(0, 2).join(".");

/** The entry (or entries) of a list that name the citation's section. */
function entriesFor(list: readonly DefinitionEntry[], section: string): DefinitionEntry[] {
  return list.filter((e) => e.section === section);
}

/**
 * RCW 9.94A.030(58). The list names felonies only, so a misdemeanor or gross misdemeanor is never a violent
 * offense. An attempt, solicitation or conspiracy is one only when its object is a class A felony, which the
 * citation shows only when the count itself is recorded as class A.
 */
export function isViolentOffense(citation: Citation, offenseClass: OffenseClass): Answer {
  if (isNonFelony(offenseClass)) return "no";
  if (offenseClass === "felony_a") return "yes"; // (58)(a)(i): any class A felony, including a class A attempt
  if (citation.kind !== "rcw") return "unknown";
  if (citation.objectMissing) return "unknown";
  if (citation.anticipatory) return "unknown"; // (58)(a)(i)-(ii): depends on whether the object is class A
  const entries = entriesFor(VIOLENT_OFFENSE_ENTRIES, citation.section);
  if (entries.length === 0) return "no";
  // Indecent liberties by forcible compulsion is itself a class A felony (recorded class A is caught above);
  // for the vehicular offenses the means of driving is not in the citation.
  return entries.some((e) => !e.condition) ? "yes" : "unknown";
}

/**
 * RCW 43.43.830(7). The list names no attempts, solicitations or conspiracies, so an anticipatory count is
 * not on it (the object offense may still be a violent offense). `offenseClass`, when given, settles the
 * felony-only entries.
 */
export function isCrimeAgainstPersons(citation: Citation, offenseClass?: OffenseClass): Answer {
  if (citation.kind !== "rcw" || citation.objectMissing) return "unknown";
  if (citation.anticipatory) return "no";
  const entries = entriesFor(CRIME_AGAINST_PERSONS_ENTRIES, citation.section);
  if (entries.length === 0) return "no";
  const entry = entries[0]!;
  if (entry.toConfirm) return "unknown";
  if (entry.section === "9A.36.041") {
    if (citation.subsection.startsWith("(3)")) return "yes";
    if (isNonFelony(offenseClass) || citation.subsection !== "") return "no";
    return "unknown";
  }
  if (entry.section === "9A.88.010") {
    if (isFelony(offenseClass)) return "yes";
    if (isNonFelony(offenseClass)) return "no";
    return "unknown";
  }
  return "yes";
}

/** RCW 9.94A.030(47). Felonies only, except incest (RCW 9A.64.020), itself a felony. */
export function isSexOffense(citation: Citation, offenseClass?: OffenseClass, enhancement?: Enhancement): Answer {
  if (isFelony(offenseClass) && enhancement === "sexual_motivation") return "yes"; // (47)(c)
  if (citation.kind !== "rcw" || citation.objectMissing) return "unknown";
  const section = citation.section;
  const listed =
    section === "9A.64.020" || (chapterOf(section) === "9A.44" && section !== "9A.44.132") || (chapterOf(section) === "9.68A" && section !== "9.68A.080");
  if (section === "9A.64.020" && !citation.anticipatory) return "yes"; // (47)(a)(ii) names the section, not only felonies
  if (section === "9A.44.132" && !citation.anticipatory) {
    if (isNonFelony(offenseClass)) return "no";
    return "unknown"; // (47)(a)(v): only with a prior failure-to-register conviction
  }
  if (!listed) return "no";
  // (47)(a)(i), (iii) and, for anticipatory counts, (iv): each requires a felony.
  if (isFelony(offenseClass)) return "yes";
  if (isNonFelony(offenseClass)) return "no";
  return "unknown";
}
