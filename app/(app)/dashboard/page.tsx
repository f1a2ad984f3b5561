import Link from "next/link";
import { FilterSelect, FilterText } from "@/app/_components/list";
import { flattenParams } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime, pacificToday } from "@/lib/format";
import { WA_COUNTIES } from "@/lib/organizations/constants";
import { getDashboard } from "@/lib/reports/dashboard";
import { FIGURES_TTL_MINUTES } from "@/lib/reports/dashboard-cache";
import { periodChoices } from "@/lib/reports/period";
import { DASHBOARD_SCOPES, DASHBOARD_SCOPE_LABELS, dashboardQuery, parseDashboardParams, type DashboardFilters } from "@/lib/reports/schema";
import { fewerThan } from "@/lib/reports/suppression";
import { LeadToday } from "./lead-today";
import { ReportFigure } from "./report-figure";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage({ searchParams }: PageProps<"/dashboard">) {
  const me = await requirePermission("reports.view");
  const today = pacificToday();
  const { filters, errors, params } = parseDashboardParams(flattenParams(await searchParams), today);
  // A period that is not one shows no figures: a report must never quietly cover a different period.
  const dashboard = filters ? await getDashboard(me, filters) : null;
  const periodError = errors.period?.[0];

  return (
    <div className="space-y-6">
      {/* The page's one h1 comes first, so the today panel's h2 sits under it in the outline. */}
      <h1 className="text-2xl font-semibold">Dashboard</h1>
      <LeadToday me={me} />
      <p className="text-sm text-slate-600">
        {dashboard && filters ? <Subtitle organizationName={dashboard.organizationName} filters={filters} /> : "Choose a period to see the figures."}
      </p>

      <form method="get" className="card grid gap-3 sm:grid-cols-5" role="search" aria-label="Dashboard filters">
        <div className="sm:col-span-2">
          <label htmlFor="period" className="block text-sm font-medium">
            Period
          </label>
          <select
            id="period"
            name="period"
            defaultValue={params.period}
            className="input mt-1"
            aria-invalid={periodError ? true : undefined}
            aria-describedby={periodError ? "period-error" : undefined}
          >
            {periodChoices(today).map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.options.map((option) => (
                  <option key={option.value} value={option.value}>
                    {option.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {periodError ? (
            <p id="period-error" className="mt-1 text-sm text-red-700" data-field-error>
              {periodError}
            </p>
          ) : null}
        </div>
        <FilterText type="date" name="from" label="From (custom dates)" defaultValue={params.from} error={errors.from} />
        <FilterText type="date" name="to" label="To (custom dates)" defaultValue={params.to} error={errors.to} />
        <FilterSelect name="scope" label="Whose figures" defaultValue={params.scope} options={DASHBOARD_SCOPES.map((s) => ({ value: s, label: DASHBOARD_SCOPE_LABELS[s] }))} />
        <FilterSelect name="county" label="Survivors' county" defaultValue={params.county} anyLabel="All counties" options={WA_COUNTIES.map((c) => ({ value: c, label: c }))} />
        <div className="col-span-full flex gap-2">
          <button type="submit" className="btn-primary">
            Show
          </button>
          <Link href="/dashboard" className="btn-secondary">
            This quarter, my organization
          </Link>
        </div>
      </form>

      {dashboard && filters ? (
        <>
          {/* The figures are kept a few minutes (lib/reports/dashboard-cache.ts): say how fresh they are. */}
          <p className="text-sm text-slate-600" data-testid="figures-as-of">
            Figures as of {formatDateTime(dashboard.asOf)}; they are counted again when more than {FIGURES_TTL_MINUTES} minutes old.
          </p>
          {filters.scope === "partnership" ? (
            <p className="rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-700" data-testid="suppression-note">
              Other organizations&apos; figures are aggregates. &ldquo;{fewerThan(dashboard.threshold)}&rdquo; stands for 1 to {dashboard.threshold - 1} of their
              people; &ldquo;not shown&rdquo; hides a figure from which such a count could be worked out; medians and rates over fewer than {dashboard.threshold}{" "}
              of their people are &ldquo;too few to show&rdquo;. Your own organization&apos;s numbers are exact and link to their lists.
            </p>
          ) : null}
          {dashboard.sections.map((section) => (
            <section key={section.id} aria-labelledby={`section-${section.id}`} className="space-y-4">
              <h2 id={`section-${section.id}`} className="text-xl font-semibold">
                {section.title}
              </h2>
              <div className="grid items-start gap-4 lg:grid-cols-2">
                {section.tables.map((table) => (
                  <ReportFigure key={table.id} table={table} csvHref={`/dashboard/csv/${table.id}?${dashboardQuery(filters)}`} />
                ))}
              </div>
            </section>
          ))}
        </>
      ) : (
        <p className="text-sm text-slate-600">Correct the period above to see the figures.</p>
      )}
    </div>
  );
}

function Subtitle({ organizationName, filters }: { organizationName: string; filters: DashboardFilters }) {
  const whose = filters.scope === "organization" ? organizationName : `The partnership (you are ${organizationName})`;
  return (
    <span data-testid="dashboard-subtitle">
      {whose} · {filters.period.label}
      {filters.county ? ` · ${filters.county} County survivors` : ""}
    </span>
  );
}
