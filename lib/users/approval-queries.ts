import { and, asc, desc, eq, gt, inArray, ne } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { firstLeadAnnouncements, users } from "../../db/schema/users";
import { assertCan } from "../auth/policy";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { isUuid } from "../validation";
import { approversOf } from "./approval";
import { FIRST_LEAD_NOTICE_DAYS, type ApprovalReason, type ApprovalStatus } from "./approval-rules";

// Reads about account approval: a program lead's waiting list, the first-lead notices every member
// sees, and the administrator's view of one organization. Names, roles and dates only.

type WaitingAccount = {
  id: string;
  version: number;
  name: string;
  email: string;
  role: Role;
  reason: ApprovalReason;
  since: Date;
  requestedByName: string | null;
};

/** Accounts of the lead's own organization waiting for a lead's approval (never the lead's own). */
export async function listWaitingApprovals(me: SessionUser, db: Db = getDb()): Promise<WaitingAccount[]> {
  assertCan(me, "users.approve");
  if (!me.organizationId) return [];
  const rows = await db
    .select({
      id: users.id,
      version: users.version,
      name: users.name,
      email: users.email,
      role: users.role,
      reason: users.approvalReason,
      since: users.approvalRequestedAt,
      requestedBy: users.approvalRequestedBy,
    })
    .from(users)
    .where(and(eq(users.organizationId, me.organizationId), eq(users.approvalStatus, "pending"), ne(users.id, me.id)))
    .orderBy(asc(users.approvalRequestedAt), asc(users.id))
    .limit(200);
  const requesterIds = [...new Set(rows.flatMap((r) => (r.requestedBy ? [r.requestedBy] : [])))];
  const requesters = requesterIds.length
    ? new Map((await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, requesterIds))).map((u) => [u.id, u.name]))
    : new Map<string, string>();
  // The table's check constraint guarantees a reason and a date for a waiting account.
  return rows.map(({ requestedBy, ...r }) => ({
    ...r,
    reason: r.reason!,
    since: r.since!,
    requestedByName: requestedBy ? (requesters.get(requestedBy) ?? null) : null,
  }));
}

export type FirstLeadNotice = { id: string; name: string; organizationName: string; on: Date };

/** "<name> became program lead of <org> on <date> without approval…", for every member of the organization. */
export async function listFirstLeadNotices(me: SessionUser, db: Db = getDb(), now = new Date()): Promise<FirstLeadNotice[]> {
  assertCan(me, "team.view");
  if (!me.organizationId) return [];
  const since = new Date(now.getTime() - FIRST_LEAD_NOTICE_DAYS * 86_400_000);
  return announcements(db, me.organizationId, since);
}

function announcements(db: Db, organizationId: string, since: Date | null): Promise<FirstLeadNotice[]> {
  return db
    .select({ id: firstLeadAnnouncements.id, name: users.name, organizationName: organizations.name, on: firstLeadAnnouncements.createdAt })
    .from(firstLeadAnnouncements)
    .innerJoin(users, eq(users.id, firstLeadAnnouncements.userId))
    .innerJoin(organizations, eq(organizations.id, firstLeadAnnouncements.organizationId))
    .where(and(eq(firstLeadAnnouncements.organizationId, organizationId), since ? gt(firstLeadAnnouncements.createdAt, since) : undefined))
    .orderBy(desc(firstLeadAnnouncements.createdAt))
    .limit(50);
}

type OrganizationApprovals = {
  /** members waiting for a lead, or declined by one */
  waiting: { id: string; name: string; role: Role; status: Exclude<ApprovalStatus, "approved">; reason: ApprovalReason; since: Date }[];
  /** active, approved program leads: who can approve */
  approvers: number;
  firstLeads: FirstLeadNotice[];
};

/** The administrator's view of an organization's approvals (its organization page). */
export async function getOrganizationApprovals(me: SessionUser, organizationId: string, db: Db = getDb()): Promise<OrganizationApprovals> {
  assertCan(me, "organizations.manage");
  if (!isUuid(organizationId)) throw new AppError("not_found");
  const [waiting, leads, firstLeads] = await Promise.all([
    db
      .select({ id: users.id, name: users.name, role: users.role, status: users.approvalStatus, reason: users.approvalReason, since: users.approvalRequestedAt })
      .from(users)
      .where(and(eq(users.organizationId, organizationId), ne(users.approvalStatus, "approved")))
      .orderBy(asc(users.approvalRequestedAt), asc(users.id))
      .limit(200),
    approversOf(db, organizationId, null),
    announcements(db, organizationId, null),
  ]);
  return {
    waiting: waiting.map((r) => ({ ...r, status: r.status as "pending" | "declined", reason: r.reason!, since: r.since! })),
    approvers: leads.length,
    firstLeads,
  };
}
