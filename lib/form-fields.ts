import { z } from "zod";
import { pacificToday } from "./format";

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

export function isRealDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A calendar date (YYYY-MM-DD, as an <input type="date"> sends it). */
export function calendarDate(message = "Enter a date.") {
  return z.string().trim().min(1, message).refine(isRealDate, "Enter a real date (YYYY-MM-DD).");
}

export function optionalDate() {
  return z
    .string()
    .trim()
    .nullish()
    .transform((value) => value || null)
    .refine((value) => value === null || isRealDate(value), "Enter a real date (YYYY-MM-DD).");
}

/** "a, b; c" or one per line → a clean list. */
export function textList(maxItems: number, maxLength: number, noun: string) {
  return z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .transform((value) =>
      (Array.isArray(value) ? value : (value ?? "").split(/[\n;,]/))
        .map((item) => item.trim())
        .filter(Boolean),
    )
    .refine((items) => items.length <= maxItems, `List at most ${maxItems} ${noun}.`)
    .refine((items) => items.every((item) => item.length <= maxLength), `Each of the ${noun} can have at most ${maxLength} characters.`);
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

/** A calendar date on or before today (Pacific). */
export function pastDate(message = "Enter a date.") {
  return calendarDate(message).refine((value) => value <= pacificToday(), "This date cannot be in the future.");
}

/** An optional calendar date on or before today (Pacific). */
export function optionalPastDate() {
  return optionalDate().refine((value) => value === null || value <= pacificToday(), "This date cannot be in the future.");
}
