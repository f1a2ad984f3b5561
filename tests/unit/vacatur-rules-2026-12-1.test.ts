import { describe, expect, it } from "vitest";
import {
  RULESET_VERSION,
  screenConviction,
  screenGeneralFelony,
  screenGeneralMisdemeanor,
  screenSurvivorFelony,
  screenSurvivorMisdemeanor,
  type ScreenContext,
  type ScreenConviction,
  type ScreenCount,
} from "@/lib/vacatur/rules/screen";

// The rules changed in ruleset wa-2026.12.1, each written from the statute text: RCW 9.96.060 (2024 c 296
// § 1), 9.96.080 (2021 c 237 § 5), 9.94A.640, 9.94A.648 (2021 c 237 §§ 2–3), 9.94A.637 and 9.94A.030(55)–(57).

const TODAY = "2026-11-23";
type Restitution = ScreenConviction["restitution"];
const NONE: Restitution = { order: "none", entries: [] };

function count(overrides: Partial<ScreenCount> = {}): ScreenCount {
  return { count: 1, offense: "Theft 3", citation: "RCW 9A.56.050", offenseClass: "gross_misdemeanor", category: "other", enhancement: "none", ...overrides };
}
function conviction(overrides: Partial<ScreenConviction> = {}, counts: ScreenCount[] = [count()]): ScreenConviction {
  return {
    id: "c1",
    counts,
    dispositionDate: "2015-03-01",
    sentencingDate: "2015-03-01",
    confinementReleaseDate: null,
    supervisionEndDate: "2016-03-01",
    dischargeDate: null,
    cvpa: "paid",
    restitution: NONE,
    citedRoute: null,
    ...overrides,
  };
}
function context(overrides: Partial<ScreenContext> = {}): ScreenContext {
  return { victimizationTypes: ["sex_trafficking"], pendingCharges: [], otherConvictions: [], declarationSigned: null, ...overrides };
}
const testOf = (route: { tests: { id: string; result: string; evidence: string; citation: string }[] }, id: string) => route.tests.find((t) => t.id === id)!;
const felonyC = count({ offense: "Forgery", citation: "RCW 9A.60.020", offenseClass: "felony_c" });
const felonyB = count({ offense: "Theft 1", citation: "RCW 9A.56.030", offenseClass: "felony_b" });
const discharged = conviction({ dischargeDate: "2016-04-01" });
const tribal = (date: string) => ({ date, jurisdiction: "tribal" as const, description: "Theft, Tulalip Tribal Court" });

it("the ruleset version moved with these rules", () => {
  expect(RULESET_VERSION).toBe("wa-2026.12.1");
});

describe("courts each subsection names", () => {
  it("RCW 9.94A.640(2)(d): a tribal-court conviction does not count on the general felony route, and the evidence says so", () => {
    const route = screenGeneralFelony(discharged, felonyC, context({ otherConvictions: [tribal("2025-01-01")] }), TODAY);
    const lookback = testOf(route, "lookback_5");
    expect(lookback).toMatchObject({ result: "met", citation: "RCW 9.94A.640(2)(d)" });
    expect(lookback.evidence).toMatch(/A tribal-court conviction does not count under RCW 9\.94A\.640\(2\)\(d\): it names convictions in this state, another state, or federal court/);
    expect(route.outcome).toBe("appears_eligible");
  });

  it("RCW 9.94A.640(2)(c): nor for a class B felony; a Washington conviction does", () => {
    expect(testOf(screenGeneralFelony(discharged, felonyB, context({ otherConvictions: [tribal("2020-01-01")] }), TODAY), "lookback_10").result).toBe("met");
    const washington = screenGeneralFelony(discharged, felonyB, context({ otherConvictions: [{ date: "2020-01-01", jurisdiction: "washington", description: "Trespass" }] }), TODAY);
    expect(testOf(washington, "lookback_10")).toMatchObject({ result: "not_met", citation: "RCW 9.94A.640(2)(c)" });
  });

  it("RCW 9.94A.640(2)(a): a pending tribal charge does not count; a federal one does", () => {
    const tribalCharge = screenGeneralFelony(discharged, felonyC, context({ pendingCharges: [{ jurisdiction: "tribal", offense: "Theft", citation: null, prostitution: false }] }), TODAY);
    expect(testOf(tribalCharge, "pending")).toMatchObject({ result: "met", citation: "RCW 9.94A.640(2)(a)" });
    expect(testOf(tribalCharge, "pending").evidence).toMatch(/pending tribal-court charge does not count under RCW 9\.94A\.640\(2\)\(a\)/);
    const federal = screenGeneralFelony(discharged, felonyC, context({ pendingCharges: [{ jurisdiction: "federal", offense: "Fraud", citation: null, prostitution: false }] }), TODAY);
    expect(federal.outcome).toBe("blocked");
  });

  it("RCW 9.94A.648(2)(c): a tribal-court conviction counts on the survivor felony route", () => {
    const route = screenSurvivorFelony(conviction(), felonyC, context({ otherConvictions: [tribal("2025-01-01")] }), TODAY);
    expect(testOf(route, "lookback_5")).toMatchObject({ result: "not_met", citation: "RCW 9.94A.648(2)(c)" });
    expect(route.outcome).toBe("blocked");
  });

  it("RCW 9.94A.648(2)(b): a pending tribal charge does not count on the survivor felony route", () => {
    const route = screenSurvivorFelony(conviction(), felonyC, context({ pendingCharges: [{ jurisdiction: "tribal", offense: "Theft", citation: null, prostitution: false }] }), TODAY);
    expect(testOf(route, "pending").result).toBe("met");
  });

  it("RCW 9.96.060(2)(b) and (h): a pending tribal charge and a tribal conviction both count on the general misdemeanor route", () => {
    const route = screenGeneralMisdemeanor(conviction(), count(), context({ pendingCharges: [{ jurisdiction: "tribal", offense: "Theft", citation: null, prostitution: false }], otherConvictions: [tribal("2025-01-01")] }), TODAY);
    expect(testOf(route, "pending")).toMatchObject({ result: "not_met", citation: "RCW 9.96.060(2)(b)" });
    expect(testOf(route, "lookback_3")).toMatchObject({ result: "not_met", citation: "RCW 9.96.060(2)(h)" });
  });

  it("RCW 9.96.080(2)(c): a tribal-court conviction counts for a misdemeanor on the survivor route", () => {
    const route = screenSurvivorMisdemeanor(conviction(), count({ offenseClass: "misdemeanor" }), context({ otherConvictions: [tribal("2025-01-01")] }), TODAY);
    expect(testOf(route, "lookback_3").result).toBe("not_met");
  });
});

describe("victims as RCW 9.94A.030 defines them", () => {
  it("RCW 9.94A.030(57): a victim of a chapter 9A.44 offense (child sexual abuse) is a victim of sexual assault on both survivor routes", () => {
    const ctx = context({ victimizationTypes: ["child_sexual_abuse"] });
    const misdemeanor = testOf(screenSurvivorMisdemeanor(conviction(), count(), ctx, TODAY), "victim");
    expect(misdemeanor.result).toBe("met");
    expect(misdemeanor.evidence).toMatch(/sexual assault \(a chapter 9A\.44 RCW offense\) \(RCW 9\.94A\.030\(57\)\)/);
    expect(testOf(screenSurvivorFelony(conviction(), felonyC, ctx, TODAY), "victim").result).toBe("met");
  });

  it("RCW 9.94A.030(55): stalking is a question (domestic violence only by a partner or household member), labor trafficking alone is not covered", () => {
    const stalking = testOf(screenSurvivorMisdemeanor(conviction(), count(), context({ victimizationTypes: ["stalking"] }), TODAY), "victim");
    expect(stalking.result).toBe("unknown");
    expect(stalking.evidence).toMatch(/intimate partner or household member/);
    expect(testOf(screenSurvivorMisdemeanor(conviction(), count(), context({ victimizationTypes: ["labor_trafficking"] }), TODAY), "victim").result).toBe("unknown");
  });
});

describe("financial obligations", () => {
  const insurerUnpaid: Restitution = { order: "ordered", entries: [{ owedTo: "victim", payment: "paid" }, { owedTo: "insurer", payment: "unpaid" }] };

  it("RCW 9.96.060(2)(a): unpaid restitution owed to an insurer is an unmet financial obligation on the general misdemeanor route", () => {
    const route = screenGeneralMisdemeanor(conviction({ restitution: insurerUnpaid }), count(), context(), TODAY);
    expect(testOf(route, "complete")).toMatchObject({ result: "not_met", citation: "RCW 9.96.060(2)(a)" });
    expect(testOf(route, "complete").evidence).toMatch(/restitution owed to an insurer/);
    expect(route.outcome).toBe("blocked");
    expect(route.earliestDate).toBeNull();
  });

  it("RCW 9.96.080(2)(e): the same conviction appears eligible on the survivor route, which excludes insurers", () => {
    expect(screenSurvivorMisdemeanor(conviction({ restitution: insurerUnpaid }), count(), context(), TODAY).outcome).toBe("appears_eligible");
  });

  it("RCW 9.94A.648(2)(f): restitution owed to an insurer does not block the survivor felony route; owed to a victim does", () => {
    expect(testOf(screenSurvivorFelony(conviction({ restitution: insurerUnpaid }), felonyC, context(), TODAY), "restitution").result).toBe("met");
    const victim: Restitution = { order: "ordered", entries: [{ owedTo: "victim", payment: "unpaid" }] };
    expect(testOf(screenSurvivorFelony(conviction({ restitution: victim }), felonyC, context(), TODAY), "restitution")).toMatchObject({ result: "not_met", citation: "RCW 9.94A.648(2)(f)" });
  });

  it("RCW 9.94A.640(1), 9.94A.637: without a discharge, any unpaid obligation (an insurer's included) blocks the general felony route", () => {
    const route = screenGeneralFelony(conviction({ restitution: insurerUnpaid }), felonyC, context(), TODAY);
    expect(testOf(route, "discharge").result).toBe("not_met");
    expect(route.outcome).toBe("blocked");
    expect(route.blockers.map((b) => b.clears).join(" ")).toMatch(/then a certificate of discharge/);
  });

  it("RCW 9.96.060(2)(a): restitution not yet known, or an entry whose payment is unknown, needs information", () => {
    expect(testOf(screenGeneralMisdemeanor(conviction({ restitution: { order: "unknown", entries: [] } }), count(), context(), TODAY), "complete").result).toBe("unknown");
    const entryUnknown: Restitution = { order: "ordered", entries: [{ owedTo: "insurer", payment: "unknown" }] };
    expect(testOf(screenGeneralMisdemeanor(conviction({ restitution: entryUnknown }), count(), context(), TODAY), "complete").result).toBe("unknown");
  });
});

describe("waiting periods at the boundary, and the earliest date a route reports", () => {
  const theft = count();
  const at = (supervisionEndDate: string, asOf: string) => screenGeneralMisdemeanor(conviction({ sentencingDate: "2020-01-01", supervisionEndDate }), theft, context(), asOf);

  it("RCW 9.96.060(2)(g): 3 years since release from supervision, the day before, of and after", () => {
    expect(at("2023-06-10", "2026-06-09").outcome).toBe("blocked");
    expect(at("2023-06-10", "2026-06-09").earliestDate).toBe("2026-06-10");
    expect(at("2023-06-10", "2026-06-10").outcome).toBe("appears_eligible");
    expect(at("2023-06-10", "2026-06-11").outcome).toBe("appears_eligible");
  });

  it("RCW 9.96.060(2)(g): from a February 29 release, still blocked on February 28 and met on March 1", () => {
    const before = at("2024-02-29", "2027-02-28");
    expect(before.outcome).toBe("blocked");
    expect(before.earliestDate).toBe("2027-03-01");
    expect(at("2024-02-29", "2027-03-01").outcome).toBe("appears_eligible");
    expect(at("2024-02-29", "2027-03-02").outcome).toBe("appears_eligible");
  });

  it("RCW 9.94A.640(2)(e): 10 years since sentencing for a class B felony, the day before, of and after", () => {
    const b = (asOf: string) => screenGeneralFelony(conviction({ sentencingDate: "2016-08-31", supervisionEndDate: null, dischargeDate: "2017-01-01" }), felonyB, context(), asOf);
    expect(b("2026-08-30")).toMatchObject({ outcome: "blocked", earliestDate: "2026-08-31" });
    expect(testOf(b("2026-08-30"), "wait").citation).toBe("RCW 9.94A.640(2)(e)");
    expect(b("2026-08-31").outcome).toBe("appears_eligible");
    expect(b("2026-09-01").outcome).toBe("appears_eligible");
  });

  it("RCW 9.94A.648(2)(d): a class B look-back from a February 29 conviction ends on March 1 ten years later", () => {
    const b = (asOf: string) => screenSurvivorFelony(conviction(), felonyB, context({ otherConvictions: [{ date: "2016-02-29", jurisdiction: "washington", description: "Trespass" }] }), asOf);
    expect(b("2026-02-28")).toMatchObject({ outcome: "blocked", earliestDate: "2026-03-01" });
    expect(b("2026-03-01").outcome).toBe("appears_eligible");
    expect(b("2026-03-02").outcome).toBe("appears_eligible");
  });

  it("a route reports no earliest date while an eligibility test is still unknown or a blocker has no date", () => {
    const unknownVictim = screenSurvivorMisdemeanor(conviction(), count({ offenseClass: "misdemeanor" }), context({ victimizationTypes: [], otherConvictions: [{ date: "2025-01-01", jurisdiction: "washington", description: "Trespass" }] }), TODAY);
    expect(unknownVictim.outcome).toBe("blocked");
    expect(unknownVictim.earliestDate).toBeNull();
    const unpaid = screenGeneralMisdemeanor(conviction({ cvpa: "unpaid", supervisionEndDate: "2025-01-01" }), count(), context(), TODAY);
    expect(unpaid.outcome).toBe("blocked");
    expect(unpaid.earliestDate).toBeNull();
  });
});

describe("the other routes of RCW 9.96.060", () => {
  const routesOf = (c: ScreenConviction, ctx = context()) => screenConviction(c, ctx, TODAY).counts[0]!.routes;

  it("RCW 9.96.060(5): a misdemeanor cannabis offense under RCW 69.50.4014 is screened, the age at the offense left to confirm", () => {
    const cannabis = count({ offense: "Possession of 40 grams or less of marijuana", citation: "RCW 69.50.4014", offenseClass: "misdemeanor" });
    const route = routesOf(conviction({}, [cannabis])).find((r) => r.route === "rcw_9_96_060_5")!;
    expect(route.citation).toBe("RCW 9.96.060(5)");
    expect(testOf(route, "offense").result).toBe("met");
    expect(testOf(route, "age").result).toBe("unknown");
    expect(route.outcome).toBe("needs_review");
  });

  it("RCW 9.96.060(5): names the predecessors RCW 69.50.401(d) and (e) only, and reaches misdemeanors, not felonies", () => {
    const predecessor = (citation: string) => routesOf(conviction({}, [count({ offense: "Marijuana possession", citation, offenseClass: "misdemeanor" })])).find((r) => r.route === "rcw_9_96_060_5")!;
    expect(testOf(predecessor("RCW 69.50.401(e)"), "offense").result).toBe("met");
    expect(testOf(predecessor("RCW 69.50.401(d)"), "offense").result).toBe("met");
    expect(testOf(predecessor("RCW 69.50.401"), "offense").result).toBe("unknown");
    expect(routesOf(conviction({}, [count({ offense: "Theft 3", citation: "RCW 9A.56.050" })])).map((r) => r.route)).not.toContain("rcw_9_96_060_5");
  });

  it("RCW 9.96.060(6): drug possession under RCW 69.50.4013 is screened with the treatment condition to be shown", () => {
    const possession = count({ offense: "Possession of a controlled substance", citation: "RCW 69.50.4013", offenseClass: "misdemeanor" });
    const route = routesOf(conviction({}, [possession])).find((r) => r.route === "rcw_9_96_060_6")!;
    expect(testOf(route, "offense").result).toBe("met");
    expect(testOf(route, "treatment").result).toBe("unknown");
    expect(route.outcome).toBe("needs_review");
  });

  it("RCW 9.96.060(6): RCW 69.50.4011 and 69.41.030 count only in the subsections it names", () => {
    const of = (citation: string) => testOf(routesOf(conviction({}, [count({ citation, offenseClass: "misdemeanor" })])).find((r) => r.route === "rcw_9_96_060_6")!, "offense").result;
    expect(of("RCW 69.50.4011(1)(b)")).toBe("met");
    expect(of("RCW 69.41.030(2)(c)")).toBe("met");
    expect(of("RCW 69.50.4011(1)(a)")).toBe("not_met");
    expect(of("RCW 69.41.030")).toBe("unknown");
  });

  it("RCW 9.96.060(4): a fishing conviction before January 1, 1975 is screened; after it, not", () => {
    const fishing = count({ offense: "Unlawful net fishing", citation: "RCW 75.12.060", offenseClass: "gross_misdemeanor" });
    const old = routesOf(conviction({ dispositionDate: "1974-09-12", sentencingDate: "1974-09-12", supervisionEndDate: null }, [fishing])).find((r) => r.route === "rcw_9_96_060_4")!;
    expect(testOf(old, "convicted_before").result).toBe("met");
    expect(testOf(old, "offense").result).toBe("met");
    expect(old.outcome).toBe("needs_review");
    expect(routesOf(conviction({ dispositionDate: "1975-01-01" }, [fishing])).map((r) => r.route)).not.toContain("rcw_9_96_060_4");
  });

  it("RCW 9.96.060(7): shown only when the matter records a family member's application", () => {
    const prostitution = count({ offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution" });
    expect(routesOf(conviction({}, [prostitution])).map((r) => r.route)).not.toContain("rcw_9_96_060_7");
    expect(routesOf(conviction({}, [prostitution]), context({ homicideFamilyApplicant: true })).find((r) => r.route === "rcw_9_96_060_7")!.outcome).toBe("appears_eligible");
  });
});
