import { createEvent } from "ics";

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
export function hearingCalendar(hearing: { id: string; startsAt: Date; place: string; clientCode: string; court: string | null }): string {
  const { error, value } = createEvent({
    uid: `hearing-${hearing.id}@clearway`,
    productId: "clearway/vacatur",
    start: hearing.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    duration: { hours: 1 },
    title: `Vacatur hearing (${hearing.clientCode})`,
    location: hearingLocation(hearing.court, hearing.place),
    description: "Vacatur hearing. Details are in Clearway.",
    classification: "CONFIDENTIAL",
    busyStatus: "BUSY",
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file.");
  return value;
}
