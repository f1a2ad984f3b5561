import { z } from "zod";
import { periodSchema } from "../form-fields";
import { WA_COUNTIES } from "../organizations/constants";
import { customPeriod, daysBetween, periodFromKey, thisQuarter, type ReportPeriod } from "./period";

// The dashboard's filters, from the GET form's search params (the page and its CSV downloads read the
// same ones). A period that is not one is an error beside its field, never a silently different
// period; so are custom dates across the partnership (only months, quarters and federal fiscal years
// there); scope and county fall back to their defaults like any list filter.

export const DASHBOARD_SCOPES = ["organization", "partnership"] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];
export const DASHBOARD_SCOPE_LABELS: Record<DashboardScope, string> = { organization: "My organization", partnership: "The partnership" };

/** A custom period of at most this many days (three years): a by-month chart stays readable. */
export const MAX_CUSTOM_DAYS = 3 * 366;

export type DashboardFilters = { period: ReportPeriod; scope: DashboardScope; county: string | null };

/** What the form showed, so the fields keep what was typed. */
export type DashboardParams = { period: string; from: string; to: string; scope: DashboardScope; county: string };

export type DashboardFieldErrors = Partial<Record<"period" | "from" | "to", string[]>>;

const scopeSchema = z.enum(DASHBOARD_SCOPES).catch("organization");
const countySchema = z
  .string()
  .optional()
  .transform((value) => ((WA_COUNTIES as readonly string[]).includes(value ?? "") ? value! : null))
  .catch(null);

/** Reads the filters; `filters` is null when the period is not one (and `errors` say why, per field). */
export function parseDashboardParams(
  raw: Record<string, string | undefined>,
  today: string,
): { filters: DashboardFilters | null; errors: DashboardFieldErrors; params: DashboardParams } {
  const scope = scopeSchema.parse(raw.scope);
  const county = countySchema.parse(raw.county);
  const from = raw.from?.trim() ?? "";
  const to = raw.to?.trim() ?? "";
  // Dates without a period choice mean custom dates (a link that carries only from and to).
  const key = raw.period?.trim() || (from || to ? "custom" : thisQuarter(today).key);
  const params: DashboardParams = { period: key, from, to, scope, county: county ?? "" };
  if (key !== "custom") {
    const period = periodFromKey(key);
    if (!period) return { filters: null, errors: { period: ["Choose a period from the list."] }, params };
    return { filters: { period, scope, county }, errors: {}, params };
  }
  // Across the partnership only standard periods: two custom periods a day apart would give another
  // organization's figures of that one day by difference (see lib/reports/suppression.ts, known limits).
  if (scope === "partnership") {
    return { filters: null, errors: { period: ["Custom dates are only for your organization's figures. For the partnership, choose a month, quarter or fiscal year."] }, params };
  }
  const parsed = periodSchema.safeParse({ from, to });
  const errors: DashboardFieldErrors = parsed.success ? {} : (z.flattenError(parsed.error).fieldErrors as DashboardFieldErrors);
  if (!from && !errors.from) errors.from = ["Enter the first day of the period."];
  if (!to && !errors.to) errors.to = ["Enter the last day of the period."];
  if (!parsed.success || !from || !to || errors.from || errors.to) return { filters: null, errors, params };
  if (daysBetween(from, to) + 1 > MAX_CUSTOM_DAYS) return { filters: null, errors: { to: ["Choose a period of at most three years."] }, params };
  return { filters: { period: customPeriod(from, to), scope, county }, errors: {}, params };
}

/** The search params that name these filters again (for CSV links and the list links' return). */
export function dashboardQuery(filters: DashboardFilters): URLSearchParams {
  const query = new URLSearchParams({ period: filters.period.key, scope: filters.scope });
  if (filters.period.kind === "custom") {
    query.set("from", filters.period.from);
    query.set("to", filters.period.to);
  }
  if (filters.county) query.set("county", filters.county);
  return query;
}
