import { describe, expect, it } from "vitest";
import { withinYearsBefore, yearsAfter, yearsHavePassed } from "@/lib/vacatur/rules/dates";

// The one date rule for every look-back and waiting period (lib/vacatur/rules/dates.ts): N years have
// passed from the same month and day N years later; a February 29 start ends on March 1 in a common year.

describe("yearsAfter", () => {
  it("is the same calendar date N years later", () => {
    expect(yearsAfter("2020-06-15", 3)).toBe("2023-06-15");
    expect(yearsAfter("2019-12-31", 10)).toBe("2029-12-31");
    expect(yearsAfter("2026-11-23", -3)).toBe("2023-11-23");
  });

  it("ends a period that starts on February 29 on March 1 in a common year, and on February 29 in a leap year", () => {
    expect(yearsAfter("2020-02-29", 3)).toBe("2023-03-01");
    expect(yearsAfter("2020-02-29", 5)).toBe("2025-03-01");
    expect(yearsAfter("2020-02-29", 4)).toBe("2024-02-29");
    expect(yearsAfter("2000-02-29", 100)).toBe("2100-03-01"); // 2100 is not a leap year
  });
});

describe("yearsHavePassed: the day before, the day of and the day after", () => {
  it("3 years from 2023-05-10", () => {
    expect(yearsHavePassed("2023-05-10", 3, "2026-05-09")).toBe(false);
    expect(yearsHavePassed("2023-05-10", 3, "2026-05-10")).toBe(true);
    expect(yearsHavePassed("2023-05-10", 3, "2026-05-11")).toBe(true);
  });

  it("3 years from a February 29 start", () => {
    expect(yearsHavePassed("2024-02-29", 3, "2027-02-28")).toBe(false);
    expect(yearsHavePassed("2024-02-29", 3, "2027-03-01")).toBe(true);
    expect(yearsHavePassed("2024-02-29", 3, "2027-03-02")).toBe(true);
  });

  it("4 years from a February 29 start lands on February 29", () => {
    expect(yearsHavePassed("2024-02-29", 4, "2028-02-28")).toBe(false);
    expect(yearsHavePassed("2024-02-29", 4, "2028-02-29")).toBe(true);
    expect(yearsHavePassed("2024-02-29", 4, "2028-03-01")).toBe(true);
  });
});

describe("withinYearsBefore: a conviction counts until N years have passed since it", () => {
  it("5 years before an application on 2026-11-23", () => {
    expect(withinYearsBefore("2021-11-22", 5, "2026-11-23")).toBe(false);
    expect(withinYearsBefore("2021-11-23", 5, "2026-11-23")).toBe(false);
    expect(withinYearsBefore("2021-11-24", 5, "2026-11-23")).toBe(true);
  });

  it("a February 29 conviction still counts on February 28, not on March 1", () => {
    expect(withinYearsBefore("2020-02-29", 3, "2023-02-28")).toBe(true);
    expect(withinYearsBefore("2020-02-29", 3, "2023-03-01")).toBe(false);
    expect(withinYearsBefore("2020-02-29", 3, "2023-03-02")).toBe(false);
  });

  it("does not count a conviction after the application date", () => {
    expect(withinYearsBefore("2026-12-01", 3, "2026-11-23")).toBe(false);
  });
});
