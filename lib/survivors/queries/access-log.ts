import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { auditEvents, auditEventSurvivors } from "../../../db/schema/audit";
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
  /** for an export that included the record: which list ("caseload", "referrals", …) */
  list: string | null;
};

/**
 * The events on this record's Access tab before `before`, the newest `limit` of each kind:
 * views, exports and disclosures of the record itself, and list exports that included it
 * (audit_event_survivors). Each side is read from its own index and only the newest of each is kept.
 */
function accessEventIds(db: Db, survivorId: string, before: number | undefined, limit: number) {
  const own = db
    .select({ id: auditEvents.id })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "survivor"),
        eq(auditEvents.targetId, survivorId),
        inArray(auditEvents.action, [...SURVIVOR_ACCESS_ACTIONS]),
        before ? lt(auditEvents.id, before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit);
  const inExports = db
    .select({ id: auditEventSurvivors.auditEventId })
    .from(auditEventSurvivors)
    .where(and(eq(auditEventSurvivors.survivorId, survivorId), before ? lt(auditEventSurvivors.auditEventId, before) : undefined))
    .orderBy(desc(auditEventSurvivors.auditEventId))
    .limit(limit);
  // Each subquery is written in parentheses, so its ORDER BY and LIMIT stay its own.
  return sql`${auditEvents.id} in (${own} union all ${inExports})`;
}

/**
 * Every view, export and disclosure of this record, newest first (keyset pages), with the releases
 * each disclosure relied on, and every list export that included it. Only for the assigned advocate
 * and the organization's program leads.
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
    .where(accessEventIds(db, row.id, options.before, limit + 1))
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
      list: r.action === "export.downloaded" && typeof r.details.list === "string" ? r.details.list : null,
    })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

