import Link from "next/link";
import { ExportLink } from "@/app/_components/export-link";
import { EmptyRow, FilterForm, FilterSelect } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { OPERATION_TYPE_LABELS } from "@/lib/fees/constants";
import { formatCents } from "@/lib/fees/money";
import { feeJurisdictions } from "@/lib/fees/queries";
import { formatDateTime } from "@/lib/format";
import { listOperations, operationAgencies, operationTrendRows } from "@/lib/operations/queries";
import { operationFiltersSchema } from "@/lib/operations/schema";
import { formatPer, operationTrends } from "@/lib/operations/trends";
import { pageSchema } from "@/lib/pagination";
import { parseFilters } from "@/lib/validation";

export const metadata = { title: "Operations" };

export default async function OperationsPage({ searchParams }: PageProps<"/operations">) {
  const me = await requirePermission("operations.view");
  const params = flattenParams(await searchParams);
  const { filters } = parseFilters(operationFiltersSchema, { agency: firstParam(params.agency), jurisdiction: firstParam(params.jurisdiction) });
  const page = pageSchema.parse(firstParam(params.page));
  const [list, rows, agencies, places] = await Promise.all([
    listOperations(me, filters, page),
    operationTrendRows(me, filters),
    operationAgencies(me),
    can(me, "fees.view") ? feeJurisdictions(me).then((j) => j.visible) : Promise.resolve([]),
  ]);
  const trends = operationTrends(rows).reverse();
  const showsFees = can(me, "fees.view");

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Operations</h1>
          <p className="text-sm text-slate-600">Reverse stings, outreach and massage-business enforcement: what each took and what came of it, in counts. No person is named here.</p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <ExportLink path="/operations/export" params={params} />
          {can(me, "operations.record") ? (
            <Link href="/operations/new" className="btn-primary">
              Record an operation
            </Link>
          ) : null}
        </div>
      </div>

      <FilterForm label="Filter operations" columns="sm:grid-cols-2" clearHref="/operations">
        <FilterSelect name="agency" label="Hosting agency" defaultValue={filters.agency} anyLabel="Any agency" options={agencies.map((a) => ({ value: a.id, label: a.name }))} />
        <FilterSelect name="jurisdiction" label="Jurisdiction" defaultValue={filters.jurisdiction} anyLabel="Any jurisdiction" options={places.map((j) => ({ value: j.id, label: j.name }))} />
      </FilterForm>

      <section className="card overflow-x-auto" aria-labelledby="trends-heading">
        <h2 id="trends-heading" className="mb-2 text-lg font-semibold">
          By quarter
        </h2>
        <table className="table" data-testid="operation-trends">
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col">Operations</th>
              <th scope="col">Hours</th>
              <th scope="col">Arrests</th>
              <th scope="col">Calls per hour</th>
              <th scope="col">Arrests per operation hour</th>
              <th scope="col">Referrals per operation</th>
              {showsFees ? <th scope="col">Fee cases that followed</th> : null}
              {showsFees ? <th scope="col">Fees imposed / paid</th> : null}
            </tr>
          </thead>
          <tbody>
            {trends.length === 0 ? <EmptyRow colSpan={showsFees ? 9 : 7}>No operations recorded.</EmptyRow> : null}
            {trends.map((t) => (
              <tr key={t.quarter}>
                <th scope="row">{t.quarter.replace("-", " ")}</th>
                <td>{t.operations}</td>
                <td>{Math.round(t.hours)}</td>
                <td>{t.arrests}</td>
                <td>{formatPer(t.callsPerHour)}</td>
                <td>{formatPer(t.arrestsPerHour)}</td>
                <td>{formatPer(t.referralsPerOperation)}</td>
                {showsFees ? <td>{t.feeCases}</td> : null}
                {showsFees ? (
                  <td>
                    {formatCents(t.assessedCents)} / {formatCents(t.paidCents)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Operation</th>
              <th scope="col">Kind</th>
              <th scope="col">Agency</th>
              <th scope="col">Where</th>
              <th scope="col">Started</th>
              <th scope="col">Calls</th>
              <th scope="col">Arrests</th>
              <th scope="col">Referrals</th>
            </tr>
          </thead>
          <tbody>
            {list.items.length === 0 ? <EmptyRow colSpan={8}>No operations match these filters.</EmptyRow> : null}
            {list.items.map((o) => (
              <tr key={o.id} data-testid="operation-row">
                <td>
                  <Link href={`/operations/${o.id}`}>{o.name}</Link>
                </td>
                <td>{OPERATION_TYPE_LABELS[o.type]}</td>
                <td>{o.agencyName}</td>
                <td>{o.jurisdictionName}</td>
                <td className="whitespace-nowrap">{formatDateTime(o.startsAt)}</td>
                <td>{o.calls}</td>
                <td>{o.arrests}</td>
                <td>{o.referralsToServices}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/operations" params={params} page={list.page} pageCount={list.pageCount} total={list.total} noun="operation" totalIsLowerBound={list.totalIsLowerBound} />
    </div>
  );
}
