import { sql } from "drizzle-orm";
import { queryRows, type Db } from "../../db/client";
import { AUDIT_RETENTION_YEARS } from "../retention/rules";
import { CHAIN_GENESIS, latestAnchor } from "./chain";
import { recordAudit } from "./record";

// The retention purge of audit events (issue 15). The trail is a hash chain (migration 0029), so it can
// only be shortened from its oldest end: a purge removes a prefix of the chain, the links and their
// events (and the survivors an export event listed), and records the last removed link's seq and hash
// as the chain's new anchor, from which the verifier then walks (lib/audit/chain.ts). Nothing in the
// middle is ever removed, so the rest still verifies and any tampering with it is still found.
//
// Which organization an event belongs to: the organization of the person who acted
// (actor_organization_id), as the trail recorded it then, so an event keeps the retention of whoever
// did it. Events of no organization (an administrator without one, sign-in failures of unknown people,
// the system's own jobs, such as survivor.purged) are kept as long as the longest retention any
// organization chose. An event is purged when it and every event before it in the chain are past
// their retention: one organization's longer retention holds back the purge of later events of
// others until it too has passed (the price of a single tamper-evident chain).
//
// The database lets this happen only inside a transaction that declared itself a purge, and only at or
// before the anchor it just set, which must be a real link over a year old (migration 0032).
// Before deleting anything the purge checks the links it is about to remove: a prefix holding a
// broken link is not purged (that would erase the evidence); the job fails and says where.

/** Links examined (and at most removed) per transaction. */
export const AUDIT_PURGE_BATCH = 5_000;

/** `anchorSeq`: the anchor this run set last (0: it purged nothing). */
export type AuditPurgeCounts = { events: number; anchorSeq: number };

type Link = { seq: string; hash: string; prev_hash: string; event_exists: boolean; recomputed: string | null; expired: boolean };

export class AuditPurgeRefused extends Error {}

export async function purgeExpiredAuditEvents(db: Db, now = new Date(), options: { batchSize?: number } = {}): Promise<AuditPurgeCounts> {
  const batchSize = options.batchSize ?? AUDIT_PURGE_BATCH;
  const counts: AuditPurgeCounts = { events: 0, anchorSeq: 0 };
  for (;;) {
    const removed = await db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('clearway.audit_purge', 'on', true)`);
      // One purge at a time (the anchor moves forward only).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('clearway:audit_purge', 0))`);
      const anchor = (await latestAnchor(tx)) ?? { seq: 0, hash: CHAIN_GENESIS };
      const links = await queryRows<Link>(
        tx,
        sql`with longest as (
              select coalesce(max(audit_retention_years), ${AUDIT_RETENTION_YEARS.default}) as years from organizations
            )
            select c.seq::text, c.hash, c.prev_hash, e.id is not null as event_exists,
                   case when e.id is null then null else audit_chain_digest(c.prev_hash, e) end as recomputed,
                   coalesce(e.occurred_at + make_interval(years => coalesce(o.audit_retention_years, (select years from longest))) <= ${now.toISOString()}::timestamptz, false) as expired
            from audit_chain c
            left join audit_events e on e.id = c.event_id
            left join organizations o on o.id = e.actor_organization_id
            where c.seq > ${anchor.seq}
            order by c.seq
            limit ${batchSize}`,
      );
      let previous = anchor;
      for (const link of links) {
        if (!link.expired) break;
        const seq = Number(link.seq);
        if (seq !== previous.seq + 1 || link.prev_hash !== previous.hash || !link.event_exists || link.recomputed !== link.hash) {
          throw new AuditPurgeRefused(`the audit chain does not hold at link ${previous.seq + 1}: nothing was purged; run npm run audit:verify`);
        }
        previous = { seq, hash: link.hash };
      }
      if (previous.seq === anchor.seq) return { events: 0, scanned: links.length };

      await tx.execute(sql`insert into audit_chain_anchors (seq, hash, events_purged) values (${previous.seq}, ${previous.hash}, ${previous.seq - anchor.seq})`);
      const range = sql`select event_id from audit_chain where seq > ${anchor.seq} and seq <= ${previous.seq}`;
      await tx.execute(sql`delete from audit_event_survivors where audit_event_id in (${range})`);
      const [gone] = await queryRows<{ n: number }>(tx, sql`with gone as (delete from audit_events where id in (${range}) returning 1) select count(*)::int as n from gone`);
      await tx.execute(sql`delete from audit_chain where seq > ${anchor.seq} and seq <= ${previous.seq}`);
      const events = Number(gone?.n ?? 0);
      await recordAudit(tx, {
        actor: null,
        action: "audit.purged",
        details: { events, fromSeq: anchor.seq + 1, anchorSeq: previous.seq, anchorHash: previous.hash },
      });
      counts.anchorSeq = previous.seq;
      return { events, scanned: links.length };
    });
    counts.events += removed.events;
    // Stop when the batch ended at an event still kept (or at the chain's end).
    if (removed.events < batchSize || removed.scanned < batchSize) return counts;
  }
}
