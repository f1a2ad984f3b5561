import { shareOf } from "../fees/money";
import { quarterOf } from "../fees/rates";

// An agency's or a jurisdiction's operations by calendar quarter (Pacific): how many, how long, what came
// of them, and the fee cases that followed. Rates are of the summed counts (not averages of rates).

export type OperationTrendInput = {
  operations: readonly { id: string; startsAt: Date; endsAt: Date; calls: number; arrivals: number; arrests: number; referralsToServices: number }[];
  feeCases: readonly { operationId: string | null; assessedCents: number; paidCents: number }[];
};

export type OperationQuarter = {
  quarter: string;
  operations: number;
  hours: number;
  calls: number;
  arrivals: number;
  arrests: number;
  referrals: number;
  callsPerHour: number | null;
  arrestsPerHour: number | null;
  referralsPerOperation: number | null;
  feeCases: number;
  assessedCents: number;
  paidCents: number;
};

/** Quarters with at least one operation, oldest first. Fee cases count in their operation's quarter. */
export function operationTrends({ operations, feeCases }: OperationTrendInput): OperationQuarter[] {
  const rows = new Map<string, Omit<OperationQuarter, "callsPerHour" | "arrestsPerHour" | "referralsPerOperation">>();
  const quarterOfOperation = new Map<string, string>();
  for (const op of operations) {
    const quarter = quarterOf(op.startsAt);
    quarterOfOperation.set(op.id, quarter);
    const row = rows.get(quarter) ?? { quarter, operations: 0, hours: 0, calls: 0, arrivals: 0, arrests: 0, referrals: 0, feeCases: 0, assessedCents: 0, paidCents: 0 };
    row.operations += 1;
    row.hours += (op.endsAt.getTime() - op.startsAt.getTime()) / 3_600_000;
    row.calls += op.calls;
    row.arrivals += op.arrivals;
    row.arrests += op.arrests;
    row.referrals += op.referralsToServices;
    rows.set(quarter, row);
  }
  for (const feeCase of feeCases) {
    const quarter = feeCase.operationId ? quarterOfOperation.get(feeCase.operationId) : undefined;
    const row = quarter ? rows.get(quarter) : undefined;
    if (!row) continue;
    row.feeCases += 1;
    row.assessedCents += feeCase.assessedCents;
    row.paidCents += feeCase.paidCents;
  }
  return [...rows.values()]
    .sort((a, b) => a.quarter.localeCompare(b.quarter))
    .map((row) => ({
      ...row,
      callsPerHour: shareOf(row.calls, row.hours),
      arrestsPerHour: shareOf(row.arrests, row.hours),
      referralsPerOperation: shareOf(row.referrals, row.operations),
    }));
}

/** "3.2" for a per-hour or per-operation figure, or a dash. */
export function formatPer(value: number | null): string {
  return value === null ? "—" : value.toFixed(1);
}
