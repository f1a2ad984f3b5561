import { describe, expect, it } from "vitest";
import { KING_COUNTY_DEFAULT_POLICY, allocate, checkPolicy, formatBasisPoints, type AllocationLine } from "@/lib/fees/allocation";

// Allocation policies: at least 50% to prevention and exactly 2% to Commerce (RCW 9A.88.120(3), 9.68A.105(2)).

const line = (key: string, category: AllocationLine["category"], basisPoints: number): AllocationLine => ({ key, label: key.replaceAll("_", " "), category, basisPoints });

describe("the King County default", () => {
  it("is a policy the statute allows, prevention first", () => {
    expect(checkPolicy(KING_COUNTY_DEFAULT_POLICY)).toEqual({ ok: true });
    expect(KING_COUNTY_DEFAULT_POLICY.lines.map((l) => [l.category, l.basisPoints])).toEqual([
      ["prevention", 5_000],
      ["enforcement", 4_800],
      ["commerce", 200],
    ]);
  });

  it("divides $1,500.00 into $750.00 / $720.00 / $30.00", () => {
    expect(allocate(KING_COUNTY_DEFAULT_POLICY, 150_000).map((a) => a.cents)).toEqual([75_000, 72_000, 3_000]);
  });

  it("gives a single cent to prevention", () => {
    // 1 cent: exact shares 0.50 / 0.48 / 0.02, all round down to 0. The one cent left goes to the largest
    // remainder, prevention's 0.50 — no tie here; prevention would also win one by being listed first.
    expect(allocate(KING_COUNTY_DEFAULT_POLICY, 1).map((a) => a.cents)).toEqual([1, 0, 0]);
  });

  it("gives three cents 2 / 1 / 0", () => {
    // 3 cents: exact shares 1.50 / 1.44 / 0.06 round down to 1 / 1 / 0, one cent left; the largest
    // remainder is prevention's 0.50 (against 0.44 and 0.06), so prevention gets it.
    expect(allocate(KING_COUNTY_DEFAULT_POLICY, 3).map((a) => a.cents)).toEqual([2, 1, 0]);
  });

  it("reverses a refund line by line", () => {
    expect(allocate(KING_COUNTY_DEFAULT_POLICY, -150_000).map((a) => a.cents)).toEqual([-75_000, -72_000, -3_000]);
    expect(allocate(KING_COUNTY_DEFAULT_POLICY, -3).map((a) => a.cents)).toEqual([-2, -1, 0]);
  });

  it("carries each line's label and category with its amount", () => {
    expect(allocate(KING_COUNTY_DEFAULT_POLICY, 83_333)).toEqual([
      // 83,333 × 50% = 41,666.5 → 41,666; × 48% = 39,999.84 → 39,999; × 2% = 1,666.66 → 1,666. Two cents
      // left: to .84 (enforcement) and .66 (Commerce); prevention's .5 is the smallest remainder.
      { key: "direct_services", label: "Local direct service providers", category: "prevention", cents: 41_666 },
      { key: "hosting_agency", label: "Law-enforcement agency that hosted the operation", category: "enforcement", cents: 40_000 },
      { key: "commerce", label: "Department of Commerce", category: "commerce", cents: 1_667 },
    ]);
  });
});

describe("a tie between prevention and enforcement", () => {
  it("goes to the line listed first", () => {
    const preventionFirst = {
      lines: [line("survivor_services", "prevention", 2_900), line("john_school", "prevention", 2_100), line("vice_unit", "enforcement", 2_900), line("outreach", "other_local", 1_900), line("commerce", "commerce", 200)],
    };
    expect(checkPolicy(preventionFirst)).toEqual({ ok: true });
    // 1 cent: remainders .29 / .21 / .29 / .19 / .02 — survivor services and the vice unit tie; survivor services is listed first.
    expect(allocate(preventionFirst, 1).map((a) => a.cents)).toEqual([1, 0, 0, 0, 0]);
    const enforcementFirst = { lines: [preventionFirst.lines[2]!, preventionFirst.lines[0]!, preventionFirst.lines[1]!, preventionFirst.lines[3]!, preventionFirst.lines[4]!] };
    expect(allocate(enforcementFirst, 1).map((a) => `${a.key}:${a.cents}`)).toEqual(["vice_unit:1", "survivor_services:0", "john_school:0", "outreach:0", "commerce:0"]);
  });
});

describe("policies the statute refuses", () => {
  const refused = (lines: AllocationLine[]) => {
    const result = checkPolicy({ lines });
    expect(result.ok).toBe(false);
    return result.ok ? [] : result.reasons;
  };

  it("49% to prevention", () => {
    expect(refused([line("services", "prevention", 4_900), line("police", "enforcement", 4_900), line("commerce", "commerce", 200)])).toEqual([
      "Prevention lines add up to 49%; RCW 9A.88.120(3) and 9.68A.105(2) require at least 50% of fee revenue to be spent on prevention (education programs for offenders and rehabilitative services for victims).",
    ]);
  });

  it("3% to Commerce", () => {
    expect(refused([line("services", "prevention", 5_000), line("police", "enforcement", 4_700), line("commerce", "commerce", 300)])).toEqual([
      "The Department of Commerce line is 3%; RCW 9A.88.120(3) and 9.68A.105(2) set the remittance at exactly 2%.",
    ]);
  });

  it("no Commerce line, or two", () => {
    expect(refused([line("services", "prevention", 5_000), line("police", "enforcement", 5_000)])).toEqual([
      "The policy has no Department of Commerce line; RCW 9A.88.120(3) and 9.68A.105(2) require 2% of fee revenue to be remitted quarterly to the Department of Commerce.",
    ]);
    expect(refused([line("services", "prevention", 5_000), line("police", "enforcement", 4_600), line("commerce", "commerce", 200), line("commerce_2", "commerce", 200)])).toEqual([
      "The policy has 2 Department of Commerce lines; it needs exactly one, at 2%, so the quarterly remittance is one amount.",
    ]);
  });

  it("lines adding up to 99.99%", () => {
    expect(refused([line("services", "prevention", 5_000), line("police", "enforcement", 4_799), line("commerce", "commerce", 200)])).toEqual([
      "The lines add up to 99.99%; they must add up to exactly 100%.",
    ]);
  });

  it("two lines with one key", () => {
    expect(refused([line("services", "prevention", 2_500), line("services", "prevention", 2_500), line("police", "enforcement", 4_800), line("commerce", "commerce", 200)])).toEqual([
      'Two lines share the key "services"; each line needs its own.',
    ]);
  });

  it("no lines, blank labels and shares that are not whole basis points", () => {
    expect(refused([])).toEqual(["A policy needs at least one line."]);
    expect(refused([{ ...line("services", "prevention", 9_800), label: " " }, line("commerce", "commerce", 200)])).toEqual(["Every line needs a label."]);
    expect(refused([line("services", "prevention", 9_799.5), line("police", "enforcement", 0.5), line("commerce", "commerce", 200)])).toEqual([
      "Each line's share must be a whole number of basis points from 0 to 10,000 (0% to 100%).",
    ]);
    expect(refused([line("services", "prevention", 10_800), line("police", "enforcement", -1_000), line("commerce", "commerce", 200)])).toHaveLength(1);
  });

  it("names every problem at once", () => {
    expect(refused([line("services", "prevention", 4_000), line("police", "enforcement", 5_000)])).toHaveLength(3); // sum, prevention, Commerce
  });

  it("and will not allocate money by one", () => {
    expect(() => allocate({ lines: [line("police", "enforcement", 9_800), line("commerce", "commerce", 200)] }, 150_000)).toThrow(/cannot be used: Prevention lines add up to 0%/);
  });
});

describe("basis points for people", () => {
  it("read as a percentage", () => {
    expect([5_000, 200, 9_999, 250, 10_000, 0, 1].map(formatBasisPoints)).toEqual(["50%", "2%", "99.99%", "2.5%", "100%", "0%", "0.01%"]);
  });
});
