import { describe, expect, it } from "vitest";
import {
  calendarDate,
  DATE_RANGES,
  dateRangeMessage,
  INVALID_DATE_INPUT,
  nameList,
  nameText,
  optionalDate,
  optionalNameText,
  optionalPastDate,
  pastDate,
  periodSchema,
  searchText,
  stripInvisible,
} from "@/lib/form-fields";
import { pacificToday } from "@/lib/format";
import { intakeSchema } from "@/lib/survivors/schema";
import { createReleaseSchema } from "@/lib/releases/schema";
import { addConvictionSchema, logHoursSchema } from "@/lib/vacatur/schema";

const messages = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues.map((i) => i.message) ?? [];
const today = pacificToday();
const dayFromToday = (days: number) => pacificToday(new Date(Date.now() + days * 86_400_000));

describe("date fields", () => {
  it("say their range in the message, with 'today' for a bound that moves", () => {
    expect(dateRangeMessage({ min: "1950-01-01", max: "today" })).toBe("Enter a date between Jan 1, 1950 and today.");
    expect(dateRangeMessage({ min: "2000-01-01", max: { yearsFromToday: 5 } }, "2026-11-30")).toBe("Enter a date between Jan 1, 2000 and Nov 30, 2031.");
    expect(dateRangeMessage({ min: "today", max: { daysFromToday: 366 } }, "2026-11-30")).toBe("Enter a date between today and Dec 1, 2027.");
  });

  it("refuse year 0, year 1 and 9999, and accept both ends of the range", () => {
    const field = calendarDate(DATE_RANGES.casework, "Enter the intake date.");
    for (const value of ["0000-01-01", "0001-01-01", "1999-12-31", "9999-12-31", dayFromToday(1)]) {
      expect(messages(field.safeParse(value)), value).toEqual(["Enter a date between Jan 1, 2000 and today."]);
    }
    expect(field.safeParse("2000-01-01").success).toBe(true);
    expect(field.safeParse(today).success).toBe(true);
    expect(messages(field.safeParse(""))).toEqual(["Enter the intake date."]);
  });

  it("refuse a date that does not exist, and what a date input holds when the browser could not read one", () => {
    const field = optionalDate(DATE_RANGES.birth);
    for (const value of ["2000-02-30", "2001-02-29", "20000-01-01", "01/02/2000", INVALID_DATE_INPUT]) {
      expect(messages(field.safeParse(value)), value).toEqual(["This date is not valid. Check the day, month and year."]);
    }
    expect(field.parse("2000-02-29")).toBe("2000-02-29");
    expect(field.parse("")).toBeNull();
    expect(field.parse(null)).toBeNull();
  });

  it("past dates run from their first year to today", () => {
    expect(pastDate("1950-01-01").safeParse("1949-12-31").error?.issues[0]?.message).toBe("Enter a date between Jan 1, 1950 and today.");
    expect(pastDate("1950-01-01").safeParse(dayFromToday(1)).success).toBe(false);
    expect(optionalPastDate("2000-01-01").parse("")).toBeNull();
    expect(optionalPastDate("2000-01-01").safeParse("1900-06-01").error?.issues[0]?.message).toBe("Enter a date between Jan 1, 2000 and today.");
  });

  it("are in range in every area: no intake in year 1, no hours in 1900, no supervision ending in 9999", () => {
    const intake = intakeSchema.safeParse({ preferredName: "Ana", intakeDate: "0001-01-01", dateOfBirth: "1899-12-31" });
    expect(intake.error?.flatten().fieldErrors).toMatchObject({
      intakeDate: ["Enter a date between Jan 1, 2000 and today."],
      dateOfBirth: ["Enter a date between Jan 1, 1900 and today."],
    });
    const hours = logHoursSchema.safeParse({ matterId: "6f1c2b0e-0000-4000-8000-000000000001", workedOn: "1900-01-01", hours: "1", activity: "screening" });
    expect(hours.error?.flatten().fieldErrors.workedOn).toEqual(["Enter a date between Jan 1, 2000 and today."]);
    const conviction = addConvictionSchema.safeParse({ survivorId: "6f1c2b0e-0000-4000-8000-000000000001", supervisionEndDate: "9999-12-31" });
    expect(conviction.error?.flatten().fieldErrors.supervisionEndDate?.[0]).toMatch(/^Enter a date between Jan 1, 1950 and \w{3} \d{1,2}, \d{4}\.$/);
    const release = createReleaseSchema.safeParse({ signedOn: "0000-01-01" });
    expect(release.error?.flatten().fieldErrors.signedOn).toEqual(["Enter a date between Jan 1, 2000 and today."]);
  });

  it("in a period filter (hours report, audit trail) are an error beside the field, never a silent 'all time'; To before From is refused", () => {
    const broken = periodSchema.safeParse({ from: "0000-01-01", to: "2026-02-30" });
    expect(broken.error?.flatten().fieldErrors.from?.[0]).toMatch(/^Enter a date between Jan 1, 2000 and /);
    expect(broken.error?.flatten().fieldErrors.to).toEqual(["This date is not valid. Check the day, month and year."]);
    const backwards = periodSchema.safeParse({ from: "2026-03-01", to: "2026-02-28" });
    expect(backwards.error?.flatten().fieldErrors).toEqual({ to: ["The To date is before the From date. Choose a To date on or after it."] });
    expect(periodSchema.parse({ from: "2026-02-28", to: "2026-02-28" })).toEqual({ from: "2026-02-28", to: "2026-02-28" });
    expect(periodSchema.parse({ from: "2026-01-01" })).toEqual({ from: "2026-01-01", to: null });
  });
});

describe("names and codes", () => {
  const hostile = "\u202EAna\u200B \u2066Lopez\u2069\uFEFF\u2060\u200D";

  it("lose right-to-left overrides, isolates and zero-width characters", () => {
    expect(stripInvisible(hostile)).toBe("Ana Lopez");
    expect(nameText(80, "Enter a name.").parse(hostile)).toBe("Ana Lopez");
    expect(nameText(80, "Enter a name.").safeParse("\u200B\u200B").error?.issues[0]?.message).toBe("Enter a name.");
    expect(optionalNameText(120).parse("\u200F")).toBeNull();
    expect(nameList(10, 120, "aliases").parse("Mari\u200B Q\n\u202EQ ireM")).toEqual(["Mari Q", "Q ireM"]);
    expect(searchText(120).parse("CW-2026-\u200B00012")).toBe("CW-2026-00012");
    expect(searchText(120).parse("\u200B")).toBeUndefined();
  });

  it("are cleaned in the survivor's preferred, legal and other names", () => {
    const parsed = intakeSchema.parse({ idempotencyKey: crypto.randomUUID(), preferredName: "\u202ERosa", legalName: "Rosa\u200B Maria", aliases: "R\u2066M", intakeDate: today });
    expect(parsed).toMatchObject({ preferredName: "Rosa", legalName: "Rosa Maria", aliases: ["RM"] });
    expect(intakeSchema.parse(parsed)).toEqual(parsed);
  });
});
