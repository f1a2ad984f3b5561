import Link from "next/link";
import { pacificToday } from "@/lib/format";
import { HEARING_STATUS_LABELS } from "@/lib/vacatur/constants";
import { monthLinks, monthTitle, monthWeeks } from "@/lib/vacatur/month-grid";
import type { HearingItem } from "@/lib/vacatur/queries/hearings";

// The hearings month view: a table of weeks, each day listing its hearings as links to them on the
// matter page. Months page through ?month=YYYY-MM (validated by monthParam).

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const time = new Intl.DateTimeFormat("en-US", { timeZone: "America/Los_Angeles", hour: "numeric", minute: "2-digit" });

export function HearingMonth({ month, view, hearings, truncated }: { month: string; view: string; hearings: HearingItem[]; truncated: boolean }) {
  const byDay = new Map<string, HearingItem[]>();
  for (const h of hearings) {
    const day = pacificToday(h.startsAt);
    byDay.set(day, [...(byDay.get(day) ?? []), h]);
  }
  const links = monthLinks(month);
  const today = pacificToday();
  const title = monthTitle(month);
  return (
    <section className="card space-y-3" aria-label={`Hearings in ${title}`} data-testid="hearing-calendar">
      <div className="flex items-center justify-between gap-2">
        {links.before ? <Link href={`/matters/hearings?view=${view}&month=${links.before}`}>← Earlier month</Link> : <span />}
        <h2 className="text-lg font-semibold">{title}</h2>
        {links.after ? <Link href={`/matters/hearings?view=${view}&month=${links.after}`}>Later month →</Link> : <span />}
      </div>
      <table className="w-full table-fixed border-collapse text-xs">
        <caption className="sr-only">Hearings in {title}, by day</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col" className="p-1 text-left font-medium text-slate-500">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {monthWeeks(month).map((week, i) => (
            <tr key={i}>
              {week.map((day, j) => {
                const items = day ? (byDay.get(day) ?? []) : [];
                return (
                  <td key={day ?? `pad-${i}-${j}`} className={`h-16 border border-slate-100 p-1 align-top ${day === today ? "bg-sky-50" : ""}`} data-day={day ?? undefined}>
                    {day ? (
                      <>
                        <span className="block text-slate-500">
                          {Number(day.slice(8))}
                          {day === today ? <span className="sr-only"> (today)</span> : null}
                        </span>
                        {items.map((h) => (
                          <Link key={h.id} href={`/matters/${h.matterId}#hearing-${h.id}`} className={`block break-all leading-tight ${h.hearingStatus === "scheduled" ? "" : "line-through"}`} data-testid="calendar-hearing">
                            <span className="block">{time.format(h.startsAt)}</span>
                            {h.clientCode}
                            {h.hearingStatus !== "scheduled" ? ` (${HEARING_STATUS_LABELS[h.hearingStatus].toLowerCase()})` : ""}
                          </Link>
                        ))}
                      </>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {truncated ? <p className="text-xs text-slate-500">This month has more hearings than the calendar shows; the list beside it has them all.</p> : null}
      {hearings.length === 0 ? <p className="text-sm text-slate-500">No hearings on your matters this month.</p> : null}
    </section>
  );
}
