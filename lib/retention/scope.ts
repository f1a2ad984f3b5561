import { sql, type SQL } from "drizzle-orm";
import type { FieldContext } from "../crypto/fields";
import { FINAL_REFERRAL_STATUSES } from "../referrals/constants";
import { CLOSED_MATTER_STATUSES } from "../vacatur/constants";

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

/**
 * Whether the record is kept whatever its organization's retention says: on hold, or still the subject
 * of other organizations' open work (a vacatur matter not closed or withdrawn, at a legal aid
 * organization and a prosecutor's office; a referral a partner has not finished). Closing a survivor's
 * record at the advocates' agency must not destroy a petition another organization is still carrying.
 */
export function keptSql(survivorId: SQL): SQL {
  const closedMatter = sql.join(CLOSED_MATTER_STATUSES.map((status) => sql`${status}`), sql`, `);
  const finishedReferral = sql.join(["draft", ...FINAL_REFERRAL_STATUSES].map((status) => sql`${status}`), sql`, `);
  return sql`(${onHoldSql(survivorId)}
    or exists (select 1 from vacatur_matters m where m.survivor_id = ${survivorId} and m.status::text not in (${closedMatter}))
    or exists (select 1 from referrals r where r.survivor_id = ${survivorId} and r.status::text not in (${finishedReferral})))`;
}

/** A legal hold's reason is sealed to its own row. */
export function holdReasonContext(holdId: string): FieldContext {
  return { field: "survivor_legal_holds.reason", rowId: holdId };
}
