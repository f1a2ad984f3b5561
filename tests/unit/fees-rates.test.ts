import { describe, expect, it } from "vitest";
import { feeFigures, quarterBounds, quarterOf, quartersBetween, type FeeCaseRow, type FeePaymentRow } from "@/lib/fees/rates";

// Assessment and collection rates by jurisdiction and calendar quarter (DOMAIN.md 3.6).

describe("calendar quarters", () => {
  it("a calendar date is its own quarter; an instant counts by its Pacific day", () => {
    expect(quarterOf("2026-01-01")).toBe("2026-Q1");
    expect(quarterOf("2026-03-31")).toBe("2026-Q1");
    expect(quarterOf("2026-07-01")).toBe("2026-Q3");
    expect(quarterOf("2026-12-31")).toBe("2026-Q4");
    // 03:00 UTC on July 1 is 8 pm on June 30 in Seattle.
    expect(quarterOf(new Date("2026-07-01T03:00:00Z"))).toBe("2026-Q2");
    expect(quarterOf("2026-07-01T03:00:00Z")).toBe("2026-Q2");
    expect(quarterOf(new Date("2026-07-01T07:00:00Z"))).toBe("2026-Q3");
    for (const bad of ["2026-02-30", "2026-13-01", "soon", ""]) expect(() => quarterOf(bad), bad).toThrow(RangeError);
  });

  it("run from the first day of their first month to the last day of their third", () => {
    expect(quarterBounds("2026-Q1")).toEqual({ from: "2026-01-01", to: "2026-03-31" });
    expect(quarterBounds("2026-Q2")).toEqual({ from: "2026-04-01", to: "2026-06-30" });
    expect(quarterBounds("2026-Q3")).toEqual({ from: "2026-07-01", to: "2026-09-30" });
    expect(quarterBounds("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
    for (const bad of ["2026-Q5", "2026-Q0", "Q3 2026", "2026-3"]) expect(() => quarterBounds(bad), bad).toThrow(RangeError);
  });

  it("follow each other across a year's end", () => {
    expect(quartersBetween("2025-Q3", "2026-Q2")).toEqual(["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]);
    expect(quartersBetween("2026-Q2", "2026-Q2")).toEqual(["2026-Q2"]);
    expect(quartersBetween("2026-Q3", "2026-Q2")).toEqual([]);
  });
});

describe("fee figures", () => {
  const row = (id: string, jurisdictionId: string, dispositionDate: string, statutoryCents: number, assessedCents: number | null, status = "open"): FeeCaseRow => ({
    id,
    jurisdictionId,
    dispositionDate,
    statutoryCents,
    assessedCents,
    status,
  });
  const cases: FeeCaseRow[] = [
    row("k1", "king", "2026-01-15", 150_000, 150_000), // Q1, full
    row("k2", "king", "2026-02-10", 250_000, 83_333), // Q1, reduced to the floor
    row("k3", "king", "2026-03-31", 150_000, null), // Q1, nothing imposed: eligible, not assessed
    row("k4", "king", "2026-03-20", 300_000, 300_000, "vacated"), // Q1, out of the figures
    row("k5", "king", "2026-04-01", 500_000, 0), // Q2, nothing imposed
    row("k6", "king", "2026-05-05", 150_000, 150_000, "paid"), // Q2, full
    row("s1", "seattle", "2026-02-01", 150_000, 100_000, "waived"), // Q1, reduced; the rest waived once a third was paid: still assessed
  ];
  const pay = (feeCaseId: string, receivedOn: string, cents: number): FeePaymentRow => ({ feeCaseId, receivedOn, cents });
  const payments: FeePaymentRow[] = [
    pay("k1", "2026-02-01", 50_000), // Q1
    pay("k1", "2026-04-15", 50_000), // Q2
    pay("k1", "2026-05-01", -50_000), // Q2, the April check bounced
    pay("k2", "2026-03-31", 83_333), // Q1, paid in full
    pay("k4", "2026-03-25", 300_000), // Q1, on the case later vacated
    pay("k4", "2026-04-10", -300_000), // Q2, its refund
    pay("k6", "2026-06-30", 150_000), // Q2, paid in full
    pay("s1", "2026-07-01", 50_000), // Q3, one third of the statutory fee
    pay("elsewhere", "2026-01-05", 999), // a case not given: left out
  ];

  // Worked by hand:
  // king 2026-Q1: eligible k1, k2, k3 = 3 (k4 vacated); assessed k1, k2 = 2; full k1 = 1.
  //   assessment 2/3; full-assessment 1/2; assessed $1,500.00 + $833.33 = 233,333.
  //   cash in Q1: 50,000 (k1) + 83,333 (k2) + 300,000 (k4, vacated but the money came in) = 433,333.
  //   cohort (k1, k2, any date): k1 50,000 + 50,000 − 50,000 = 50,000; k2 83,333 → 133,333 ÷ 233,333.
  // king 2026-Q2: eligible k5, k6 = 2; assessed k6 = 1; full 1. assessment 1/2; full-assessment 1.
  //   assessed 150,000. cash in Q2: 50,000 − 50,000 (k1) − 300,000 (k4 refund) + 150,000 (k6) = −150,000.
  //   cohort: k6 150,000 ÷ 150,000 = 1.
  // seattle 2026-Q1: eligible 1, assessed 1 (waived later, still assessed), full 0; assessment 1,
  //   full-assessment 0; assessed 100,000; cash in Q1: 0; cohort: the July payment, 50,000 ÷ 100,000 = 0.5.
  // seattle 2026-Q3: no dispositions; cash 50,000; every rate null.
  const kingQ1 = {
    jurisdictionId: "king",
    quarter: "2026-Q1",
    eligibleDispositions: 3,
    assessedCount: 2,
    fullyAssessedCount: 1,
    assessmentRate: 2 / 3,
    fullAssessmentRate: 0.5,
    centsAssessed: 233_333,
    centsCollected: 433_333,
    cohortCentsCollected: 133_333,
    cohortCollectionRate: 133_333 / 233_333,
  };
  const kingQ2 = {
    jurisdictionId: "king",
    quarter: "2026-Q2",
    eligibleDispositions: 2,
    assessedCount: 1,
    fullyAssessedCount: 1,
    assessmentRate: 0.5,
    fullAssessmentRate: 1,
    centsAssessed: 150_000,
    centsCollected: -150_000,
    cohortCentsCollected: 150_000,
    cohortCollectionRate: 1,
  };
  const seattleQ1 = {
    jurisdictionId: "seattle",
    quarter: "2026-Q1",
    eligibleDispositions: 1,
    assessedCount: 1,
    fullyAssessedCount: 0,
    assessmentRate: 1,
    fullAssessmentRate: 0,
    centsAssessed: 100_000,
    centsCollected: 0,
    cohortCentsCollected: 50_000,
    cohortCollectionRate: 0.5,
  };
  const seattleQ3 = {
    jurisdictionId: "seattle",
    quarter: "2026-Q3",
    eligibleDispositions: 0,
    assessedCount: 0,
    fullyAssessedCount: 0,
    assessmentRate: null,
    fullAssessmentRate: null,
    centsAssessed: 0,
    centsCollected: 50_000,
    cohortCentsCollected: 0,
    cohortCollectionRate: null,
  };

  it("by jurisdiction and quarter, worked by hand", () => {
    expect(feeFigures(cases, payments)).toEqual([kingQ1, kingQ2, seattleQ1, seattleQ3]);
  });

  it("for one quarter, whose cohort still counts money received later", () => {
    expect(feeFigures(cases, payments, { quarter: "2026-Q1" })).toEqual([kingQ1, seattleQ1]);
    expect(feeFigures(cases, payments, { quarter: "2027-Q1" })).toEqual([]);
    expect(() => feeFigures(cases, payments, { quarter: "2026" })).toThrow(RangeError);
  });

  it("as they stood on a day", () => {
    // To April 30: k1's April payment is in and its bounce (May 1) is not, so king Q1's cohort is
    // 50,000 + 50,000 + 83,333 = 183,333. In Q2 only k5 (April 1, nothing imposed) is decided, and the
    // cash is 50,000 (k1) − 300,000 (k4's refund) = −250,000. Seattle's July payment has not come in.
    expect(feeFigures(cases, payments, { asOf: "2026-04-30" })).toEqual([
      { ...kingQ1, cohortCentsCollected: 183_333, cohortCollectionRate: 183_333 / 233_333 },
      {
        ...kingQ2,
        eligibleDispositions: 1,
        assessedCount: 0,
        fullyAssessedCount: 0,
        assessmentRate: 0,
        fullAssessmentRate: null,
        centsAssessed: 0,
        centsCollected: -250_000,
        cohortCentsCollected: 0,
        cohortCollectionRate: null,
      },
      { ...seattleQ1, cohortCentsCollected: 0, cohortCollectionRate: 0 },
    ]);
  });

  it("nothing given, nothing shown", () => {
    expect(feeFigures([], [])).toEqual([]);
  });

  it("refuses amounts that are not whole cents and dates that are not dates", () => {
    expect(() => feeFigures([row("x", "king", "2026-01-01", 150_000, 1_000.5)], [])).toThrow(RangeError);
    expect(() => feeFigures([row("x", "king", "2026-02-30", 150_000, 150_000)], [])).toThrow(RangeError);
    expect(() => feeFigures([row("x", "king", "2026-01-01", 150_000, 150_000)], [pay("x", "2026-01-02", 0.1)])).toThrow(RangeError);
  });
});
