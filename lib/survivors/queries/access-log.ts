import { and, desc, eq, inArray, lt } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { auditEvents } from "../../../db/schema/audit";
import { organizations } from "../../../db/schema/organizations";
import { releases } from "../../../db/schema/releases";
import { users } from "../../../db/schema/users";
import { SURVIVOR_ACCESS_ACTIONS, type AuditAction } from "../../audit/actions";
import { assertCan } from "../../auth/policy";
import type { Role } from "../../auth/roles";
import type { SessionUser } from "../../auth/sessions";
import { AppError } from "../../errors";
import { isUuid } from "../../validation";
import { loadSurvivor } from "../access";

// ---------------------------------------------------------------------------------------------
// Access transparency

type AccessLogEntry = {
  id: number;
  occurredAt: Date;
  action: AuditAction;
  userName: string | null;
  role: Role | null;
  organizationName: string | null;
  releases: { id: string; recipientName: string; signedOn: string }[];
  /** how the record was reached: "edit" is the edit form */
  access: string | null;
  /** which part of the record was shown: court records, a matter, a referral, a court document */
  section: string | null;
};

/**
 * Every view, export and disclosure of this record, newest first (keyset pages), with the releases
 * each disclosure relied on. Only for the assigned advocate and the organization's program leads.
 */
export async function listAccessLog(
  me: SessionUser,
  survivorId: string,
  options: { before?: number; limit?: number } = {},
  db: Db = getDb(),
): Promise<{ clientCode: string; preferredName: string; entries: AccessLogEntry[]; nextBefore: number | null }> {
  assertCan(me, "survivors.manage");
  const { row, access } = await loadSurvivor(db, me, survivorId, { manage: true });
  if (!access.canSeeAccessLog) throw new AppError("not_found");
  const limit = options.limit ?? 100;
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      userName: users.name,
      role: auditEvents.actorRole,
      organizationName: organizations.name,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.actorOrganizationId))
    .where(
      and(
        eq(auditEvents.targetType, "survivor"),
        eq(auditEvents.targetId, row.id),
        inArray(auditEvents.action, [...SURVIVOR_ACCESS_ACTIONS]),
        options.before ? lt(auditEvents.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const releaseIds = [...new Set(page.flatMap((r) => (Array.isArray(r.details.releaseIds) ? (r.details.releaseIds as string[]) : [])))].filter(isUuid);
  const releaseRows = releaseIds.length
    ? await db
        .select({ id: releases.id, recipientName: organizations.name, signedOn: releases.signedOn })
        .from(releases)
        .innerJoin(organizations, eq(organizations.id, releases.recipientOrganizationId))
        .where(and(inArray(releases.id, releaseIds), eq(releases.survivorId, row.id)))
    : [];
  const releaseById = new Map(releaseRows.map((r) => [r.id, r]));
  return {
    clientCode: row.clientCode,
    preferredName: row.preferredName,
    entries: page.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt,
      action: r.action as AuditAction,
      userName: r.userName,
      role: r.role,
      organizationName: r.organizationName,
      releases: (Array.isArray(r.details.releaseIds) ? (r.details.releaseIds as string[]) : []).flatMap((rid) => releaseById.get(rid) ?? []),
      access: typeof r.details.access === "string" ? r.details.access : null,
      section: typeof r.details.section === "string" ? r.details.section : null,
    })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

