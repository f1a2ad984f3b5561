import { describe, expect, it } from "vitest";
import {
  chooseQuarter,
  classifyPerson,
  fiscalQuarterOf,
  fiscalYearOf,
  isQuarterComplete,
  isVacaturWork,
  lastCompleteQuarter,
  pmtCategoryOf,
  quarterBounds,
  quarterKey,
  servedStatus,
  type FiscalQuarter,
} from "@/lib/reports/pmt";
import { recordServiceSchema } from "@/lib/survivors/services-schema";

// The VOCA PMT's rules as a program lead filing the quarterly report would check them by hand: the
// federal fiscal year's edges, who is new and who continuing, and what counts as which service.

const FY2026_Q4: FiscalQuarter = { fiscalYear: 2026, quarter: 4 };
const FY2027_Q1: FiscalQuarter = { fiscalYear: 2027, quarter: 1 };

describe("federal fiscal quarters", () => {
  it("start on October 1: September 30 is the old year's last day, October 1 the new year's first", () => {
    expect(fiscalYearOf("2026-09-30")).toBe(2026);
    expect(fiscalYearOf("2026-10-01")).toBe(2027);
    expect(fiscalQuarterOf("2026-09-30")).toEqual(FY2026_Q4);
    expect(fiscalQuarterOf("2026-10-01")).toEqual(FY2027_Q1);
    expect(fiscalQuarterOf("2026-12-31")).toEqual(FY2027_Q1);
    expect(fiscalQuarterOf("2027-01-01")).toEqual({ fiscalYear: 2027, quarter: 2 });
    expect(fiscalQuarterOf("2026-04-01")).toEqual({ fiscalYear: 2026, quarter: 3 });
    expect(fiscalQuarterOf("2026-06-30")).toEqual({ fiscalYear: 2026, quarter: 3 });
  });

  it("have inclusive bounds, and Q1 lies in the calendar year before the fiscal year's name", () => {
    expect(quarterBounds(FY2027_Q1)).toEqual({ fiscalYearStart: "2026-10-01", start: "2026-10-01", end: "2026-12-31" });
    expect(quarterBounds({ fiscalYear: 2026, quarter: 2 })).toEqual({ fiscalYearStart: "2025-10-01", start: "2026-01-01", end: "2026-03-31" });
    expect(quarterBounds(FY2026_Q4)).toEqual({ fiscalYearStart: "2025-10-01", start: "2026-07-01", end: "2026-09-30" });
    expect(quarterKey(FY2026_Q4)).toBe("FY2026-Q4");
  });

  it("default to the last complete quarter: on October 1 that is the July–September quarter just ended", () => {
    expect(lastCompleteQuarter("2026-10-01")).toEqual(FY2026_Q4);
    expect(lastCompleteQuarter("2026-09-30")).toEqual({ fiscalYear: 2026, quarter: 3 });
    expect(lastCompleteQuarter("2026-12-31")).toEqual(FY2026_Q4);
    expect(lastCompleteQuarter("2027-01-01")).toEqual(FY2027_Q1);
    expect(isQuarterComplete(FY2026_Q4, "2026-09-30")).toBe(false);
    expect(isQuarterComplete(FY2026_Q4, "2026-10-01")).toBe(true);
  });

  it("are chosen in the URL; a year or quarter that is not one, or one not yet started, is an error, never another quarter", () => {
    expect(chooseQuarter({}, "2026-12-01")).toEqual({ ok: true, quarter: FY2026_Q4 });
    expect(chooseQuarter({ fy: "2027", q: "1" }, "2026-12-01")).toEqual({ ok: true, quarter: FY2027_Q1 });
    expect(chooseQuarter({ fy: "2027", q: "2" }, "2026-12-01")).toMatchObject({ ok: false, errors: { q: [expect.stringMatching(/not started/)] } });
    expect(chooseQuarter({ fy: "2028", q: "1" }, "2026-12-01")).toMatchObject({ ok: false, errors: { fy: [expect.any(String)] } });
    expect(chooseQuarter({ fy: "26", q: "5" }, "2026-12-01")).toMatchObject({ ok: false, errors: { fy: [expect.any(String)], q: [expect.any(String)] } });
  });
});

describe("new and continuing individuals", () => {
  it("a person first served in the quarter is new; served again in a later quarter of the same year, continuing", () => {
    const served = ["2026-02-10", "2026-05-03"];
    expect(classifyPerson(served, { fiscalYear: 2026, quarter: 2 })).toBe("new");
    expect(classifyPerson(served, { fiscalYear: 2026, quarter: 3 })).toBe("continuing");
    // not served in Q4: not counted there at all, new or continuing
    expect(classifyPerson(served, FY2026_Q4)).toBeNull();
  });

  it("several services in the first quarter served still make one new person", () => {
    expect(classifyPerson(["2026-07-01", "2026-08-15", "2026-09-30"], FY2026_Q4)).toBe("new");
  });

  it("across the fiscal-year edge: served September 30 and October 1, the person is new in both years", () => {
    const served = ["2026-09-30", "2026-10-01"];
    expect(classifyPerson(served, FY2026_Q4)).toBe("new");
    expect(classifyPerson(served, FY2027_Q1)).toBe("new");
  });

  it("a person returning in a new fiscal year is new again, even after being continuing the year before", () => {
    const served = ["2025-11-04", "2026-08-20", "2027-02-02", "2027-05-05"];
    expect(classifyPerson(served, FY2026_Q4)).toBe("continuing");
    expect(classifyPerson(served, { fiscalYear: 2027, quarter: 2 })).toBe("new");
    expect(classifyPerson(served, { fiscalYear: 2027, quarter: 3 })).toBe("continuing");
  });

  it("services after the quarter do not change it", () => {
    expect(classifyPerson(["2026-07-20", "2026-06-01"], FY2026_Q4)).toBe("continuing");
    expect(classifyPerson(["2026-07-20", "2026-10-01"], FY2026_Q4)).toBe("new");
  });

  it("the SQL's comparison: new exactly when the first day served in the fiscal year is on or after the quarter's first day", () => {
    expect(servedStatus("2026-07-01", FY2026_Q4)).toBe("new");
    expect(servedStatus("2026-06-30", FY2026_Q4)).toBe("continuing");
  });
});

describe("PMT service categories", () => {
  it("a recorded service keeps its category; a referral sent is information & referral; vacatur work is justice assistance", () => {
    expect(pmtCategoryOf({ kind: "service_event", category: "shelter_housing" })).toBe("shelter_housing");
    expect(pmtCategoryOf({ kind: "service_event", category: "emotional_support_safety" })).toBe("emotional_support_safety");
    expect(pmtCategoryOf({ kind: "referral_sent" })).toBe("information_referral");
    expect(pmtCategoryOf({ kind: "vacatur_work" })).toBe("justice_assistance");
  });

  it("vacatur work is what is done for the survivor, not staffing or the prosecutor's side", () => {
    for (const kind of ["court_record_added", "matter_opened", "matter_status_changed", "matter_notice_recorded", "matter_hearing_changed", "matter_checklist_recorded"] as const) {
      expect(isVacaturWork(kind), kind).toBe(true);
    }
    for (const kind of ["matter_attorney_assigned", "matter_conflict_cleared", "matter_position_recorded", "note_added", "referral_created", "service_recorded"] as const) {
      expect(isVacaturWork(kind), kind).toBe(false);
    }
  });
});

describe("a service's form", () => {
  const base = { survivorId: "6f1c3c9e-2b1a-4c7e-9a0b-1d2e3f4a5b6c", category: "personal_advocacy", idempotencyKey: "0e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b" };

  it("takes blank minutes and a blank date (today, decided on saving), and whole minutes from 1 to 1440", () => {
    expect(recordServiceSchema.parse({ ...base, occurredOn: "", minutes: "" })).toMatchObject({ occurredOn: null, minutes: null });
    expect(recordServiceSchema.parse({ ...base, minutes: " 45 " }).minutes).toBe(45);
    expect(recordServiceSchema.parse({ ...base, minutes: 1440 }).minutes).toBe(1440);
  });

  it("refuses minutes that are not whole, out of range or not numbers, and a category outside the five", () => {
    for (const minutes of ["0", "1441", "1.5", "-3", "an hour"]) expect(recordServiceSchema.safeParse({ ...base, minutes }).success, minutes).toBe(false);
    expect(recordServiceSchema.safeParse({ ...base, category: "legal" }).success).toBe(false);
  });
});
