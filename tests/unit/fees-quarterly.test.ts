import { describe, expect, it } from "vitest";
import { lastCompleteQuarter, quarterlyReport, type AllocationSum } from "@/lib/fees/quarterly";
import type { FeeFiguresRow } from "@/lib/fees/rates";

// The Commerce quarterly report's lines, on a hand-worked quarter: Kent received $1,500.00 and $833.33
// split 50/48/2 ($1,166.67 / $1,120.00 / $46.66 after the cent rule), plus $120.00 of john-school fees.

const kent = "j-kent";
const figures: FeeFiguresRow[] = [
  {
    jurisdictionId: kent,
    quarter: "2026-Q3",
    eligibleDispositions: 3,
    assessedCount: 2,
    fullyAssessedCount: 1,
    assessmentRate: 2 / 3,
    fullAssessmentRate: 0.5,
    centsAssessed: 233_333,
    centsCollected: 233_333,
    cohortCentsCollected: 233_333,
    cohortCollectionRate: 1,
  },
];
const allocations: AllocationSum[] = [
  { jurisdictionId: kent, quarter: "2026-Q3", recipientKey: "direct_services", recipientLabel: "Local direct service providers", category: "prevention", cents: 116_667 },
  { jurisdictionId: kent, quarter: "2026-Q3", recipientKey: "hosting_agency", recipientLabel: "Hosting agency", category: "enforcement", cents: 112_000 },
  { jurisdictionId: kent, quarter: "2026-Q3", recipientKey: "commerce", recipientLabel: "Department of Commerce", category: "commerce", cents: 4_666 },
  { jurisdictionId: kent, quarter: "2026-Q3", recipientKey: "offender_education", recipientLabel: "Offender education (john school)", category: "prevention", cents: 12_000 },
  { jurisdictionId: kent, quarter: "2026-Q2", recipientKey: "commerce", recipientLabel: "Department of Commerce", category: "commerce", cents: 999 },
];

describe("the quarterly report to Commerce", () => {
  it("states assessed, received, each recipient's allocation, the prevention share and the 2% due", () => {
    const [line] = quarterlyReport("2026-Q3", figures, allocations);
    expect(line).toMatchObject({ jurisdictionId: kent, casesAssessed: 2, centsAssessed: 233_333, centsReceived: 233_333, centsEducationFees: 12_000, commerceDue: 4_666, centsUnallocated: 0 });
    // (116,667 + 12,000) ÷ (233,333 + 12,000) = 128,667 ÷ 245,333
    expect(line!.preventionShare).toBeCloseTo(128_667 / 245_333, 10);
    expect(line!.allocations.map((a) => a.key)).toEqual(["direct_services", "hosting_agency", "commerce", "offender_education"]);
  });

  it("shows money no policy split as unallocated, and a quarter with nothing as no line", () => {
    const [line] = quarterlyReport("2026-Q3", figures, []);
    expect(line!.centsUnallocated).toBe(233_333);
    expect(line!.preventionShare).toBe(0);
    // 2% of $2,333.33 is $46.6666…: $46.67 still owed to Commerce
    expect(line!.commerceDue).toBe(4_667);
    expect(quarterlyReport("2025-Q1", figures, allocations)).toEqual([]);
  });

  it("reports on the last quarter that has ended", () => {
    expect(lastCompleteQuarter("2026-12-02")).toBe("2026-Q3");
    expect(lastCompleteQuarter("2026-01-01")).toBe("2025-Q4");
    expect(lastCompleteQuarter("2026-03-31")).toBe("2025-Q4");
    expect(lastCompleteQuarter("2026-04-01")).toBe("2026-Q1");
  });
});
