import { sql, type SQL } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { endOfPacificDay, startOfPacificDay } from "../format";
import { reportSurvivors as s } from "./columns";
import type { DashboardFilters } from "./schema";

// What every query of the dashboard shares: who reads (their organization decides what is "own"), the
// filters, the period as instants (Pacific days), and one way to read rows from either driver.

export type ReportContext = {
  db: Db;
  organizationId: string;
  /** the reader's organization's kind: some lists behind the figures are a legal organization's */
  organizationType: string;
  filters: DashboardFilters;
  /** Pacific calendar date */
  today: string;
  now: Date;
  /** the period's first instant and the instant after its last day (Pacific) */
  fromInstant: Date;
  toInstant: Date;
  threshold: number;
};

export function reportContext(
  db: Db,
  reader: { organizationId: string; organizationType: string },
  filters: DashboardFilters,
  today: string,
  now: Date,
  threshold: number,
): ReportContext {
  return {
    db,
    ...reader,
    filters,
    today,
    now,
    fromInstant: startOfPacificDay(filters.period.from)!,
    toInstant: endOfPacificDay(filters.period.to)!,
    threshold,
  };
}

/** Rows of a raw aggregate query. */
export const rowsOf = queryRows;

/** The survivor's county, when the filter names one (every figure is about survivors of that county). */
export function countyCondition(ctx: ReportContext): SQL {
  return ctx.filters.county ? sql`${s.county} = ${ctx.filters.county}` : sql`true`;
}

/** "Pacific calendar date of" a timestamp, in SQL. */
export function pacificDate(column: SQL | unknown): SQL {
  return sql`(${column} at time zone 'America/Los_Angeles')::date`;
}

/**
 * An instant as a query parameter. Raw SQL parameters bypass drizzle's column mapping, and postgres.js
 * (unlike PGlite) will not send a Date itself: it goes as ISO text, typed.
 */
export function instant(date: Date): SQL {
  return sql`${date.toISOString()}::timestamptz`;
}

/** A uuid parameter, typed so comparisons with uuid columns plan well on both drivers. */
export function uuidParam(id: string): SQL {
  return sql`${id}::uuid`;
}
