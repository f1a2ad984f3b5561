import Link from "next/link";
import { ExportLink } from "@/app/_components/export-link";
import { EmptyRow, FilterForm, FilterSelect } from "@/app/_components/list";
import { optionsOf } from "@/app/_components/options";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatCalendarDate, pacificToday } from "@/lib/format";
import { DEADLINE_LABELS } from "@/lib/vacatur/deadlines";
import { pageSchema } from "@/lib/pagination";
import { MATTER_STATUSES, MATTER_STATUS_LABELS, STALE_AFTER_DAYS } from "@/lib/vacatur/constants";
import { listMatters } from "@/lib/vacatur/queries/matters";
import { matterFiltersSchema } from "@/lib/vacatur/schema";
import { DeadlineFlag } from "./deadline-flag";
import { MatterStatusBadge } from "./status-badge";

export const metadata = { title: "Vacatur matters" };

export default async function MattersPage({ searchParams }: PageProps<"/matters">) {
  const me = await requirePermission("matters.view");
  const params = flattenParams(await searchParams);
  const filters = matterFiltersSchema.parse(params);
  const page = pageSchema.parse(firstParam(params.page));
  const result = await listMatters(me, filters, page);
  const today = pacificToday();
  const title =
    me.role === "attorney" ? (filters.scope === "mine" ? "Your vacatur matters" : "Your organization's vacatur matters") : me.role === "prosecutor" ? "Matters noticed to your office" : "Vacatur matters";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <ExportLink path="/matters/export" params={params} />
      </div>
      <FilterForm label="Filter matters" columns="sm:grid-cols-4" clearHref="/matters">
        <FilterSelect
          name="status"
          label="Status"
          defaultValue={filters.status}
          options={[{ value: "open", label: "Open" }, { value: "closed", label: "Closed or withdrawn" }, { value: "all", label: "All" }, ...optionsOf(MATTER_STATUSES, MATTER_STATUS_LABELS)]}
        />
        {me.role === "attorney" ? (
          <FilterSelect name="scope" label="Whose" defaultValue={filters.scope} options={[{ value: "mine", label: "Assigned to me" }, { value: "organization", label: "My organization's" }]} />
        ) : null}
        <div className="flex items-end">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="stale" value="1" defaultChecked={filters.stale} className="h-4 w-4" /> Stale only (no activity in {STALE_AFTER_DAYS} days)
          </label>
        </div>
      </FilterForm>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Court</th>
              <th scope="col">Status</th>
              <th scope="col">Attorney</th>
              <th scope="col">Next due</th>
              <th scope="col">Days since activity</th>
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 ? <EmptyRow colSpan={6}>No matters match these filters.</EmptyRow> : null}
            {result.items.map((m) => (
              <tr key={m.id} data-testid="matter-row">
                <td className="whitespace-nowrap font-mono text-sm">
                  {m.canOpen ? <Link href={`/matters/${m.id}`}>{m.clientCode}</Link> : m.clientCode}
                </td>
                <td>{m.courts ?? "—"}</td>
                <td className="whitespace-nowrap">
                  <MatterStatusBadge status={m.status} />
                  {m.suspended ? <span className="badge ml-2 bg-amber-50 text-amber-800">Suspended: no release</span> : null}
                </td>
                <td>{m.attorneyName ? `${m.attorneyName} (${m.legalOrganizationName})` : (m.legalOrganizationName ?? "Not assigned")}</td>
                <td>
                  <span className="whitespace-nowrap">{formatCalendarDate(m.nextDate)}</span>
                  <DeadlineFlag dueOn={m.nextDate} today={today} />
                  {m.nextDateKind ? <span className="block text-xs text-slate-500">{DEADLINE_LABELS[m.nextDateKind]}</span> : null}
                </td>
                <td className="whitespace-nowrap">
                  {m.daysSinceActivity}
                  {m.stale ? <span className="badge ml-2 bg-amber-50 text-amber-800">Stale</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/matters" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="matter" totalIsLowerBound={result.totalIsLowerBound} />
    </div>
  );
}
