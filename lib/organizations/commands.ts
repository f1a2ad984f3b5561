import { and, count, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { organizations, type OrganizationRow } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { describeChanges, auditActor, recordAudit } from "../audit/record";
import { assertCan, ORGANIZATION_TYPES_FOR_ROLE } from "../auth/policy";
import { ROLES } from "../auth/roles";
import { endOrganizationSessions, type SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { ORGANIZATION_TYPE_LABELS } from "./constants";
import {
  createOrganizationSchema,
  setOrganizationActiveSchema,
  updateOrganizationSchema,
  type CreateOrganizationInput,
  type UpdateOrganizationInput,
} from "./schema";
import { idempotent } from "../idempotency";
import { retentionSettingsSchema, type RetentionSettingsInput } from "../retention/schema";

const EDITABLE_FIELDS = ["name", "type", "county", "services"] as const;
const ORGANIZATION_NOUN = "organization";

function duplicateName(error: unknown): never {
  if (isUniqueViolation(error, "organizations_name_key")) {
    throw fieldError("name", "An organization with this name already exists.");
  }
  throw error;
}

export async function createOrganization(
  me: SessionUser,
  input: CreateOrganizationInput,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ id: string }> {
  assertCan(me, "organizations.manage");
  const data = parseInput(createOrganizationSchema, input);
  try {
    return await idempotent(db, me, "organizations.create", data, async (tx) => {
      const [row] = await tx
        .insert(organizations)
        .values({ ...data, updatedBy: me.id })
        .returning({ id: organizations.id });
      if (!row) throw new Error("organization insert returned no row");
      await recordAudit(tx, {
        actor: auditActor(me),
        action: "organization.created",
        target: { type: "organization", id: row.id },
        meta,
        details: { name: data.name, type: data.type, county: data.county, services: data.services },
      });
      return { id: row.id };
    });
  } catch (error) {
    duplicateName(error);
  }
}

async function loadOrganization(db: Db, id: string): Promise<OrganizationRow> {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id)).for("update").limit(1);
  if (!row) throw new AppError("not_found");
  return row;
}

export async function updateOrganization(
  me: SessionUser,
  input: UpdateOrganizationInput,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ version: number }> {
  assertCan(me, "organizations.manage");
  const data = parseInput(updateOrganizationSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const current = await loadOrganization(tx, data.id);
      await assertVersion(tx, organizations, ORGANIZATION_NOUN, current, data.version);
      const changes = describeChanges(current, data, EDITABLE_FIELDS);
      const changed = Object.keys(changes).length > 0;

      if (changes.type) {
        // Members whose role needs the old kind of organization would no longer fit.
        const misfitRoles = ROLES.filter((role) => !ORGANIZATION_TYPES_FOR_ROLE[role].includes(data.type));
        if (misfitRoles.length > 0) {
          const [misfits] = await tx
            .select({ n: count() })
            .from(users)
            .where(and(eq(users.organizationId, current.id), inArray(users.role, misfitRoles)));
          if ((misfits?.n ?? 0) > 0) {
            throw fieldError(
              "type",
              `${misfits!.n} member${misfits!.n === 1 ? " has a role" : "s have roles"} that cannot belong to a ${ORGANIZATION_TYPE_LABELS[data.type].toLowerCase()}. Change their roles first.`,
            );
          }
        }
      }

      const { version } = await writeVersioned(tx, organizations, {
        noun: ORGANIZATION_NOUN,
        current,
        expectedVersion: data.version,
        actor: me,
        changes: changed ? { name: data.name, type: data.type, county: data.county, services: data.services } : null,
        audit: { action: "organization.updated", target: { type: "organization", id: current.id }, meta, details: { changes } },
      });
      return { version };
    });
  } catch (error) {
    duplicateName(error);
  }
}

export async function setOrganizationActive(
  me: SessionUser,
  input: z.input<typeof setOrganizationActiveSchema>,
  meta: RequestMeta,
  db: Db = getDb(),
): Promise<{ version: number; sessionsEnded: number }> {
  assertCan(me, "organizations.manage");
  const data = parseInput(setOrganizationActiveSchema, input);
  return db.transaction(async (tx) => {
    const current = await loadOrganization(tx, data.id);
    await assertVersion(tx, organizations, ORGANIZATION_NOUN, current, data.version);
    if (current.active === data.active) return { version: current.version, sessionsEnded: 0 };
    if (!data.active) {
      if (me.organizationId === current.id) throw new AppError("conflict", "You cannot deactivate your own organization.");
      const [admins] = await tx
        .select({ n: count() })
        .from(users)
        .where(and(eq(users.organizationId, current.id), eq(users.role, "admin"), eq(users.active, true)));
      if ((admins?.n ?? 0) > 0) {
        throw new AppError("conflict", "Administrators work for this organization. Move them to another organization first.");
      }
    }
    let sessionsEnded = 0;
    const { version } = await writeVersioned(tx, organizations, {
      noun: ORGANIZATION_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      changes: { active: data.active },
      audit: () => ({ action: data.active ? "organization.reactivated" : "organization.deactivated", target: { type: "organization", id: current.id }, meta, details: { sessionsEnded } }),
      // Nobody signs in for a deactivated organization; whoever is signed in now is signed out.
      after: async () => {
        if (!data.active) sessionsEnded = await endOrganizationSessions(tx, current.id, "deactivated");
      },
    });
    return { version, sessionsEnded };
  });
}


const RETENTION_FIELDS = ["recordRetentionYears", "auditRetentionYears"] as const;

/**
 * How long the organization's closed survivor records and its staff's audit events are kept (issue 15):
 * a versioned edit of the organization like the others, audited with the old and new numbers. A
 * shorter retention takes effect at the purge's next run, so it is a deliberate act.
 */
export async function updateRetentionSettings(me: SessionUser, input: RetentionSettingsInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "organizations.manage");
  const data = parseInput(retentionSettingsSchema, input);
  return db.transaction(async (tx) => {
    const current = await loadOrganization(tx, data.id);
    const changes = describeChanges(current, data, RETENTION_FIELDS);
    const changed = Object.keys(changes).length > 0;
    const { version } = await writeVersioned(tx, organizations, {
      noun: ORGANIZATION_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      changes: changed ? { recordRetentionYears: data.recordRetentionYears, auditRetentionYears: data.auditRetentionYears } : null,
      audit: { action: "organization.retention_changed", target: { type: "organization", id: current.id }, meta, details: { changes } },
    });
    return { version };
  });
}
