import { and, isNull, type SQL } from "drizzle-orm";
import { proBonoHours } from "../../db/schema/vacatur";

// Pro bono hours' rules, once: which entries count, how long their author may correct them, and
// what they are worth at the organization's rate.

/** How long after first logging an entry its author may correct or remove it. */
export const HOURS_CORRECTION_DAYS = 30;

/**
 * The rate used until a legal organization's program lead sets its own: $250.00 an hour, a common
 * figure for valuing volunteer attorney time in bar pro bono reports. The CSV states the rate it used.
 */
export const DEFAULT_HOURLY_RATE_CENTS = 25_000;

/**
 * The one condition for "hours that count": no correction replaced the entry and its author did not
 * remove it. Every total, list and report of hours uses it, so a corrected or removed entry (kept
 * for the record) is never counted twice or at all.
 */
export function currentHours(): SQL {
  return and(isNull(proBonoHours.supersededAt), isNull(proBonoHours.removedAt))!;
}

/**
 * The moment an entry stops being correctable: 30 days of 24 hours after it was first logged
 * (`loggedAt`, which a correction carries over from the entry it corrects, so corrections never
 * extend the window).
 */
export function correctableUntil(loggedAt: Date): Date {
  return new Date(loggedAt.getTime() + HOURS_CORRECTION_DAYS * 86_400_000);
}

type Entry = { attorneyId: string; loggedAt: Date; supersededAt: Date | null; removedAt: Date | null };

/** Whether this person may correct or remove this entry now: its author, while it is current, within the 30 days. */
export function mayCorrectHours(me: { id: string }, entry: Entry, now: Date = new Date()): boolean {
  return entry.attorneyId === me.id && !entry.supersededAt && !entry.removedAt && now < correctableUntil(entry.loggedAt);
}

/** The value of hours (in hundredths) at a rate (cents an hour), in whole cents, half a cent rounded up. */
export function hoursValueCents(hundredths: number, rateCents: number): number {
  return Math.floor((hundredths * rateCents + 50) / 100);
}

/** Hundredths of an hour as hours, "1.50". */
export function formatHours(hundredths: number): string {
  return (hundredths / 100).toFixed(2);
}

/** Cents as dollars for a spreadsheet cell, "1234.50" (no symbol or separators, so it adds up). */
export function centsAsDollars(cents: number): string {
  return (cents / 100).toFixed(2);
}
