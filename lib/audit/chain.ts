import { and, desc, eq, isNotNull, sql } from "drizzle-orm";
import { getDb, queryRows, type Db } from "../../db/client";
import { auditVerifications, type AuditVerificationRow } from "../../db/schema/audit";
import { users } from "../../db/schema/users";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";

// The audit trail's hash chain (migration 0029): each event, as it commits, gets a link whose hash
// covers the event's canonical form and the previous link's hash. Changing, removing or slipping in an
// event without re-hashing everything after it breaks the chain at that event, and this walk finds the
// first place it breaks. (Someone who can disable triggers can also re-hash the whole chain: comparing
// the head with a copy kept elsewhere, such as a verification's headSeq and the hash printed by
// `npm run audit:verify`, is what catches that.)
//
// Retention (lib/audit/purge.ts) removes the chain's oldest links with their events and records the
// last removed link as an anchor (audit_chain_anchors, migration 0032). The walk then starts from the
// latest anchor instead of the genesis: the first remaining link must follow the anchor's hash, and
// the anchor must be named by the audit.purged event that set it, further down the chain.

/** Why a link does not hold. */
export type ChainProblem =
  /** The event's content no longer gives the hash recorded when it was chained (it was altered). */
  | "event_altered"
  /** A link's prevHash is not the previous link's hash (a link was altered, removed or inserted). */
  | "link_mismatch"
  /** The sequence skips a number, or does not start at 1 (a link was removed). */
  | "link_missing"
  /** A link's event is gone (deleted). */
  | "event_missing"
  /** An event that committed without a link (inserted with the chain trigger disabled). */
  | "event_unchained"
  /** The head does not name the last link. */
  | "head_mismatch"
  /** The link an earlier verification ended at is gone or different (the chain was cut back and re-grown). */
  | "chain_rewritten"
  /** The chain starts at an anchor that no audit.purged event in the chain records (set outside a purge). */
  | "anchor_unrecorded";

export const CHAIN_PROBLEM_TEXT: Record<ChainProblem, string> = {
  event_altered: "An audit event was changed after it was recorded.",
  link_mismatch: "A link of the chain does not follow from the one before it.",
  link_missing: "A link of the chain is missing.",
  event_missing: "An audit event was removed.",
  event_unchained: "An audit event was recorded outside the chain.",
  head_mismatch: "The chain's head does not match its last link.",
  chain_rewritten: "Events verified earlier are gone or different: the chain was rewritten after that verification.",
  anchor_unrecorded: "The chain starts where no retention purge recorded that it would: its oldest events were removed outside a purge.",
};

/** The genesis: what the first link follows (SHA-256 of nothing, as migration 0029 set the head). */
export const CHAIN_GENESIS = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export type ChainVerification = {
  intact: boolean;
  linksChecked: number;
  headSeq: number | null;
  headHash: string | null;
  broken: { seq: number | null; eventId: number | null; problem: ChainProblem } | null;
  durationMs: number;
};

export type ChainAnchor = { seq: number; hash: string };

/** Where the chain begins now: the latest anchor a retention purge set, or null (it begins at the genesis). */
export async function latestAnchor(db: Db): Promise<ChainAnchor | null> {
  const [row] = await queryRows<{ seq: string; hash: string }>(db, sql`select seq::text, hash from audit_chain_anchors order by seq desc limit 1`);
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}

/** Whether the audit.purged event that set the anchor is in the chain after it, naming it. */
async function anchorRecorded(db: Db, anchor: ChainAnchor): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(
    db,
    sql`select exists (
          select 1 from audit_events e join audit_chain c on c.event_id = e.id
          where e.action = 'audit.purged' and c.seq > ${anchor.seq}
            and e.details->>'anchorSeq' = ${String(anchor.seq)} and e.details->>'anchorHash' = ${anchor.hash}
        ) as found`,
  );
  return row?.found === true;
}

type LinkRow = { seq: string; event_id: string; prev_hash: string; hash: string; recomputed: string | null; event_exists: boolean };

/**
 * Walks the chain from its first link to the head as it was when the walk began (events committed
 * meanwhile are left for the next walk, never mistaken for a break), in batches, and stops at the first
 * link that does not hold. The chain must start at link 1 from the genesis, or, once retention has
 * purged its oldest links, right after the latest anchor and from the anchor's hash (a purge that runs
 * during the walk moves the start on; the walk follows it). The link an earlier intact verification
 * ended at (`since`) must still carry the hash recorded then, unless retention has purged it since, so
 * cutting the newest events and re-hashing is caught too. Reads only; record the outcome with
 * recordVerification.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number; since?: { headSeq: number; headHash: string } | null } = {}): Promise<ChainVerification> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  const since = options.since ?? null;
  let linksChecked = 0;
  const [headRow] = await queryRows<{ seq: string; hash: string }>(db, sql`select seq::text, hash from audit_chain_head where id`);
  const head = headRow ? { seq: Number(headRow.seq), hash: headRow.hash } : null;
  const done = (broken: ChainVerification["broken"]): ChainVerification => ({
    intact: broken === null,
    linksChecked,
    headSeq: head?.seq ?? null,
    headHash: head?.hash ?? null,
    broken,
    durationMs: Math.round(performance.now() - started),
  });
  if (!head) return done({ seq: null, eventId: null, problem: "head_mismatch" });
  if (since && (head.seq < since.headSeq || (head.seq === since.headSeq && head.hash !== since.headHash))) {
    return done({ seq: since.headSeq, eventId: null, problem: "chain_rewritten" });
  }

  // Read after the head: a purge committed in between only moves the start forward (below).
  const anchor = await latestAnchor(db);
  if (anchor && anchor.seq > head.seq) return done({ seq: anchor.seq, eventId: null, problem: "head_mismatch" });
  if (anchor && !(await anchorRecorded(db, anchor))) return done({ seq: anchor.seq, eventId: null, problem: "anchor_unrecorded" });
  if (since && anchor && since.headSeq === anchor.seq && since.headHash !== anchor.hash) return done({ seq: since.headSeq, eventId: null, problem: "chain_rewritten" });

  let previous = anchor ?? { seq: 0, hash: CHAIN_GENESIS };
  /** A link missing right after `previous` is no break if a purge has just removed it: start again from its anchor. */
  const purgedMeanwhile = async (): Promise<boolean> => {
    const moved = await latestAnchor(db);
    if (!moved || moved.seq <= previous.seq || moved.seq > head.seq) return false;
    previous = moved;
    return true;
  };
  while (previous.seq < head.seq) {
    const links: LinkRow[] = await queryRows<LinkRow>(db, sql`
      select c.seq::text, c.event_id::text, c.prev_hash, c.hash,
             case when e.id is null then null else audit_chain_digest(c.prev_hash, e) end as recomputed,
             e.id is not null as event_exists
      from audit_chain c left join audit_events e on e.id = c.event_id
      where c.seq > ${previous.seq} and c.seq <= ${head.seq}
      order by c.seq
      limit ${batchSize}`);
    if (links.length === 0 || Number(links[0]!.seq) !== previous.seq + 1) {
      if (await purgedMeanwhile()) continue;
      return done({ seq: previous.seq + 1, eventId: null, problem: "link_missing" });
    }
    for (const link of links) {
      const seq: number = Number(link.seq);
      const eventId = Number(link.event_id);
      if (seq !== previous.seq + 1) return done({ seq: previous.seq + 1, eventId: null, problem: "link_missing" });
      if (link.prev_hash !== previous.hash) return done({ seq, eventId, problem: "link_mismatch" });
      if (!link.event_exists) return done({ seq, eventId, problem: "event_missing" });
      if (link.recomputed !== link.hash) return done({ seq, eventId, problem: "event_altered" });
      if (since && seq === since.headSeq && link.hash !== since.headHash) return done({ seq, eventId, problem: "chain_rewritten" });
      linksChecked += 1;
      previous = { seq, hash: link.hash };
    }
  }
  if (previous.hash !== head.hash) return done({ seq: head.seq, eventId: null, problem: "head_mismatch" });

  // Committed events without a link. (An event committed after the head was read has its link, made
  // in the same commit, so it is never mistaken for one.)
  const [unchained] = await queryRows<{ id: string }>(
    db,
    sql`select e.id::text from audit_events e where not exists (select 1 from audit_chain c where c.event_id = e.id) order by e.id limit 1`,
  );
  if (unchained) return done({ seq: null, eventId: Number(unchained.id), problem: "event_unchained" });

  return done(null);
}

/** Where the last intact verification ended: the next one checks the chain still passes through it. */
export async function lastIntactHead(db: Db): Promise<{ headSeq: number; headHash: string } | null> {
  const [row] = await db
    .select({ headSeq: auditVerifications.headSeq, headHash: auditVerifications.headHash })
    .from(auditVerifications)
    .where(and(eq(auditVerifications.intact, true), isNotNull(auditVerifications.headHash)))
    .orderBy(desc(auditVerifications.id))
    .limit(1);
  return row?.headSeq != null && row.headHash ? { headSeq: row.headSeq, headHash: row.headHash } : null;
}

/** Keeps a verification's outcome, for /admin/audit. */
export async function recordVerification(db: Db, result: ChainVerification, requestedBy: string | null): Promise<AuditVerificationRow> {
  const [row] = await db
    .insert(auditVerifications)
    .values({
      requestedBy,
      intact: result.intact,
      linksChecked: result.linksChecked,
      headSeq: result.headSeq,
      headHash: result.headHash,
      brokenSeq: result.broken?.seq ?? null,
      brokenEventId: result.broken?.eventId ?? null,
      problem: result.broken?.problem ?? null,
      durationMs: result.durationMs,
    })
    .returning();
  return row!;
}

export type VerificationView = AuditVerificationRow & { requestedByName: string | null };

/** The latest verification, with the name of the administrator who asked (null: the command line). */
export async function lastVerification(me: SessionUser, db: Db = getDb()): Promise<VerificationView | null> {
  assertCan(me, "audit.read");
  const [row] = await db
    .select({ verification: auditVerifications, requestedByName: users.name })
    .from(auditVerifications)
    .leftJoin(users, eq(users.id, auditVerifications.requestedBy))
    .orderBy(desc(auditVerifications.verifiedAt), desc(auditVerifications.id))
    .limit(1);
  return row ? { ...row.verification, requestedByName: row.requestedByName } : null;
}

/** An administrator walks the chain now (from /admin/audit); the outcome is kept like the command line's. */
export async function verifyAuditChainNow(me: SessionUser, db: Db = getDb()): Promise<AuditVerificationRow> {
  assertCan(me, "audit.read");
  return recordVerification(db, await verifyAuditChain(db, { since: await lastIntactHead(db) }), me.id);
}
