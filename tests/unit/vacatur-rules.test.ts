import { describe, expect, it } from "vitest";
import { isLegacyVacaturCitation, parseCitation } from "@/lib/vacatur/rules/citations";
import {
  NOT_LEGAL_ADVICE,
  RULESET_VERSION,
  bestOutcome,
  screenConviction,
  screenGeneralFelony,
  screenGeneralMisdemeanor,
  screenSurvivorFelony,
  screenSurvivorMisdemeanor,
  type ScreenContext,
  type ScreenConviction,
  type ScreenCount,
} from "@/lib/vacatur/rules/screen";

// Case by case against the statute texts: RCW 9.96.060 (2024 c 296 § 1), 9.96.080 (2021 c 237 § 5),
// 9.94A.640 and 9.94A.648 (2021 c 237 §§ 2–3), with the definitions of lib/vacatur/rules/definitions.ts.

const TODAY = "2026-11-23";
const NO_RESTITUTION: ScreenConviction["restitution"] = { order: "none", entries: [] };
const ordered = (...entries: ScreenConviction["restitution"]["entries"]): ScreenConviction["restitution"] => ({ order: "ordered", entries });

function count(overrides: Partial<ScreenCount> = {}): ScreenCount {
  return { count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none", ...overrides };
}
function conviction(overrides: Partial<ScreenConviction> = {}, counts: ScreenCount[] = [count()]): ScreenConviction {
  return {
    id: "c1",
    counts,
    dispositionDate: "2016-03-01",
    sentencingDate: "2016-03-01",
    confinementReleaseDate: null,
    supervisionEndDate: "2017-03-01",
    dischargeDate: null,
    cvpa: "unpaid",
    restitution: NO_RESTITUTION,
    citedRoute: null,
    ...overrides,
  };
}
function context(overrides: Partial<ScreenContext> = {}): ScreenContext {
  return { victimizationTypes: ["sex_trafficking"], pendingCharges: [], otherConvictions: [], declarationSigned: null, ...overrides };
}
const testOf = (route: { tests: { id: string; result: string; evidence: string; citation: string }[] }, id: string) => route.tests.find((t) => t.id === id);

describe("RCW 9.96.080, the survivor misdemeanor route", () => {
  it("finds a prostitution misdemeanor eligible even with the assessment unpaid (prostitution exception)", () => {
    const route = screenSurvivorMisdemeanor(conviction(), count(), context(), TODAY);
    expect(route.outcome).toBe("appears_eligible");
    expect(testOf(route, "cvpa")).toMatchObject({ result: "met" });
    expect(route.citation).toBe("RCW 9.96.060(3), 9.96.080");
  });

  it("applies the prostitution exception to loitering and stay-out-of-area ordinances too, but not to theft", () => {
    for (const category of ["prostitution_loitering", "stay_out_of_area"] as const) {
      const c = count({ citation: "SMC 12A.10.010", offense: "Loitering", category });
      expect(testOf(screenSurvivorMisdemeanor(conviction(), c, context(), TODAY), "cvpa")).toMatchObject({ result: "met" });
    }
    const theft = count({ offense: "Theft 3", citation: "RCW 9A.56.050", category: "other" });
    const route = screenSurvivorMisdemeanor(conviction(), theft, context(), TODAY);
    expect(testOf(route, "cvpa")).toMatchObject({ result: "not_met" });
    expect(route.outcome).toBe("blocked");
    expect(route.blockers[0]!.clears).toMatch(/Payment in full, or a motion to waive/);
  });

  it("treats a paid or not-imposed assessment as met and a waived one as an open question for counsel", () => {
    const theft = count({ offense: "Theft 3", citation: "RCW 9A.56.050", category: "other" });
    expect(testOf(screenSurvivorMisdemeanor(conviction({ cvpa: "paid" }), theft, context(), TODAY), "cvpa")!.result).toBe("met");
    expect(testOf(screenSurvivorMisdemeanor(conviction({ cvpa: "not_imposed" }), theft, context(), TODAY), "cvpa")!.result).toBe("met");
    const waived = screenSurvivorMisdemeanor(conviction({ cvpa: "waived" }), theft, context(), TODAY);
    expect(testOf(waived, "cvpa")!.result).toBe("unknown");
    expect(waived.outcome).toBe("needs_review");
  });

  it("bars patronizing, chapter 9.68/9.68A/9A.44 offenses and RCW 46.61.5055 offenses, but not failure to register", () => {
    const barred = ["RCW 9A.88.110", "9.68.060", "RCW 9.68A.090", "RCW 9A.44.096", "RCW 46.61.502", "46.61.504"];
    for (const citation of barred) {
      const route = screenSurvivorMisdemeanor(conviction({ cvpa: "paid" }), count({ citation, category: "other" }), context(), TODAY);
      expect(route.outcome, citation).toBe("not_eligible");
      expect(route.blockers).toEqual([]);
    }
    const register = screenSurvivorMisdemeanor(conviction({ cvpa: "paid" }), count({ citation: "RCW 9A.44.132", category: "other", offenseClass: "gross_misdemeanor" }), context(), TODAY);
    expect(testOf(register, "bar")!.result).toBe("met");
    const reckless = screenSurvivorMisdemeanor(conviction({ cvpa: "paid" }), count({ citation: "RCW 46.61.500", category: "other" }), context(), TODAY);
    expect(testOf(reckless, "bar")!.result).toBe("unknown");
  });

  it("does not take felonies", () => {
    const route = screenSurvivorMisdemeanor(conviction(), count({ offenseClass: "felony_c" }), context(), TODAY);
    expect(route.outcome).toBe("not_eligible");
  });

  it("ignores a pending prostitution charge but is blocked by any other pending charge in Washington, another state or federal court", () => {
    const pendingProstitution = context({ pendingCharges: [{ jurisdiction: "washington", offense: "Prostitution", citation: "RCW 9A.88.030", prostitution: true }] });
    expect(screenSurvivorMisdemeanor(conviction(), count(), pendingProstitution, TODAY).outcome).toBe("appears_eligible");
    for (const jurisdiction of ["washington", "other_state", "federal"] as const) {
      const pending = context({ pendingCharges: [{ jurisdiction, offense: "Theft", citation: null, prostitution: false }] });
      const route = screenSurvivorMisdemeanor(conviction(), count(), pending, TODAY);
      expect(route.outcome, jurisdiction).toBe("blocked");
      expect(route.blockers[0]!.label).toMatch(/Pending charge: Theft/);
    }
  });

  it("RCW 9.96.080(2)(b): does not count a pending tribal charge (the subsection names no tribal court) and says so", () => {
    const pending = context({ pendingCharges: [{ jurisdiction: "tribal", offense: "Theft", citation: null, prostitution: false }] });
    const route = screenSurvivorMisdemeanor(conviction(), count(), pending, TODAY);
    expect(testOf(route, "pending")!.result).toBe("met");
    expect(route.tests.find((t) => t.id === "pending")!.evidence).toMatch(/A pending tribal-court charge does not count under RCW 9\.96\.080\(2\)\(b\): it names charges pending in this state, another state, or federal court/);
  });

  it("tests a misdemeanor against new convictions in the 3 years before applying, at the exact boundary", () => {
    const at = (date: string) => context({ otherConvictions: [{ date, jurisdiction: "tribal", description: "Theft 3" }] });
    // Exactly three years before the application date: outside the window.
    expect(screenSurvivorMisdemeanor(conviction(), count(), at("2023-11-23"), TODAY).outcome).toBe("appears_eligible");
    // One day later: inside, and the wait ends three years after that conviction.
    const inside = screenSurvivorMisdemeanor(conviction(), count(), at("2023-11-24"), TODAY);
    expect(inside.outcome).toBe("blocked");
    expect(inside.earliestDate).toBe("2026-11-24");
    expect(inside.blockers[0]!.clears).toBe("The 3-year window passes on Nov 24, 2026.");
    // Applying on the day the window passes.
    expect(screenSurvivorMisdemeanor(conviction(), count(), at("2023-11-24"), "2026-11-24").outcome).toBe("appears_eligible");
  });

  it("does not apply the 3-year test to gross misdemeanors (flagged for counsel)", () => {
    const recent = context({ otherConvictions: [{ date: "2026-01-10", jurisdiction: "washington", description: "Theft 3" }] });
    const route = screenSurvivorMisdemeanor(conviction(), count({ offenseClass: "gross_misdemeanor" }), recent, TODAY);
    expect(route.outcome).toBe("appears_eligible");
    expect(testOf(route, "lookback_3")).toMatchObject({ result: "met" });
    expect(route.tests.find((t) => t.id === "lookback_3")!.kind).toBe("confirm");
  });

  it("RCW 9.96.080(2)(e): blocks on unpaid restitution to a victim, not on restitution owed to an insurer", () => {
    const victimUnpaid = screenSurvivorMisdemeanor(conviction({ restitution: ordered({ owedTo: "victim", payment: "unpaid" }) }), count(), context(), TODAY);
    expect(victimUnpaid.outcome).toBe("blocked");
    expect(testOf(victimUnpaid, "restitution")).toMatchObject({ result: "not_met", citation: "RCW 9.96.080(2)(e)" });
    const insurerUnpaid = screenSurvivorMisdemeanor(conviction({ restitution: ordered({ owedTo: "victim", payment: "paid" }, { owedTo: "insurer", payment: "unpaid" }) }), count(), context(), TODAY);
    expect(insurerUnpaid.outcome).toBe("appears_eligible");
    expect(testOf(insurerUnpaid, "restitution")!.evidence).toMatch(/insurer \(one entry\) does not count/);
    // Owed to an agency or fund: not an insurer under Title 48 RCW, but not plainly "any victim" either, so
    // the screen asks the attorney rather than answering "blocked".
    const otherUnpaid = screenSurvivorMisdemeanor(conviction({ restitution: ordered({ owedTo: "other", payment: "unpaid" }) }), count(), context(), TODAY);
    expect(otherUnpaid.outcome).toBe("needs_review");
    expect(otherUnpaid.earliestDate).toBeNull();
    expect(testOf(otherUnpaid, "restitution")).toMatchObject({ result: "unknown", citation: "RCW 9.96.080(2)(e)" });
    // A victim's unpaid entry beside it still blocks.
    const both = screenSurvivorMisdemeanor(conviction({ restitution: ordered({ owedTo: "other", payment: "unpaid" }, { owedTo: "victim", payment: "unpaid" }) }), count(), context(), TODAY);
    expect(both.outcome).toBe("blocked");
    const unknown = screenSurvivorMisdemeanor(conviction({ restitution: { order: "unknown", entries: [] } }), count(), context(), TODAY);
    expect(unknown.outcome).toBe("needs_review");
  });

  it("needs a recorded covered victimization, and never decides the sworn declaration", () => {
    const route = screenSurvivorMisdemeanor(conviction(), count(), context({ victimizationTypes: ["labor_trafficking"] }), TODAY);
    expect(route.outcome).toBe("needs_review");
    const declaration = route.tests.find((t) => t.id === "declaration")!;
    expect(declaration).toMatchObject({ kind: "confirm", result: "unknown" });
    expect(screenSurvivorMisdemeanor(conviction(), count(), context({ declarationSigned: true }), TODAY).tests.find((t) => t.id === "declaration")!.result).toBe("met");
  });

  it("asks about a local ordinance it cannot read", () => {
    const route = screenSurvivorMisdemeanor(conviction({ cvpa: "paid" }), count({ citation: "TMC 8.12.020", category: "other", offense: "Criminal trespass" }), context(), TODAY);
    expect(testOf(route, "bar")!.result).toBe("unknown");
  });
});

describe("RCW 9.96.060(2), the general misdemeanor route", () => {
  const theft = count({ offense: "Theft 3", citation: "RCW 9A.56.050", category: "other" });

  it("waits 3 years from the later of supervision, confinement or sentencing, and needs LFOs paid", () => {
    const recent = conviction({ cvpa: "paid", sentencingDate: "2024-05-01", supervisionEndDate: "2025-05-01" });
    const route = screenGeneralMisdemeanor(recent, theft, context(), TODAY);
    expect(route.outcome).toBe("blocked");
    expect(route.earliestDate).toBe("2028-05-01");
    expect(screenGeneralMisdemeanor(conviction({ cvpa: "unpaid" }), theft, context(), TODAY).tests.find((t) => t.id === "complete")!.result).toBe("not_met");
  });

  it("counts a pending prostitution charge and a tribal charge (no survivor exceptions here)", () => {
    const pending = context({ pendingCharges: [{ jurisdiction: "tribal", offense: "Prostitution", citation: "9A.88.030", prostitution: true }] });
    expect(testOf(screenGeneralMisdemeanor(conviction({ cvpa: "paid" }), theft, pending, TODAY), "pending")!.result).toBe("not_met");
  });

  // The bar clauses are (2)(c) violent offense or an attempt, (2)(d) the DUI family, (2)(e) ch. 9.68/9.68A/9A.44
  // except failure to register; nothing else bars this route.
  const eligibleFacts = conviction({ cvpa: "paid", restitution: NO_RESTITUTION });
  const bar = (citation: string, offenseClass: ScreenCount["offenseClass"] = "gross_misdemeanor", category: ScreenCount["category"] = "other") => {
    const route = screenGeneralMisdemeanor(eligibleFacts, count({ citation, offenseClass, category, offense: citation }), context(), TODAY);
    return { route, bar: route.tests.find((t) => t.id === "bar")! };
  };

  it("RCW 9.96.060(2)(c): a misdemeanor assault 4 is not a violent offense (the definition lists felonies only), so it is not barred", () => {
    const { route, bar: test } = bar("RCW 9A.36.041");
    expect(test.result).toBe("met");
    expect(test.evidence).toMatch(/never a violent offense/);
    expect(route.outcome).toBe("appears_eligible");
    // Nor are other crimes against persons that are not violent offenses: unlawful imprisonment, custodial interference 2.
    expect(bar("RCW 9A.40.040").bar.result).toBe("met");
    expect(bar("RCW 9A.40.070").bar.result).toBe("met");
  });

  it("RCW 9.96.060(2)(c): an attempt to commit a violent offense is barred, whatever class was recorded", () => {
    const attempt = bar("RCW 9A.28.020; 9A.36.021");
    expect(attempt.bar).toMatchObject({ result: "not_met", citation: "RCW 9.96.060(2)(c)" });
    expect(attempt.route.outcome).toBe("not_eligible");
    expect(bar("9A.56.210 / 9A.28.020").bar.result).toBe("not_met");
    // The subsection names attempts only: a conspiracy to commit theft 3 is not on the list.
    expect(bar("RCW 9A.28.040; 9A.56.050").bar.result).toBe("met");
    // An attempt whose object needs facts the citation lacks (vehicular assault's means) needs information.
    const vehicular = bar("RCW 9A.28.020; 46.61.522");
    expect(vehicular.bar.result).toBe("unknown");
    expect(vehicular.route.outcome).toBe("needs_review");
  });

  it("RCW 9.96.060(2)(d): DUI, physical control and railroad intoxication are barred by name", () => {
    for (const citation of ["RCW 46.61.502", "RCW 46.61.504(1)", "RCW 9.91.020"]) {
      const { route, bar: test } = bar(citation);
      expect(test, citation).toMatchObject({ result: "not_met", citation: "RCW 9.96.060(2)(d)" });
      expect(route.outcome, citation).toBe("not_eligible");
    }
  });

  it("RCW 9.96.060(2)(d): a RCW 46.61.5055 prior offense is barred only with the 10-year condition, so it needs information, never a confident bar", () => {
    for (const citation of ["RCW 46.61.500", "RCW 46.61.5249"]) {
      const { route, bar: test } = bar(citation);
      expect(test, citation).toMatchObject({ result: "unknown", citation: "RCW 9.96.060(2)(d)" });
      expect(route.outcome, citation).toBe("needs_review");
    }
  });

  it("RCW 9.96.060(2)(e): ch. 9.68, 9.68A and 9A.44 offenses, including attempts, are barred, except failure to register", () => {
    for (const citation of ["RCW 9.68.060", "RCW 9.68A.090", "RCW 9A.44.096", "RCW 9A.28.020; 9A.44.096"]) {
      const { route, bar: test } = bar(citation);
      expect(test, citation).toMatchObject({ result: "not_met", citation: "RCW 9.96.060(2)(e)" });
      expect(route.outcome, citation).toBe("not_eligible");
    }
    const register = bar("RCW 9A.44.132");
    expect(register.bar.result).toBe("met");
    expect(register.route.outcome).toBe("appears_eligible");
  });

  it("RCW 9.96.060(2): prostitution, theft and drug possession are on no bar list", () => {
    expect(bar("RCW 9A.88.030", "misdemeanor", "prostitution").bar.result).toBe("met");
    expect(bar("RCW 9A.56.050", "gross_misdemeanor").bar.result).toBe("met");
    expect(bar("RCW 69.50.4014", "misdemeanor").bar.result).toBe("met");
  });

  it("RCW 9.96.060(2): a local ordinance or an attempt cited without its offense needs information", () => {
    expect(bar("TMC 8.12.020", "misdemeanor").route.outcome).toBe("needs_review");
    expect(bar("SMC 12A.10.010", "misdemeanor", "prostitution_loitering").bar.result).toBe("met");
    expect(bar("RCW 9A.28.020", "gross_misdemeanor").bar.result).toBe("unknown");
  });
});

describe("RCW 9.94A.648, the survivor felony route", () => {
  const possession = count({ offense: "Possession of stolen property 2", citation: "RCW 9A.56.160", category: "other", offenseClass: "felony_c" });

  it("looks back 5 years for class C and 10 years for class B, including tribal convictions", () => {
    const seven = context({ otherConvictions: [{ date: "2019-11-01", jurisdiction: "tribal", description: "Theft" }] });
    expect(screenSurvivorFelony(conviction({ cvpa: "paid" }), possession, seven, TODAY).outcome).toBe("appears_eligible");
    const classB = { ...possession, offenseClass: "felony_b" as const, citation: "RCW 9A.56.150" };
    const route = screenSurvivorFelony(conviction({ cvpa: "paid" }), classB, seven, TODAY);
    expect(route.outcome).toBe("blocked");
    expect(route.earliestDate).toBe("2029-11-01");
    // Class C boundary: exactly five years before is outside the window.
    const five = context({ otherConvictions: [{ date: "2021-11-23", jurisdiction: "washington", description: "Theft" }] });
    expect(screenSurvivorFelony(conviction({ cvpa: "paid" }), possession, five, TODAY).outcome).toBe("appears_eligible");
    const fiveLess = context({ otherConvictions: [{ date: "2021-11-24", jurisdiction: "washington", description: "Theft" }] });
    expect(screenSurvivorFelony(conviction({ cvpa: "paid" }), possession, fiveLess, TODAY).outcome).toBe("blocked");
  });

  it("has no prostitution exception for the assessment", () => {
    const route = screenSurvivorFelony(conviction({ cvpa: "unpaid" }), { ...possession, category: "prostitution" }, context(), TODAY);
    expect(testOf(route, "cvpa")!.result).toBe("not_met");
  });

  it("RCW 9.94A.648(3)(a): bars crimes against persons except Assault 2, Assault 3 not against an officer, and Robbery 2, without enhancements", () => {
    const felony = (citation: string, enhancement: ScreenCount["enhancement"] = "none", offenseClass: ScreenCount["offenseClass"] = "felony_b") =>
      screenSurvivorFelony(conviction({ cvpa: "paid" }), count({ citation, category: "other", offenseClass, enhancement }), context(), TODAY);
    expect(felony("RCW 9A.36.021").outcome).toBe("appears_eligible");
    expect(felony("RCW 9A.56.210").outcome).toBe("appears_eligible");
    expect(felony("RCW 9A.56.210", "firearm").outcome).toBe("not_eligible");
    expect(felony("RCW 9A.36.021", "deadly_weapon").outcome).toBe("not_eligible");
    expect(felony("RCW 9A.36.031(1)(g)", "none", "felony_c").outcome).toBe("not_eligible");
    expect(felony("RCW 9A.36.031", "none", "felony_c").outcome).toBe("needs_review");
    expect(felony("RCW 9A.40.020").outcome).toBe("not_eligible");
  });

  it("bars felony DUI and promoting prostitution 1st and 2nd degree", () => {
    for (const citation of ["RCW 46.61.502", "RCW 9A.88.070", "RCW 9A.88.080"]) {
      expect(screenSurvivorFelony(conviction({ cvpa: "paid" }), count({ citation, category: "other", offenseClass: "felony_c" }), context(), TODAY).outcome, citation).toBe(
        "not_eligible",
      );
    }
  });

  it("does not take class A felonies or misdemeanors", () => {
    expect(screenSurvivorFelony(conviction(), { ...possession, offenseClass: "felony_a" }, context(), TODAY).outcome).toBe("not_eligible");
    expect(screenSurvivorFelony(conviction(), { ...possession, offenseClass: "misdemeanor" }, context(), TODAY).outcome).toBe("not_eligible");
  });
});

describe("RCW 9.94A.640, the general felony route", () => {
  it("needs discharge and waits 5 (class C) or 10 (class B) years from the later release or sentencing", () => {
    const c = count({ offense: "Forgery", citation: "RCW 9A.60.020", category: "other", offenseClass: "felony_c" });
    const undischarged = screenGeneralFelony(conviction({ cvpa: "paid", sentencingDate: "2018-01-10", supervisionEndDate: "2019-01-10" }), c, context(), TODAY);
    expect(testOf(undischarged, "discharge")!.result).toBe("unknown");
    const discharged = screenGeneralFelony(conviction({ sentencingDate: "2018-01-10", supervisionEndDate: "2019-01-10", dischargeDate: "2019-02-01" }), c, context(), TODAY);
    expect(discharged.outcome).toBe("appears_eligible");
    const classB = screenGeneralFelony(conviction({ sentencingDate: "2018-01-10", supervisionEndDate: "2019-01-10", dischargeDate: "2019-02-01" }), { ...c, offenseClass: "felony_b" }, context(), TODAY);
    expect(classB.outcome).toBe("blocked");
    expect(classB.earliestDate).toBe("2029-01-10");
  });
});

describe("RCW 9.94A.640(2)(b), violent offenses and crimes against persons on the general felony route", () => {
  const discharged = conviction({ sentencingDate: "2010-01-10", supervisionEndDate: "2011-01-10", dischargeDate: "2011-02-01", cvpa: "paid" });
  const felony = (citation: string, offenseClass: ScreenCount["offenseClass"] = "felony_b", enhancement: ScreenCount["enhancement"] = "none") => {
    const route = screenGeneralFelony(discharged, count({ citation, offenseClass, enhancement, category: "other", offense: citation }), context(), TODAY);
    return { route, person: route.tests.find((t) => t.id === "person")! };
  };

  it("RCW 9.94A.640(2)(b): bars a crime against persons as RCW 43.43.830(7) lists it, though not a violent offense", () => {
    for (const citation of ["RCW 9A.40.040", "RCW 9A.44.060", "RCW 9A.36.140", "RCW 9A.42.030"]) {
      const { route, person } = felony(citation, "felony_c");
      expect(person.result, citation).toBe("not_met");
      expect(route.outcome, citation).toBe("not_eligible");
    }
  });

  it("RCW 9.94A.640(2)(b): bars a violent offense that RCW 43.43.830(7) does not list (arson 2, drive-by shooting)", () => {
    for (const citation of ["RCW 9A.48.030", "RCW 9A.36.045"]) {
      expect(felony(citation).route.outcome, citation).toBe("not_eligible");
    }
  });

  it("RCW 9.94A.640(2)(b): does not bar felonies on neither list, even in the chapters the old approximation barred", () => {
    // Harassment (ch. 9A.46), burglary 2 (ch. 9A.52), possessing stolen property, forgery.
    for (const citation of ["RCW 9A.46.020", "RCW 9A.52.030", "RCW 9A.56.150", "RCW 9A.60.020"]) {
      const { route, person } = felony(citation, "felony_c");
      expect(person.result, citation).toBe("met");
      expect(route.outcome, citation).toBe("appears_eligible");
    }
  });

  it("RCW 9.94A.640(2)(b)(i)-(iii): excepts assault 2, assault 3 not against an officer and robbery 2 only without a firearm, deadly weapon or sexual motivation enhancement", () => {
    expect(felony("RCW 9A.36.021").route.outcome).toBe("appears_eligible");
    expect(felony("RCW 9A.56.210").route.outcome).toBe("appears_eligible");
    for (const enhancement of ["firearm", "deadly_weapon", "sexual_motivation"] as const) {
      expect(felony("RCW 9A.36.021", "felony_b", enhancement).route.outcome, enhancement).toBe("not_eligible");
      expect(felony("RCW 9A.56.210", "felony_b", enhancement).route.outcome, enhancement).toBe("not_eligible");
    }
    expect(felony("RCW 9A.36.031(1)(g)", "felony_c").route.outcome).toBe("not_eligible");
    expect(felony("RCW 9A.36.031(1)(f)", "felony_c").route.outcome).toBe("needs_review");
    // The exception names the offense, not an attempt at it.
    expect(felony("RCW 9A.28.020; 9A.36.021", "felony_c").person.result).not.toBe("met");
  });

  it("RCW 9.94A.640(2)(b): a bar the citation cannot decide is needs information, never a confident not-eligible or blocked", () => {
    const undecided = ["RCW 46.61.522", "RCW 9A.28.020; 9A.56.200", "RCW 9A.28.020", "KCC 12.10.010", "RCW 9A.36.041"];
    for (const citation of undecided) {
      const { route, person } = felony(citation, citation === "RCW 9A.36.041" ? "felony_c" : "felony_b");
      expect(person.result, citation).toBe("unknown");
      expect(route.outcome, citation).toBe("needs_review");
      expect(route.earliestDate, citation).toBeNull();
    }
  });

  it("RCW 9.94A.640(2)(b): an attempt at a class A felony recorded as class A is not screened (class A) and a class C attempt reads its object", () => {
    expect(felony("RCW 9A.28.020; 9A.32.030", "felony_a").route.outcome).toBe("not_eligible");
    // Attempted assault 3 (class C object): not a crime against persons (the list names no attempts) -> needs the class A question only.
    expect(felony("RCW 9A.28.020; 9A.36.031", "felony_c").person.result).toBe("unknown");
  });
});

describe("a bar the citation cannot decide is never a confident date", () => {
  it("RCW 9.94A.640(2)(b): vehicular assault (its means not in the citation) inside the waiting period is needs information with no date", () => {
    const recent = conviction({ sentencingDate: "2022-01-10", supervisionEndDate: "2023-01-10", dischargeDate: "2023-02-01", cvpa: "paid" });
    const route = screenGeneralFelony(recent, count({ citation: "RCW 46.61.522", offenseClass: "felony_b", category: "other" }), context(), TODAY);
    expect(testOf(route, "wait")!.result).toBe("not_met");
    expect(route.outcome).toBe("needs_review");
    expect(route.earliestDate).toBeNull();
    // The same facts with a decided bar (forgery) are blocked until the wait ends.
    const forgery = screenGeneralFelony(recent, count({ citation: "RCW 9A.60.020", offenseClass: "felony_b", category: "other" }), context(), TODAY);
    expect(forgery.outcome).toBe("blocked");
    expect(forgery.earliestDate).toBe("2033-01-10");
  });

  it("RCW 9.96.060(2)(d): a DUI prior offense inside the 3-year wait is needs information, and the conviction reports no date from it", () => {
    const recent = conviction({ cvpa: "paid", sentencingDate: "2025-01-01", supervisionEndDate: "2025-06-01" }, [count({ citation: "RCW 46.61.500", category: "other", offenseClass: "gross_misdemeanor" })]);
    const route = screenGeneralMisdemeanor(recent, recent.counts[0]!, context(), TODAY);
    expect(route.outcome).toBe("needs_review");
    expect(route.earliestDate).toBeNull();
  });
});

describe("RCW 9.94A.648(3)(a), the same definitions on the survivor felony route", () => {
  it("RCW 9.94A.648(3)(a): bars unlawful imprisonment (RCW 43.43.830(7)) and does not bar harassment", () => {
    const screen = (citation: string) => screenSurvivorFelony(conviction({ cvpa: "paid" }), count({ citation, category: "other", offenseClass: "felony_c" }), context(), TODAY);
    expect(screen("RCW 9A.40.040").outcome).toBe("not_eligible");
    expect(screen("RCW 9A.46.020").outcome).toBe("appears_eligible");
  });
});

describe("screenConviction", () => {
  it("screens each count against the routes of its class, and class A against none", () => {
    const screen = screenConviction(
      conviction({}, [count(), count({ count: 2, offense: "Robbery 1", citation: "RCW 9A.56.200", offenseClass: "felony_a", category: "other" })]),
      context(),
      TODAY,
    );
    expect(screen.rulesetVersion).toBe(RULESET_VERSION);
    expect(screen.counts[0]!.routes.map((r) => r.route)).toEqual(["rcw_9_96_080", "rcw_9_96_060_2"]);
    expect(screen.counts[1]!.routes.map((r) => [r.route, r.outcome])).toEqual([["none", "not_eligible"]]);
    expect(bestOutcome(screen)).toBe("appears_eligible");
  });

  it("RCW 9.96.060(7): screens the family-member route only when the matter records a family member applying for a survivor who died by homicide", () => {
    const survivorsOwn = screenConviction(conviction(), context(), TODAY);
    expect(survivorsOwn.counts[0]!.routes.map((r) => r.route)).not.toContain("rcw_9_96_060_7");
    const family = screenConviction(conviction(), context({ homicideFamilyApplicant: true }), TODAY);
    const route = family.counts[0]!.routes.find((r) => r.route === "rcw_9_96_060_7")!;
    expect(route.outcome).toBe("appears_eligible");
    expect(testOf(route, "applicant")).toMatchObject({ result: "met" });
    // only a prostitution conviction (RCW 9A.88.030) is covered
    const theft = screenConviction(conviction({}, [count({ citation: "RCW 9A.56.050", category: "other", offenseClass: "gross_misdemeanor" })]), context({ homicideFamilyApplicant: true }), TODAY);
    expect(theft.counts[0]!.routes.map((r) => r.route)).not.toContain("rcw_9_96_060_7");
  });

  it("keeps a 9.96.070 citation as a legacy label and screens under the current statutes", () => {
    const screen = screenConviction(conviction({ citedRoute: "RCW 9.96.070" }), context(), TODAY);
    expect(screen.notes[0]).toMatch(/repealed effective 2021-07-25/);
    expect(screen.notes[0]).toMatch(/RCW 9\.96\.080/);
    expect(screen.counts[0]!.routes[0]!.route).toBe("rcw_9_96_080");
    expect(screenConviction(conviction({ citedRoute: "RCW 9.96.080" }), context(), TODAY).notes).toEqual([]);
  });

  it("reports the earliest date a waiting period ends across the routes still open", () => {
    const theft = count({ offense: "Theft 3", citation: "RCW 9A.56.050", category: "other" });
    const screen = screenConviction(
      conviction({ cvpa: "paid", sentencingDate: "2025-01-01", supervisionEndDate: "2025-06-01" }, [theft]),
      context({ otherConvictions: [{ date: "2024-02-01", jurisdiction: "washington", description: "Trespass" }] }),
      TODAY,
    );
    // survivor route: window passes 2027-02-01; general route: 2028-06-01
    expect(screen.earliestDate).toBe("2027-02-01");
  });

  it("says it is not legal advice", () => {
    expect(NOT_LEGAL_ADVICE).toMatch(/not legal advice/);
  });
});

describe("citations", () => {
  it("normalizes what people type", () => {
    expect(parseCitation("rcw 9a.88.030(1)")).toMatchObject({ kind: "rcw", section: "9A.88.030", subsection: "(1)" });
    expect(parseCitation("9.68A.090")).toMatchObject({ kind: "rcw", section: "9.68A.090" });
    expect(parseCitation("SMC 12A.10.010")).toMatchObject({ kind: "ordinance" });
    expect(parseCitation("  ")).toMatchObject({ kind: "missing" });
    expect(isLegacyVacaturCitation("RCW 9.96.070")).toBe(true);
    expect(isLegacyVacaturCitation("9.96.070(1)")).toBe(true);
    expect(isLegacyVacaturCitation("RCW 9.96.080")).toBe(false);
  });

  it("reads an attempt, solicitation or conspiracy together with its object offense, in either order", () => {
    expect(parseCitation("RCW 9A.28.020; 9A.36.021")).toMatchObject({ kind: "rcw", section: "9A.36.021", anticipatory: "attempt", objectMissing: false });
    expect(parseCitation("9A.28.020 / 9A.56.210")).toMatchObject({ section: "9A.56.210", anticipatory: "attempt" });
    expect(parseCitation("RCW 9A.28.030(1), RCW 9A.44.100(1)(a)")).toMatchObject({ section: "9A.44.100", subsection: "(1)(a)", anticipatory: "solicitation" });
    expect(parseCitation("9A.56.200 and 9A.28.040")).toMatchObject({ section: "9A.56.200", anticipatory: "conspiracy" });
    expect(parseCitation("RCW 9A.28.020")).toMatchObject({ section: "9A.28.020", anticipatory: "attempt", objectMissing: true });
    expect(parseCitation("RCW 9A.36.021(1)(a)")).toMatchObject({ section: "9A.36.021", subsection: "(1)(a)", anticipatory: null, objectMissing: false });
    // A municipal code stays an ordinance even when an RCW section follows it.
    expect(parseCitation("SMC 12A.10.010; RCW 9A.88.030")).toMatchObject({ kind: "ordinance" });
  });
});
