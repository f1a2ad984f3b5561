// Reading the citations people type ("RCW 9A.88.030(1)", "9a.88.030", "SMC 12A.10.010") and the
// statute lists the screening rules test them against. Pure functions, unit-tested.

/** RCW 9A.28.020 (attempt), 9A.28.030 (solicitation), 9A.28.040 (conspiracy). */
export const ANTICIPATORY_SECTIONS = { "9A.28.020": "attempt", "9A.28.030": "solicitation", "9A.28.040": "conspiracy" } as const;
export type AnticipatoryKind = (typeof ANTICIPATORY_SECTIONS)[keyof typeof ANTICIPATORY_SECTIONS];

/**
 * An RCW citation. For an anticipatory count ("RCW 9A.28.020; 9A.36.021", "9A.28.020 / 9A.56.210") `section`
 * and `subsection` are the object offense's and `anticipatory` names the kind; `objectMissing` is true when
 * only the RCW 9A.28 section was typed, so the offense attempted cannot be read.
 */
export type Citation =
  | { kind: "rcw"; section: string; subsection: string; text: string; anticipatory: AnticipatoryKind | null; objectMissing: boolean }
  | { kind: "ordinance"; text: string }
  | { kind: "missing"; text: "" };

const RCW = /^(?:rcw\s*)?(\d{1,2}[a-z]?)\.(\d{2,3}[a-z]?)\.(\d{3,4}[a-z]?)\s*((?:\([0-9a-z]+\))*)/i;
// Further sections later in the same field, after a separator: "; 9A.36.021", "/ RCW 9A.56.210(1)", ", 9A.44.100".
const MORE_RCW = /(?:^|[\s;,/&+]|and)\s*(?:rcw\s*)?(\d{1,2}[a-z]?)\.(\d{2,3}[a-z]?)\.(\d{3,4}[a-z]?)\s*((?:\([0-9a-z]+\))*)/gi;

function sectionOf(title: string, chapter: string, section: string): string {
  return `${title.toUpperCase()}.${chapter.toUpperCase()}.${section.toLowerCase()}`;
}

function anticipatoryKind(section: string): AnticipatoryKind | null {
  return (ANTICIPATORY_SECTIONS as Record<string, AnticipatoryKind>)[section] ?? null;
}

/**
 * Normalizes an offense citation. Anything that is not an RCW section is kept as a local ordinance. A count
 * cited as an attempt, solicitation or conspiracy together with its object offense, in either order, reads as
 * the object offense with the anticipatory kind recorded.
 */
export function parseCitation(raw: string | null | undefined): Citation {
  const text = (raw ?? "").trim().replace(/\s+/g, " ");
  if (!text) return { kind: "missing", text: "" };
  if (!RCW.exec(text)) return { kind: "ordinance", text };
  const sections = [...text.matchAll(MORE_RCW)].map(([, title, chapter, section, subsection]) => ({
    section: sectionOf(title!, chapter!, section!),
    subsection: (subsection ?? "").toLowerCase(),
  }));
  const anticipatory = sections.map((s) => anticipatoryKind(s.section)).find((k) => k !== null) ?? null;
  const object = sections.find((s) => anticipatoryKind(s.section) === null);
  if (anticipatory && !object) return { kind: "rcw", section: sections[0]!.section, subsection: sections[0]!.subsection, text, anticipatory, objectMissing: true };
  const main = object ?? sections[0]!;
  return { kind: "rcw", section: main.section, subsection: main.subsection, text, anticipatory, objectMissing: false };
}

/** "9A.44" of "9A.44.132". */
function chapterOf(section: string): string {
  return section.split(".").slice(0, 2).join(".");
}

export function isSection(citation: Citation, ...sections: string[]): boolean {
  return citation.kind === "rcw" && sections.includes(citation.section);
}

export function inChapter(citation: Citation, ...chapters: string[]): boolean {
  return citation.kind === "rcw" && chapters.includes(chapterOf(citation.section));
}

/** The repealed survivor vacatur section partners still cite (2021 c 237; DOMAIN.md §0.1, §1.1). */
const LEGACY_VACATUR_SECTION = "9.96.070";
export const LEGACY_REPEAL_DATE = "2021-07-25";

export function isLegacyVacaturCitation(raw: string | null | undefined): boolean {
  const citation = parseCitation(raw);
  return citation.kind === "rcw" && citation.section === LEGACY_VACATUR_SECTION;
}

export const PROSTITUTION = "9A.88.030";
export const PATRONIZING = "9A.88.110";
export const FAILURE_TO_REGISTER = "9A.44.132";
export const PROMOTING_PROSTITUTION = ["9A.88.070", "9A.88.080"];

/** Offenses RCW 46.61.5055 counts as prior offenses (DUI family). Some count only when first charged as DUI. */
export const DUI_PRIOR_OFFENSES = ["46.61.502", "46.61.504", "46.61.520", "46.61.522"];
export const DUI_PRIOR_IF_CHARGED_AS_DUI = ["46.61.500", "46.61.5249"];
/** Felony DUI / physical control (9.94A.648 and 9.94A.640 bars). */
export const FELONY_DUI = ["46.61.502", "46.61.504", "46.61.5055"];

export const ASSAULT_2 = "9A.36.021";
export const ASSAULT_3 = "9A.36.031";
export const ROBBERY_2 = "9A.56.210";
