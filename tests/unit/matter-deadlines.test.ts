import { describe, expect, it } from "vitest";
import { deadlineState, deadlineStateText, isPastDue, WATCH_RECHECKS } from "../../lib/vacatur/deadlines";
import { monthAfter, monthBefore, monthLinks, monthParam, monthWeeks } from "../../lib/vacatur/month-grid";

describe("when a deadline is past due (Pacific calendar days)", () => {
  it("is upcoming the day before, due (not past due) on the day itself, and past due from the day after", () => {
    expect(deadlineState("2026-12-10", "2026-12-09")).toBe("upcoming");
    expect(deadlineState("2026-12-10", "2026-12-10")).toBe("due_today");
    expect(deadlineState("2026-12-10", "2026-12-11")).toBe("past_due");
  });

  it("crosses month, year and leap-day boundaries as calendar dates", () => {
    expect(isPastDue("2028-02-29", "2028-02-29")).toBe(false);
    expect(isPastDue("2028-02-29", "2028-03-01")).toBe(true);
    expect(isPastDue("2026-12-31", "2027-01-01")).toBe(true);
  });

  it("flags nothing when there is no due date, and says the state in words", () => {
    expect(isPastDue(null, "2026-12-10")).toBe(false);
    expect(deadlineStateText("past_due")).toBe("Past due");
    expect(deadlineStateText("due_today")).toBe("Due today");
  });

  it("asks for the WATCH re-checks at 30, 60 and 90 days after the order, as the post-order checklist names them", () => {
    expect(WATCH_RECHECKS.map((w) => [w.days, w.step])).toEqual([
      [30, "watch_30"],
      [60, "watch_60"],
      [90, "watch_90"],
    ]);
  });
});

describe("the hearings calendar's month", () => {
  const today = "2026-12-01";

  it("reads ?month=YYYY-MM, and falls back to this month for anything malformed or out of range", () => {
    const month = monthParam(today);
    expect(month.parse("2027-03")).toBe("2027-03");
    for (const bad of ["2027-13", "2027-3", "march", "1999-12", "2032-01", undefined, "2027-03-01"]) expect(month.parse(bad)).toBe("2026-12");
  });

  it("pages across year ends and stops at the range's edges", () => {
    expect(monthAfter("2026-12")).toBe("2027-01");
    expect(monthBefore("2027-01")).toBe("2026-12");
    expect(monthLinks("2000-01", today).before).toBeNull();
    expect(monthLinks("2031-12", today).after).toBeNull();
  });

  it("lays out a month in weeks from Sunday, leap February included", () => {
    const december = monthWeeks("2026-12");
    expect(december[0]).toEqual([null, null, "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04", "2026-12-05"]);
    expect(december.flat().filter(Boolean)).toHaveLength(31);
    expect(monthWeeks("2028-02").flat().filter(Boolean).at(-1)).toBe("2028-02-29");
    expect(monthWeeks("2027-02").flat().filter(Boolean).at(-1)).toBe("2027-02-28");
  });
});
