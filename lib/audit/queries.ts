import { aliasedTable, and, desc, asc, eq, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { assertCan } from "../auth/policy";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/sessions";
import { endOfPacificDay, startOfPacificDay } from "../format";
import type { Period } from "../form-fields";
import { keysetCursor } from "../pagination";
import { keysetCursorSql, type SortKey } from "../exports/keyset";
import { AUDIT_ACTION_KEYS, type AuditAction } from "./actions";
import { caseAuditDetails, isCaseTarget } from "./record";

const AUDIT_PAGE_SIZE = 50;

export const auditFiltersSchema = z.object({
  user: z.uuid().optional().catch(undefined),
  action: z.enum(AUDIT_ACTION_KEYS as [AuditAction, ...AuditAction[]]).optional().catch(undefined),
  // Keyset pagination: ids only grow, so "older than id X" stays fast at any depth of a large trail.
  before: keysetCursor,
  after: keysetCursor,
});
/** The period is parsed apart (periodSchema): an unusable date is an error beside its field, not a dropped filter. */
export type AuditFilters = z.infer<typeof auditFiltersSchema> & { from?: Period["from"]; to?: Period["to"] };

export type AuditEventView = {
  id: number;
  occurredAt: Date;
  action: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: Role | null;
  targetType: string | null;
  targetId: string | null;
  targetLabel: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

type AuditPage = { items: AuditEventView[]; newerCursor: number | null; olderCursor: number | null };

/** The trail's order, newest first, as keys (its export reads the same order). */
export const AUDIT_LIST_ORDER: SortKey[] = [{ expr: auditEvents.id, direction: "desc", type: "bigint" }];

/** The one filter of the audit trail, for its page and its export (the page's cursors apart). */
export function auditListWhere(me: SessionUser, filters: AuditFilters): SQL | undefined {
  assertCan(me, "audit.read");
  const conditions: SQL[] = [];
  if (filters.user) {
    // Events the person caused, and events about their account (failed sign-ins have no actor).
    conditions.push(
      or(
        eq(auditEvents.actorUserId, filters.user),
        and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, filters.user)),
      )!,
    );
  }
  if (filters.action) conditions.push(eq(auditEvents.action, filters.action));
  const from = filters.from ? startOfPacificDay(filters.from) : null;
  const to = filters.to ? endOfPacificDay(filters.to) : null;
  if (from) conditions.push(gte(auditEvents.occurredAt, from));
  if (to) conditions.push(lt(auditEvents.occurredAt, to));
  return conditions.length ? and(...conditions) : undefined;
}

/** Events with who caused them and what they are about, each with its keyset cursor. */
export function auditEventRows(db: Db, where: SQL | undefined) {
  const actor = aliasedTable(users, "actor");
  const targetUser = aliasedTable(users, "target_user");
  return db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      actorId: auditEvents.actorUserId,
      actorName: actor.name,
      actorRole: auditEvents.actorRole,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      targetUserName: targetUser.name,
      targetOrganizationName: organizations.name,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
      details: auditEvents.details,
      cursor: keysetCursorSql(AUDIT_LIST_ORDER),
    })
    .from(auditEvents)
    .leftJoin(actor, eq(actor.id, auditEvents.actorUserId))
    .leftJoin(
      targetUser,
      and(eq(auditEvents.targetType, "user"), eq(sql`${targetUser.id}::text`, auditEvents.targetId)),
    )
    .leftJoin(
      organizations,
      and(eq(auditEvents.targetType, "organization"), eq(sql`${organizations.id}::text`, auditEvents.targetId)),
    )
    .where(where)
    .$dynamic();
}

type AuditEventRow = Awaited<ReturnType<ReturnType<typeof auditEventRows>["execute"]>>[number];

/** An event as admins see it: case records named by type and an opaque id only. */
export function toAuditEventView({ targetUserName, targetOrganizationName, cursor: _cursor, ...row }: AuditEventRow): AuditEventView {
  return isCaseTarget(row.targetType)
    ? // Case records are named by type and an opaque id only; any value an older event held is not shown.
      { ...row, targetLabel: null, details: caseAuditDetails(row.details, { strict: false }) }
    : { ...row, targetLabel: targetUserName ?? targetOrganizationName ?? null };
}

/** The audit trail, newest first, for admins. */
export async function listAuditEvents(
  me: SessionUser,
  filters: AuditFilters,
  options: { pageSize?: number } = {},
  db: Db = getDb(),
): Promise<AuditPage> {
  const pageSize = Math.min(options.pageSize ?? AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE);
  const where = auditListWhere(me, filters);
  const paging = filters.after ? gt(auditEvents.id, filters.after) : filters.before ? lt(auditEvents.id, filters.before) : undefined;
  // Going to newer events reads upward from the cursor, then the page is flipped back to newest first.
  const ascending = Boolean(filters.after);
  const rows = await auditEventRows(db, and(where, paging))
    .orderBy(ascending ? asc(auditEvents.id) : desc(auditEvents.id))
    .limit(pageSize + 1);

  const hasMore = rows.length > pageSize;
  const pageRows = rows.slice(0, pageSize);
  if (ascending) pageRows.reverse();

  const items = pageRows.map(toAuditEventView);
  const newest = items[0]?.id ?? null;
  const oldest = items.at(-1)?.id ?? null;
  return {
    items,
    // There are newer events when we paged back from somewhere, or read upward and found more.
    newerCursor: (ascending ? hasMore : Boolean(filters.before)) ? newest : null,
    olderCursor: (ascending ? Boolean(filters.after) : hasMore) ? oldest : null,
  };
}

/** The user's own recent sign-in activity, so they can spot a sign-in that was not theirs. */
export async function listOwnSignInActivity(me: SessionUser, db: Db = getDb()) {
  assertCan(me, "account.manage");
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      ip: auditEvents.ip,
      userAgent: auditEvents.userAgent,
    })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.targetType, "user"),
        eq(auditEvents.targetId, me.id),
        inArray(auditEvents.action, ["auth.sign_in", "auth.sign_in_failed", "auth.lockout", "auth.password_changed"]),
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(10);
  return rows;
}
