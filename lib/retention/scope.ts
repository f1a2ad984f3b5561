import { sql, type SQL } from "drizzle-orm";
import type { FieldContext } from "../crypto/fields";

// The retention rules as SQL, written once for the purge (lib/retention/purge.ts, lib/jobs/record-purge.ts)
// and the program lead's preview (./queries.ts), so the two never disagree about what is due.

/**
 * When a closed record becomes due: its closing time plus the organization's years, added as calendar
 * years by PostgreSQL (rules.ts purgeDueAt is the same for display).
 */
export function purgeDueSql(closedAt: SQL, years: SQL): SQL {
  return sql`(${closedAt} + make_interval(years => ${years}))`;
}

/** Whether the survivor record (an id expression) is on an open legal hold. */
export function onHoldSql(survivorId: SQL): SQL {
  return sql`exists (select 1 from survivor_legal_holds h where h.survivor_id = ${survivorId} and h.released_at is null)`;
}

/** A legal hold's reason is sealed to its own row. */
export function holdReasonContext(holdId: string): FieldContext {
  return { field: "survivor_legal_holds.reason", rowId: holdId };
}
