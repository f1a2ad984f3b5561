import { formatCount, formatDays, formatDollars, formatHoursFigure, formatPercent } from "./figures";
import type { DashboardScope } from "./schema";
import { fewerThan, suppress, type Relation, type Split, type Suppression } from "./suppression";

// The dashboard's tables: what each chart draws, its accessible table shows and its CSV holds, cell for
// cell, already suppressed. A section's figures are collected in a FigureBook (counts as own/total
// splits, medians and rates with the people they are over, and which counts add up to which), sealed
// once through the suppression function, and only then laid out as cells.

export type Format = "count" | "percent" | "days" | "hours" | "dollars";

export type Cell = {
  /** exactly what is shown (and written to the CSV) */
  text: string;
  /** the number as read (hours, dollars, a share), for the chart; null when hidden or not applicable */
  value: number | null;
  hidden: boolean;
  /** the list behind an own-organization number */
  href: string | null;
};

export type TableRow = { key: string; label: string; cells: Cell[] };

export type ReportTable = {
  id: string;
  title: string;
  caption: string;
  rowHeader: string;
  columns: string[];
  rows: TableRow[];
  total: TableRow | null;
  /** how the chart draws it: bars per row, bars per month, or no chart (a table of key figures) */
  chart: "bars" | "months" | null;
  note: string | null;
};

/** A median or rate for the reader's organization, for the others and for everyone, over these people. */
export type Statistic = { people: Split; own: number | null; others: number | null; all: number | null };

type Column = "own" | "others" | "all";

const NOT_SHOWN = "not shown";
const TOO_FEW = "too few to show";
const NONE = "—";

/** Hours and money are kept in hundredths and cents; a chart draws them in hours and dollars. */
function readValue(value: number, format: Format): number {
  return format === "hours" || format === "dollars" ? value / 100 : value;
}

function formatValue(value: number, format: Format): string {
  if (format === "percent") return formatPercent(value);
  if (format === "days") return formatDays(value);
  if (format === "hours") return formatHoursFigure(value);
  if (format === "dollars") return formatDollars(value);
  return formatCount(value);
}

export class FigureBook {
  private readonly counts = new Map<string, Split>();
  private readonly people = new Map<string, Split>();
  private readonly statistics = new Map<string, Statistic>();
  private readonly relations: Relation[] = [];

  /** A count; of records (referrals, matters, convictions, hearings), with the distinct people behind them. */
  count(id: string, split: Split, people?: Split): this {
    this.counts.set(id, split);
    if (people) this.people.set(id, people);
    return this;
  }

  statistic(id: string, statistic: Statistic): this {
    this.statistics.set(id, statistic);
    return this;
  }

  /** These counts add up to `total` (a count shown elsewhere), or to nothing shown when null. */
  relate(members: readonly string[], total: string | null): this {
    this.relations.push({ members, total });
    return this;
  }

  seal(threshold: number): SealedBook {
    const figures = [
      ...[...this.counts].map(([id, split]) => ({ id, kind: "count" as const, split, people: this.people.get(id) })),
      ...[...this.statistics].map(([id, s]) => ({ id, kind: "statistic" as const, people: s.people })),
    ];
    return new SealedBook(this.counts, this.statistics, suppress(figures, this.relations, threshold), threshold);
  }
}

export class SealedBook {
  constructor(
    private readonly counts: ReadonlyMap<string, Split>,
    private readonly statistics: ReadonlyMap<string, Statistic>,
    private readonly hidden: ReadonlyMap<string, Suppression>,
    readonly threshold: number,
  ) {}

  split(id: string): Split {
    return this.counts.get(id) ?? { total: 0, own: 0 };
  }

  isHidden(id: string): boolean {
    return this.hidden.has(id);
  }

  /** One figure in one column: the reader's own part (always shown), the other organizations' part, or everyone's. */
  cell(id: string, column: Column, format: Format = "count", href: string | null = null): Cell {
    const why = this.hidden.get(id);
    const statistic = this.statistics.get(id);
    if (statistic) {
      const value = statistic[column];
      if (column !== "own" && why) return { text: TOO_FEW, value: null, hidden: true, href: null };
      if (value === null) return { text: NONE, value: null, hidden: false, href: null };
      const own = column === "own" || (column === "all" && statistic.people.total === statistic.people.own);
      return { text: formatValue(value, format), value: readValue(value, format), hidden: false, href: own ? href : null };
    }
    const split = this.split(id);
    const value = column === "own" ? split.own : column === "others" ? split.total - split.own : split.total;
    if (column !== "own" && why) {
      // "fewer than 5" only where it is true: a small count itself, with nothing of the reader's own in it.
      const small = why === "small" && (column === "others" || split.own === 0);
      return { text: small ? fewerThan(this.threshold) : NOT_SHOWN, value: null, hidden: true, href: null };
    }
    // A zero has no list behind it worth opening.
    const own = value > 0 && (column === "own" || (column === "all" && split.total === split.own));
    return { text: formatValue(value, format), value: readValue(value, format), hidden: false, href: own ? href : null };
  }
}

export type RowSpec = { key: string; label: string; figure: string; format?: Format; href?: string | null };

/**
 * A table of categories (or key figures): in the reader's organization's scope one column of their
 * numbers; across the partnership three, theirs, the other organizations' (suppressed) and everyone's.
 */
export function categoryTable(
  book: SealedBook,
  scope: DashboardScope,
  spec: Omit<ReportTable, "columns" | "rows" | "total"> & { valueLabel: string; rows: RowSpec[]; total?: RowSpec | null; format?: Format },
): ReportTable {
  const columns: Column[] = scope === "organization" ? ["own"] : ["own", "others", "all"];
  // The list behind a number is the reader's own organization's: only their column links to it.
  const row = (r: RowSpec): TableRow => ({ key: r.key, label: r.label, cells: columns.map((c) => book.cell(r.figure, c, r.format ?? spec.format, c === "own" ? (r.href ?? null) : null)) });
  return {
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    rowHeader: spec.rowHeader,
    columns: scope === "organization" ? [spec.valueLabel] : [`Your organization`, `Other organizations`, `Partnership`],
    rows: spec.rows.map(row),
    total: spec.total ? row(spec.total) : null,
    chart: spec.chart,
    note: spec.note,
  };
}

export type OrganizationRowSpec = { key: string; label: string; figures: string[]; href?: string | null };

/**
 * A table with one row per organization (or per advocate of the reader's own): each row's figures for
 * everyone it covers, so another organization's row is suppressed and the reader's own is exact.
 */
export function organizationTable(
  book: SealedBook,
  spec: Omit<ReportTable, "columns" | "rows" | "total"> & { valueLabels: string[]; formats: Format[]; rows: OrganizationRowSpec[]; total?: OrganizationRowSpec | null },
): ReportTable {
  const row = (r: OrganizationRowSpec): TableRow => ({ key: r.key, label: r.label, cells: r.figures.map((f, i) => book.cell(f, "all", spec.formats[i], r.href ?? null)) });
  return {
    id: spec.id,
    title: spec.title,
    caption: spec.caption,
    rowHeader: spec.rowHeader,
    columns: spec.valueLabels,
    rows: spec.rows.map(row),
    total: spec.total ? row(spec.total) : null,
    chart: spec.chart,
    note: spec.note,
  };
}
