import { and, count, eq, ne } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { users, type UserRow } from "../../db/schema/users";
import { describeChanges, auditActor, recordAudit } from "../audit/record";
import { clearThrottle, throttleKeyFor } from "../auth/authenticate";
import { hashPassword } from "../auth/password";
import { assertPasswordAllowed } from "../auth/password-policy";
import { assertCan, roleFitsOrganization } from "../auth/policy";
import { ROLE_LABELS, type Role } from "../auth/roles";
import { endUserSessions, type SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import { ORGANIZATION_TYPE_LABELS, type OrganizationType } from "../organizations/constants";
import { requireApproval } from "./approval";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import {
  createUserSchema,
  resetUserPasswordSchema,
  setUserActiveSchema,
  updateUserSchema,
  type CreateUserInput,
  type ResetUserPasswordInput,
  type UpdateUserInput,
} from "./schema";
import type { z } from "zod";
import { idempotent } from "../idempotency";

// Writes to user accounts. Each command checks the caller's permission itself, validates its input
// with the form's schema, and writes the change and its audit event in one transaction.

const EDITABLE_FIELDS = ["name", "email", "role", "organizationId"] as const;

async function assertRoleFits(db: Db, role: Role, organizationId: string | null): Promise<void> {
  let type: OrganizationType | null = null;
  if (organizationId) {
    const [org] = await db
      .select({ type: organizations.type, active: organizations.active })
      .from(organizations)
      .where(eq(organizations.id, organizationId))
      .limit(1);
    if (!org) throw fieldError("organizationId", "That organization does not exist.");
    if (!org.active) throw fieldError("organizationId", "That organization is deactivated: reactivate it first.");
    type = org.type;
  }
  if (!roleFitsOrganization(role, type)) {
    throw fieldError(
      "organizationId",
      type === null
        ? "Choose an organization for this role."
        : `A ${ROLE_LABELS[role].toLowerCase()} cannot belong to a ${ORGANIZATION_TYPE_LABELS[type].toLowerCase()}.`,
    );
  }
}

/** Clearway must always keep one active administrator; this refuses a change that would remove the last. */
async function assertAnotherActiveAdmin(db: Db, userId: string): Promise<void> {
  const [row] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.active, true), ne(users.id, userId)));
  if ((row?.n ?? 0) === 0) {
    throw new AppError("conflict", "Clearway needs at least one active administrator. Make someone else an administrator first.");
  }
}

export async function createUser(
  me: SessionUser,
  input: CreateUserInput,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ id: string }> {
  assertCan(me, "users.manage");
  const data = parseInput(createUserSchema, input);
  assertPasswordAllowed("password", data.password, { name: data.name, email: data.email, organizationName: await organizationNameOf(db, data.organizationId) });
  // Hash before the transaction: it is 0.1 s of CPU that should not hold a connection.
  const passwordHash = await hashPassword(data.password);
  try {
    return await idempotent(db, me, "users.create", data, async (tx) => {
      await assertRoleFits(tx, data.role, data.organizationId);
      const [row] = await tx
        .insert(users)
        .values({
          name: data.name,
          email: data.email,
          role: data.role,
          organizationId: data.organizationId,
          passwordHash,
          mustChangePassword: true,
          // requireApproval below decides, in this transaction, whether a program lead must approve first
          approvalStatus: "approved",
          updatedBy: me.id,
        })
        .returning({ id: users.id });
      if (!row) throw new Error("user insert returned no row");
      await recordAudit(tx, {
        actor: auditActor(me),
        action: "user.created",
        target: { type: "user", id: row.id },
        meta,
        details: { role: data.role, organizationId: data.organizationId, email: data.email },
      });
      await requireApproval(tx, me, { id: row.id, name: data.name, role: data.role, organizationId: data.organizationId }, "created", meta);
      return { id: row.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw fieldError("email", "Someone already has an account with this email address.");
    }
    throw error;
  }
}

/** An organization's name, for the password check (null: no organization, or not found). */
async function organizationNameOf(db: Db, organizationId: string | null | undefined): Promise<string | null> {
  if (!organizationId) return null;
  const [row] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, organizationId)).limit(1);
  return row?.name ?? null;
}

const USER_NOUN = "user";
const userTarget = (id: string) => ({ type: "user", id });

async function loadForUpdate(db: Db, id: string): Promise<UserRow> {
  const [row] = await db.select().from(users).where(eq(users.id, id)).for("update").limit(1);
  if (!row) throw new AppError("not_found");
  return row;
}

export async function updateUser(
  me: SessionUser,
  input: UpdateUserInput,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ version: number }> {
  assertCan(me, "users.manage");
  const data = parseInput(updateUserSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const current = await loadForUpdate(tx, data.id);
      await assertVersion(tx, users, USER_NOUN, current, data.version);
      const changes = describeChanges(current, data, EDITABLE_FIELDS);
      if (Object.keys(changes).length === 0) return { version: current.version };

      if (current.id === me.id && data.role !== current.role) {
        throw fieldError("role", "You cannot change your own role. Ask another administrator.");
      }
      if (current.role === "admin" && data.role !== "admin" && current.active) await assertAnotherActiveAdmin(tx, current.id);
      if (changes.role || changes.organizationId) await assertRoleFits(tx, data.role, data.organizationId);

      const now = new Date();
      const access = Boolean(changes.role || changes.organizationId);
      const { version } = await writeVersioned(tx, users, {
        noun: USER_NOUN,
        current,
        expectedVersion: data.version,
        actor: me,
        now,
        changes: { name: data.name, email: data.email, role: data.role, organizationId: data.organizationId },
        audit: { action: "user.updated", target: userTarget(current.id), meta, details: { changes } },
        after: async () => {
          // What someone may do is decided by role and organization: a change ends their sessions at once.
          if (access) await endUserSessions(tx, current.id, changes.role ? "role_changed" : "organization_changed", { now });
        },
      });
      if (access) {
        await requireApproval(tx, me, { id: current.id, name: data.name, role: data.role, organizationId: data.organizationId }, changes.organizationId ? "organization_changed" : "role_changed", meta, now);
      }
      return { version };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      throw fieldError("email", "Someone already has an account with this email address.");
    }
    throw error;
  }
}

export async function setUserActive(
  me: SessionUser,
  input: z.input<typeof setUserActiveSchema>,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ version: number }> {
  assertCan(me, "users.manage");
  const data = parseInput(setUserActiveSchema, input);
  return db.transaction(async (tx) => {
    const current = await loadForUpdate(tx, data.id);
    await assertVersion(tx, users, USER_NOUN, current, data.version);
    if (current.active === data.active) return { version: current.version };
    if (!data.active) {
      if (current.id === me.id) throw new AppError("conflict", "You cannot deactivate your own account.");
      if (current.role === "admin") await assertAnotherActiveAdmin(tx, current.id);
    }
    const now = new Date();
    const { version } = await writeVersioned(tx, users, {
      noun: USER_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { active: data.active },
      audit: { action: data.active ? "user.reactivated" : "user.deactivated", target: userTarget(current.id), meta },
      after: async () => {
        if (!data.active) await endUserSessions(tx, current.id, "deactivated", { now });
      },
    });
    if (data.active) await requireApproval(tx, me, current, "reactivated", meta, now);
    return { version };
  });
}

/** An admin sets a new initial password (the user must replace it at next sign-in) and lifts any lockout. */
export async function resetUserPassword(
  me: SessionUser,
  input: ResetUserPasswordInput,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<void> {
  assertCan(me, "users.manage");
  const data = parseInput(resetUserPasswordSchema, input);
  const [account] = await db.select({ name: users.name, email: users.email, organizationId: users.organizationId }).from(users).where(eq(users.id, data.id)).limit(1);
  if (!account) throw new AppError("not_found");
  assertPasswordAllowed("password", data.password, { ...account, organizationName: await organizationNameOf(db, account.organizationId) });
  const passwordHash = await hashPassword(data.password);
  await db.transaction(async (tx) => {
    const current = await loadForUpdate(tx, data.id);
    if (current.id === me.id) {
      throw new AppError("conflict", "Change your own password from your account page, with your current password.");
    }
    const now = new Date();
    // A reset replaces the password whatever else changed since the page was opened, so it is saved
    // against the version it found; the lock and the one shape of a save are the same as any edit.
    await writeVersioned(tx, users, {
      noun: USER_NOUN,
      current,
      expectedVersion: current.version,
      actor: me,
      now,
      changes: { passwordHash, mustChangePassword: true, passwordChangedAt: now },
      audit: { action: "user.password_reset", target: userTarget(current.id), meta },
      after: async () => {
        await clearThrottle(tx, throttleKeyFor(current.email));
        await endUserSessions(tx, current.id, "password_reset", { now });
      },
    });
    await requireApproval(tx, me, current, "password_reset", meta, now);
  });
}
