import { describe, expect, it } from "vitest";
import { pacificToday } from "@/lib/format";
import { addDays, daysBetween, fiscalYearOf, fiscalYearPeriod, monthPeriod, monthsOf, periodChoices, periodFromKey, quarterPeriod, thisQuarter } from "@/lib/reports/period";
import { parseDashboardParams } from "@/lib/reports/schema";

// Reporting periods: federal fiscal years run October 1 to September 30 and are named for the year they end in.

describe("federal fiscal year", () => {
  it("turns over between September 30 and October 1", () => {
    expect(fiscalYearOf("2026-09-30")).toBe(2026);
    expect(fiscalYearOf("2026-10-01")).toBe(2027);
    expect(fiscalYearOf("2026-12-31")).toBe(2027);
    expect(fiscalYearOf("2027-01-01")).toBe(2027);
  });

  it("runs from October 1 of the year before to September 30", () => {
    expect(fiscalYearPeriod(2027)).toMatchObject({ key: "FY2027", from: "2026-10-01", to: "2027-09-30" });
    expect(fiscalYearPeriod(2027).label).toBe("Federal FY2027 (Oct 2026 – Sep 2027)");
  });
});

describe("periods", () => {
  it("a calendar quarter carries its federal fiscal quarter", () => {
    expect(quarterPeriod(2026, 4)).toMatchObject({ key: "2026-Q4", from: "2026-10-01", to: "2026-12-31", label: "Oct–Dec 2026 (FY2027 Q1)" });
    expect(quarterPeriod(2026, 1)).toMatchObject({ from: "2026-01-01", to: "2026-03-31", label: "Jan–Mar 2026 (FY2026 Q2)" });
    expect(quarterPeriod(2026, 3).label).toBe("Jul–Sep 2026 (FY2026 Q4)");
  });

  it("a month ends on its last day, leap years included", () => {
    expect(monthPeriod(2028, 2)).toMatchObject({ from: "2028-02-01", to: "2028-02-29", label: "February 2028" });
    expect(monthPeriod(2026, 2).to).toBe("2026-02-28");
    expect(monthPeriod(2026, 12).to).toBe("2026-12-31");
  });

  it("reads the period select's values and nothing else", () => {
    expect(periodFromKey("2026-03")).toMatchObject({ kind: "month", from: "2026-03-01", to: "2026-03-31" });
    expect(periodFromKey("2026-Q2")).toMatchObject({ kind: "quarter", from: "2026-04-01", to: "2026-06-30" });
    expect(periodFromKey("FY2026")).toMatchObject({ kind: "fiscal_year", from: "2025-10-01", to: "2026-09-30" });
    for (const bad of ["2026-13", "2026-00", "2026-Q5", "FY26", "custom", "", "2026-03-01"]) expect(periodFromKey(bad), bad).toBeNull();
  });

  it("'this quarter' is the quarter of today in Pacific time", () => {
    expect(thisQuarter("2026-12-01").key).toBe("2026-Q4");
    expect(thisQuarter("2026-09-30").key).toBe("2026-Q3");
    // 03:00 UTC on October 1 is still September 30 in Seattle.
    expect(thisQuarter(pacificToday(new Date("2026-10-01T03:00:00Z"))).key).toBe("2026-Q3");
    expect(thisQuarter(pacificToday(new Date("2026-10-01T08:00:00Z"))).key).toBe("2026-Q4");
  });

  it("lists the months a period touches, across a year's end", () => {
    expect(monthsOf({ from: "2026-11-15", to: "2027-02-01" })).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(monthsOf(fiscalYearPeriod(2027))).toHaveLength(12);
  });

  it("counts calendar days without time zone shifts", () => {
    expect(daysBetween("2026-03-07", "2026-03-09")).toBe(2);
    expect(daysBetween("2026-02-27", "2026-03-01")).toBe(2);
    expect(daysBetween("2026-12-31", "2027-01-01")).toBe(1);
    expect(addDays("2026-12-25", 14)).toBe("2027-01-08");
  });

  it("offers quarters (this one first), 18 months, three fiscal years and custom dates", () => {
    const groups = periodChoices("2026-12-01");
    expect(groups.map((g) => g.label)).toEqual(["Quarters", "Months", "Federal fiscal years", "Other"]);
    expect(groups[0]!.options[0]).toEqual({ value: "2026-Q4", label: "Oct–Dec 2026 (FY2027 Q1), so far" });
    expect(groups[1]!.options).toHaveLength(18);
    expect(groups[1]!.options.at(-1)!.value).toBe("2025-07");
    expect(groups[2]!.options.map((o) => o.value)).toEqual(["FY2027", "FY2026", "FY2025"]);
  });
});

describe("the dashboard's filters", () => {
  const today = "2026-12-01";

  it("default to this quarter, the reader's organization and every county", () => {
    const { filters, errors } = parseDashboardParams({}, today);
    expect(errors).toEqual({});
    expect(filters).toMatchObject({ period: { key: "2026-Q4", from: "2026-10-01", to: "2026-12-31" }, scope: "organization", county: null });
  });

  it("keep a chosen period, scope and county; an unknown scope or county falls back", () => {
    expect(parseDashboardParams({ period: "FY2026", scope: "partnership", county: "Pierce" }, today).filters).toMatchObject({ period: { key: "FY2026" }, scope: "partnership", county: "Pierce" });
    expect(parseDashboardParams({ scope: "everyone", county: "Atlantis" }, today).filters).toMatchObject({ scope: "organization", county: null });
  });

  it("take custom dates, and dates without a period choice mean custom dates", () => {
    expect(parseDashboardParams({ period: "custom", from: "2026-01-15", to: "2026-02-14" }, today).filters?.period).toMatchObject({ kind: "custom", from: "2026-01-15", to: "2026-02-14" });
    expect(parseDashboardParams({ from: "2026-01-15", to: "2026-01-15" }, today).filters?.period).toMatchObject({ kind: "custom", from: "2026-01-15", to: "2026-01-15" });
  });

  it("refuse custom dates across the partnership with an error beside the period, never another period", () => {
    for (const raw of [
      { period: "custom", from: "2026-01-01", to: "2026-03-31", scope: "partnership" },
      { from: "2026-01-02", to: "2026-03-31", scope: "partnership" },
    ]) {
      const { filters, errors, params } = parseDashboardParams(raw, today);
      expect(filters).toBeNull();
      expect(errors).toEqual({ period: [expect.stringMatching(/only for your organization/)] });
      expect(params).toMatchObject({ period: "custom", from: raw.from, to: raw.to, scope: "partnership" });
    }
    expect(parseDashboardParams({ period: "custom", from: "2026-01-02", to: "2026-03-31", scope: "organization" }, today).filters).toMatchObject({ scope: "organization", period: { kind: "custom" } });
    for (const period of ["2026-01", "2026-Q1", "FY2026"]) expect(parseDashboardParams({ period, scope: "partnership" }, today).filters).toMatchObject({ scope: "partnership", period: { key: period } });
  });

  it("put an error beside a date that is not one, a reversed period or a missing end, and show no figures", () => {
    const impossible = parseDashboardParams({ period: "custom", from: "2026-02-30", to: "2026-03-10" }, today);
    expect(impossible.filters).toBeNull();
    expect(impossible.errors.from?.[0]).toMatch(/not valid/);
    const reversed = parseDashboardParams({ period: "custom", from: "2026-03-10", to: "2026-03-01" }, today);
    expect(reversed.filters).toBeNull();
    expect(reversed.errors).toEqual({ to: [expect.stringMatching(/before the From date/)] });
    expect(reversed.params).toMatchObject({ from: "2026-03-10", to: "2026-03-01" });
    const missing = parseDashboardParams({ period: "custom", from: "2026-03-10" }, today);
    expect(missing.filters).toBeNull();
    expect(missing.errors.to?.[0]).toMatch(/last day/);
    const tooLong = parseDashboardParams({ period: "custom", from: "2020-01-01", to: "2026-01-01" }, today);
    expect(tooLong.errors.to?.[0]).toMatch(/at most three years/);
    const unknown = parseDashboardParams({ period: "2026-Q9" }, today);
    expect(unknown.filters).toBeNull();
    expect(unknown.errors.period?.[0]).toMatch(/Choose a period/);
  });
});
