import Link from "next/link";
import { ExportLink } from "@/app/_components/export-link";
import { EmptyRow } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { pageSchema } from "@/lib/pagination";
import { hearingLocation } from "@/lib/vacatur/calendar";
import { HEARING_STATUS_LABELS } from "@/lib/vacatur/constants";
import { monthParam } from "@/lib/vacatur/month-grid";
import { hearingViewSchema } from "@/lib/vacatur/schema";
import { listHearings, listHearingsInMonth, type HearingItem } from "@/lib/vacatur/queries/hearings";
import { MatterStatusBadge } from "../status-badge";
import { HearingMonth } from "./month-calendar";

export const metadata = { title: "Hearings" };

export default async function HearingsPage({ searchParams }: PageProps<"/matters/hearings">) {
  const me = await requirePermission("matters.view");
  const params = flattenParams(await searchParams);
  const view = hearingViewSchema.parse(firstParam(params.view));
  const page = pageSchema.parse(firstParam(params.page));
  const month = monthParam().parse(firstParam(params.month));
  const [result, calendar] = await Promise.all([listHearings(me, view, page), listHearingsInMonth(me, month)]);
  const tab = (v: "upcoming" | "past", label: string) => (
    <Link href={`/matters/hearings?view=${v}&month=${month}`} aria-current={view === v ? "page" : undefined} className={view === v ? "font-semibold underline" : ""}>
      {label}
    </Link>
  );
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Hearings</h1>
      <p className="text-sm text-slate-600">
        Calendar files name the client code and the court only, never the survivor, because calendars sync to phones and shared services.
      </p>
      <div className="grid gap-5 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <section className="space-y-3" aria-label={view === "past" ? "Past hearings" : "Upcoming hearings"}>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <nav className="flex gap-4 text-sm" aria-label="Which hearings">
              {tab("upcoming", "Upcoming")}
              {tab("past", "Past")}
            </nav>
            <ExportLink path="/matters/hearings/export" params={{ view }} label={view === "past" ? "Download past hearings (CSV)" : "Download upcoming hearings (CSV)"} />
          </div>
          <HearingTable items={result.items} empty={view === "past" ? "No past hearings on your matters." : "No upcoming hearings on your matters."} />
          <Pagination basePath="/matters/hearings" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="hearing" totalIsLowerBound={result.totalIsLowerBound} />
        </section>
        <HearingMonth month={month} view={view} hearings={calendar.items} truncated={calendar.truncated} />
      </div>
    </div>
  );
}

function HearingTable({ items, empty }: { items: HearingItem[]; empty: string }) {
  return (
    <div className="card overflow-x-auto p-0">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Client code</th>
            <th scope="col">Court and place</th>
            <th scope="col">Matter</th>
            <th scope="col">Calendar</th>
          </tr>
        </thead>
        <tbody>
          {items.length === 0 ? <EmptyRow colSpan={5}>{empty}</EmptyRow> : null}
          {items.map((h) => (
            <tr key={h.id} data-testid="hearing-row">
              <td className="whitespace-nowrap">
                <span className={h.hearingStatus === "scheduled" ? "" : "line-through"}>{formatDateTime(h.startsAt)}</span>
                {h.hearingStatus !== "scheduled" ? (
                  <span className="block text-xs text-slate-600">
                    {HEARING_STATUS_LABELS[h.hearingStatus]}
                    {h.continuedToStartsAt ? ` to ${formatDateTime(h.continuedToStartsAt)}` : h.hearingStatus === "continued" ? ", new date not yet set" : ""}
                  </span>
                ) : null}
              </td>
              <td className="whitespace-nowrap font-mono text-sm">
                <Link href={`/matters/${h.matterId}#hearing-${h.id}`}>{h.clientCode}</Link>
              </td>
              <td>{hearingLocation(h.court, h.place)}</td>
              <td>
                <MatterStatusBadge status={h.status} />
              </td>
              <td>
                <a href={`/matters/${h.matterId}/hearings/${h.id}`} download>
                  {h.hearingStatus === "scheduled" ? "Add to calendar (.ics)" : "Calendar update (.ics)"}
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
