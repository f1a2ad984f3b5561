import { and, desc, eq, gt, inArray, isNull, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { secondFactorRequirements, userSessions, type SessionEndReason } from "../../db/schema/auth";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import { isUuid } from "../validation";
import type { Role } from "./roles";

/** The signed-in user as every page, query and command sees them: re-read from the database each request. */
export type SessionUser = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  mustChangePassword: boolean;
  sessionId: string;
};

export type SessionCheck =
  | { status: "active"; user: SessionUser }
  /** Signed in with the password, not yet with the account's second factor: only /sign-in/verify serves it. */
  | { status: "second_factor"; user: SessionUser }
  /**
   * Signed in with the password; the role requires a second factor and the account has none yet: only
   * setting it up (/account/two-factor), and before that choosing one's own password, serves it.
   */
  | { status: "second_factor_setup"; user: SessionUser }
  | { status: "ended"; reason: SessionEndReason | "missing" };

/**
 * Until an administrator decides otherwise (/admin/security), every role that can see survivor or matter
 * data must use a second factor. Law enforcement never sees a survivor (DESIGN.md). A new role must be
 * placed here to compile.
 */
export const SECOND_FACTOR_REQUIRED_BY_DEFAULT: Record<Role, boolean> = {
  admin: true,
  program_lead: true,
  advocate: true,
  attorney: true,
  prosecutor: true,
  partner: true,
  law_enforcement: false,
};

/**
 * Whether a role must use a second factor: its row in second_factor_requirements when an administrator
 * set one (null: none), else the default above. Administrators always must.
 */
export function secondFactorRequiredFor(role: Role, required: boolean | null | undefined): boolean {
  return role === "admin" || (required ?? SECOND_FACTOR_REQUIRED_BY_DEFAULT[role]);
}

/** How long a session may wait for its second factor before it ends. */
export const SECOND_FACTOR_MINUTES = 10;

// last_seen_at is refreshed at most this often, so busy pages do not write on every request.
const LAST_SEEN_RESOLUTION_MS = 15_000;

export async function startSession(
  db: Db,
  input: { userId: string; now: Date; maxHours: number; ip: string | null; userAgent: string | null; deviceThrottleKey?: string | null },
): Promise<string> {
  const [row] = await db
    .insert(userSessions)
    .values({
      userId: input.userId,
      createdAt: input.now,
      lastSeenAt: input.now,
      expiresAt: new Date(input.now.getTime() + input.maxHours * 3_600_000),
      ip: input.ip,
      userAgent: input.userAgent,
      deviceThrottleKey: input.deviceThrottleKey ?? null,
    })
    .returning({ id: userSessions.id });
  if (!row) throw new Error("session insert returned no row");
  return row.id;
}

/**
 * Checks a session id from the cookie against the database: it must exist, not be ended, not be past
 * its absolute expiry or idle limit, and belong to an active user of an active organization whose
 * account a program lead approved where one must (lib/users/approval.ts). One
 * primary-key look-up; a write only to note activity or to end the session.
 */
export async function resolveSession(
  db: Db,
  sessionId: string,
  options: { now: Date; idleMinutes: number; noteActivity?: boolean },
): Promise<SessionCheck> {
  if (!isUuid(sessionId)) return { status: "ended", reason: "missing" };
  const [row] = await db
    .select({
      sessionId: userSessions.id,
      lastSeenAt: userSessions.lastSeenAt,
      expiresAt: userSessions.expiresAt,
      endedAt: userSessions.endedAt,
      endReason: userSessions.endReason,
      createdAt: userSessions.createdAt,
      secondFactorAt: userSessions.secondFactorAt,
      totpEnabledAt: users.totpEnabledAt,
      secondFactorRequired: secondFactorRequirements.required,
      userId: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      userActive: users.active,
      approvalStatus: users.approvalStatus,
      mustChangePassword: users.mustChangePassword,
      organizationId: users.organizationId,
      organizationName: organizations.name,
      organizationActive: organizations.active,
    })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(secondFactorRequirements, eq(secondFactorRequirements.role, users.role))
    .where(eq(userSessions.id, sessionId))
    .limit(1);

  if (!row) return { status: "ended", reason: "missing" };
  if (row.endedAt) return { status: "ended", reason: row.endReason ?? "revoked" };

  const { now } = options;
  let ending: SessionEndReason | null = null;
  if (!row.userActive || row.organizationActive === false) ending = "deactivated";
  else if (row.approvalStatus !== "approved") ending = "approval_required";
  else if (row.expiresAt.getTime() <= now.getTime()) ending = "expired";
  else if (now.getTime() - row.lastSeenAt.getTime() > options.idleMinutes * 60_000) ending = "idle_timeout";
  // Waiting for the second factor is a step of signing in, not a session: it ends after ten minutes.
  else if (row.totpEnabledAt && !row.secondFactorAt && now.getTime() - row.createdAt.getTime() > SECOND_FACTOR_MINUTES * 60_000) ending = "expired";

  if (ending) {
    await db.transaction(async (tx) => {
      const ended = await endSessions(tx, [eq(userSessions.id, sessionId)], ending, now);
      if (ended > 0) {
        await recordAudit(tx, {
          actor: auditActor({ id: row.userId, role: row.role, organizationId: row.organizationId }),
          action: "auth.session_ended",
          target: { type: "user", id: row.userId },
          details: { reason: ending, sessionId },
        });
      }
    });
    return { status: "ended", reason: ending };
  }

  // A background poll (noteActivity: false) is not the person using Clearway: it must not keep an idle session alive.
  if (options.noteActivity !== false && now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await db.update(userSessions).set({ lastSeenAt: now }).where(eq(userSessions.id, sessionId));
  }

  return {
    // An account with a second factor: this session must have passed it (lib/account/two-factor.ts).
    // An account without one whose role requires it: this session may only set it up.
    status: row.totpEnabledAt
      ? row.secondFactorAt
        ? "active"
        : "second_factor"
      : secondFactorRequiredFor(row.role, row.secondFactorRequired)
        ? "second_factor_setup"
        : "active",
    user: {
      id: row.userId,
      name: row.name,
      email: row.email,
      role: row.role,
      organizationId: row.organizationId,
      organizationName: row.organizationName,
      mustChangePassword: row.mustChangePassword,
      sessionId: row.sessionId,
    },
  };
}

async function endSessions(
  db: Db,
  conditions: ReturnType<typeof eq>[],
  reason: SessionEndReason,
  now: Date,
): Promise<number> {
  const ended = await db
    .update(userSessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(isNull(userSessions.endedAt), ...conditions))
    .returning({ id: userSessions.id });
  return ended.length;
}

export function endSession(db: Db, sessionId: string, reason: SessionEndReason, now = new Date()): Promise<number> {
  return endSessions(db, [eq(userSessions.id, sessionId)], reason, now);
}

/** Ends every open session of a user (optionally keeping one), e.g. on deactivation or a role change. */
export function endUserSessions(
  db: Db,
  userId: string,
  reason: SessionEndReason,
  options: { keepSessionId?: string; now?: Date } = {},
): Promise<number> {
  const conditions = [eq(userSessions.userId, userId)];
  if (options.keepSessionId) conditions.push(ne(userSessions.id, options.keepSessionId));
  return endSessions(db, conditions, reason, options.now ?? new Date());
}

/** Ends the sessions of everyone in an organization (when the organization is deactivated). */
export function endOrganizationSessions(db: Db, organizationId: string, reason: SessionEndReason): Promise<number> {
  const members = db.select({ id: users.id }).from(users).where(eq(users.organizationId, organizationId));
  return endSessions(db, [inArray(userSessions.userId, members)], reason, new Date());
}

export type ActiveSession = {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  ip: string | null;
  userAgent: string | null;
};

/** Sessions that would still let their holder in: not ended, not expired, not idle too long. */
export function listOpenSessions(
  db: Db,
  userId: string,
  options: { now: Date; idleMinutes: number },
): Promise<ActiveSession[]> {
  return db
    .select({
      id: userSessions.id,
      createdAt: userSessions.createdAt,
      lastSeenAt: userSessions.lastSeenAt,
      ip: userSessions.ip,
      userAgent: userSessions.userAgent,
    })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.userId, userId),
        isNull(userSessions.endedAt),
        gt(userSessions.expiresAt, options.now),
        gt(userSessions.lastSeenAt, new Date(options.now.getTime() - options.idleMinutes * 60_000)),
      ),
    )
    .orderBy(desc(userSessions.lastSeenAt))
    .limit(50);
}
