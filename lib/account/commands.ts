import { eq } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import {
  clearThrottle,
  LOCKOUT_POLICY,
  lockIfExhausted,
  minutesUntil,
  reserveAttempt,
} from "../auth/authenticate";
import { hashPassword, verifyPassword } from "../auth/password";
import { assertPasswordAllowed } from "../auth/password-policy";
import { sessionThrottleKey } from "./two-factor";
import { assertCan } from "../auth/policy";
import { changePasswordSchema } from "../auth/schema";
import { endSession, endUserSessions, type SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";


/** Signs the person out everywhere except here. */
export async function endOtherSessions(me: SessionUser, meta: RequestMeta, db: Db = getDb()): Promise<number> {
  assertCan(me, "account.manage");
  return db.transaction(async (tx) => {
    const ended = await endUserSessions(tx, me.id, "revoked", { keepSessionId: me.sessionId });
    await recordAudit(tx, {
      actor: auditActor(me),
      action: "auth.sessions_revoked",
      target: { type: "user", id: me.id },
      meta,
      details: { ended },
    });
    return ended;
  });
}

/**
 * Ends this session in the database, so the cookie is worthless even if a copy survives. No
 * permission check on purpose: signing out must always work.
 */
export async function endCurrentSession(me: SessionUser, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  await db.transaction(async (tx) => {
    await endSession(tx, me.sessionId, "sign_out");
    await recordAudit(tx, {
      actor: auditActor(me),
      action: "auth.sign_out",
      target: { type: "user", id: me.id },
      meta,
      details: { sessionId: me.sessionId },
    });
  });
}

/**
 * Anyone changes their own password by proving the current one. A wrong current password counts
 * toward the same lockout as sign-in, so this form is no way around it. Other sessions end.
 */
export async function changeOwnPassword(
  me: SessionUser,
  input: z.input<typeof changePasswordSchema>,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<void> {
  assertCan(me, "account.manage");
  const data = parseInput(changePasswordSchema, input);
  const [current] = await db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, me.id))
    .limit(1);
  if (!current) throw new AppError("not_found");

  // Before anything is counted: a refused choice of new password is not a wrong guess at the current one.
  assertPasswordAllowed("newPassword", data.newPassword, { name: me.name, email: current.email, organizationName: me.organizationName });
  const now = new Date();
  // The session's counter: a trusted device's when its sign-in was counted there, so whoever keeps the
  // account locked does not also stop its owner changing her password.
  const key = await sessionThrottleKey(db, me);
  const attempt = await reserveAttempt(db, key, now, me.id);
  if (attempt.lockedUntil || attempt.count > LOCKOUT_POLICY.maxFailures) {
    const minutes = attempt.lockedUntil ? minutesUntil(attempt.lockedUntil, now) : LOCKOUT_POLICY.lockMinutes;
    throw fieldError("currentPassword", `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  if (!(await verifyPassword(current.passwordHash, data.currentPassword))) {
    const lockedUntil = await db.transaction(async (tx) => {
      const until = await lockIfExhausted(tx, key, attempt.count, now);
      await recordAudit(tx, {
        actor: auditActor(me),
        action: "auth.sign_in_failed",
        target: { type: "user", id: me.id },
        meta,
        details: { reason: "wrong_current_password", attempt: attempt.count },
      });
      if (until) {
        await recordAudit(tx, {
          actor: auditActor(me),
          action: "auth.lockout",
          target: { type: "user", id: me.id },
          meta,
          details: { failures: attempt.count, lockedUntil: until.toISOString() },
        });
      }
      return until;
    });
    throw fieldError(
      "currentPassword",
      lockedUntil
        ? `That is not your current password. Too many wrong passwords: try again in ${LOCKOUT_POLICY.lockMinutes} minutes.`
        : "That is not your current password.",
    );
  }
  const passwordHash = await hashPassword(data.newPassword);
  await db.transaction(async (tx) => {
    await clearThrottle(tx, key);
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, updatedAt: now })
      .where(eq(users.id, me.id));
    const ended = await endUserSessions(tx, me.id, "password_changed", { keepSessionId: me.sessionId, now });
    await recordAudit(tx, {
      actor: auditActor(me),
      action: "auth.password_changed",
      target: { type: "user", id: me.id },
      meta,
      details: { otherSessionsEnded: ended },
    });
  });
}
