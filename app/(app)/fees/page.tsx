import Link from "next/link";
import { ExportLink } from "@/app/_components/export-link";
import { FigureChart } from "@/app/_components/figure-chart";
import { EmptyRow, FilterForm, FilterSelect } from "@/app/_components/list";
import { optionsOf } from "@/app/_components/options";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { FEE_CASE_STATUSES, FEE_CASE_STATUS_LABELS } from "@/lib/fees/constants";
import { formatCents } from "@/lib/fees/money";
import { feeFigureRows, feeJurisdictions, listFeeCases } from "@/lib/fees/queries";
import { feeFigures, quarterBounds, quarterOf, quartersBetween } from "@/lib/fees/rates";
import { quarterlyReport } from "@/lib/fees/quarterly";
import { formatRate, totalsBy } from "@/lib/fees/report";
import { feeFiltersSchema } from "@/lib/fees/schema";
import { FEE_OFFENSE_LABELS } from "@/lib/fees/statute";
import { formatCalendarDate, pacificToday } from "@/lib/format";
import { pageSchema } from "@/lib/pagination";
import { parseFilters } from "@/lib/validation";

export const metadata = { title: "Sex-buyer fees" };

/** The last eight calendar quarters, this one included: two years of the fee's road. */
function recentQuarters(today: string): string[] {
  const now = quarterOf(today);
  const year = Number(now.slice(0, 4)) - 2;
  return quartersBetween(`${year}${now.slice(4)}`, now).slice(1);
}

export default async function FeesPage({ searchParams }: PageProps<"/fees">) {
  const me = await requirePermission("fees.view");
  const params = flattenParams(await searchParams);
  const { filters } = parseFilters(feeFiltersSchema, { jurisdiction: firstParam(params.jurisdiction), status: firstParam(params.status) });
  const page = pageSchema.parse(firstParam(params.page));
  const quarters = recentQuarters(pacificToday());
  const [{ scope, visible, recordable }, rows, list] = await Promise.all([
    feeJurisdictions(me),
    feeFigureRows(me, { jurisdiction: filters.jurisdiction, since: quarterBounds(quarters[0]!).from }),
    listFeeCases(me, filters, page),
  ]);

  const figures = feeFigures(rows.cases, rows.payments).filter((row) => quarters.includes(row.quarter));
  const byQuarter = totalsBy(figures, (row) => row.quarter);
  const byJurisdiction = totalsBy(figures, (row) => row.jurisdictionId);
  const names = new Map(visible.map((j) => [j.id, j.name]));
  const recipients = [...new Map(rows.allocations.map((a) => [a.recipientKey ?? "", a.recipientLabel ?? ""])).entries()];
  const allocated = (quarter: string, key: string) => rows.allocations.filter((a) => a.quarter === quarter && a.recipientKey === key).reduce((sum, a) => sum + a.cents, 0);
  const commerceDue = (quarter: string) => quarterlyReport(quarter, figures, rows.allocations).reduce((sum, line) => sum + line.commerceDue, 0);
  const scopeNote =
    scope.kind === "agency"
      ? "Fee cases that followed your agency's arrests."
      : scope.kind === "county"
        ? `Fee cases of the jurisdictions in ${scope.county} County, and any your organization recorded.`
        : "Fee cases of every jurisdiction.";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Sex-buyer fees</h1>
          <p className="text-sm text-slate-600">
            {scopeNote} RCW 9A.88.120: at least half of what is collected funds prevention and services for victims; 2% goes to the Department of Commerce each quarter.
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href="/fees/report" className="btn-secondary">
            Quarterly report
          </Link>
          {can(me, "fees.record") && recordable.length > 0 ? (
            <>
              <Link href="/fees/import" className="btn-secondary">
                Import a clerk&apos;s report
              </Link>
              <Link href="/fees/new" className="btn-primary">
                Record a fee case
              </Link>
            </>
          ) : null}
        </div>
      </div>

      <FilterForm label="Filter fee cases" columns="sm:grid-cols-3" clearHref="/fees">
        <FilterSelect name="jurisdiction" label="Jurisdiction" defaultValue={filters.jurisdiction} anyLabel="All you can see" options={visible.map((j) => ({ value: j.id, label: j.name }))} />
        <FilterSelect name="status" label="Status" defaultValue={filters.status} anyLabel="Any status" options={optionsOf(FEE_CASE_STATUSES, FEE_CASE_STATUS_LABELS)} />
      </FilterForm>

      <div className="grid gap-5 xl:grid-cols-2">
        <section className="card min-w-0" aria-labelledby="trend-heading">
          <h2 id="trend-heading" className="mb-2 text-lg font-semibold">
            Assessed and collected (dollars)
          </h2>
          <FigureChart
            kind="months"
            stacked={false}
            data={quarters.map((q) => ({ label: q.replace("-", " "), assessed: Math.round((byQuarter.get(q)?.centsAssessed ?? 0) / 100), collected: Math.round((byQuarter.get(q)?.centsCollected ?? 0) / 100) }))}
            series={[
              { key: "assessed", name: "Assessed", color: "#94a3b8" },
              { key: "collected", name: "Collected", color: "#0f766e" },
            ]}
          />
          <p className="text-xs text-slate-500">The table below has the same numbers.</p>
        </section>
        <section className="card min-w-0" aria-labelledby="split-heading">
          <h2 id="split-heading" className="mb-2 text-lg font-semibold">
            Allocated, by recipient (dollars)
          </h2>
          <FigureChart
            kind="months"
            data={quarters.map((q) => ({ label: q.replace("-", " "), ...Object.fromEntries(recipients.map(([key]) => [key, Math.round(allocated(q, key) / 100)])) }))}
            series={recipients.map(([key, label], i) => ({ key, name: label, color: ["#0f766e", "#64748b", "#f59e0b", "#7c3aed", "#0ea5e9"][i % 5]! }))}
          />
          <p className="text-xs text-slate-500">
            The table below has the same numbers. John-school session fees are paid to the program, not the clerk: they show here as offender education, beside the
            fees collected. <Link href="/fees/report">Quarterly report for Commerce</Link>
          </p>
        </section>
      </div>

      <section className="card overflow-x-auto" aria-labelledby="quarters-heading">
        <h2 id="quarters-heading" className="mb-2 text-lg font-semibold">
          Assessed and collected, by quarter
        </h2>
        <table className="table" data-testid="fee-quarters">
          <caption className="text-left text-xs text-slate-500">
            Cases count in the quarter of their disposition; money in the quarter it was received. The cohort rate is everything received so far on a quarter&apos;s cases over what
            was imposed on them.
          </caption>
          <thead>
            <tr>
              <th scope="col">Quarter</th>
              <th scope="col">Eligible dispositions</th>
              <th scope="col">Assessment rate</th>
              <th scope="col">Full-assessment rate</th>
              <th scope="col">Assessed</th>
              <th scope="col">Collected in the quarter</th>
              <th scope="col">Cohort collection rate</th>
              <th scope="col">Due to Commerce (2%)</th>
            </tr>
          </thead>
          <tbody>
            {quarters
              .slice()
              .reverse()
              .map((quarter) => {
                const t = byQuarter.get(quarter);
                return (
                  <tr key={quarter} data-testid="fee-quarter-row" data-quarter={quarter}>
                    <th scope="row">{quarter.replace("-", " ")}</th>
                    <td>{t?.eligibleDispositions ?? 0}</td>
                    <td>{formatRate(t?.assessmentRate ?? null)}</td>
                    <td>{formatRate(t?.fullAssessmentRate ?? null)}</td>
                    <td>{formatCents(t?.centsAssessed ?? 0)}</td>
                    <td data-testid="collected">{formatCents(t?.centsCollected ?? 0)}</td>
                    <td data-testid="cohort-rate">{formatRate(t?.cohortCollectionRate ?? null)}</td>
                    <td>{formatCents(commerceDue(quarter))}</td>
                  </tr>
                );
              })}
          </tbody>
        </table>
      </section>

      <div className="grid gap-5 xl:grid-cols-2">
        <section className="card overflow-x-auto" aria-labelledby="jurisdictions-heading">
          <h2 id="jurisdictions-heading" className="mb-2 text-lg font-semibold">
            By jurisdiction, last two years
          </h2>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Eligible</th>
                <th scope="col">Assessment rate</th>
                <th scope="col">Assessed</th>
                <th scope="col">Collection rate</th>
              </tr>
            </thead>
            <tbody>
              {byJurisdiction.size === 0 ? <EmptyRow colSpan={5}>No fee cases in the last two years.</EmptyRow> : null}
              {[...byJurisdiction].map(([id, t]) => (
                <tr key={id}>
                  <th scope="row">
                    {names.get(id) ?? "—"}
                    {rows.withoutPolicy.has(id) ? <span className="ml-1 text-xs text-amber-800">(no allocation policy)</span> : null}
                  </th>
                  <td>{t.eligibleDispositions}</td>
                  <td>{formatRate(t.assessmentRate)}</td>
                  <td>{formatCents(t.centsAssessed)}</td>
                  <td>{formatRate(t.cohortCollectionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>

        <section className="card overflow-x-auto" aria-labelledby="allocation-heading">
          <h2 id="allocation-heading" className="mb-2 text-lg font-semibold">
            Where the money went, by quarter received
          </h2>
          <table className="table" data-testid="fee-allocation">
            <thead>
              <tr>
                <th scope="col">Quarter</th>
                {recipients.map(([key, label]) => (
                  <th key={key} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {recipients.length === 0 ? <EmptyRow colSpan={1}>Nothing allocated yet.</EmptyRow> : null}
              {recipients.length > 0
                ? quarters
                    .slice()
                    .reverse()
                    .map((quarter) => (
                      <tr key={quarter} data-quarter={quarter}>
                        <th scope="row">{quarter.replace("-", " ")}</th>
                        {recipients.map(([key]) => (
                          <td key={key} data-recipient={key}>
                            {formatCents(allocated(quarter, key))}
                          </td>
                        ))}
                      </tr>
                    ))
                : null}
            </tbody>
          </table>
        </section>
      </div>

      <section aria-labelledby="cases-heading" className="space-y-2">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <h2 id="cases-heading" className="text-lg font-semibold">
            Fee cases
          </h2>
          <ExportLink path="/fees/export" params={params} />
        </div>
        <div className="card overflow-x-auto p-0">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Case</th>
                <th scope="col">Offense</th>
                <th scope="col">Disposition</th>
                <th scope="col">Jurisdiction</th>
                <th scope="col">Imposed</th>
                <th scope="col">Paid</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.items.length === 0 ? <EmptyRow colSpan={7}>No fee cases match these filters.</EmptyRow> : null}
              {list.items.map((c) => (
                <tr key={c.id} data-testid="fee-case-row">
                  <td className="whitespace-nowrap">
                    <Link href={`/fees/${c.id}`}>
                      {c.court} · {c.caseNumber}
                    </Link>
                  </td>
                  <td>{FEE_OFFENSE_LABELS[c.offense]}</td>
                  <td className="whitespace-nowrap">{formatCalendarDate(c.dispositionDate)}</td>
                  <td>{c.jurisdictionName}</td>
                  <td>{c.assessedCents === 0 ? "Not imposed" : formatCents(c.assessedCents)}</td>
                  <td>{formatCents(c.paidCents)}</td>
                  <td>{c.assessedCents === 0 && c.status === "assessed" ? "Not imposed" : FEE_CASE_STATUS_LABELS[c.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <Pagination basePath="/fees" params={params} page={list.page} pageCount={list.pageCount} total={list.total} noun="fee case" totalIsLowerBound={list.totalIsLowerBound} />
      </section>
    </div>
  );
}
