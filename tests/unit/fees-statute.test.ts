import { describe, expect, it } from "vitest";
import {
  FEE_DISPOSITION_LABELS,
  FEE_DISPOSITIONS,
  FEE_OFFENSE_LABELS,
  FEE_OFFENSE_RCW,
  FEE_OFFENSE_STATUTE,
  FEE_OFFENSES,
  addOnsAllowed,
  checkAssessment,
  depictionFeeCents,
  impoundFineCents,
  internetAdvertisementFeeCents,
  isFeeOffense,
  judgmentClause,
  minimumAssessmentCents,
  statutoryFeeCents,
  type FeeOffense,
} from "@/lib/fees/statute";

// The fee as RCW 9A.88.120, 9.68A.105–.107 and 9A.88.140 set it (DOMAIN.md 3.2–3.5).

describe("the statutory fee", () => {
  // [offense, 0 priors, 1 prior, 2 priors, 5 priors], in dollars as the statute writes them.
  const table: [FeeOffense, number, number, number, number][] = [
    ["patronizing", 1_500, 2_500, 5_000, 5_000],
    ["permitting", 1_500, 2_500, 5_000, 5_000],
    ["promoting_1", 3_000, 6_000, 10_000, 10_000],
    ["promoting_2", 3_000, 6_000, 10_000, 10_000],
    ["csam_minor", 5_000, 5_000, 5_000, 5_000],
    ["promoting_csam_minor", 5_000, 5_000, 5_000, 5_000],
    ["promoting_travel_csam", 5_000, 5_000, 5_000, 5_000],
    ["prostitution", 50, 50, 50, 50],
    ["indecent_exposure", 50, 50, 50, 50],
  ];

  it("covers every offense in the table", () => {
    expect(table.map(([offense]) => offense).sort()).toEqual([...FEE_OFFENSES].sort());
  });

  it.each(table)("%s: by prior offenses 0, 1, 2 and 5", (offense, none, one, two, five) => {
    expect([0, 1, 2, 5].map((priors) => statutoryFeeCents(offense, priors))).toEqual([none, one, two, five].map((dollars) => dollars * 100));
  });

  it("refuses a negative or fractional count of priors", () => {
    expect(() => statutoryFeeCents("patronizing", -1)).toThrow(RangeError);
    expect(() => statutoryFeeCents("patronizing", 1.5)).toThrow(RangeError);
    expect(() => statutoryFeeCents("prostitution", Number.NaN)).toThrow(RangeError);
  });

  it("names each offense, its section and the section that sets its fee", () => {
    expect(FEE_OFFENSE_LABELS.patronizing).toBe("Patronizing a prostitute");
    expect(FEE_OFFENSE_RCW.patronizing).toBe("RCW 9A.88.110");
    expect(FEE_OFFENSE_RCW.promoting_travel_csam).toBe("RCW 9.68A.102");
    expect(FEE_OFFENSE_STATUTE.patronizing).toBe("RCW 9A.88.120");
    expect(FEE_OFFENSE_STATUTE.csam_minor).toBe("RCW 9.68A.105");
    for (const offense of FEE_OFFENSES) {
      expect(FEE_OFFENSE_LABELS[offense]).toBeTruthy();
      expect(FEE_OFFENSE_STATUTE[offense] === "RCW 9.68A.105").toBe(FEE_OFFENSE_RCW[offense].startsWith("RCW 9.68A."));
    }
    expect(isFeeOffense("patronizing")).toBe(true);
    expect(isFeeOffense("trafficking")).toBe(false);
  });

  it("is triggered by a conviction, a deferral or a diversion alike", () => {
    expect([...FEE_DISPOSITIONS]).toEqual(["conviction", "deferred_sentence", "deferred_prosecution", "diversion"]);
    expect(FEE_DISPOSITION_LABELS.diversion).toBe("Diversion agreement (statutory or nonstatutory)");
  });
});

describe("the one-third floor", () => {
  it("is the maximum ÷ 3, to the nearest cent", () => {
    expect(minimumAssessmentCents(150_000)).toBe(50_000); // $500.00
    expect(minimumAssessmentCents(250_000)).toBe(83_333); // $833.33 (not the $825 of a calculator that uses 0.33)
    expect(minimumAssessmentCents(500_000)).toBe(166_667); // $1,666.67
    expect(minimumAssessmentCents(300_000)).toBe(100_000); // $1,000.00
    expect(minimumAssessmentCents(600_000)).toBe(200_000); // $2,000.00
    expect(minimumAssessmentCents(1_000_000)).toBe(333_333); // $3,333.33
    expect(minimumAssessmentCents(5_000)).toBe(1_667); // $16.67
  });
});

describe("add-on fees and the impound fine", () => {
  it("RCW 9.68A.106 and .107 add $5,000 per offense and $1,000 per depiction", () => {
    expect(internetAdvertisementFeeCents(0)).toBe(0);
    expect(internetAdvertisementFeeCents(1)).toBe(500_000);
    expect(internetAdvertisementFeeCents(3)).toBe(1_500_000);
    expect(depictionFeeCents(1)).toBe(100_000);
    expect(depictionFeeCents(12)).toBe(1_200_000);
    expect(() => depictionFeeCents(-1)).toThrow(RangeError);
    expect(() => internetAdvertisementFeeCents(0.5)).toThrow(RangeError);
  });

  it("attach only to the chapter 9.68A offenses", () => {
    expect(FEE_OFFENSES.filter(addOnsAllowed)).toEqual(["csam_minor", "promoting_csam_minor", "promoting_travel_csam"]);
  });

  it("the impound fine is $2,500 for the minor offenses, $500 for patronizing and promoting, none otherwise", () => {
    expect(Object.fromEntries(FEE_OFFENSES.map((offense) => [offense, impoundFineCents(offense)]))).toEqual({
      patronizing: 50_000,
      permitting: null,
      promoting_1: 50_000,
      promoting_2: 50_000,
      csam_minor: 250_000,
      promoting_csam_minor: 250_000,
      promoting_travel_csam: 250_000,
      prostitution: null,
      indecent_exposure: null,
    });
  });
});

describe("checking an assessment", () => {
  const patronizingFirst = { offense: "patronizing" as const, priors: 0 };

  it("accepts the full statutory fee, with or without a finding", () => {
    expect(checkAssessment({ ...patronizingFirst, assessedCents: 150_000, inabilityToPayFinding: false })).toEqual({ ok: true, full: true });
    expect(checkAssessment({ ...patronizingFirst, assessedCents: 150_000, inabilityToPayFinding: true })).toEqual({ ok: true, full: true });
  });

  it("accepts a reduction when the court found the defendant cannot pay", () => {
    expect(checkAssessment({ ...patronizingFirst, assessedCents: 100_000, inabilityToPayFinding: true })).toEqual({ ok: true, full: false });
  });

  it("accepts exactly the floor, and not a cent less", () => {
    expect(checkAssessment({ offense: "patronizing", priors: 1, assessedCents: 83_333, inabilityToPayFinding: true })).toEqual({ ok: true, full: false });
    expect(checkAssessment({ offense: "patronizing", priors: 1, assessedCents: 83_332, inabilityToPayFinding: true })).toMatchObject({ ok: false, code: "below_floor" });
    expect(checkAssessment({ offense: "csam_minor", priors: 0, assessedCents: 166_667, inabilityToPayFinding: true })).toEqual({ ok: true, full: false });
    expect(checkAssessment({ offense: "csam_minor", priors: 0, assessedCents: 166_666, inabilityToPayFinding: true })).toMatchObject({ ok: false, code: "below_floor" });
  });

  it("refuses a reduction without the finding on the record", () => {
    const result = checkAssessment({ ...patronizingFirst, assessedCents: 100_000, inabilityToPayFinding: false });
    expect(result).toEqual({
      ok: false,
      code: "reduction_needs_finding",
      message:
        "$1,000.00 is less than the $1,500.00 statutory fee. Under RCW 9A.88.120(2) the court may reduce the fee only if it finds, on the record, that the defendant does not have the ability to pay; record that finding or assess the full fee.",
    });
  });

  it("refuses less than one third of the maximum, and a waiver, even with the finding", () => {
    const result = checkAssessment({ ...patronizingFirst, assessedCents: 40_000, inabilityToPayFinding: true });
    expect(result).toEqual({
      ok: false,
      code: "below_floor",
      message:
        "$400.00 is below $500.00, one third of the $1,500.00 statutory fee. Even when the court finds the defendant cannot pay, RCW 9A.88.120(2) lets it reduce the fee by no more than two-thirds, and it cannot waive it.",
    });
    expect(checkAssessment({ ...patronizingFirst, assessedCents: 0, inabilityToPayFinding: true })).toMatchObject({ code: "below_floor" });
    // Below the floor without a finding: the floor is the rule that cannot be cured, so it is the one named.
    expect(checkAssessment({ ...patronizingFirst, assessedCents: 40_000, inabilityToPayFinding: false })).toMatchObject({ code: "below_floor" });
  });

  it("refuses more than the statute sets", () => {
    const result = checkAssessment({ offense: "promoting_1", priors: 1, assessedCents: 1_000_000, inabilityToPayFinding: false });
    expect(result).toEqual({
      ok: false,
      code: "above_statutory",
      message:
        "$10,000.00 is more than the $6,000.00 fee that RCW 9A.88.120(1) sets for Promoting prostitution in the first degree (RCW 9A.88.070) with one prior conviction, deferred sentence, deferred prosecution, or diversion agreement for this offense. The court cannot assess more than the statutory fee.",
    });
    expect(checkAssessment({ offense: "csam_minor", priors: 0, assessedCents: 500_001, inabilityToPayFinding: false })).toMatchObject({ code: "above_statutory" });
  });

  it("cites RCW 9.68A.105 for the minor offenses", () => {
    const result = checkAssessment({ offense: "promoting_csam_minor", priors: 0, assessedCents: 200_000, inabilityToPayFinding: false });
    expect(result.ok === false && result.message).toContain("RCW 9.68A.105(1)(b)");
  });

  it("refuses an amount that is not whole cents", () => {
    expect(() => checkAssessment({ ...patronizingFirst, assessedCents: 1_500.5, inabilityToPayFinding: false })).toThrow(RangeError);
    expect(() => checkAssessment({ ...patronizingFirst, assessedCents: -1, inabilityToPayFinding: false })).toThrow(RangeError);
  });
});

describe("the judgment clause", () => {
  it("states the full fee, who collects it, where it goes and what it funds", () => {
    expect(judgmentClause({ offense: "patronizing", priors: 0, assessedCents: 150_000, inabilityToPayFinding: false, jurisdictionName: "King County" })).toBe(
      "Under RCW 9A.88.120(1), the defendant shall pay a fee of $1,500.00 for Patronizing a prostitute (RCW 9A.88.110) with no prior conviction, deferred sentence, deferred prosecution, or diversion agreement for this offense. " +
        "The fee is payable to the clerk of the court, who shall remit it to the treasurer of King County, the jurisdiction where the offense occurred, for deposit in its general fund and use in local efforts to reduce the commercial sale of sex. " +
        "Under RCW 9A.88.120(3), at least 50% of the revenue shall be spent on prevention, including education programs for offenders and rehabilitative services for victims, and 2% shall be remitted quarterly to the Department of Commerce.",
    );
  });

  it("records the finding and the size of a reduction", () => {
    const clause = judgmentClause({ offense: "patronizing", priors: 2, assessedCents: 166_667, inabilityToPayFinding: true, jurisdictionName: "City of Seattle" });
    expect(clause).toContain("a fee of $1,666.67 for Patronizing a prostitute (RCW 9A.88.110) with two or more prior convictions");
    expect(clause).toContain(
      "The statutory fee is $5,000.00. The court finds, on the record, that the defendant does not have the ability to pay the full fee, and under RCW 9A.88.120(2) reduces it by $3,333.33, which is no more than two-thirds of the maximum allowable fee.",
    );
    expect(clause).toContain("treasurer of City of Seattle");
  });

  it("adds the RCW 9.68A.106 and .107 fees, and where they go, when the counts are above zero", () => {
    const clause = judgmentClause({
      offense: "csam_minor",
      priors: 3,
      assessedCents: 500_000,
      inabilityToPayFinding: false,
      jurisdictionName: "Pierce County",
      internetAdCount: 2,
      depictionCount: 1,
    });
    expect(clause).toMatch(/^Under RCW 9\.68A\.105\(1\)\(a\), the defendant shall pay a fee of \$5,000\.00 for Commercial sexual abuse of a minor \(RCW 9\.68A\.100\)\. /);
    expect(clause).toContain("Under RCW 9.68A.105(2), at least 50%");
    expect(clause).toContain(
      "instrumental in facilitating the commission of 2 offenses; under RCW 9.68A.106 the defendant shall pay an additional fee of $10,000.00 ($5,000.00 per offense), for deposit in the prostitution prevention and intervention account (RCW 43.63A.740).",
    );
    expect(clause).toContain("Under RCW 9.68A.107 the defendant shall pay an additional fee of $1,000.00 ($1,000.00 for each of one depiction or image");
    expect(clause).toContain("child rescue fund.");
    const withoutAddOns = judgmentClause({ offense: "csam_minor", priors: 0, assessedCents: 500_000, inabilityToPayFinding: false, jurisdictionName: "Pierce County", internetAdCount: 0, depictionCount: 0 });
    expect(withoutAddOns).not.toContain("9.68A.106");
    expect(withoutAddOns).not.toContain("9.68A.107");
  });

  it("refuses to write a clause the court could not sign", () => {
    const base = { offense: "patronizing" as const, priors: 0, inabilityToPayFinding: false, jurisdictionName: "King County" };
    expect(() => judgmentClause({ ...base, assessedCents: 100_000 })).toThrow("only if it finds, on the record");
    expect(() => judgmentClause({ ...base, assessedCents: 150_000, internetAdCount: 1 })).toThrow("only to the chapter 9.68A offenses");
    expect(() => judgmentClause({ ...base, assessedCents: 150_000, jurisdictionName: "  " })).toThrow(RangeError);
  });
});
