import { format, isValid, parse } from "date-fns";
import { ROUTE_LABELS, ROUTES, type Route } from "./rules/screen";

// What the court-document drafts print, as pure functions: the statutory basis the attorney
// recorded, dates as Washington courts write them, and user-typed text made safe for one line.

/** A calendar date (YYYY-MM-DD) as Washington courts write it: "December 1, 2026". Anything else is printed as it is. */
export function courtDate(isoDate: string): string {
  const day = parse(isoDate, "yyyy-MM-dd", new Date(2000, 0, 1));
  return isValid(day) ? format(day, "MMMM d, yyyy") : isoDate;
}

/**
 * Text typed into Clearway, for one line of a court document: a case number or name pasted with a line
 * break, a tab or a control character would otherwise break the caption across lines or print
 * invisible bytes. Composed to NFC so a name typed with combining accents prints as one letter each.
 */
export function printable(text: string): string {
  return text
    .normalize("NFC")
    .replace(/[\s\p{Cc}\p{Zl}\p{Zp}]+/gu, " ")
    .trim();
}

export type RecordedConclusion = { conclusion: "eligible" | "not_eligible" | "needs_more" | null; route: string | null };

/**
 * The statute a draft cites: the route the attorney recorded with an "eligible" conclusion. Without
 * one (no conclusion, not eligible, needs more information, or no route) there is no basis to print,
 * and the draft leaves a blank for the attorney rather than guess from the screen.
 */
export function statutoryBasis(recorded: RecordedConclusion | null): string | null {
  if (recorded?.conclusion !== "eligible" || !recorded.route) return null;
  const route = ROUTES.find((r): r is Exclude<Route, "none"> => r === recorded.route && r !== "none");
  return route ? ROUTE_LABELS[route].citation : null;
}
