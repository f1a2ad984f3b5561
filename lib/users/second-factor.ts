import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { secondFactorRequirements, userRecoveryCodes } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import { clearThrottle, throttleKeyFor } from "../auth/authenticate";
import { assertCan } from "../auth/policy";
import { ROLES, type Role } from "../auth/roles";
import { resetSecondFactorSchema, secondFactorRequirementsSchema, type ResetSecondFactorInput, type SecondFactorRequirementsInput } from "./schema";
import { endUserSessions, secondFactorRequiredFor, type SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { formatDate } from "../format";
import { notify } from "../notifications/commands";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { requireApproval } from "./approval";

// What administrators decide about second factors: which roles must use one (never off for
// administrators), and resetting the one of a person who lost their phone and their recovery codes.

export type SecondFactorRequirement = { role: Role; required: boolean; locked: boolean; updatedAt: Date | null };

/** Every role with whether it must use a second factor; administrators' is locked on. */
export async function listSecondFactorRequirements(me: SessionUser, db: Db = getDb()): Promise<SecondFactorRequirement[]> {
  assertCan(me, "users.manage");
  const rows = await db.select().from(secondFactorRequirements);
  const byRole = new Map(rows.map((r) => [r.role, r]));
  return ROLES.map((role) => ({
    role,
    required: secondFactorRequiredFor(role, byRole.get(role)?.required),
    locked: role === "admin",
    updatedAt: byRole.get(role)?.updatedAt ?? null,
  }));
}

/**
 * Sets which roles must use a second factor. Takes effect on everyone's next request: a session of a
 * role that now requires it, on an account without one, can only set it up (lib/auth/sessions.ts).
 */
export async function setSecondFactorRequirements(me: SessionUser, input: SecondFactorRequirementsInput, meta: RequestMeta, db: Db = getDb()): Promise<{ changed: Role[] }> {
  assertCan(me, "users.manage");
  const data = parseInput(secondFactorRequirementsSchema, input);
  const now = new Date();
  return db.transaction(async (tx) => {
    const current = new Map((await tx.select().from(secondFactorRequirements).for("update")).map((r) => [r.role, r.required]));
    const changed: { role: Role; required: boolean }[] = [];
    for (const [role, required] of Object.entries(data.required) as [Exclude<Role, "admin">, boolean][]) {
      if (secondFactorRequiredFor(role, current.get(role)) === required) continue;
      await tx
        .insert(secondFactorRequirements)
        .values({ role, required, updatedAt: now, updatedBy: me.id })
        .onConflictDoUpdate({ target: secondFactorRequirements.role, set: { required, updatedAt: now, updatedBy: me.id } });
      changed.push({ role, required });
    }
    if (changed.length > 0) {
      await recordAudit(tx, { actor: auditActor(me), action: "security.second_factor_requirements_changed", meta, details: { changed } });
    }
    return { changed: changed.map((c) => c.role) };
  });
}

/**
 * An administrator resets someone's second factor (lost phone and recovery codes): the secret and the
 * codes are removed, every session and trusted device of theirs ends, and — exactly as after a password
 * reset — the person cannot sign in again until a program lead of their organization approves
 * (lib/users/approval.ts). They are told when they next sign in, and by a notification.
 */
export async function resetSecondFactor(me: SessionUser, input: ResetSecondFactorInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "users.manage");
  const data = parseInput(resetSecondFactorSchema, input);
  await db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, data.id)).for("update").limit(1);
    if (!current) throw new AppError("not_found");
    if (current.id === me.id) throw new AppError("conflict", "Another administrator must reset your own two-step sign-in.");
    if (!current.totpEnabledAt) throw new AppError("conflict", "Two-step sign-in is not set up for this account: there is nothing to reset.");
    const now = new Date();
    await writeVersioned(tx, users, {
      noun: "user",
      current,
      expectedVersion: current.version,
      actor: me,
      now,
      // A new totp_enabled_at at the next setup also retires every trusted device (lib/auth/trusted-device.ts).
      changes: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, secondFactorResetAt: now },
      audit: { action: "user.second_factor_reset", target: { type: "user", id: current.id }, meta },
      after: async () => {
        await tx.delete(userRecoveryCodes).where(eq(userRecoveryCodes.userId, current.id));
        await clearThrottle(tx, throttleKeyFor(current.email));
        await endUserSessions(tx, current.id, "second_factor_reset", { now });
      },
    });
    await notify(
      tx,
      [current.id],
      `An administrator reset your two-step sign-in on ${formatDate(now)}. If you did not ask for this, tell your program lead.`,
      "/account/two-factor",
    );
    await requireApproval(tx, me, current, "second_factor_reset", meta, now);
  });
}
