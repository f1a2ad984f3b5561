import { TZDate } from "@date-fns/tz";
import { isWeekend, subBusinessDays } from "date-fns";
import { APP_TIME_ZONE } from "../format";

// "No answer after N business days": business days are Monday to Friday in Pacific time (public
// holidays are not counted out). A referral sent at any moment of a day is overdue once N whole
// business days have passed after that day, i.e. when it was sent before the start of the business
// day N business days ago.

/** The instant before which a still-unanswered referral counts as overdue. */
export function overdueCutoff(now: Date, businessDays: number): Date {
  const today = new TZDate(now.getTime(), APP_TIME_ZONE);
  let day = new TZDate(today.getFullYear(), today.getMonth(), today.getDate(), APP_TIME_ZONE);
  // On a weekend, count from the Friday before.
  while (isWeekend(day)) day = new TZDate(day.getFullYear(), day.getMonth(), day.getDate() - 1, APP_TIME_ZONE);
  const start = subBusinessDays(day, businessDays);
  return new Date(new TZDate(start.getFullYear(), start.getMonth(), start.getDate(), APP_TIME_ZONE).getTime());
}

export function isOverdue(referral: { status: string; sentAt: Date | null }, now: Date, businessDays: number): boolean {
  return referral.status === "sent" && referral.sentAt !== null && referral.sentAt < overdueCutoff(now, businessDays);
}
