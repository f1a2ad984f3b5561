import { shareOf, type Cents } from "./money";
import type { FeeFiguresRow } from "./rates";

// /fees's tables from feeFigures' rows: totals over several jurisdictions or quarters, with the rates
// recomputed from the summed counts and cents (a rate of rates would weigh a small city like Seattle).

export type FeeTotals = {
  eligibleDispositions: number;
  assessedCount: number;
  fullyAssessedCount: number;
  centsAssessed: Cents;
  centsCollected: Cents;
  cohortCentsCollected: Cents;
  assessmentRate: number | null;
  fullAssessmentRate: number | null;
  cohortCollectionRate: number | null;
};

const EMPTY = { eligibleDispositions: 0, assessedCount: 0, fullyAssessedCount: 0, centsAssessed: 0, centsCollected: 0, cohortCentsCollected: 0 };

/** Sums rows by a key (a quarter, a jurisdiction), in the order keys first appear, then the rates. */
export function totalsBy(rows: readonly FeeFiguresRow[], key: (row: FeeFiguresRow) => string): Map<string, FeeTotals> {
  const sums = new Map<string, typeof EMPTY>();
  for (const row of rows) {
    const k = key(row);
    const sum = sums.get(k) ?? { ...EMPTY };
    sum.eligibleDispositions += row.eligibleDispositions;
    sum.assessedCount += row.assessedCount;
    sum.fullyAssessedCount += row.fullyAssessedCount;
    sum.centsAssessed += row.centsAssessed;
    sum.centsCollected += row.centsCollected;
    sum.cohortCentsCollected += row.cohortCentsCollected;
    sums.set(k, sum);
  }
  return new Map(
    [...sums].map(([k, s]) => [
      k,
      {
        ...s,
        assessmentRate: shareOf(s.assessedCount, s.eligibleDispositions),
        fullAssessmentRate: shareOf(s.fullyAssessedCount, s.assessedCount),
        cohortCollectionRate: shareOf(s.cohortCentsCollected, s.centsAssessed),
      },
    ]),
  );
}

/** A rate for a table cell: "62%", or a dash when there was nothing to divide by. */
export function formatRate(rate: number | null): string {
  return rate === null ? "—" : `${Math.round(rate * 100)}%`;
}
