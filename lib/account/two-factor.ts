import { and, count, eq, isNull, lt, or } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { secondFactorRequirements, userRecoveryCodes, userSessions } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import { clearThrottle, LOCKOUT_POLICY, lockIfExhausted, minutesUntil, reserveAttempt, throttleKeyFor } from "../auth/authenticate";
import { verifyPassword } from "../auth/password";
import { assertCan } from "../auth/policy";
import { secondFactorRequiredFor, type SessionUser } from "../auth/sessions";
import { matchTotp, newRecoveryCodes, newTotpSecret, recoveryCodeHash, totpDigits, totpQrSvg, totpUri } from "../auth/totp";
import { decryptField, encryptField } from "../crypto/fields";
import { openSealed, sealText } from "../crypto/seal";
import { AppError, fieldError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";
import { confirmEnrolmentSchema, secondFactorSchema, totpCodeSchema } from "./two-factor-schema";

// Two-step sign-in (ASVS 6.3.3): after the password, a code from an authenticator app (TOTP) or one
// of ten recovery codes. The secret is encrypted like survivors' details, bound to its row and column;
// each TOTP code works once (the last accepted time step is kept, and a code of that step or earlier
// is refused, atomically); each recovery code works once. Wrong codes count toward the account's
// sign-in lockout, the same counter as wrong passwords.

const SECRET_FIELD = "users.totp_secret";

/** A TOTP secret as stored in users.totp_secret: encrypted, bound to the account's row and that column. */
export function encryptTotpSecret(secret: string, userId: string): string {
  return encryptField(secret, { field: SECRET_FIELD, rowId: userId });
}
const ENROLMENT_PURPOSE = "totp-enrolment";
/** How long the page that shows a new secret may take to be confirmed. */
const ENROLMENT_MINUTES = 15;


export type SecondFactorStatus = {
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  /** the account's role requires it (second_factor_requirements; always for administrators) */
  required: boolean;
  /** when an administrator last reset it, until it is set up again */
  resetAt: Date | null;
};

export async function secondFactorStatus(me: SessionUser, db: Db = getDb()): Promise<SecondFactorStatus> {
  assertCan(me, "account.manage");
  const [row] = await db
    .select({ enabledAt: users.totpEnabledAt, resetAt: users.secondFactorResetAt, required: secondFactorRequirements.required })
    .from(users)
    .leftJoin(secondFactorRequirements, eq(secondFactorRequirements.role, users.role))
    .where(eq(users.id, me.id));
  const [left] = await db
    .select({ n: count() })
    .from(userRecoveryCodes)
    .where(and(eq(userRecoveryCodes.userId, me.id), isNull(userRecoveryCodes.usedAt)));
  return {
    enabledAt: row?.enabledAt ?? null,
    recoveryCodesLeft: row?.enabledAt ? (left?.n ?? 0) : 0,
    required: secondFactorRequiredFor(me.role, row?.required),
    resetAt: row?.resetAt ?? null,
  };
}

export type Enrolment = { secret: string; uri: string; qrSvg: string; enrolment: string };

/**
 * A new secret to set up, not yet in effect: it travels sealed to this session (15 minutes) and takes
 * effect only when a code from it is confirmed (confirmEnrolment). Nothing is written.
 */
export async function startEnrolment(me: SessionUser): Promise<Enrolment> {
  assertCan(me, "account.manage");
  const secret = newTotpSecret();
  const uri = totpUri(secret, me.email);
  const enrolment = sealText(secret, { purpose: ENROLMENT_PURPOSE, holder: me.sessionId }, new Date(Date.now() + ENROLMENT_MINUTES * 60_000));
  return { secret, uri, qrSvg: await totpQrSvg(uri), enrolment };
}

/**
 * One counted try at something secret (a password, a code) for this account: counted on the account's
 * sign-in throttle before `check` runs, refused without running it while locked, and a failure may
 * lock the account, exactly as a wrong password at sign-in. `check` returns true on success.
 */
async function countedTry(db: Db, me: SessionUser, meta: RequestMeta, field: string, check: () => Promise<boolean>, wrong: string): Promise<void> {
  const now = new Date();
  const key = await sessionThrottleKey(db, me);
  const target = { type: "user", id: me.id };
  const attempt = await reserveAttempt(db, key, now, me.id);
  if (attempt.lockedUntil || attempt.count > LOCKOUT_POLICY.maxFailures) {
    const minutes = attempt.lockedUntil ? minutesUntil(attempt.lockedUntil, now) : LOCKOUT_POLICY.lockMinutes;
    await recordAudit(db, { actor: auditActor(me), action: "auth.second_factor_failed", target, meta, details: { reason: "locked" } });
    throw fieldError(field, `Too many wrong codes or passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  if (await check()) return;
  const lockedUntil = await db.transaction(async (tx) => {
    const until = await lockIfExhausted(tx, key, attempt.count, now);
    await recordAudit(tx, { actor: auditActor(me), action: "auth.second_factor_failed", target, meta, details: { reason: `wrong_${field}`, attempt: attempt.count } });
    if (until) {
      await recordAudit(tx, { actor: auditActor(me), action: "auth.lockout", target, meta, details: { failures: attempt.count, lockedUntil: until.toISOString() } });
    }
    return until;
  });
  throw fieldError(field, lockedUntil ? `${wrong} Too many wrong codes or passwords: try again in ${LOCKOUT_POLICY.lockMinutes} minutes.` : wrong);
}

/**
 * The sign-in counter this session's code and password tries count on: the trusted device's, when its
 * password step was counted there (lib/auth/trusted-device.ts), else the account's.
 */
export async function sessionThrottleKey(db: Db, me: SessionUser): Promise<string> {
  const [row] = await db.select({ key: userSessions.deviceThrottleKey }).from(userSessions).where(eq(userSessions.id, me.sessionId));
  return row?.key ?? throttleKeyFor(me.email);
}

/**
 * Puts the sealed secret in effect once the account's password and a code from the new secret check
 * out (someone who finds a session open must not be able to tie the account to their own phone):
 * sets the secret and ten new recovery codes, marks this session as having passed the second factor,
 * and returns the codes (shown once; only their hashes are kept). Refused when it is already on.
 */
export async function confirmEnrolment(me: SessionUser, input: z.input<typeof confirmEnrolmentSchema>, meta: RequestMeta, db: Db = getDb()): Promise<{ recoveryCodes: string[] }> {
  assertCan(me, "account.manage");
  const data = parseInput(confirmEnrolmentSchema, input);
  const secret = openSealed(data.enrolment, { purpose: ENROLMENT_PURPOSE, holder: me.sessionId });
  if (!secret) throw new AppError("conflict", "This setup page has expired. Start again: the code shown will be new.");
  const [account] = await db.select({ passwordHash: users.passwordHash, enabledAt: users.totpEnabledAt }).from(users).where(eq(users.id, me.id));
  if (!account) throw new AppError("not_found");
  if (account.enabledAt) throw new AppError("conflict", "Two-step sign-in is already on for this account.");
  if (!totpDigits(data.code)) throw fieldError("code", "Enter the six digits your authenticator app shows for Clearway.");
  await countedTry(db, me, meta, "currentPassword", () => verifyPassword(account.passwordHash, data.currentPassword), "That is not your current password.");
  const step = await matchTotp(secret, data.code);
  if (step === null) throw fieldError("code", "That code does not match. Check the app's time is right, and enter the code it shows now.");
  const codes = newRecoveryCodes();
  const now = new Date();
  await db.transaction(async (tx) => {
    const enabled = await tx
      .update(users)
      .set({ totpSecret: encryptTotpSecret(secret, me.id), totpEnabledAt: now, totpLastStep: step, secondFactorResetAt: null })
      .where(and(eq(users.id, me.id), isNull(users.totpEnabledAt)))
      .returning({ id: users.id });
    if (enabled.length === 0) throw new AppError("conflict", "Two-step sign-in is already on for this account.");
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, me.id));
    await tx.insert(userRecoveryCodes).values(codes.map((code) => ({ userId: me.id, codeHash: recoveryCodeHash(code)!, createdAt: now })));
    await tx.update(userSessions).set({ secondFactorAt: now }).where(eq(userSessions.id, me.sessionId));
    await clearThrottle(tx, throttleKeyFor(me.email));
    await recordAudit(tx, { actor: auditActor(me), action: "auth.second_factor_enrolled", target: { type: "user", id: me.id }, meta });
  });
  return { recoveryCodes: codes };
}

/** Ten new recovery codes in place of the old ones, for someone who gives a current code (counted like any code). */
export async function renewRecoveryCodes(me: SessionUser, input: z.input<typeof totpCodeSchema>, meta: RequestMeta, db: Db = getDb()): Promise<{ recoveryCodes: string[] }> {
  assertCan(me, "account.manage");
  const data = parseInput(totpCodeSchema, input);
  await countedTry(db, me, meta, "code", async () => (await spendCode(db, me.id, data.code, { recoveryCodes: false })) !== null, "That code does not match, or was used already. Enter the code your app shows now.");
  const codes = newRecoveryCodes();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, me.id));
    await tx.insert(userRecoveryCodes).values(codes.map((code) => ({ userId: me.id, codeHash: recoveryCodeHash(code)!, createdAt: now })));
    await clearThrottle(tx, await sessionThrottleKey(tx, me));
    await recordAudit(tx, { actor: auditActor(me), action: "auth.recovery_codes_renewed", target: { type: "user", id: me.id }, meta });
  });
  return { recoveryCodes: codes };
}

/**
 * The second step of signing in, for a session that has passed the password and waits for it: a TOTP
 * code (once) or a recovery code (once). Wrong codes count toward the account's lockout like wrong
 * passwords, and only passing this step clears that count; while locked, no code is checked.
 */
export async function verifySecondFactor(me: SessionUser, input: z.input<typeof secondFactorSchema>, meta: RequestMeta, db: Db = getDb()): Promise<{ method: "totp" | "recovery_code"; recoveryCodesLeft: number }> {
  const data = parseInput(secondFactorSchema, input);
  const [session] = await db
    .select({ secondFactorAt: userSessions.secondFactorAt, enabledAt: users.totpEnabledAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, me.sessionId), eq(userSessions.userId, me.id)));
  if (!session?.enabledAt || session.secondFactorAt) throw new AppError("conflict", "This session is not waiting for a code.");
  const now = new Date();
  let method: "totp" | "recovery_code" | null = null;
  await countedTry(
    db,
    me,
    meta,
    "code",
    async () => (method = await spendCode(db, me.id, data.code, { recoveryCodes: true, now })) !== null,
    "That code does not match, or was used already. Enter the code your app shows now, or a recovery code.",
  );
  const passed = method!;
  const left = await db.transaction(async (tx) => {
    await clearThrottle(tx, await sessionThrottleKey(tx, me));
    await tx.update(userSessions).set({ secondFactorAt: now }).where(eq(userSessions.id, me.sessionId));
    const [remaining] = await tx
      .select({ n: count() })
      .from(userRecoveryCodes)
      .where(and(eq(userRecoveryCodes.userId, me.id), isNull(userRecoveryCodes.usedAt)));
    await recordAudit(tx, { actor: auditActor(me), action: "auth.second_factor_passed", target: { type: "user", id: me.id }, meta, details: { method: passed, sessionId: me.sessionId } });
    return remaining?.n ?? 0;
  });
  return { method: passed, recoveryCodesLeft: left };
}

/**
 * Checks a code and uses it up, atomically: a TOTP step is recorded only if it is later than the last
 * one recorded (two requests with the same code: one wins), a recovery code is marked used only if it
 * was unused. Returns what matched, or null.
 */
async function spendCode(db: Db, userId: string, typed: string, options: { recoveryCodes: boolean; now?: Date }): Promise<"totp" | "recovery_code" | null> {
  const [row] = await db.select({ secret: users.totpSecret, lastStep: users.totpLastStep }).from(users).where(eq(users.id, userId));
  if (!row?.secret) return null;
  if (totpDigits(typed)) {
    const secret = decryptField(row.secret, { field: SECRET_FIELD, rowId: userId })!;
    const step = await matchTotp(secret, typed, { afterStep: row.lastStep, now: options.now });
    if (step === null) return null;
    const claimed = await db
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return claimed.length > 0 ? "totp" : null;
  }
  if (!options.recoveryCodes) return null;
  const hash = recoveryCodeHash(typed);
  if (!hash) return null;
  const used = await db
    .update(userRecoveryCodes)
    .set({ usedAt: options.now ?? new Date() })
    .where(and(eq(userRecoveryCodes.userId, userId), eq(userRecoveryCodes.codeHash, hash), isNull(userRecoveryCodes.usedAt)))
    .returning({ id: userRecoveryCodes.id });
  return used.length > 0 ? "recovery_code" : null;
}

/** For tests and the demo: the account's current secret (decrypted), or null. */
export async function totpSecretOf(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, userId));
  return row?.secret ? decryptField(row.secret, { field: SECRET_FIELD, rowId: userId }) : null;
}
