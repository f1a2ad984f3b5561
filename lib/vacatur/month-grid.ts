import { z } from "zod";
import { pacificToday } from "../format";

// The hearings calendar's month: which month a URL asks for (validated, else this month), the months
// before and after it, and its days laid out in weeks starting on Sunday. Pure calendar arithmetic on
// YYYY-MM strings (no time zone: the days are Pacific calendar days by construction).

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Months the calendar pages through: the hearing dates the forms accept, and back to 2000 for past hearings. */
const FIRST_MONTH = "2000-01";
const YEARS_AHEAD = 5;

export function currentMonth(today = pacificToday()): string {
  return today.slice(0, 7);
}

function shift(month: string, by: number): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

export const monthBefore = (month: string) => shift(month, -1);
export const monthAfter = (month: string) => shift(month, 1);

function lastMonth(today: string): string {
  return shift(currentMonth(today), YEARS_AHEAD * 12);
}

/** A month from a URL ("2026-12"): anything malformed or outside the calendar's range is this month. */
export function monthParam(today = pacificToday()) {
  return z
    .string()
    .regex(MONTH)
    .refine((m) => m >= FIRST_MONTH && m <= lastMonth(today))
    .catch(currentMonth(today));
}

/** Whether the calendar offers a link to the month before / after. */
export function monthLinks(month: string, today = pacificToday()): { before: string | null; after: string | null } {
  const before = monthBefore(month);
  const after = monthAfter(month);
  return { before: before >= FIRST_MONTH ? before : null, after: after <= lastMonth(today) ? after : null };
}

/** The month's days (YYYY-MM-DD) in weeks from Sunday; null pads the first and last week. */
export function monthWeeks(month: string): (string | null)[][] {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  const first = new Date(Date.UTC(year, mon - 1, 1));
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  const cells: (string | null)[] = [...Array<null>(first.getUTCDay()).fill(null)];
  for (let d = 1; d <= days; d++) cells.push(`${month}-${String(d).padStart(2, "0")}`);
  while (cells.length % 7) cells.push(null);
  const weeks: (string | null)[][] = [];
  for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
  return weeks;
}

/** "December 2026" */
export function monthTitle(month: string): string {
  const [year, mon] = month.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, mon - 1, 1)).toLocaleDateString("en-US", { timeZone: "UTC", year: "numeric", month: "long" });
}
