import { z } from "zod";
import { formatCalendarDate, pacificToday } from "./format";

// Zod building blocks for form fields, shared by every area's schemas (the browser's zodResolver and
// the server parse with the same rules). Each accepts its own output, so parsed values parse again.

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Optional free text: trimmed, empty becomes null. */
export function optionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .nullish()
    .transform((value) => value || null);
}

// ---------------------------------------------------------------------------------------------
// Names and codes

/**
 * Characters that change how text is displayed without being visible themselves: bidirectional
 * embeddings, overrides and isolates (U+202A–202E, U+2066–2069), zero-width spaces, joiners and
 * direction marks (U+200B–200F), the word joiner (U+2060) and the byte-order mark (U+FEFF). In a name
 * or a case number they let "Ana" and "A\u200Bna" be two people, or make a code read backwards.
 */
const INVISIBLE_FORMATTING = /[\u200B-\u200F\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/g;

/** Removes invisible formatting characters (see INVISIBLE_FORMATTING). */
export function stripInvisible(value: string): string {
  return value.replace(INVISIBLE_FORMATTING, "");
}

/** A required name or code: invisible formatting removed, trimmed, at most `max` characters. */
export function nameText(max: number, message: string) {
  return z.string().transform(stripInvisible).pipe(z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`));
}

/** An optional name or code: invisible formatting removed, trimmed; empty becomes null. */
export function optionalNameText(max: number) {
  return z
    .string()
    .nullish()
    .transform((value) => (value == null ? value : stripInvisible(value)))
    .pipe(optionalText(max));
}

/** Search text from a list's filters (a client code, a name): cleaned like a name; too long or empty is no search. */
export function searchText(max: number) {
  return z
    .string()
    .transform((value) => stripInvisible(value).trim())
    .pipe(z.string().max(max))
    .transform((value) => value || undefined)
    .optional()
    .catch(undefined);
}

// ---------------------------------------------------------------------------------------------
// Dates

/**
 * Every date field has a range a caseworker would expect, stated in its message. A bound is a fixed
 * calendar date, or moves with today's date in Pacific time (checked at the moment of parsing, so a
 * long-running server never freezes "today").
 */
type DateBound = `${number}-${number}-${number}` | "today" | { yearsFromToday: number } | { daysFromToday: number };
type DateRange = { min: DateBound; max: DateBound };

export const DATE_RANGES = {
  /** dates of birth */
  birth: { min: "1900-01-01", max: "today" },
  /** casework recorded as it happens: intake, notes and contacts, releases signed, notices, filings, orders, hours */
  casework: { min: "2000-01-01", max: "today" },
  /** a release's expiry: never more than a year and a day after a signing that is itself no later than today */
  releaseExpiry: { min: "2000-01-01", max: { daysFromToday: 366 } },
  /** a survivor's court history: convictions, sentencing, charges, discharges, decades back */
  courtHistory: { min: "1950-01-01", max: "today" },
  /** the end of a sentence that may still be running: release from confinement, supervision */
  sentenceEnd: { min: "1950-01-01", max: { yearsFromToday: 50 } },
  /** court dates set ahead: hearings */
  hearing: { min: "2000-01-01", max: { yearsFromToday: 5 } },
  /** when to look at an ineligible matter again: after a waiting period of up to ten years and then some */
  revisit: { min: "today", max: { yearsFromToday: 15 } },
  /** date filters of lists and reports */
  filter: { min: "2000-01-01", max: { yearsFromToday: 5 } },
} as const satisfies Record<string, DateRange>;

/** What a date input holds when the browser could not read the date typed (02/30/2000): no date rule accepts it. */
export const INVALID_DATE_INPUT = "invalid-date";
const INVALID_DATE_MESSAGE = "This date is not valid. Check the day, month and year.";

function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function boundDate(bound: DateBound, today: string): string {
  if (bound === "today") return today;
  if (typeof bound === "string") return bound;
  const date = new Date(`${today}T00:00:00Z`);
  if ("yearsFromToday" in bound) date.setUTCFullYear(date.getUTCFullYear() + bound.yearsFromToday);
  else date.setUTCDate(date.getUTCDate() + bound.daysFromToday);
  return date.toISOString().slice(0, 10);
}

function describeBound(bound: DateBound, today: string): string {
  return bound === "today" ? "today" : formatCalendarDate(boundDate(bound, today));
}

/** The range's message, e.g. "Enter a date between Jan 1, 1950 and today." */
export function dateRangeMessage(range: DateRange, today = pacificToday()): string {
  return `Enter a date between ${describeBound(range.min, today)} and ${describeBound(range.max, today)}.`;
}

/** null when the date (a real YYYY-MM-DD) lies in the range, else the message saying the range. */
function outOfRange(value: string, range: DateRange, today = pacificToday()): string | null {
  return value < boundDate(range.min, today) || value > boundDate(range.max, today) ? dateRangeMessage(range, today) : null;
}

function checkDate(value: string | null, ctx: z.RefinementCtx, range: DateRange) {
  if (value === null) return;
  if (!isRealDate(value)) return void ctx.addIssue({ code: "custom", message: INVALID_DATE_MESSAGE });
  const message = outOfRange(value, range);
  if (message) ctx.addIssue({ code: "custom", message });
}

/** A calendar date (YYYY-MM-DD, as an <input type="date"> sends it) within the range. */
export function calendarDate(range: DateRange, message = "Enter a date.") {
  return z
    .string(message)
    .trim()
    .min(1, message)
    .superRefine((value, ctx) => checkDate(value || null, ctx, range));
}

/** An optional calendar date within the range; empty becomes null. */
export function optionalDate(range: DateRange) {
  return z
    .string()
    .trim()
    .nullish()
    .transform((value) => value || null)
    .superRefine((value, ctx) => checkDate(value, ctx, range));
}

/** A calendar date from `since` to today (Pacific). */
export function pastDate(since: DateBound, message = "Enter a date.") {
  return calendarDate({ min: since, max: "today" }, message);
}

/** An optional calendar date from `since` to today (Pacific). */
export function optionalPastDate(since: DateBound) {
  return optionalDate({ min: since, max: "today" });
}

// ---------------------------------------------------------------------------------------------
// Lists and choices

/** "a, b; c" or one per line → a clean list. */
export function textList(maxItems: number, maxLength: number, noun: string, clean: (item: string) => string = (item) => item) {
  return z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .transform((value) =>
      (Array.isArray(value) ? value : (value ?? "").split(/[\n;,]/))
        .map((item) => clean(item).trim())
        .filter(Boolean),
    )
    .refine((items) => items.length <= maxItems, `List at most ${maxItems} ${noun}.`)
    .refine((items) => items.every((item) => item.length <= maxLength), `Each of the ${noun} can have at most ${maxLength} characters.`);
}

/** A list of names (aliases), each cleaned of invisible formatting like nameText. */
export function nameList(maxItems: number, maxLength: number, noun: string) {
  return textList(maxItems, maxLength, noun, stripInvisible);
}

/** Checkbox groups send an array (or false when a single box is unticked); missing means none. */
export function choices<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .union([z.array(z.string()), z.string(), z.literal(false)])
    .nullish()
    .transform((value) => (value === false || value === null || value === undefined ? [] : [...new Set(Array.isArray(value) ? value : [value])]))
    .pipe(z.array(z.enum(values, message)));
}

/** A single checkbox; missing means unticked. */
export const checkbox = z
  .union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")])
  .optional()
  .transform((value) => value === true || value === "on" || value === "true");

/** An optional choice from a select: "" or missing means none. */
export function optionalChoice<T extends readonly [string, ...string[]]>(values: T, message: string) {
  return z
    .string()
    .nullish()
    .transform((value) => value || null)
    .refine((value) => value === null || (values as readonly string[]).includes(value), message)
    .transform((value) => value as T[number] | null);
}

/** An optional id from a select: "" or missing means none. */
export function optionalId(message: string) {
  return z
    .string()
    .nullish()
    .transform((value) => value || null)
    .refine((value) => value === null || z.uuid().safeParse(value).success, message);
}

/**
 * A report's or list's period, from search params: each end a date or empty, To on or after From. A date
 * that is not one, or a To before From, is an error beside its field, never a silently wider period.
 */
export const periodSchema = z
  .object({
    from: optionalDate(DATE_RANGES.filter),
    to: optionalDate(DATE_RANGES.filter),
  })
  .refine((range) => !range.from || !range.to || range.from <= range.to, { path: ["to"], message: "The To date is before the From date. Choose a To date on or after it." });
export type Period = z.infer<typeof periodSchema>;
