import { desc, eq, sql } from "drizzle-orm";
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

/** Why a link does not hold. */
export type ChainProblem =
  /** The event's content no longer gives the hash recorded when it was chained (it was altered). */
  | "event_altered"
  /** A link's prevHash is not the previous link's hash (a link was altered, removed or inserted). */
  | "link_mismatch"
  /** The sequence skips a number (a link was removed). */
  | "link_missing"
  /** A link's event is gone (deleted without going through retention). */
  | "event_missing"
  /** An event that committed without a link (inserted with the chain trigger disabled). */
  | "event_unchained"
  /** The head does not name the last link. */
  | "head_mismatch";

export const CHAIN_PROBLEM_TEXT: Record<ChainProblem, string> = {
  event_altered: "An audit event was changed after it was recorded.",
  link_mismatch: "A link of the chain does not follow from the one before it.",
  link_missing: "A link of the chain is missing.",
  event_missing: "An audit event was removed.",
  event_unchained: "An audit event was recorded outside the chain.",
  head_mismatch: "The chain's head does not match its last link.",
};

export type ChainVerification = {
  intact: boolean;
  linksChecked: number;
  headSeq: number | null;
  headHash: string | null;
  broken: { seq: number | null; eventId: number | null; problem: ChainProblem } | null;
  durationMs: number;
};

type LinkRow = { seq: string; event_id: string; prev_hash: string; hash: string; recomputed: string | null; event_exists: boolean };

/**
 * Walks the whole chain in seq order, in batches (memory stays flat however long the trail), and
 * stops at the first link that does not hold. Reads only; record the outcome with recordVerification.
 * The first link's prevHash is taken as given: retention may have purged what came before it.
 */
export async function verifyAuditChain(db: Db, options: { batchSize?: number } = {}): Promise<ChainVerification> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 5_000;
  let linksChecked = 0;
  let previous: { seq: number; hash: string } | null = null;
  const done = (broken: ChainVerification["broken"], head: { seq: number; hash: string } | null): ChainVerification => ({
    intact: broken === null,
    linksChecked,
    headSeq: head?.seq ?? null,
    headHash: head?.hash ?? null,
    broken,
    durationMs: Math.round(performance.now() - started),
  });

  for (;;) {
    const after: number = previous?.seq ?? -1;
    const links: LinkRow[] = await queryRows<LinkRow>(db, sql`
      select c.seq::text, c.event_id::text, c.prev_hash, c.hash,
             case when e.id is null then null else audit_chain_digest(c.prev_hash, e) end as recomputed,
             e.id is not null as event_exists
      from audit_chain c left join audit_events e on e.id = c.event_id
      where c.seq > ${after}
      order by c.seq
      limit ${batchSize}`);
    for (const link of links) {
      const seq: number = Number(link.seq);
      const eventId = Number(link.event_id);
      if (previous && seq !== previous.seq + 1) return done({ seq: previous.seq + 1, eventId: null, problem: "link_missing" }, null);
      if (previous && link.prev_hash !== previous.hash) return done({ seq, eventId, problem: "link_mismatch" }, null);
      if (!link.event_exists) return done({ seq, eventId, problem: "event_missing" }, null);
      if (link.recomputed !== link.hash) return done({ seq, eventId, problem: "event_altered" }, null);
      linksChecked += 1;
      previous = { seq, hash: link.hash };
    }
    if (links.length < batchSize) break;
  }

  const [head] = await queryRows<{ seq: string; hash: string }>(db, sql`select seq::text, hash from audit_chain_head where id`);
  const headLink = head ? { seq: Number(head.seq), hash: head.hash } : null;
  // An empty chain's head is the genesis (seq 0); otherwise it names the last link.
  const expected = previous ?? { seq: 0, hash: headLink?.seq === 0 ? headLink.hash : "" };
  if (!headLink || headLink.seq !== expected.seq || headLink.hash !== expected.hash) {
    return done({ seq: headLink?.seq ?? null, eventId: null, problem: "head_mismatch" }, headLink);
  }

  // Committed events without a link. (An event whose transaction is still committing is not yet
  // visible here, so it is never mistaken for one.)
  const [unchained] = await queryRows<{ id: string }>(
    db,
    sql`select e.id::text from audit_events e where not exists (select 1 from audit_chain c where c.event_id = e.id) order by e.id limit 1`,
  );
  if (unchained) return done({ seq: null, eventId: Number(unchained.id), problem: "event_unchained" }, headLink);

  return done(null, headLink);
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
  return recordVerification(db, await verifyAuditChain(db), me.id);
}
