import { pacificToday } from "../format";
import { assertCents, shareOf, type Cents } from "./money";

// The assessment and collection figures (DOMAIN.md 3.6) on plain rows, by jurisdiction and calendar
// quarter — the period of the 2% Commerce remittance and its report. Buyer cases only: aggregate,
// non-victim data. Calendar dates are YYYY-MM-DD strings and stay calendar dates (no time-zone shift);
// an instant is placed on the calendar in Pacific time, like the rest of the app.

const QUARTER_KEY = /^(\d{4})-Q([1-4])$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, "0");

function calendarDate(value: Date | string): string {
  if (typeof value === "string" && ISO_DATE.test(value)) {
    const [y, m, d] = value.split("-").map(Number) as [number, number, number];
    const check = new Date(Date.UTC(y, m - 1, d));
    if (check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) throw new RangeError("Not a calendar date.");
    return value;
  }
  const instant = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(instant.getTime())) throw new RangeError("Not a date.");
  return pacificToday(instant);
}

/** The calendar quarter a date falls in, "2026-Q3"; an instant counts by its Pacific calendar day. */
export function quarterOf(date: Date | string): string {
  const day = calendarDate(date);
  return `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
}

function parseQuarter(quarter: string): { year: number; q: number } {
  const match = QUARTER_KEY.exec(quarter);
  if (!match) throw new RangeError("A quarter is written like 2026-Q3.");
  return { year: Number(match[1]), q: Number(match[2]) };
}

/** A quarter's first and last calendar days, both included: "2026-Q3" → 2026-07-01 to 2026-09-30. */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const { year, q } = parseQuarter(quarter);
  const first = (q - 1) * 3 + 1;
  const lastDay = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return { from: `${year}-${pad(first)}-01`, to: `${year}-${pad(first + 2)}-${pad(lastDay)}` };
}

/** Every quarter from `from` to `to`, both included, in order; empty when `to` comes first. */
export function quartersBetween(from: string, to: string): string[] {
  const start = parseQuarter(from);
  const end = parseQuarter(to);
  const quarters: string[] = [];
  for (let index = start.year * 4 + start.q - 1; index <= end.year * 4 + end.q - 1; index++) {
    quarters.push(`${Math.floor(index / 4)}-Q${(index % 4) + 1}`);
  }
  return quarters;
}

export type FeeCaseRow = {
  id: string;
  /** The jurisdiction where the offense occurred: whose treasurer the fee goes to. */
  jurisdictionId: string;
  dispositionDate: string;
  statutoryCents: Cents;
  /** What the court imposed; 0 or null when it imposed nothing. */
  assessedCents: Cents | null;
  /** Only "vacated" changes what a case counts toward (see feeFigures). */
  status: string;
};

/** Money received on a case; a negative amount reverses an earlier payment (a bounced check, a refund). */
export type FeePaymentRow = { feeCaseId: string; receivedOn: string; cents: Cents };

export type FeeFiguresRow = {
  jurisdictionId: string;
  quarter: string;
  /** Dispositions that trigger the fee (conviction, deferral, diversion) dated in the quarter. */
  eligibleDispositions: number;
  /** Of those, how many the court imposed a fee on. */
  assessedCount: number;
  /** Of those, how many at the full statutory amount (the rest were reduced for inability to pay). */
  fullyAssessedCount: number;
  /** assessed ÷ eligible; null when nothing was eligible. */
  assessmentRate: number | null;
  /** fully assessed ÷ assessed; null when nothing was assessed. */
  fullAssessmentRate: number | null;
  /** The fees imposed on the quarter's dispositions. */
  centsAssessed: Cents;
  /** Money received in the quarter, on any case of the jurisdiction, net of reversals. */
  centsCollected: Cents;
  /** Money received so far (to `asOf`, when given) on the quarter's assessed cases — the cohort. */
  cohortCentsCollected: Cents;
  /** cohort collected ÷ cents assessed; null when nothing was assessed. */
  cohortCollectionRate: number | null;
};

export type FeeFiguresOptions = {
  /** Only this quarter's row for each jurisdiction. */
  quarter?: string;
  /**
   * The figures as they stood at the end of this day: dispositions and payments dated after it are left
   * out. Without it, every row given counts.
   */
  asOf?: string;
};

type Tally = Omit<FeeFiguresRow, "assessmentRate" | "fullAssessmentRate" | "cohortCollectionRate">;

/**
 * The figures per jurisdiction and quarter, sorted by jurisdiction, then quarter. A row appears for every
 * quarter with a disposition or a payment (or only `quarter`'s, when given).
 *
 * - A case counts in the quarter of its disposition date; a payment, in the cash columns, in the quarter
 *   it was received, because that is when the treasurer has the money and when the 2% falls due.
 * - Collection is also measured by cohort, because payment plans lag: everything received so far on the
 *   cases decided in a quarter, over what was assessed on them. An old quarter's rate keeps rising as
 *   payments come in.
 * - A vacated case never happened, as far as the fee goes: it leaves the eligible count, the assessed
 *   figures and its cohort. Money really received on it (and its refund) still shows in the quarter's
 *   cash, which is what reached the treasurer.
 * - A case with nothing imposed (assessedCents 0 or null — a court that waived the fee at sentencing,
 *   which the statute never allows) counts as eligible but not assessed: the gap the assessment rate
 *   exists to show. Whether a case counts as assessed is read from the amount, not the status, so a
 *   balance waived later (after a reduction and the one-third paid) stays assessed, and the part
 *   written off shows where it belongs, in the collection rate.
 * - Assessed at or above its statutory amount counts as fully assessed.
 * - Payments on cases not among `cases` are left out.
 */
export function feeFigures(cases: readonly FeeCaseRow[], payments: readonly FeePaymentRow[], options: FeeFiguresOptions = {}): FeeFiguresRow[] {
  if (options.quarter !== undefined) parseQuarter(options.quarter);
  const asOf = options.asOf === undefined ? undefined : calendarDate(options.asOf);
  const rows = new Map<string, Tally>();
  const tally = (jurisdictionId: string, quarter: string): Tally | undefined => {
    if (options.quarter !== undefined && quarter !== options.quarter) return undefined;
    const key = `${jurisdictionId}\u0000${quarter}`;
    let row = rows.get(key);
    if (!row) {
      row = { jurisdictionId, quarter, eligibleDispositions: 0, assessedCount: 0, fullyAssessedCount: 0, centsAssessed: 0, centsCollected: 0, cohortCentsCollected: 0 };
      rows.set(key, row);
    }
    return row;
  };

  const byId = new Map<string, { row: FeeCaseRow; cohortQuarter: string | null }>();
  for (const feeCase of cases) {
    assertCents(feeCase.statutoryCents);
    if (feeCase.assessedCents !== null) assertCents(feeCase.assessedCents);
    const disposed = calendarDate(feeCase.dispositionDate);
    const quarter = quarterOf(disposed);
    const assessed = (feeCase.assessedCents ?? 0) > 0;
    // A case decided after `asOf` is not counted yet, but money it received by then is still cash.
    const counted = feeCase.status !== "vacated" && (asOf === undefined || disposed <= asOf);
    byId.set(feeCase.id, { row: feeCase, cohortQuarter: counted && assessed ? quarter : null });
    if (!counted) continue;
    const row = tally(feeCase.jurisdictionId, quarter);
    if (!row) continue;
    row.eligibleDispositions += 1;
    if (!assessed) continue;
    row.assessedCount += 1;
    row.centsAssessed += feeCase.assessedCents!;
    if (feeCase.assessedCents! >= feeCase.statutoryCents) row.fullyAssessedCount += 1;
  }

  for (const payment of payments) {
    assertCents(payment.cents);
    const found = byId.get(payment.feeCaseId);
    if (!found) continue;
    const received = calendarDate(payment.receivedOn);
    if (asOf !== undefined && received > asOf) continue;
    const cash = tally(found.row.jurisdictionId, quarterOf(received));
    if (cash) cash.centsCollected += payment.cents;
    if (found.cohortQuarter) {
      const cohort = tally(found.row.jurisdictionId, found.cohortQuarter);
      if (cohort) cohort.cohortCentsCollected += payment.cents;
    }
  }

  return [...rows.values()]
    .sort((a, b) => (a.jurisdictionId === b.jurisdictionId ? a.quarter.localeCompare(b.quarter) : a.jurisdictionId < b.jurisdictionId ? -1 : 1))
    .map((row) => ({
      ...row,
      assessmentRate: shareOf(row.assessedCount, row.eligibleDispositions),
      fullAssessmentRate: shareOf(row.fullyAssessedCount, row.assessedCount),
      cohortCollectionRate: shareOf(row.cohortCentsCollected, row.centsAssessed),
    }));
}
