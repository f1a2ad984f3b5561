// The arithmetic of the dashboard's figures, once, pure: medians (from the database's frequency
// tables, so no query hands survivors' rows to JavaScript), rates and how each is written. The
// database groups and counts; these turn the counts into the figure a lead reads.

/** The median of a list of numbers: the middle one, or the mean of the two middle ones; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export type Frequency = { value: number; count: number };

/**
 * The median of the values a frequency table describes (each value `count` times), as `median` of the
 * expanded list would give: what the database's GROUP BY of whole days comes back as.
 */
export function medianOfFrequencies(table: readonly Frequency[]): number | null {
  const rows = table.filter((r) => r.count > 0).sort((a, b) => a.value - b.value);
  const n = rows.reduce((sum, r) => sum + r.count, 0);
  if (n === 0) return null;
  const at = (position: number) => {
    let seen = 0;
    for (const r of rows) {
      seen += r.count;
      if (position < seen) return r.value;
    }
    return rows.at(-1)!.value;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** A share (0–1) of a whole, or null when there is no whole to take it of. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** "72%": whole percent, half up. */
export function formatPercent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

// Formatters made once: toLocaleString with a locale builds a new Intl.NumberFormat on every call.
const counts = new Intl.NumberFormat("en-US");
const twoDecimals = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A count as people read it: "1,234". */
export function formatCount(n: number): string {
  return counts.format(n);
}

/** Days to one decimal, without a trailing ".0": "4", "4.5". */
export function formatDays(days: number): string {
  return String(Math.round(days * 10) / 10);
}

/** Hundredths of an hour as hours: "12.50". */
export function formatHoursFigure(hundredths: number): string {
  return twoDecimals.format(hundredths / 100);
}

/** Cents as dollars: "$3,125.00". */
export function formatDollars(cents: number): string {
  return `$${twoDecimals.format(cents / 100)}`;
}
