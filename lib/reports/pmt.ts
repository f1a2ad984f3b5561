import type { SurvivorEventKind } from "../survivors/constants";
import type { ServiceCategory } from "../survivors/services";

// The rules of the VOCA Performance Measurement Tool's quarterly report (DOMAIN.md 4.6), as pure
// functions: federal fiscal quarters, who is "new" and who "continuing", and which of the PMT's five
// service categories each kind of work counts as. lib/reports/funder-report.ts runs the same rules in
// SQL, with the dates these functions give.
//
// - The federal fiscal year runs from October 1 to September 30 and is named by the year it ends in:
//   FY2026 is Oct 1, 2025 – Sep 30, 2026. Q1 is Oct–Dec, Q2 Jan–Mar, Q3 Apr–Jun, Q4 Jul–Sep.
// - A person is served in a quarter when the organization gave them any service in it. They are "new"
//   in the first quarter of the fiscal year in which they are served, and "continuing" in every later
//   quarter of that year in which they are served again. A new fiscal year starts everyone afresh: a
//   person served in September and again in October is new in both quarters.

export type QuarterNumber = 1 | 2 | 3 | 4;
export type FiscalQuarter = { fiscalYear: number; quarter: QuarterNumber };
/** Calendar dates (YYYY-MM-DD), inclusive: the quarter's first and last day, and its fiscal year's first day. */
export type QuarterBounds = { fiscalYearStart: string; start: string; end: string };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function yearAndMonth(isoDate: string): { year: number; month: number } {
  const match = ISO_DATE.exec(isoDate);
  if (!match) throw new Error("not a calendar date (YYYY-MM-DD)");
  return { year: Number(match[1]), month: Number(match[2]) };
}

/** The federal fiscal year a calendar date falls in: October onwards belongs to the next year's. */
export function fiscalYearOf(isoDate: string): number {
  const { year, month } = yearAndMonth(isoDate);
  return month >= 10 ? year + 1 : year;
}

export function fiscalQuarterOf(isoDate: string): FiscalQuarter {
  const { month } = yearAndMonth(isoDate);
  const quarter = (month >= 10 ? 1 : Math.floor((month - 1) / 3) + 2) as QuarterNumber;
  return { fiscalYear: fiscalYearOf(isoDate), quarter };
}

const QUARTER_DAYS: Record<QuarterNumber, { start: string; end: string; previousCalendarYear: boolean }> = {
  1: { start: "10-01", end: "12-31", previousCalendarYear: true },
  2: { start: "01-01", end: "03-31", previousCalendarYear: false },
  3: { start: "04-01", end: "06-30", previousCalendarYear: false },
  4: { start: "07-01", end: "09-30", previousCalendarYear: false },
};

export function quarterBounds(q: FiscalQuarter): QuarterBounds {
  const days = QUARTER_DAYS[q.quarter];
  const year = days.previousCalendarYear ? q.fiscalYear - 1 : q.fiscalYear;
  return { fiscalYearStart: `${q.fiscalYear - 1}-10-01`, start: `${year}-${days.start}`, end: `${year}-${days.end}` };
}

export function previousQuarter(q: FiscalQuarter): FiscalQuarter {
  return q.quarter === 1 ? { fiscalYear: q.fiscalYear - 1, quarter: 4 } : { fiscalYear: q.fiscalYear, quarter: (q.quarter - 1) as QuarterNumber };
}

/** The report a lead most often files: the latest quarter that has ended by `today`. */
export function lastCompleteQuarter(today: string): FiscalQuarter {
  return previousQuarter(fiscalQuarterOf(today));
}

export function isQuarterComplete(q: FiscalQuarter, today: string): boolean {
  return today > quarterBounds(q).end;
}

/** "FY2026 Q4" */
export function quarterName(q: FiscalQuarter): string {
  return `FY${q.fiscalYear} Q${q.quarter}`;
}

/** "FY2026-Q4": the audit trail's and the file name's form. */
export function quarterKey(q: FiscalQuarter): string {
  return `FY${q.fiscalYear}-Q${q.quarter}`;
}

/**
 * A person's standing in the quarter, from the first day they were served in its fiscal year (up to
 * the quarter's end): new when that day is in the quarter, continuing when it is earlier.
 */
export function servedStatus(firstServedThisFiscalYear: string, q: FiscalQuarter): "new" | "continuing" {
  return firstServedThisFiscalYear >= quarterBounds(q).start ? "new" : "continuing";
}

/** The rule for one person from all the days they were served: new, continuing, or not served in the quarter (null). */
export function classifyPerson(servedOn: readonly string[], q: FiscalQuarter): "new" | "continuing" | null {
  const { fiscalYearStart, start, end } = quarterBounds(q);
  const thisYear = servedOn.filter((day) => day >= fiscalYearStart && day <= end).sort();
  if (!thisYear.some((day) => day >= start)) return null;
  return servedStatus(thisYear[0]!, q);
}

// ---------------------------------------------------------------------------------------------
// What counts as a service, and in which PMT category

/**
 * The work the report counts:
 * - a service event recorded on the survivor page, in the category the person chose;
 * - a referral the organization sent (any referral that left as sent, whatever became of it): the PMT's
 *   "information & referral";
 * - vacatur work by the organization's own people: pro bono hours its attorneys logged, and the steps
 *   of a vacatur case its people took (VACATUR_WORK_EVENT_KINDS): "criminal/civil justice system
 *   assistance", counted once per person per day of work.
 * Work is the organization's when its own people did it: an agency does not report the hours a legal
 * organization's attorney spent on its survivor's matter; the legal organization does.
 */
export type ServiceSource = { kind: "service_event"; category: ServiceCategory } | { kind: "referral_sent" } | { kind: "vacatur_work" };

export function pmtCategoryOf(source: ServiceSource): ServiceCategory {
  switch (source.kind) {
    case "service_event":
      return source.category;
    case "referral_sent":
      return "information_referral";
    case "vacatur_work":
      return "justice_assistance";
  }
}

/**
 * The timeline events that are vacatur work done with or for the survivor: gathering their court
 * history, opening the matter, moving the petition through court, notice, hearings, post-order steps.
 * Left out: staffing decisions (assigning an attorney, conflict checks) and the prosecutor's position,
 * which are not services to the survivor.
 */
export const VACATUR_WORK_EVENT_KINDS = [
  "court_record_added",
  "court_record_updated",
  "pending_charge_added",
  "pending_charge_resolved",
  "later_conviction_added",
  "matter_opened",
  "matter_status_changed",
  "matter_applicant_recorded",
  "matter_notice_recorded",
  "matter_checklist_recorded",
  "matter_hearing_changed",
] as const satisfies readonly SurvivorEventKind[];

export function isVacaturWork(kind: SurvivorEventKind): boolean {
  return (VACATUR_WORK_EVENT_KINDS as readonly string[]).includes(kind);
}

// ---------------------------------------------------------------------------------------------
// Choosing the quarter (the report page's picker and the CSV link)

/** The earliest fiscal year the picker offers, and the years it lists back from the current one. */
const EARLIEST_FISCAL_YEAR = 2001;
const YEARS_OFFERED = 6;

export function fiscalYearChoices(today: string): number[] {
  const current = fiscalYearOf(today);
  return Array.from({ length: YEARS_OFFERED }, (_, i) => current - i).filter((year) => year >= EARLIEST_FISCAL_YEAR);
}

export type QuarterChoice = { ok: true; quarter: FiscalQuarter } | { ok: false; errors: { fy?: string[]; q?: string[] } };

/**
 * The quarter asked for in the URL (?fy=2026&q=4), or the last complete quarter when none is. A year
 * or quarter that is not one, or a quarter that has not started, is an error beside its field, never
 * quietly another quarter.
 */
export function chooseQuarter(params: { fy?: string | null; q?: string | null }, today: string): QuarterChoice {
  const fy = params.fy?.trim() ?? "";
  const q = params.q?.trim() ?? "";
  if (fy === "" && q === "") return { ok: true, quarter: lastCompleteQuarter(today) };
  const errors: { fy?: string[]; q?: string[] } = {};
  const current = fiscalYearOf(today);
  const year = /^\d{4}$/.test(fy) ? Number(fy) : Number.NaN;
  if (!(year >= EARLIEST_FISCAL_YEAR && year <= current)) errors.fy = [`Choose a federal fiscal year from ${EARLIEST_FISCAL_YEAR} to ${current}.`];
  const quarter = /^[1-4]$/.test(q) ? (Number(q) as QuarterNumber) : null;
  if (!quarter) errors.q = ["Choose a quarter: Q1 (Oct–Dec), Q2 (Jan–Mar), Q3 (Apr–Jun) or Q4 (Jul–Sep)."];
  if (errors.fy || errors.q) return { ok: false, errors };
  const chosen = { fiscalYear: year, quarter: quarter! };
  if (quarterBounds(chosen).start > today) return { ok: false, errors: { q: ["This quarter has not started yet. Choose an earlier one."] } };
  return { ok: true, quarter: chosen };
}

export const QUARTER_MONTHS: Record<QuarterNumber, string> = { 1: "Oct–Dec", 2: "Jan–Mar", 3: "Apr–Jun", 4: "Jul–Sep" };
