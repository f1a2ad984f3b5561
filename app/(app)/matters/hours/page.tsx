import { DetailRow } from "@/app/_components/detail-row";
import { z } from "zod";
import { FilterText, EmptyRow } from "@/app/_components/list";
import { firstParam, flattenParams } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { HOUR_ACTIVITY_LABELS, type HourActivity } from "@/lib/vacatur/constants";
import { centsAsDollars } from "@/lib/vacatur/hours";
import { getHoursRate, getHoursReport, hoursScopeOf, type HoursReport } from "@/lib/vacatur/queries/hours";
import { hoursReportSchema } from "@/lib/vacatur/schema";
import { HourlyRateForm } from "./rate-form";

export const metadata = { title: "Pro bono hours" };

const hours = (hundredths: number) => (hundredths / 100).toFixed(2);

export default async function HoursPage({ searchParams }: PageProps<"/matters/hours">) {
  const me = await requirePermission("matters.hours");
  const params = flattenParams(await searchParams);
  const typed = { from: firstParam(params.from), to: firstParam(params.to) };
  const range = hoursReportSchema.safeParse(typed);
  const errors = range.success ? {} : z.flattenError(range.error).fieldErrors;
  // A period that is not one shows no totals: a report must never quietly cover a different period.
  const report = range.success ? await getHoursReport(me, { from: range.data.from ?? null, to: range.data.to ?? null }) : null;
  const rate = await getHoursRate(me);
  const download = range.success ? `/matters/hours/export?${new URLSearchParams({ from: range.data.from ?? "", to: range.data.to ?? "" })}` : null;
  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">{hoursScopeOf(me) === "organization" ? "Your organization's pro bono hours" : "Your pro bono hours"}</h1>
      <p className="text-sm text-slate-600">Totals for bar and funder reporting. Hours are logged on each matter by its attorneys.</p>
      <form method="get" className="card grid gap-3 sm:grid-cols-3" role="search" aria-label="Date range">
        <FilterText type="date" name="from" label="From" defaultValue={typed.from} error={errors.from} />
        <FilterText type="date" name="to" label="To" defaultValue={typed.to} error={errors.to} />
        <div className="flex items-end">
          <button type="submit" className="btn-primary">
            Show
          </button>
        </div>
      </form>
      {report ? <HoursReportView report={report} /> : <p className="text-sm text-slate-600">Correct the dates above to see the totals.</p>}
      <section className="card space-y-3" aria-label="Download for reports">
        <h2 className="font-semibold">Download for bar and funder reports</h2>
        <p className="text-sm text-slate-600">
          One row per entry (date, attorney, matter client code, activity, hours) valued at ${centsAsDollars(rate.cents)} an hour
          {rate.isDefault ? (rate.canSet ? " (the default until you set your organization's rate below)" : " (the default until your organization's program lead sets a rate)") : ""}, with a total row.
        </p>
        {download ? (
          <a href={download} download className="btn-primary inline-block" data-testid="hours-csv">
            Download CSV for this period
          </a>
        ) : (
          <p className="text-sm text-slate-600">Correct the dates above to download.</p>
        )}
        {rate.canSet ? <HourlyRateForm rate={centsAsDollars(rate.cents)} version={rate.version} /> : null}
      </section>
    </div>
  );
}

function HoursReportView({ report }: { report: HoursReport }) {
  return (
    <>
      <section className="card">
        <dl>
          <DetailRow label="Period">{report.from || report.to ? `${formatCalendarDate(report.from)} – ${formatCalendarDate(report.to)}` : "All time"}</DetailRow>
          <DetailRow label="Total hours">
            <span data-testid="hours-total">{hours(report.totalHundredths)}</span>
          </DetailRow>
        </dl>
      </section>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <caption className="sr-only">Hours by attorney</caption>
          <thead>
            <tr>
              <th scope="col">Attorney</th>
              <th scope="col">Hours</th>
              <th scope="col">Matters</th>
              <th scope="col">Entries</th>
            </tr>
          </thead>
          <tbody>
            {report.byAttorney.length === 0 ? (
              <EmptyRow colSpan={4}>No hours logged in this period.</EmptyRow>
            ) : null}
            {report.byAttorney.map((a) => (
              <tr key={a.attorneyId}>
                <td>{a.attorneyName}</td>
                <td>{hours(a.hundredths)}</td>
                <td>{a.matters}</td>
                <td>{a.entries}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.byActivity.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">By activity</h2>
          <dl>
            {report.byActivity.map((a) => (
              <DetailRow key={a.activity} label={HOUR_ACTIVITY_LABELS[a.activity as HourActivity]}>
                {hours(a.hundredths)}
              </DetailRow>
            ))}
          </dl>
        </section>
      ) : null}
    </>
  );
}
