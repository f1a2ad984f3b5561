import type { ReactNode } from "react";
import { flattenParams } from "@/app/_components/pagination";
import { currentRequestMeta, requirePermission } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime, pacificToday } from "@/lib/format";
import { FUNDER_SECTIONS, INDIVIDUAL_LABELS } from "@/lib/reports/funder-csv";
import { getFunderReport, type Figure, type FunderReport } from "@/lib/reports/funder-report";
import { chooseQuarter, fiscalYearChoices, lastCompleteQuarter, QUARTER_MONTHS, quarterName, type QuarterNumber } from "@/lib/reports/pmt";
import { SERVICE_CATEGORY_HINTS } from "@/lib/survivors/services";
import { PrintButton } from "@/app/_components/print-button";

export const metadata = { title: "Funder report" };

// A row's label is its header (th scope="row"), shown like the cells beside it rather than like a column header.
const ROW_LABEL = "text-sm normal-case tracking-normal border-slate-100";

// The quarterly report after the VOCA Performance Measurement Tool, for the lead's own organization:
// aggregate counts only, printable (the app's header and this page's controls are hidden in print).

export default async function FunderReportPage({ searchParams }: PageProps<"/reports/funder">) {
  const me = await requirePermission("reports.view");
  const params = flattenParams(await searchParams);
  const today = pacificToday();
  const choice = chooseQuarter({ fy: params.fy, q: params.q }, today);
  // A quarter that is not one shows no figures: a report must never quietly cover another quarter.
  const report = choice.ok ? await getFunderReport(me, choice.quarter, await currentRequestMeta(), "page") : null;
  const shown = choice.ok ? choice.quarter : lastCompleteQuarter(today);
  const errors = choice.ok ? {} : choice.errors;
  const csv = report ? `/reports/funder/csv?${new URLSearchParams({ fy: String(report.quarter.fiscalYear), q: String(report.quarter.quarter) })}` : null;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Funder report (VOCA PMT)</h1>
          {report ? (
            <p className="text-slate-700" data-testid="funder-period">
              {report.organizationName} · {quarterName(report.quarter)}: {formatCalendarDate(report.bounds.start)} – {formatCalendarDate(report.bounds.end)}
              {report.complete ? "" : " (quarter in progress: the figures so far)"}
            </p>
          ) : null}
          {report ? (
            <p className="text-xs text-slate-500">
              Generated {formatDateTime(report.generatedAt)} by {me.name}. Counts only: no survivor is listed or named.
            </p>
          ) : null}
        </div>
        {report ? (
          <div className="flex gap-2 print:hidden">
            <PrintButton />
            <a href={csv!} download className="btn-primary" data-testid="funder-csv">
              Download CSV
            </a>
          </div>
        ) : null}
      </div>

      <form method="get" className="card flex flex-wrap items-end gap-3 print:hidden" role="search" aria-label="Quarter">
        <QuarterSelect name="fy" label="Federal fiscal year" defaultValue={params.fy ?? String(shown.fiscalYear)} error={errors.fy}>
          {fiscalYearChoices(today).map((year) => (
            <option key={year} value={year}>
              FY{year} (Oct {year - 1} – Sep {year})
            </option>
          ))}
        </QuarterSelect>
        <QuarterSelect name="q" label="Quarter" defaultValue={params.q ?? String(shown.quarter)} error={errors.q}>
          {([1, 2, 3, 4] as QuarterNumber[]).map((q) => (
            <option key={q} value={q}>
              Q{q} ({QUARTER_MONTHS[q]})
            </option>
          ))}
        </QuarterSelect>
        <button type="submit" className="btn-primary">
          Show
        </button>
      </form>

      {report ? <ReportBody report={report} /> : <p className="text-sm text-slate-600">Choose a quarter above to see its figures.</p>}
    </div>
  );
}

function QuarterSelect({ name, label, defaultValue, error, children }: { name: string; label: string; defaultValue: string; error?: string[]; children: ReactNode }) {
  const message = error?.[0];
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={defaultValue} className="input mt-1" aria-invalid={message ? true : undefined} aria-describedby={message ? `${name}-error` : undefined}>
        {children}
      </select>
      {message ? (
        <p id={`${name}-error`} className="mt-1 max-w-sm text-sm text-red-700" data-field-error>
          {message}
        </p>
      ) : null}
    </div>
  );
}

function ReportBody({ report }: { report: FunderReport }) {
  const { individuals } = report;
  return (
    <>
      <section className="card break-inside-avoid" aria-labelledby="individuals-heading">
        <h2 id="individuals-heading" className="mb-2 text-lg font-semibold">
          {FUNDER_SECTIONS.individuals}
        </h2>
        <table className="table" data-testid="funder-individuals">
          <tbody>
            <FigureRow label={INDIVIDUAL_LABELS.total} count={individuals.total} strong testId="funder-total" />
            <FigureRow label={INDIVIDUAL_LABELS.new} count={individuals.new} testId="funder-new" />
            <FigureRow label={INDIVIDUAL_LABELS.continuing} count={individuals.continuing} testId="funder-continuing" />
          </tbody>
        </table>
        {individuals.recordElsewhere > 0 ? (
          <p className="mt-2 text-sm text-slate-600" data-testid="funder-record-elsewhere">
            {individuals.recordElsewhere} of them {individuals.recordElsewhere === 1 ? "has a record" : "have records"} held by another organization (the one that
            referred them). Their demographics and victimization types are not read here and count as not reported; that organization reports them.
          </p>
        ) : null}
      </section>

      <section className="space-y-3" aria-labelledby="demographics-heading">
        <h2 id="demographics-heading" className="text-lg font-semibold">
          Demographics of new individuals ({individuals.new})
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <FigureTable caption={FUNDER_SECTIONS.gender} figures={report.newDemographics.genderIdentity} />
          <FigureTable caption={FUNDER_SECTIONS.race} figures={report.newDemographics.raceEthnicity} />
          <FigureTable caption={FUNDER_SECTIONS.age} figures={report.newDemographics.ageBand} />
        </div>
      </section>

      <FigureTable caption={FUNDER_SECTIONS.victimization} figures={report.victimizationTypes} note="A person may count under more than one type." />

      <section className="card overflow-x-auto break-inside-avoid" aria-labelledby="services-heading">
        <h2 id="services-heading" className="mb-2 text-lg font-semibold">
          Services by PMT category
        </h2>
        <table className="table" data-testid="funder-services">
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col" className="text-right">
                Services
              </th>
              <th scope="col" className="text-right">
                Individuals
              </th>
            </tr>
          </thead>
          <tbody>
            {report.services.map((s) => (
              <tr key={s.category} data-testid="funder-service-row">
                <th scope="row" className={`${ROW_LABEL} font-normal text-slate-800`}>
                  {s.label}
                  <span className="block text-xs text-slate-500">{SERVICE_CATEGORY_HINTS[s.category]}</span>
                </th>
                <td className="text-right tabular-nums">{s.services}</td>
                <td className="text-right tabular-nums">{s.individuals}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="card space-y-2 text-sm text-slate-700 break-inside-avoid" aria-labelledby="rules-heading">
        <h2 id="rules-heading" className="text-base font-semibold">
          How this report counts
        </h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>
            A person is <strong>served</strong> in the quarter when your organization gave them a service in it: a service recorded on their record, a referral your
            organization sent, or vacatur work by your own people (court records, opening the matter, petition steps, notice, hearings, post-order steps, pro bono
            hours).
          </li>
          <li>
            <strong>New</strong>: served in this quarter for the first time in the federal fiscal year (October to September). <strong>Continuing</strong>: served
            earlier in the same fiscal year. A new fiscal year starts everyone as new again.
          </li>
          <li>Demographics count new individuals only, as recorded at intake; an unanswered question counts as not reported.</li>
          <li>
            Referrals sent count as information &amp; referral; vacatur work as criminal/civil justice assistance, once per person per day of work. Services removed as
            recorded in error are not counted.
          </li>
        </ul>
      </section>
    </>
  );
}

function FigureRow({ label, count, strong, testId }: { label: string; count: number; strong?: boolean; testId?: string }) {
  return (
    <tr>
      <th scope="row" className={`${ROW_LABEL} text-slate-800 ${strong ? "font-semibold" : "font-normal"}`}>
        {label}
      </th>
      <td className={`text-right tabular-nums ${strong ? "font-semibold" : ""}`} data-testid={testId}>
        {count}
      </td>
    </tr>
  );
}

function FigureTable({ caption, figures, note }: { caption: string; figures: Figure[]; note?: string }) {
  const total = figures.reduce((sum, f) => sum + f.count, 0);
  return (
    <div className="card overflow-x-auto p-0 break-inside-avoid">
      <table className="table">
        <caption className="px-3 pt-3 text-left font-semibold">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Answer</th>
            <th scope="col" className="text-right">
              Individuals
            </th>
          </tr>
        </thead>
        <tbody>
          {figures.map((f) => (
            <tr key={f.value} className={f.count === 0 ? "text-slate-400" : "text-slate-800"}>
              <th scope="row" className={`${ROW_LABEL} font-normal`}>
                {f.label}
              </th>
              <td className="text-right tabular-nums">{f.count}</td>
            </tr>
          ))}
        </tbody>
        {note ? (
          <tfoot>
            <tr>
              <td colSpan={2} className="text-xs text-slate-500">
                {note}
              </td>
            </tr>
          </tfoot>
        ) : (
          <tfoot>
            <tr>
              <th scope="row" className={`${ROW_LABEL} font-semibold text-slate-800`}>
                Total
              </th>
              <td className="text-right font-semibold tabular-nums">{total}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
