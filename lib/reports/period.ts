// The periods a lead reports on: a month, a calendar quarter (named with its federal fiscal quarter), a
// federal fiscal year (October 1 to September 30, named for the year it ends in, as VOCA and OVC do) or
// custom dates. Pure calendar arithmetic on YYYY-MM-DD strings, in UTC so no time zone shifts a day;
// "today" comes from the caller, in Pacific time like the rest of the app (lib/format.ts pacificToday).

export type PeriodKind = "month" | "quarter" | "fiscal_year" | "custom";

export type ReportPeriod = {
  kind: PeriodKind;
  /** what the period select sends: "2026-03", "2026-Q2", "FY2026" or "custom" */
  key: string;
  /** first and last calendar day, both included */
  from: string;
  to: string;
  label: string;
};

const MONTH_NAMES = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const SHORT_MONTHS = MONTH_NAMES.map((m) => m.slice(0, 3));

const pad = (n: number) => String(n).padStart(2, "0");
const isoOf = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

function parts(date: string): [number, number, number] {
  const [y, m, d] = date.split("-").map(Number);
  return [y!, m!, d!];
}

/** The last day of a month (1–12). */
export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date moved by whole days. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: string, to: string): number {
  const [fy, fm, fd] = parts(from);
  const [ty, tm, td] = parts(to);
  return Math.round((Date.UTC(ty, tm - 1, td) - Date.UTC(fy, fm - 1, fd)) / 86_400_000);
}

/** The federal fiscal year a date falls in: October to December belong to the next year's. */
export function fiscalYearOf(date: string): number {
  const [y, m] = parts(date);
  return m >= 10 ? y + 1 : y;
}

export function fiscalYearPeriod(fiscalYear: number): ReportPeriod {
  return {
    kind: "fiscal_year",
    key: `FY${fiscalYear}`,
    from: isoOf(fiscalYear - 1, 10, 1),
    to: isoOf(fiscalYear, 9, 30),
    label: `Federal FY${fiscalYear} (Oct ${fiscalYear - 1} – Sep ${fiscalYear})`,
  };
}

/** A calendar quarter (1–4), labelled with its months and its federal fiscal quarter: "Apr–Jun 2026 (FY2026 Q3)". */
export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  const first = (quarter - 1) * 3 + 1;
  const fiscalYear = quarter === 4 ? year + 1 : year;
  const fiscalQuarter = quarter === 4 ? 1 : quarter + 1;
  return {
    kind: "quarter",
    key: `${year}-Q${quarter}`,
    from: isoOf(year, first, 1),
    to: isoOf(year, first + 2, lastDayOfMonth(year, first + 2)),
    label: `${SHORT_MONTHS[first - 1]}–${SHORT_MONTHS[first + 1]} ${year} (FY${fiscalYear} Q${fiscalQuarter})`,
  };
}

export function monthPeriod(year: number, month: number): ReportPeriod {
  return { kind: "month", key: `${year}-${pad(month)}`, from: isoOf(year, month, 1), to: isoOf(year, month, lastDayOfMonth(year, month)), label: `${MONTH_NAMES[month - 1]} ${year}` };
}

function shortDate(date: string): string {
  const [y, m, d] = parts(date);
  return `${SHORT_MONTHS[m - 1]} ${d}, ${y}`;
}

/** Custom dates (already checked: real, in range, from ≤ to). */
export function customPeriod(from: string, to: string): ReportPeriod {
  return { kind: "custom", key: "custom", from, to, label: `${shortDate(from)} – ${shortDate(to)}` };
}

/** The quarter that holds `today`: the dashboard's default. */
export function thisQuarter(today: string): ReportPeriod {
  const [y, m] = parts(today);
  return quarterPeriod(y, Math.floor((m - 1) / 3) + 1);
}

/** The period a select value names ("2026-03", "2026-Q2", "FY2026"), or null when it names none. */
export function periodFromKey(key: string): ReportPeriod | null {
  let match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  if (match) return monthPeriod(Number(match[1]), Number(match[2]));
  match = /^(\d{4})-Q([1-4])$/.exec(key);
  if (match) return quarterPeriod(Number(match[1]), Number(match[2]));
  match = /^FY(\d{4})$/.exec(key);
  if (match) return fiscalYearPeriod(Number(match[1]));
  return null;
}

/** The first day of each month the period touches, as "YYYY-MM": the buckets of a by-month chart. */
export function monthsOf(period: Pick<ReportPeriod, "from" | "to">): string[] {
  const [fy, fm] = parts(period.from);
  const [ty, tm] = parts(period.to);
  const months: string[] = [];
  for (let index = fy * 12 + fm - 1; index <= ty * 12 + tm - 1; index += 1) months.push(`${Math.floor(index / 12)}-${pad((index % 12) + 1)}`);
  return months;
}

/** "2026-03" → "Mar 2026". */
export function monthLabel(month: string): string {
  const [y, m] = parts(`${month}-01`);
  return `${SHORT_MONTHS[m - 1]} ${y}`;
}

export type PeriodChoiceGroup = { label: string; options: { value: string; label: string }[] };

/** What the period select offers: the last 18 months, the last 6 quarters, the last 3 federal fiscal years, and custom dates. */
export function periodChoices(today: string): PeriodChoiceGroup[] {
  const [y, m] = parts(today);
  const months = Array.from({ length: 18 }, (_, i) => {
    const index = y * 12 + (m - 1) - i;
    return monthPeriod(Math.floor(index / 12), (index % 12) + 1);
  });
  const currentQuarter = Math.floor((m - 1) / 3);
  const quarters = Array.from({ length: 6 }, (_, i) => {
    const index = y * 4 + currentQuarter - i;
    return quarterPeriod(Math.floor(index / 4), (index % 4) + 1);
  });
  const fiscal = fiscalYearOf(today);
  const years = [0, 1, 2].map((i) => fiscalYearPeriod(fiscal - i));
  const option = (p: ReportPeriod, current: boolean) => ({ value: p.key, label: current ? `${p.label}, so far` : p.label });
  return [
    { label: "Quarters", options: quarters.map((p, i) => option(p, i === 0)) },
    { label: "Months", options: months.map((p, i) => option(p, i === 0)) },
    { label: "Federal fiscal years", options: years.map((p, i) => option(p, i === 0)) },
    { label: "Other", options: [{ value: "custom", label: "Custom dates (From and To below)" }] },
  ];
}
