import { createEvent } from "ics";
import { formatDateTime } from "../format";
import type { HearingStatus } from "./constants";

/**
 * Where a hearing is, as people read it: the court, then the place, without saying the court twice
 * when whoever typed the place began it with the court's name ("King County District Court, Seattle
 * Courthouse" stays as typed under King County District Court).
 */
export function hearingLocation(court: string | null, place: string): string {
  const where = place.trim();
  if (!court) return where;
  const normalized = (text: string) => text.toLocaleLowerCase("en-US").replace(/[^\p{L}\p{N}]+/gu, " ").trim();
  const [typed, named] = [normalized(where), normalized(court)];
  const repeatsCourt = typed === named || typed.startsWith(`${named} `);
  return repeatsCourt ? where : [court, where].filter(Boolean).join(", ");
}

// A hearing as an iCalendar event. Calendars sync to phones and third-party services, so the event
// carries the client code, the court and the place only: never the survivor's name or the case number.
// A cancelled hearing is STATUS:CANCELLED; a continued one is cancelled too and names the new date
// (its own file is the successor's). SEQUENCE is the hearing's version, so a calendar that already has
// the event replaces it with the newer one.
export function hearingCalendar(hearing: {
  id: string;
  startsAt: Date;
  place: string;
  clientCode: string;
  court: string | null;
  status?: HearingStatus;
  version?: number;
  continuedTo?: { id: string; startsAt: Date } | null;
}): string {
  const continued = hearing.status === "continued" && hearing.continuedTo ? hearing.continuedTo : null;
  const title = `Vacatur hearing (${hearing.clientCode})`;
  const { error, value } = createEvent({
    uid: `hearing-${hearing.id}@clearway`,
    productId: "clearway/vacatur",
    start: hearing.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: 1 },
    title: continued ? `${title}, continued to ${formatDateTime(continued.startsAt)}` : hearing.status === "continued" ? `${title}, continued` : hearing.status === "cancelled" ? `${title}, cancelled` : title,
    location: hearingLocation(hearing.court, hearing.place),
    description: continued
      ? `This hearing was continued to ${formatDateTime(continued.startsAt)}. Add the new date from Clearway.`
      : hearing.status === "continued"
        ? "This hearing was continued; the court has not set the new date yet. Clearway will show it when it is set."
        : hearing.status === "cancelled"
        ? "This vacatur hearing was cancelled. Details are in Clearway."
        : "Vacatur hearing. Details are in Clearway.",
    status: hearing.status === "cancelled" || hearing.status === "continued" ? "CANCELLED" : "CONFIRMED",
    sequence: hearing.version ?? 1,
    classification: "CONFIDENTIAL",
    busyStatus: hearing.status === "cancelled" || hearing.status === "continued" ? "FREE" : "BUSY",
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file.");
  return value;
}
