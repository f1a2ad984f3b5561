import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { signInThrottles } from "../../db/schema/auth";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import { addressBlock, normalizeAddress } from "../client-address";
import { keyedHash } from "../crypto/keys";
import type { RequestMeta } from "../request-meta";
import { hashPassword, needsRehash, verifyPassword } from "./password";
import type { Role } from "./roles";
import { normalizeEmail } from "./schema";
import { startSession } from "./sessions";
import { deviceThrottleKey, trustedDeviceFor } from "./trusted-device";

// Five failed attempts within fifteen minutes lock the account for fifteen minutes. The counter lives
// in the database, so it holds across restarts and across app instances.
export const LOCKOUT_POLICY = { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 } as const;

// Besides each account's counter, failed attempts are counted per client address and per address block
// (its /24 or /64), so one source cannot try a password on many accounts, or lock many people out. A
// attempt with the right password gives its count back, so an office of forty behind one address is
// never stopped by its own morning. Over the limit, attempts from there are refused for the rest of the
// window without checking anything and without counting against any account.
export const ADDRESS_POLICY = { maxPerAddress: 20, maxPerBlock: 100, windowMinutes: 15 } as const;

type AuthenticatedUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string | null;
  sessionId: string;
};

type AuthOutcome =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "inactive" }
  | { ok: false; reason: "awaiting_approval" | "approval_declined"; organizationName: string | null }
  | { ok: false; reason: "locked"; retryAfterMinutes: number }
  | { ok: false; reason: "address_limited"; retryAfterMinutes: number };

type Options = {
  now?: Date;
  sessionMaxHours: number;
  /** the trusted-device cookie the browser sent (lib/auth/trusted-device.ts), if any */
  trustedDevice?: string | null;
};

/**
 * Checks an email and password and, when they match an active account, opens a session.
 *
 * The attempt is counted *before* the password is verified, in one atomic upsert: parallel guesses
 * cannot slip past the limit while a verification is in flight, and attempts over the limit are
 * refused without verifying anything. Unknown emails are counted and verified (against a dummy hash)
 * exactly like known ones, so neither the message, the lockout nor the timing reveals which exist.
 */
export async function authenticate(
  db: Db,
  credentials: { email: string; password: string },
  meta: RequestMeta,
  options: Options,
): Promise<AuthOutcome> {
  const now = options.now ?? new Date();
  const email = normalizeEmail(credentials.email);
  const accountKey = throttleKeyFor(email);
  // A short, stable reference to the typed email, so repeated attempts on one unknown address can be
  // correlated in the audit trail without storing what was typed (people paste passwords there).
  const account = accountKey.slice(0, 12);

  const user = await findAccount(db, email);
  const target = user ? { type: "user", id: user.id } : null;
  // From a browser where the owner passed this account's second factor lately, attempts count on that
  // device's own counter: whoever locks the account from elsewhere does not keep its owner out.
  const device = user ? trustedDeviceFor(options.trustedDevice, user, now) : null;
  const throttleKey = device ? deviceThrottleKey(device) : accountKey;

  const addresses = addressThrottleKeys(meta.ip);
  const limited = await reserveAddressAttempts(db, addresses, now);
  if (limited) {
    // The first refusal of the window is audited; the rest of a flood is not (each audit event is a
    // write under the audit chain's lock, and an attacker's flood must not slow everyone's writes).
    if (limited.firstRefusal) await recordAudit(db, {
      actor: null,
      action: "auth.sign_in_failed",
      target,
      meta,
      details: { reason: "address_limited", scope: limited.scope, account, attempt: limited.count },
    });
    return { ok: false, reason: "address_limited", retryAfterMinutes: limited.retryAfterMinutes };
  }

  const attempt = await reserveAttempt(db, throttleKey, now, user?.id ?? null);

  if (attempt.lockedUntil || attempt.count > LOCKOUT_POLICY.maxFailures) {
    const until = attempt.lockedUntil ?? new Date(now.getTime() + LOCKOUT_POLICY.lockMinutes * 60_000);
    await recordAudit(db, {
      actor: null,
      action: "auth.sign_in_failed",
      target,
      meta,
      details: { reason: "locked", account, lockedUntil: until.toISOString(), trustedDevice: device !== null },
    });
    return { ok: false, reason: "locked", retryAfterMinutes: minutesUntil(until, now) };
  }

  const passwordMatches = await verifyPassword(user?.passwordHash ?? null, credentials.password);

  if (!user || !passwordMatches) {
    const lockNow = attempt.count >= LOCKOUT_POLICY.maxFailures;
    await db.transaction(async (tx) => {
      const lockedUntil = await lockIfExhausted(tx, throttleKey, attempt.count, now);
      await recordAudit(tx, {
        actor: null,
        action: "auth.sign_in_failed",
        target,
        meta,
        details: { reason: user ? "wrong_password" : "unknown_account", account, attempt: attempt.count, trustedDevice: device !== null },
      });
      if (lockedUntil) {
        await recordAudit(tx, {
          actor: null,
          action: "auth.lockout",
          target,
          meta,
          details: { account, failures: attempt.count, lockedUntil: lockedUntil.toISOString() },
        });
      }
    });
    return lockNow
      ? { ok: false, reason: "locked", retryAfterMinutes: LOCKOUT_POLICY.lockMinutes }
      : { ok: false, reason: "invalid" };
  }

  // The right password is not a guess: the address gets its attempt back, whatever is said next.
  await refundAttempts(db, addresses.map((a) => a.key));
  const actor = auditActor(user);

  if (!user.active || user.organizationActive === false) {
    await recordAudit(db, {
      actor: null,
      action: "auth.sign_in_failed",
      target,
      meta,
      details: { reason: user.active ? "organization_inactive" : "account_inactive", account },
    });
    return { ok: false, reason: "inactive" };
  }

  // Like a deactivated account, this is said only after the password was verified: nobody learns
  // from it that an email has an account.
  if (user.approvalStatus !== "approved") {
    const declined = user.approvalStatus === "declined";
    await recordAudit(db, {
      actor: null,
      action: "auth.sign_in_failed",
      target,
      meta,
      details: { reason: declined ? "approval_declined" : "approval_pending", account },
    });
    return { ok: false, reason: declined ? "approval_declined" : "awaiting_approval", organizationName: user.organizationName };
  }

  // Hash outside the transaction: 0.1 s of CPU should not hold PGlite's single connection.
  const upgradedHash = needsRehash(user.passwordHash) ? await hashPassword(credentials.password) : null;

  const sessionId = await db.transaction(async (tx) => {
    // With a second factor, earlier failures stay counted until it is passed (lib/account/two-factor.ts):
    // wrong codes count on this counter too, and the password alone must not wipe them. This
    // attempt, with the right password, is given back.
    if (user.totpEnabledAt) await refundAttempts(tx, [throttleKey]);
    else await clearThrottle(tx, throttleKey);
    await tx
      .update(users)
      .set({ lastSignInAt: now, ...(upgradedHash ? { passwordHash: upgradedHash } : {}) })
      .where(eq(users.id, user.id));
    const id = await startSession(tx, {
      userId: user.id,
      now,
      maxHours: options.sessionMaxHours,
      ip: meta.ip,
      userAgent: meta.userAgent,
      deviceThrottleKey: device ? throttleKey : null,
    });
    await recordAudit(tx, { actor, action: "auth.sign_in", target, meta, details: { sessionId: id, trustedDevice: device !== null } });
    return id;
  });

  return {
    ok: true,
    user: {
      id: user.id,
      name: user.name,
      email: user.email,
      role: user.role,
      organizationId: user.organizationId,
      sessionId,
    },
  };
}

type AddressKey = { scope: "address" | "block"; key: string; max: number };

/** The throttle rows of a client address: its own and its block's (keyed hashes, never the address). */
export function addressThrottleKeys(ip: string | null): AddressKey[] {
  const address = ip ? normalizeAddress(ip) : null;
  // No address (it could not be known): all such attempts share one count, at the block's limit.
  if (!address) return [{ scope: "block", key: keyedHash("sign-in-block", "unknown"), max: ADDRESS_POLICY.maxPerBlock }];
  const block = addressBlock(address);
  return [
    { scope: "address", key: keyedHash("sign-in-address", address), max: ADDRESS_POLICY.maxPerAddress },
    ...(block && block !== address ? [{ scope: "block" as const, key: keyedHash("sign-in-block", block), max: ADDRESS_POLICY.maxPerBlock }] : []),
  ];
}

/** Counts one attempt for the address and its block; says which is over its limit, if either is. */
async function reserveAddressAttempts(db: Db, keys: AddressKey[], now: Date) {
  const t = signInThrottles;
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - ADDRESS_POLICY.windowMinutes * 60_000).toISOString()}::timestamptz`;
  const startOver = sql`${t.windowStartedAt} <= ${windowStart}`;
  for (const { scope, key, max } of keys) {
    const [row] = await db
      .insert(t)
      .values({ key, userId: null, attempts: 1, windowStartedAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: t.key,
        set: {
          attempts: sql`case when ${startOver} then 1 else ${t.attempts} + 1 end`,
          windowStartedAt: sql`case when ${startOver} then ${at} else ${t.windowStartedAt} end`,
          updatedAt: now,
        },
      })
      .returning({ attempts: t.attempts, windowStartedAt: t.windowStartedAt });
    if (row && row.attempts > max) {
      const until = new Date(row.windowStartedAt.getTime() + ADDRESS_POLICY.windowMinutes * 60_000);
      return { scope, count: row.attempts, firstRefusal: row.attempts === max + 1, retryAfterMinutes: minutesUntil(until, now) };
    }
  }
  return null;
}

/** Gives back one counted attempt on these throttle rows (an attempt with the right password is not a guess). */
async function refundAttempts(db: Db, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .update(signInThrottles)
    .set({ attempts: sql`greatest(${signInThrottles.attempts} - 1, 0)` })
    .where(inArray(signInThrottles.key, keys));
}

/** The throttle row's key: a keyed hash of the normalized email (never the email itself). */
export function throttleKeyFor(email: string): string {
  return keyedHash("sign-in-throttle", normalizeEmail(email));
}

/** After a failed attempt: locks the account when that attempt used up the allowance. */
export async function lockIfExhausted(db: Db, key: string, attemptCount: number, now: Date): Promise<Date | null> {
  if (attemptCount < LOCKOUT_POLICY.maxFailures) return null;
  const lockedUntil = new Date(now.getTime() + LOCKOUT_POLICY.lockMinutes * 60_000);
  await db.update(signInThrottles).set({ lockedUntil, updatedAt: now }).where(eq(signInThrottles.key, key));
  return lockedUntil;
}

export async function clearThrottle(db: Db, key: string): Promise<void> {
  await db.delete(signInThrottles).where(eq(signInThrottles.key, key));
}

async function findAccount(db: Db, email: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationId: users.organizationId,
      passwordHash: users.passwordHash,
      active: users.active,
      approvalStatus: users.approvalStatus,
      totpEnabledAt: users.totpEnabledAt,
      passwordChangedAt: users.passwordChangedAt,
      organizationName: organizations.name,
      organizationActive: organizations.active,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.email, email))
    .limit(1);
  return row ?? null;
}

/**
 * Counts one attempt for this account, atomically. Returns the attempt number within the current
 * window, or the time the account is locked until (then nothing is counted). An expired window or
 * an expired lock starts a new window at 1.
 */
export async function reserveAttempt(db: Db, key: string, now: Date, userId: string | null): Promise<{ count: number; lockedUntil: Date | null }> {
  const t = signInThrottles;
  const at = sql`${now.toISOString()}::timestamptz`;
  const windowStart = sql`${new Date(now.getTime() - LOCKOUT_POLICY.windowMinutes * 60_000).toISOString()}::timestamptz`;
  const lockActive = sql`(${t.lockedUntil} is not null and ${t.lockedUntil} > ${at})`;
  const startOver = sql`(${t.windowStartedAt} <= ${windowStart} or ${t.lockedUntil} is not null)`;

  const [row] = await db
    .insert(t)
    .values({ key, userId, attempts: 1, windowStartedAt: now, lockedUntil: null, updatedAt: now })
    .onConflictDoUpdate({
      target: t.key,
      set: {
        attempts: sql`case when ${lockActive} then ${t.attempts} when ${startOver} then 1 else ${t.attempts} + 1 end`,
        windowStartedAt: sql`case when ${lockActive} then ${t.windowStartedAt} when ${startOver} then ${at} else ${t.windowStartedAt} end`,
        lockedUntil: sql`case when ${lockActive} then ${t.lockedUntil} else null end`,
        userId,
        updatedAt: now,
      },
    })
    .returning({ attempts: t.attempts, lockedUntil: t.lockedUntil });

  if (!row) throw new Error("sign-in throttle upsert returned no row");
  const lockedUntil = row.lockedUntil && row.lockedUntil.getTime() > now.getTime() ? row.lockedUntil : null;
  return { count: row.attempts, lockedUntil };
}

export function minutesUntil(until: Date, now: Date): number {
  return Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
}
