import { TZDate } from "@date-fns/tz";

// Clearway serves Washington partnerships: times are shown, and date filters read, in Pacific time.
export const APP_TIME_ZONE = "America/Los_Angeles";

const dateTime = new Intl.DateTimeFormat("en-US", {
  timeZone: APP_TIME_ZONE,
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "numeric",
  minute: "2-digit",
  timeZoneName: "short",
});

const dateOnly = new Intl.DateTimeFormat("en-US", {
  timeZone: APP_TIME_ZONE,
  year: "numeric",
  month: "short",
  day: "numeric",
});

export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return dateTime.format(typeof value === "string" ? new Date(value) : value);
}

export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "—";
  return dateOnly.format(typeof value === "string" ? new Date(value) : value);
}

/** The instant a calendar day (YYYY-MM-DD) starts in Pacific time, or null for anything else. */
export function startOfPacificDay(isoDate: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = new TZDate(year, month - 1, day, APP_TIME_ZONE);
  if (start.getMonth() !== month - 1 || start.getDate() !== day) return null;
  return new Date(start.getTime());
}

/** The instant the next day starts, for an exclusive upper bound on "to" dates. */
export function endOfPacificDay(isoDate: string): Date | null {
  const start = startOfPacificDay(isoDate);
  if (!start) return null;
  const zoned = new TZDate(start.getTime(), APP_TIME_ZONE);
  return new Date(new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate() + 1, APP_TIME_ZONE).getTime());
}

const isoDay = new Intl.DateTimeFormat("en-CA", { timeZone: APP_TIME_ZONE, year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's calendar date in Pacific time, as YYYY-MM-DD. */
export function pacificToday(now: Date = new Date()): string {
  return isoDay.format(now);
}

// One formatter, made once: toLocaleDateString with options builds a new Intl.DateTimeFormat on every
// call, which was 5 % of a survivor page's server time (a timeline of notes has a date on each).
const calendarDate = new Intl.DateTimeFormat("en-US", { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" });

/** A calendar date (YYYY-MM-DD) for display, without any time-zone shift. */
export function formatCalendarDate(value: string | null | undefined): string {
  if (!value) return "—";
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return value;
  return calendarDate.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
}

/** The instant of a Pacific wall-clock date and time ("2026-12-10", "09:30"), or null if either is malformed. */
export function pacificDateTime(isoDate: string, time: string): Date | null {
  const day = startOfPacificDay(isoDate);
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!day || !match) return null;
  const zoned = new TZDate(day.getTime(), APP_TIME_ZONE);
  return new Date(new TZDate(zoned.getFullYear(), zoned.getMonth(), zoned.getDate(), Number(match[1]), Number(match[2]), APP_TIME_ZONE).getTime());
}
