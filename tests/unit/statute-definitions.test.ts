import { describe, expect, it } from "vitest";
import { parseCitation } from "@/lib/vacatur/rules/citations";
import {
  CRIME_AGAINST_PERSONS_ENTRIES,
  DEFINITIONS_SOURCE_NOTE,
  DEFINITIONS_VERSION,
  SEX_OFFENSE_ENTRIES,
  VIOLENT_OFFENSE_ENTRIES,
  isCrimeAgainstPersons,
  isSexOffense,
  isViolentOffense,
} from "@/lib/vacatur/rules/definitions";

// Entry by entry against the texts read: RCW 9.94A.030(47) and (58) as amended by 2021 c 237 § 1, and
// RCW 43.43.830(7) as amended by 2019 c 271 § 10.

const cite = parseCitation;

describe("the definitions are versioned data citing the statutes' own wording", () => {
  it("has a version and a source note that cites statutes and session laws only", () => {
    expect(DEFINITIONS_VERSION).toMatch(/^wa-defs-\d{4}\.\d+$/);
    expect(DEFINITIONS_SOURCE_NOTE).toMatch(/RCW 9\.94A\.030/);
    expect(DEFINITIONS_SOURCE_NOTE).toMatch(/RCW 43\.43\.830\(7\)/);
    expect(DEFINITIONS_SOURCE_NOTE).not.toMatch(/DOMAIN|VERIFY/);
  });

  it("gives every entry a citation into its defining subsection and the statute's words", () => {
    const lists = [
      [VIOLENT_OFFENSE_ENTRIES, /^RCW 9\.94A\.030\(58\)\((a|b|c)\)/],
      [SEX_OFFENSE_ENTRIES, /^RCW 9\.94A\.030\(47\)\((a|b|c|d)\)/],
      [CRIME_AGAINST_PERSONS_ENTRIES, /^RCW 43\.43\.830\(7\)$/],
    ] as const;
    for (const [list, pattern] of lists) {
      for (const entry of list) {
        expect(entry.citation, entry.name).toMatch(pattern);
        expect(entry.text.length, entry.name).toBeGreaterThan(3);
        if (entry.toConfirm) expect(entry.reason, entry.name).toBeTruthy();
      }
    }
  });

  it("lists the fourteen felonies of RCW 9.94A.030(58)(a) and the comparable-offense clauses (b) and (c)", () => {
    expect(VIOLENT_OFFENSE_ENTRIES.filter((e) => e.citation.startsWith("RCW 9.94A.030(58)(a)"))).toHaveLength(14);
    expect(VIOLENT_OFFENSE_ENTRIES.map((e) => e.citation)).toEqual(expect.arrayContaining(["RCW 9.94A.030(58)(b)", "RCW 9.94A.030(58)(c)"]));
  });
});

describe("RCW 9.94A.030(58), violent offense", () => {
  // Each named felony on the list, by its section, as a class B felony.
  const unconditional = VIOLENT_OFFENSE_ENTRIES.filter((e) => e.section && !e.condition);
  it.each(unconditional.map((e) => [e.citation, e.name, e.section!]))("%s %s (RCW %s) is a violent offense", (_c, _n, section) => {
    expect(isViolentOffense(cite(`RCW ${section}`), "felony_b")).toBe("yes");
  });

  it("RCW 9.94A.030(58)(a)(i): any class A felony is one, whatever the section", () => {
    expect(isViolentOffense(cite("RCW 9A.44.040"), "felony_a")).toBe("yes"); // rape 1, not named on the list
    expect(isViolentOffense(cite("RCW 9A.56.200"), "felony_a")).toBe("yes"); // robbery 1
  });

  it("RCW 9.94A.030(58)(a)(i)-(ii): an attempt, solicitation or conspiracy is one only when its object is a class A felony", () => {
    expect(isViolentOffense(cite("RCW 9A.28.020; 9A.32.030"), "felony_a")).toBe("yes");
    // A class B or C anticipatory count: whether the object is class A is not in the citation.
    expect(isViolentOffense(cite("RCW 9A.28.020; 9A.56.200"), "felony_b")).toBe("unknown");
    expect(isViolentOffense(cite("RCW 9A.28.040; 9A.36.021"), "felony_c")).toBe("unknown");
    // A gross-misdemeanor attempt is not a felony at all.
    expect(isViolentOffense(cite("RCW 9A.28.020; 9A.36.021"), "gross_misdemeanor")).toBe("no");
  });

  it("RCW 9.94A.030(58)(a)(v), (xiii), (xiv): entries whose condition the citation cannot show are unknown", () => {
    expect(isViolentOffense(cite("RCW 9A.44.100"), "felony_b")).toBe("unknown"); // indecent liberties, forcible compulsion?
    expect(isViolentOffense(cite("RCW 9A.44.100(1)(a)"), "felony_a")).toBe("yes"); // by forcible compulsion it is class A
    expect(isViolentOffense(cite("RCW 46.61.522"), "felony_b")).toBe("unknown"); // vehicular assault: means not shown
    expect(isViolentOffense(cite("RCW 46.61.520"), "felony_a")).toBe("yes");
    expect(isViolentOffense(cite("RCW 46.61.520"), "felony_b")).toBe("unknown");
  });

  it("names felonies only: no misdemeanor or gross misdemeanor is a violent offense", () => {
    expect(isViolentOffense(cite("RCW 9A.36.041"), "gross_misdemeanor")).toBe("no"); // assault 4
    expect(isViolentOffense(cite("RCW 9A.36.021"), "gross_misdemeanor")).toBe("no");
    expect(isViolentOffense(cite("RCW 9A.88.030"), "misdemeanor")).toBe("no"); // prostitution
  });

  it("is not a chapter: other felonies in the same chapters are not violent offenses", () => {
    expect(isViolentOffense(cite("RCW 9A.36.031"), "felony_c")).toBe("no"); // assault 3
    expect(isViolentOffense(cite("RCW 9A.40.040"), "felony_c")).toBe("no"); // unlawful imprisonment
    expect(isViolentOffense(cite("RCW 9A.56.150"), "felony_b")).toBe("no"); // possessing stolen property 1
    expect(isViolentOffense(cite("RCW 9A.56.130"), "felony_c")).toBe("no"); // extortion 2
    expect(isViolentOffense(cite("RCW 9A.52.030"), "felony_b")).toBe("no"); // burglary 2
    expect(isViolentOffense(cite("RCW 69.50.401"), "felony_b")).toBe("no");
  });

  it("cannot decide an ordinance or an attempt cited without its offense", () => {
    expect(isViolentOffense(cite("SMC 12A.06.010"), "felony_c")).toBe("unknown");
    expect(isViolentOffense(cite("RCW 9A.28.020"), "felony_c")).toBe("unknown");
    expect(isViolentOffense(cite(""), "felony_c")).toBe("unknown");
  });
});

describe("RCW 43.43.830(7), crime against children or other persons", () => {
  const decided = CRIME_AGAINST_PERSONS_ENTRIES.filter((e) => e.section && !e.condition && !e.toConfirm);
  it.each(decided.map((e) => [e.name, e.section!]))("%s (RCW %s) is on the list", (_n, section) => {
    expect(isCrimeAgainstPersons(cite(`RCW ${section}`), "felony_c")).toBe("yes");
  });

  it.each(CRIME_AGAINST_PERSONS_ENTRIES.filter((e) => e.toConfirm).map((e) => [e.name, e]))("%s is marked to confirm and never decided", (_n, entry) => {
    expect(entry.reason).toBeTruthy();
    if (entry.section) expect(isCrimeAgainstPersons(cite(`RCW ${entry.section}`), "felony_c")).toBe("unknown");
  });

  it("is neither a set of chapters nor the violent-offense list", () => {
    // On this list but not a violent offense:
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.031"), "felony_c")).toBe("yes"); // assault 3
    expect(isViolentOffense(cite("RCW 9A.36.031"), "felony_c")).toBe("no");
    // A violent offense but not on this list:
    expect(isViolentOffense(cite("RCW 9A.48.030"), "felony_b")).toBe("yes"); // arson 2
    expect(isCrimeAgainstPersons(cite("RCW 9A.48.030"), "felony_b")).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.045"), "felony_b")).toBe("no"); // drive-by shooting
    expect(isCrimeAgainstPersons(cite("RCW 46.61.522"), "felony_b")).toBe("no"); // vehicular assault
    // In a "person" chapter but not listed:
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.050"), "gross_misdemeanor")).toBe("no"); // reckless endangerment
    expect(isCrimeAgainstPersons(cite("RCW 9A.46.020"), "gross_misdemeanor")).toBe("no"); // harassment
    expect(isCrimeAgainstPersons(cite("RCW 9A.40.100"), "felony_a")).toBe("no"); // trafficking (a violent offense as class A)
  });

  it("lists prostitution (RCW 9A.88.030) by name, but not patronizing or theft", () => {
    expect(isCrimeAgainstPersons(cite("RCW 9A.88.030"), "misdemeanor")).toBe("yes");
    expect(isCrimeAgainstPersons(cite("RCW 9A.88.110"), "misdemeanor")).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.56.050"), "gross_misdemeanor")).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.56.040"), "felony_c")).toBe("no");
  });

  it("fourth degree assault only if a violation of RCW 9A.36.041(3)", () => {
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.041(3)"), "felony_c")).toBe("yes");
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.041"), "gross_misdemeanor")).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.041(1)"), undefined)).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.36.041"), "felony_c")).toBe("unknown");
  });

  it("felony indecent exposure only as a felony", () => {
    expect(isCrimeAgainstPersons(cite("RCW 9A.88.010"), "felony_c")).toBe("yes");
    expect(isCrimeAgainstPersons(cite("RCW 9A.88.010"), "misdemeanor")).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.88.010"))).toBe("unknown");
  });

  it("names no attempts, solicitations or conspiracies", () => {
    expect(isCrimeAgainstPersons(cite("RCW 9A.28.020; 9A.36.031"), "gross_misdemeanor")).toBe("no");
    expect(isCrimeAgainstPersons(cite("RCW 9A.28.040; 9A.40.040"), "gross_misdemeanor")).toBe("no");
  });

  it("cannot decide an ordinance or an attempt cited without its offense", () => {
    expect(isCrimeAgainstPersons(cite("SMC 12A.06.010"))).toBe("unknown");
    expect(isCrimeAgainstPersons(cite("RCW 9A.28.020"))).toBe("unknown");
  });
});

describe("RCW 9.94A.030(47), sex offense", () => {
  it("RCW 9.94A.030(47)(a)(i): a felony violation of chapter 9A.44 other than RCW 9A.44.132", () => {
    for (const section of ["9A.44.040", "9A.44.050", "9A.44.060", "9A.44.076", "9A.44.086", "9A.44.100", "9A.44.160"]) {
      expect(isSexOffense(cite(`RCW ${section}`), "felony_c"), section).toBe("yes");
    }
    // Not a felony: sexual misconduct with a minor 2 and indecent exposure are misdemeanors here.
    expect(isSexOffense(cite("RCW 9A.44.096"), "gross_misdemeanor")).toBe("no");
    expect(isSexOffense(cite("RCW 9A.44.096"))).toBe("unknown");
  });

  it("RCW 9.94A.030(47)(a)(ii): incest (RCW 9A.64.020)", () => {
    expect(isSexOffense(cite("RCW 9A.64.020"))).toBe("yes");
  });

  it("RCW 9.94A.030(47)(a)(iii): a felony violation of chapter 9.68A other than RCW 9.68A.080", () => {
    expect(isSexOffense(cite("RCW 9.68A.040"), "felony_b")).toBe("yes");
    expect(isSexOffense(cite("RCW 9.68A.100"), "felony_a")).toBe("yes");
    expect(isSexOffense(cite("RCW 9.68A.080"), "gross_misdemeanor")).toBe("no");
    expect(isSexOffense(cite("RCW 9.68A.080"), "felony_c")).toBe("no");
    expect(isSexOffense(cite("RCW 9.68A.090"), "gross_misdemeanor")).toBe("no");
  });

  it("RCW 9.94A.030(47)(a)(iv): a felony attempt, solicitation or conspiracy to commit such crimes", () => {
    expect(isSexOffense(cite("RCW 9A.28.020; 9A.44.050"), "felony_b")).toBe("yes");
    expect(isSexOffense(cite("9A.44.086 / 9A.28.040"), "felony_c")).toBe("yes");
    expect(isSexOffense(cite("RCW 9A.28.020; 9A.44.089"), "gross_misdemeanor")).toBe("no");
    expect(isSexOffense(cite("RCW 9A.28.020; 9A.56.050"), "felony_c")).toBe("no");
  });

  it("RCW 9.94A.030(47)(a)(v): failure to register only with a prior failure-to-register conviction", () => {
    expect(isSexOffense(cite("RCW 9A.44.132"), "felony_c")).toBe("unknown");
    expect(isSexOffense(cite("RCW 9A.44.132"), "gross_misdemeanor")).toBe("no");
  });

  it("RCW 9.94A.030(47)(c): any felony with a finding of sexual motivation", () => {
    expect(isSexOffense(cite("RCW 9A.52.020"), "felony_a", "sexual_motivation")).toBe("yes");
    expect(isSexOffense(cite("RCW 9A.52.020"), "felony_a", "none")).toBe("no");
  });

  it("is not chapter 9.68, nor prostitution, theft or a misdemeanor assault", () => {
    expect(isSexOffense(cite("RCW 9.68.140"), "gross_misdemeanor")).toBe("no");
    expect(isSexOffense(cite("RCW 9A.88.030"), "misdemeanor")).toBe("no");
    expect(isSexOffense(cite("RCW 9A.56.050"), "gross_misdemeanor")).toBe("no");
    expect(isSexOffense(cite("RCW 9A.36.041"), "gross_misdemeanor")).toBe("no");
  });

  it("cannot decide an ordinance", () => {
    expect(isSexOffense(cite("SMC 12A.10.040"), "misdemeanor")).toBe("unknown");
  });
});
