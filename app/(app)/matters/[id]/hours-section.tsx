import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { HOUR_ACTIVITY_LABELS, type HourActivity } from "@/lib/vacatur/constants";
import { formatHours } from "@/lib/vacatur/hours";
import type { MatterHoursEntry } from "@/lib/vacatur/queries/hours";
import { HoursForm } from "./forms";
import { HoursEntryCorrection } from "./hours-correction";

/** The matter's pro bono hours (current entries of the caller's organization), with the author's corrections and removals. */
export function MatterHoursSection({ matterId, hours, canLog }: { matterId: string; hours: { entries: MatterHoursEntry[]; totalHundredths: number }; canLog: boolean }) {
  return (
    <section className="card space-y-3" aria-label="Pro bono hours" data-testid="matter-hours">
      <h2 className="text-lg font-semibold">Pro bono hours</h2>
      <p className="text-sm">
        Total on this matter: <strong data-testid="matter-hours-total">{formatHours(hours.totalHundredths)}</strong> hours
      </p>
      <ul className="space-y-1 text-sm">
        {hours.entries.map((h) => (
          <li key={h.id}>
            {formatCalendarDate(h.workedOn)}, {h.attorneyName}: {formatHours(h.hundredths)} h, {HOUR_ACTIVITY_LABELS[h.activity as HourActivity]}
            {h.description ? ` (${h.description})` : ""}
            {h.corrected ? <span className="text-xs text-slate-500"> · corrected</span> : null}
            {canLog && h.correctableUntil ? (
              <HoursEntryCorrection
                until={formatDateTime(h.correctableUntil)}
                entry={{ id: h.id, version: h.version, workedOn: h.workedOn, hours: formatHours(h.hundredths), activity: h.activity as HourActivity, description: h.description }}
              />
            ) : null}
          </li>
        ))}
      </ul>
      {canLog ? <HoursForm matterId={matterId} /> : null}
    </section>
  );
}
