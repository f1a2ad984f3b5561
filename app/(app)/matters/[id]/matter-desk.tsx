import { formatCalendarDate, formatDateTime, pacificToday } from "@/lib/format";
import { hearingLocation } from "@/lib/vacatur/calendar";
import { HEARING_STATUS_LABELS } from "@/lib/vacatur/constants";
import { DEADLINE_LABELS, type Deadline } from "@/lib/vacatur/deadlines";
import type { MatterHearing } from "@/lib/vacatur/queries/hearings";
import { DeadlineFlag } from "../deadline-flag";
import { HearingChanges } from "./hearing-forms";

// The attorney's desk on the matter page: its deadlines, and its hearings with what became of each.

/** A hearing's Pacific date and time as the form fields hold them. */
function pacificFields(instant: Date): { hearingDate: string; hearingTime: string } {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Los_Angeles", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
  return { hearingDate: pacificToday(instant), hearingTime: parts.replace(/[^\d:]/g, "").slice(0, 5) };
}

export function MatterDeadlines({ deadlines }: { deadlines: Deadline[] }) {
  const today = pacificToday();
  return (
    <section className="card space-y-3" aria-label="Deadlines" data-testid="matter-deadlines">
      <h2 className="text-lg font-semibold">Deadlines</h2>
      {deadlines.length === 0 ? <p className="text-sm text-slate-500">Nothing is due on this matter.</p> : null}
      <ul className="space-y-1 text-sm">
        {deadlines.map((d) => (
          <li key={`${d.kind}-${d.dueOn}`} data-testid="deadline">
            Due {formatCalendarDate(d.dueOn)}: {DEADLINE_LABELS[d.kind]}
            <DeadlineFlag dueOn={d.dueOn} today={today} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function MatterHearingsList({ matterId, court, hearings, canChange, canDownload }: { matterId: string; court: string | null; hearings: MatterHearing[]; canChange: boolean; canDownload: boolean }) {
  if (hearings.length === 0) return <p className="text-sm text-slate-500">No hearing set.</p>;
  return (
    <ul className="space-y-2 text-sm">
      {hearings.map((h) => (
        <li key={h.id} id={`hearing-${h.id}`} data-testid="matter-hearing">
          <span className={h.status === "scheduled" ? "" : "text-slate-500"}>
            {formatDateTime(h.startsAt)}, {hearingLocation(court, h.place)}
          </span>
          {h.status !== "scheduled" ? (
            <span className="badge ml-2 bg-slate-100 text-slate-700">
              {HEARING_STATUS_LABELS[h.status]}
              {h.continuedToStartsAt ? ` to ${formatDateTime(h.continuedToStartsAt)}` : h.status === "continued" ? ", new date not yet set" : ""}
            </span>
          ) : null}
          {canDownload ? (
            <a href={`/matters/${matterId}/hearings/${h.id}`} download className="ml-2">
              {h.status === "scheduled" ? "Add to calendar (.ics)" : "Calendar update (.ics)"}
            </a>
          ) : null}
          {canChange && h.status === "scheduled" ? <HearingChanges hearing={{ id: h.id, version: h.version, place: h.place, ...pacificFields(h.startsAt) }} /> : null}
        </li>
      ))}
    </ul>
  );
}
