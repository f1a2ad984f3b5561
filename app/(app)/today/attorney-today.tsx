import { EmptyRow } from "@/app/_components/list";
import type { ReactNode } from "react";
import Link from "next/link";
import { formatCalendarDate } from "@/lib/format";
import type { AttorneyToday } from "@/lib/home/attorney-today";
import { DUE_SOON_DAYS } from "@/lib/home/attorney-today";
import { DEADLINE_LABELS, deadlineStateText } from "@/lib/vacatur/deadlines";
import { MatterStatusBadge } from "../matters/status-badge";
import { HomeSummary } from "./home-list";

// An attorney's day: their open matters by next due date, conflict checks first.

export function AttorneyTodayView({ today, notices }: { today: AttorneyToday; notices: ReactNode }) {
  return (
    <div className="space-y-6">
      {notices}
      <div>
        <h1 className="text-2xl font-semibold">Your matters by due date</h1>
        <p className="mt-1 text-sm text-slate-600">The open vacatur matters assigned to you, the next thing due on each first.</p>
      </div>
      <HomeSummary
        items={[
          { href: "#matters", label: "Conflict checks to confirm", count: today.conflictChecks },
          { href: "#matters", label: "Past due", count: today.pastDue },
          { href: "#matters", label: `Due within ${DUE_SOON_DAYS} days`, count: today.dueSoon },
          { href: "#matters", label: "Open matters", count: today.total },
        ]}
      />
      <section id="matters" className="card overflow-x-auto p-0" aria-label="Your open matters">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Status</th>
              <th scope="col">Next due</th>
              <th scope="col">For</th>
            </tr>
          </thead>
          <tbody>
            {today.matters.length === 0 ? (
              <EmptyRow colSpan={4}>No open matter is assigned to you. <Link href="/matters?scope=organization">Your organization&apos;s matters</Link></EmptyRow>
            ) : null}
            {today.matters.map((m) => (
              <tr key={m.id} data-testid="attorney-matter">
                <td className="whitespace-nowrap font-mono text-sm">
                  <Link href={`/matters/${m.id}`}>{m.clientCode}</Link>
                </td>
                <td>
                  <MatterStatusBadge status={m.status} />
                </td>
                <td className="whitespace-nowrap">
                  {m.nextDate ? formatCalendarDate(m.nextDate) : "—"}
                  {m.nextDateState && m.nextDateState !== "upcoming" ? (
                    <span className={`badge ml-2 ${m.nextDateState === "past_due" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"}`}>{deadlineStateText(m.nextDateState)}</span>
                  ) : null}
                </td>
                <td className="text-sm text-slate-600">
                  {m.conflictCheck
                    ? "Confirm you have no conflict of interest"
                    : m.suspended
                      ? "Suspended: no release in effect"
                      : m.nextDateKind
                        ? DEADLINE_LABELS[m.nextDateKind]
                        : "Nothing dated"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <p className="text-sm text-slate-600">
        Every matter, with filters: <Link href="/matters">Vacatur matters</Link>. Court dates: <Link href="/matters/hearings">Hearings</Link>.
      </p>
    </div>
  );
}
