import Link from "next/link";
import { EmptyRow, FilterForm, FilterSelect } from "@/app/_components/list";
import { firstParam, flattenParams } from "@/app/_components/pagination";
import { PrintButton } from "@/app/_components/print-button";
import { requirePermission } from "@/lib/auth/session";
import { formatCents } from "@/lib/fees/money";
import { feeJurisdictions, quarterlyFeeReport } from "@/lib/fees/queries";
import { lastCompleteQuarter, reportQuarters } from "@/lib/fees/quarterly";
import { formatRate } from "@/lib/fees/report";
import { feeFiltersSchema, parseReportQuarter } from "@/lib/fees/schema";
import { pacificToday } from "@/lib/format";
import { parseFilters } from "@/lib/validation";

export const metadata = { title: "Quarterly fee report" };

export default async function FeeReportPage({ searchParams }: PageProps<"/fees/report">) {
  const me = await requirePermission("fees.view");
  const params = flattenParams(await searchParams);
  const today = pacificToday();
  const quarters = reportQuarters(today);
  const chosen = parseReportQuarter(firstParam(params.quarter), quarters);
  const quarter = chosen.quarter ?? lastCompleteQuarter(today);
  const { filters } = parseFilters(feeFiltersSchema, { jurisdiction: firstParam(params.jurisdiction) });
  const [{ visible }, report] = await Promise.all([feeJurisdictions(me), chosen.error ? Promise.resolve([]) : quarterlyFeeReport(me, quarter, { jurisdiction: filters.jurisdiction })]);
  const recipients = [...new Map(report.flatMap((l) => l.allocations.map((a) => [a.key, a.label] as const))).entries()];
  const csv = new URLSearchParams({ quarter, ...(filters.jurisdiction ? { jurisdiction: filters.jurisdiction } : {}) });

  return (
    <div className="space-y-5">
      <p className="text-sm print:hidden">
        <Link href="/fees">← Sex-buyer fees</Link>
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{chosen.error ? "Quarterly report" : `Quarterly report: ${quarter.replace("-", " ")}`}</h1>
          <p className="text-sm text-slate-600">
            For the Department of Commerce with the 2% remittance (RCW 9A.88.120(3)): fees assessed, revenue received, and how it was allocated. John-school fees count as prevention.
          </p>
        </div>
        <div className="flex gap-2 print:hidden">
          <PrintButton />
          {chosen.error ? null : (
            <a className="btn-secondary" href={`/fees/report/csv?${csv.toString()}`} download>
              Download CSV
            </a>
          )}
        </div>
      </div>
      <div className="print:hidden">
        <FilterForm label="Choose the report" columns="sm:grid-cols-2" clearHref="/fees/report">
          <div>
            <FilterSelect name="quarter" label="Quarter" defaultValue={chosen.quarter ?? quarter} options={quarters.map((q) => ({ value: q, label: q.replace("-", " ") }))} />
            {chosen.error ? (
              <p className="mt-1 text-sm text-red-700" data-field-error>
                {chosen.error}
              </p>
            ) : null}
          </div>
          <FilterSelect name="jurisdiction" label="Jurisdiction" defaultValue={filters.jurisdiction} anyLabel="All you can see" options={visible.map((j) => ({ value: j.id, label: j.name }))} />
        </FilterForm>
      </div>
      <div className="card overflow-x-auto p-0">
        <table className="table print:text-[10px]" data-testid="quarterly-report">
          <caption className="px-3 pt-2 text-left text-xs text-slate-500">
            Revenue received is the fees the clerk collected. John-school session fees are paid to the program; they are shown as offender education and count
            toward the prevention share, which is of both.
          </caption>
          <thead>
            <tr>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Cases assessed</th>
              <th scope="col">Fees assessed</th>
              <th scope="col">Revenue received</th>
              {recipients.map(([key, label]) => (
                <th key={key} scope="col">
                  {label}
                </th>
              ))}
              <th scope="col">Not allocated</th>
              <th scope="col">Prevention share</th>
              <th scope="col">Due to Commerce (2%)</th>
            </tr>
          </thead>
          <tbody>
            {report.length === 0 ? <EmptyRow colSpan={7 + recipients.length}>{chosen.error ? "Choose a quarter from the list." : "Nothing assessed or received in this quarter."}</EmptyRow> : null}
            {report.map((l) => (
              <tr key={l.jurisdictionId}>
                <th scope="row">{l.jurisdictionName}</th>
                <td>{l.casesAssessed}</td>
                <td>{formatCents(l.centsAssessed)}</td>
                <td>{formatCents(l.centsReceived)}</td>
                {recipients.map(([key]) => (
                  <td key={key}>{formatCents(l.allocations.find((a) => a.key === key)?.cents ?? 0)}</td>
                ))}
                <td>{formatCents(l.centsUnallocated)}</td>
                <td className={l.preventionShare !== null && l.preventionShare < 0.5 ? "font-semibold text-red-800" : undefined}>
                  {formatRate(l.preventionShare)}
                  {l.preventionShare !== null && l.preventionShare < 0.5 ? " (below the statute's 50%)" : ""}
                </td>
                <td>{formatCents(l.commerceDue)}</td>
              </tr>
            ))}
          </tbody>
          {report.length > 1 ? (
            <tfoot>
              <tr className="font-semibold">
                <th scope="row">All</th>
                <td>{report.reduce((s, l) => s + l.casesAssessed, 0)}</td>
                <td>{formatCents(report.reduce((s, l) => s + l.centsAssessed, 0))}</td>
                <td>{formatCents(report.reduce((s, l) => s + l.centsReceived, 0))}</td>
                {recipients.map(([key]) => (
                  <td key={key}>{formatCents(report.reduce((s, l) => s + (l.allocations.find((a) => a.key === key)?.cents ?? 0), 0))}</td>
                ))}
                <td>{formatCents(report.reduce((s, l) => s + l.centsUnallocated, 0))}</td>
                <td />
                <td>{formatCents(report.reduce((s, l) => s + l.commerceDue, 0))}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </div>
  );
}
