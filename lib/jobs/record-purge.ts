import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { purgeSurvivorRecord, type PurgeCandidate } from "../retention/purge";
import { keptSql, purgeDueSql } from "../retention/scope";

// The retention purge of survivor records (issue 15): every organization's closed records whose closing
// date plus its retention (organizations.record_retention_years) has passed and that are not on a legal
// hold. Candidates are read a batch at a time in id order; each is purged in a transaction of its own,
// checked again under its row lock (lib/retention/purge.ts), so a record reopened, edited or held since
// it was read is left alone, and a second run finds nothing to do.

/** Records read per query. */
export const RECORD_PURGE_BATCH = 100;

export type RecordPurgeCounts = { records: number; leftAlone: number };

export async function purgeClosedRecords(db: Db, now = new Date(), options: { batchSize?: number } = {}): Promise<RecordPurgeCounts> {
  const batchSize = options.batchSize ?? RECORD_PURGE_BATCH;
  const counts: RecordPurgeCounts = { records: 0, leftAlone: 0 };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const candidates = await queryRows<{ id: string; version: number; closed_at: string }>(
      db,
      sql`select s.id, s.version, s.status_changed_at::text as closed_at
          from survivors s join organizations o on o.id = s.organization_id
          where s.status = 'closed'
            and ${purgeDueSql(sql`s.status_changed_at`, sql`o.record_retention_years`)} <= ${now.toISOString()}::timestamptz
            and not ${keptSql(sql`s.id`)}
            and s.id > ${after}::uuid
          order by s.id
          limit ${batchSize}`,
    );
    for (const row of candidates) {
      const candidate: PurgeCandidate = { id: row.id, version: Number(row.version), closedAt: row.closed_at };
      if (await purgeSurvivorRecord(db, candidate, now)) counts.records += 1;
      else counts.leftAlone += 1;
    }
    if (candidates.length < batchSize) return counts;
    after = candidates.at(-1)!.id;
  }
}
