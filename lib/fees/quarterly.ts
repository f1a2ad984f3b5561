import { COMMERCE_BASIS_POINTS } from "./allocation";
import { EDUCATION_RECIPIENT } from "./constants";
import { shareOf, type Cents } from "./money";
import { quarterBounds, quarterOf, quartersBetween, type FeeFiguresRow } from "./rates";

// The quarterly report RCW 9A.88.120(3) asks each jurisdiction to send the Department of Commerce with
// its 2%: fees assessed, revenue received, and how it was spent — here, how the revenue was allocated
// under the jurisdiction's policy, with john-school fees counted as prevention (offender education).

export type AllocationSum = { jurisdictionId: string; quarter: string; recipientKey: string | null; recipientLabel: string | null; category: string | null; cents: Cents };

export type QuarterlyLine = {
  jurisdictionId: string;
  casesAssessed: number;
  centsAssessed: Cents;
  centsReceived: Cents;
  /** what each recipient was allocated of the quarter's receipts, john-school fees included */
  allocations: { key: string; label: string; category: string; cents: Cents }[];
  centsEducationFees: Cents;
  /** (prevention allocations + education fees) ÷ (receipts + education fees); null when nothing came in */
  preventionShare: number | null;
  /** what the policy allocated to Commerce, plus 2% of receipts no policy split */
  commerceDue: Cents;
  /** money received the policy did not split (no policy covered its day) */
  centsUnallocated: Cents;
};

/** The report's lines for one quarter, one per jurisdiction with anything assessed, received or allocated. */
export function quarterlyReport(quarter: string, figures: readonly FeeFiguresRow[], allocations: readonly AllocationSum[]): QuarterlyLine[] {
  const ids = new Set([...figures.filter((f) => f.quarter === quarter).map((f) => f.jurisdictionId), ...allocations.filter((a) => a.quarter === quarter).map((a) => a.jurisdictionId)]);
  return [...ids].sort().map((jurisdictionId) => {
    const row = figures.find((f) => f.quarter === quarter && f.jurisdictionId === jurisdictionId);
    const mine = allocations.filter((a) => a.quarter === quarter && a.jurisdictionId === jurisdictionId && a.recipientKey);
    const byKey = new Map<string, { key: string; label: string; category: string; cents: Cents }>();
    for (const a of mine) {
      const line = byKey.get(a.recipientKey!) ?? { key: a.recipientKey!, label: a.recipientLabel ?? a.recipientKey!, category: a.category ?? "other_local", cents: 0 };
      line.cents += a.cents;
      byKey.set(a.recipientKey!, line);
    }
    const lines = [...byKey.values()];
    const education = lines.filter((l) => l.key === EDUCATION_RECIPIENT.key).reduce((s, l) => s + l.cents, 0);
    const received = row?.centsCollected ?? 0;
    const allocatedOfReceipts = lines.filter((l) => l.key !== EDUCATION_RECIPIENT.key).reduce((s, l) => s + l.cents, 0);
    const unallocated = received - allocatedOfReceipts;
    const prevention = lines.filter((l) => l.category === "prevention").reduce((s, l) => s + l.cents, 0);
    return {
      jurisdictionId,
      casesAssessed: row?.assessedCount ?? 0,
      centsAssessed: row?.centsAssessed ?? 0,
      centsReceived: received,
      allocations: lines,
      centsEducationFees: education,
      preventionShare: shareOf(prevention, received + education),
      // The 2% is owed on all revenue: what a policy allocated to Commerce, and 2% of what none allocated.
      commerceDue: lines.filter((l) => l.category === "commerce").reduce((s, l) => s + l.cents, 0) + Math.round((unallocated * COMMERCE_BASIS_POINTS) / 10_000),
      centsUnallocated: unallocated,
    };
  });
}

/** The last quarter that has ended by `today` (the one whose report is due). */
export function lastCompleteQuarter(today: string): string {
  const current = quarterOf(today);
  const { from } = quarterBounds(current);
  const dayBefore = new Date(`${from}T00:00:00Z`);
  dayBefore.setUTCDate(dayBefore.getUTCDate() - 1);
  return quarterOf(dayBefore.toISOString().slice(0, 10));
}

/** The quarters one may choose: from the fee's 2013 amendment to this one, newest first. */
export function reportQuarters(today: string): string[] {
  return quartersBetween("2013-Q3", quarterOf(today)).reverse();
}
