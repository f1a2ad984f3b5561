import { and, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "../../db/client";
import { signInThrottles, userSessions } from "../../db/schema/auth";
import { idempotencyKeys } from "../../db/schema/idempotency";
import { recordAudit } from "../audit/record";
import { ADDRESS_POLICY, LOCKOUT_POLICY } from "../auth/authenticate";

// Retention of what only served a moment (issue 15): session rows after they ended, a form's
// idempotency key after the form can no longer be sent again, and sign-in counters after their window.

const DAY_MS = 86_400_000;

export const RETENTION = {
  /**
   * A session row stays this long after it ended or expired. The audit trail names sessions in its
   * details (auth.sign_in, auth.session_ended: `sessionId`), so a recent incident can still be followed
   * from an event to the session's address, browser and end reason. A live session is never purged:
   * it has neither ended nor expired.
   */
  sessionDays: 30,
  /**
   * A form's key answers a repeated submit (a double click, a retry, Back and resubmit) for this long:
   * far beyond the longest session (CLEARWAY_SESSION_MAX_HOURS, at most 24), after which a form
   * rendered in it cannot be sent without signing in again.
   */
  idempotencyKeyDays: 7,
  /**
   * A sign-in counter (per account, address, block or trusted device) counts nothing once its window
   * and any lock have ended: the next attempt starts it again at 1 (reserveAttempt). Kept one day
   * more, so the day's lockouts can still be looked at.
   */
  signInCounterDays: 1,
  /** Rows per DELETE: a large backlog is removed in short statements that hold few locks. */
  batchSize: 1000,
} as const;

export type PurgeCounts = { sessions: number; idempotencyKeys: number; signInCounters: number };

/**
 * Deletes the rows `where` picks, a batch per statement, until none is left. The condition is checked
 * again on each row as it is deleted, so a row that changed meanwhile (a counter started again by a
 * new attempt) is left alone.
 */
async function deleteInBatches(db: Db, table: PgTable, where: SQL): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await queryRows<{ n: number }>(
      db,
      sql`with gone as (
            delete from ${table}
            where ctid = any(array(select ctid from ${table} where ${where} limit ${RETENTION.batchSize})) and ${where}
            returning 1
          )
          select count(*)::int as n from gone`,
    );
    const deleted = Number(row?.n ?? 0);
    total += deleted;
    if (deleted < RETENTION.batchSize) return total;
  }
}

/** The purge job: what it deleted, by kind. One audit event (counts only) when it deleted anything. */
export async function purgeExpiredRecords(db: Db, now = new Date()): Promise<PurgeCounts> {
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS);

  const sessionCutoff = before(RETENTION.sessionDays);
  const sessions = await deleteInBatches(
    db,
    userSessions,
    or(lt(userSessions.endedAt, sessionCutoff), lt(userSessions.expiresAt, sessionCutoff))!,
  );

  const idempotencyKeysPurged = await deleteInBatches(db, idempotencyKeys, lt(idempotencyKeys.createdAt, before(RETENTION.idempotencyKeyDays)));

  const counterCutoff = before(RETENTION.signInCounterDays);
  const longestWindowMs = Math.max(LOCKOUT_POLICY.windowMinutes, ADDRESS_POLICY.windowMinutes) * 60_000;
  const signInCounters = await deleteInBatches(
    db,
    signInThrottles,
    and(
      lt(signInThrottles.windowStartedAt, new Date(counterCutoff.getTime() - longestWindowMs)),
      or(isNull(signInThrottles.lockedUntil), lt(signInThrottles.lockedUntil, counterCutoff)),
    )!,
  );

  const counts = { sessions, idempotencyKeys: idempotencyKeysPurged, signInCounters };
  // Nothing purged, nothing to say: an event a day saying "0" would only lengthen the append-only
  // trail (the run itself is in pgboss.job). A purge is a deletion, so it is always recorded.
  if (sessions + idempotencyKeysPurged + signInCounters > 0) {
    await recordAudit(db, {
      actor: null,
      action: "system.retention_purged",
      details: {
        ...counts,
        sessionDays: RETENTION.sessionDays,
        idempotencyKeyDays: RETENTION.idempotencyKeyDays,
        signInCounterDays: RETENTION.signInCounterDays,
      },
    });
  }
  return counts;
}
