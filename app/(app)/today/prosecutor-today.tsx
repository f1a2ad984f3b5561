import { EmptyRow } from "@/app/_components/list";
import type { ReactNode } from "react";
import Link from "next/link";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import type { ProsecutorToday } from "@/lib/home/prosecutor-today";
import { MatterStatusBadge } from "../matters/status-badge";

// A prosecutor's day: matters noticed to the office that still wait for its position.

export function ProsecutorTodayView({ today, notices }: { today: ProsecutorToday; notices: ReactNode }) {
  return (
    <div className="space-y-6">
      {notices}
      <div>
        <h1 className="text-2xl font-semibold">Awaiting your office&apos;s position</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="awaiting-count">
          {today.count === 0
            ? "Every open petition noticed to your office has its position recorded."
            : `${today.count} open petition${today.count === 1 ? "" : "s"} noticed to your office ${today.count === 1 ? "waits" : "wait"} for its position, soonest hearing first.`}
        </p>
      </div>
      <section className="card overflow-x-auto p-0" aria-label="Matters awaiting a position">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Court</th>
              <th scope="col">Status</th>
              <th scope="col">Noticed</th>
              <th scope="col">Next hearing</th>
            </tr>
          </thead>
          <tbody>
            {today.items.length === 0 ? (
              <EmptyRow colSpan={5}>Nothing waits. <Link href="/matters">Every matter noticed to your office</Link></EmptyRow>
            ) : null}
            {today.items.map((m) => (
              <tr key={m.id} data-testid="awaiting-position">
                <td className="whitespace-nowrap font-mono text-sm">
                  <Link href={`/matters/${m.id}`}>{m.clientCode}</Link>
                </td>
                <td>{m.court ?? "—"}</td>
                <td>
                  <MatterStatusBadge status={m.status} />
                </td>
                <td className="whitespace-nowrap">
                  {formatCalendarDate(m.noticeOn)} <span className="text-xs text-slate-500">({m.daysSinceNotice} day{m.daysSinceNotice === 1 ? "" : "s"} ago)</span>
                </td>
                <td className="whitespace-nowrap">{m.nextHearing ? formatDateTime(m.nextHearing) : "Not set"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {today.count > today.items.length ? (
        <p className="text-sm">
          <Link href="/matters">Show all matters noticed to your office</Link>
        </p>
      ) : null}
    </div>
  );
}
