import { createEvent } from "ics";

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
    location: [hearing.court, hearing.place].filter(Boolean).join(", "),
    description: "Vacatur hearing. Details are in Clearway.",
    classification: "CONFIDENTIAL",
    busyStatus: "BUSY",
  });
  if (error || !value) throw error ?? new Error("Could not build the calendar file.");
  return value;
}
