import Link from "next/link";
import { EmptyRow } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { pageSchema } from "@/lib/pagination";
import { hearingLocation } from "@/lib/vacatur/calendar";
import { listUpcomingHearings } from "@/lib/vacatur/queries/matters";
import { MatterStatusBadge } from "../status-badge";

export const metadata = { title: "Hearings" };

export default async function HearingsPage({ searchParams }: PageProps<"/matters/hearings">) {
  const me = await requirePermission("matters.view");
  const params = flattenParams(await searchParams);
  const page = pageSchema.parse(firstParam(params.page));
  const result = await listUpcomingHearings(me, page);
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Upcoming hearings</h1>
      <p className="text-sm text-slate-600">
        Calendar files name the client code and the court only, never the survivor, because calendars sync to phones and shared services.
      </p>
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
            {result.items.length === 0 ? <EmptyRow colSpan={5}>No upcoming hearings on your matters.</EmptyRow> : null}
            {result.items.map((h) => (
              <tr key={h.id} data-testid="hearing-row">
                <td className="whitespace-nowrap">{formatDateTime(h.startsAt)}</td>
                <td className="font-mono text-sm">
                  <Link href={`/matters/${h.matterId}`}>{h.clientCode}</Link>
                </td>
                <td>{hearingLocation(h.court, h.place)}</td>
                <td>
                  <MatterStatusBadge status={h.status} />
                </td>
                <td>
                  <a href={`/matters/${h.matterId}/hearings/${h.id}`} download>
                    Add to calendar (.ics)
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/matters/hearings" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="hearing" totalIsLowerBound={result.totalIsLowerBound} />
    </div>
  );
}
