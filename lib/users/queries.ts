import { and, asc, count, eq, gt, ilike, inArray, or, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { signInThrottles } from "../../db/schema/auth";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { assertCan, canDecideApproval } from "../auth/policy";
import { keysetCursorSql, keysetOrder, type SortKey } from "../exports/keyset";
import type { Role } from "../auth/roles";
import { listOpenSessions, type ActiveSession, type SessionUser } from "../auth/sessions";
import { getEnv } from "../env";
import { AppError } from "../errors";
import { escapeLike, isUuid } from "../validation";
import type { OrganizationType } from "../organizations/constants";
import { offsetFor, PAGE_SIZE, toPage, type Page } from "../pagination";
import { approversOf } from "./approval";
import type { ApprovalReason, ApprovalStatus } from "./approval-rules";
import type { UserFilters } from "./schema";

export type UserListItem = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationName: string | null;
  active: boolean;
  approvalStatus: ApprovalStatus;
  lastSignInAt: Date | null;
  lockedUntil: Date | null;
};

/** The list's order, by name, as keys (the page and its export read the same order). */
export const USER_LIST_ORDER: SortKey[] = [
  { expr: users.name, direction: "asc", type: "text" },
  { expr: users.id, direction: "asc", type: "uuid" },
];

/** The one filter of the admin's user list, for its page and its export. */
export function userListWhere(me: SessionUser, filters: UserFilters): SQL | undefined {
  assertCan(me, "users.manage");
  const conditions: SQL[] = [];
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(or(ilike(users.name, pattern), ilike(users.email, pattern))!);
  }
  if (filters.role) conditions.push(eq(users.role, filters.role));
  if (filters.organizationId) conditions.push(eq(users.organizationId, filters.organizationId));
  if (filters.status !== "all") conditions.push(eq(users.active, filters.status === "active"));
  if (filters.approval) conditions.push(eq(users.approvalStatus, filters.approval));
  return conditions.length ? and(...conditions) : undefined;
}

/** The list's rows in its order, each with its keyset cursor. */
export function userListRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationName: organizations.name,
      active: users.active,
      approvalStatus: users.approvalStatus,
      lastSignInAt: users.lastSignInAt,
      cursor: keysetCursorSql(USER_LIST_ORDER),
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(where)
    .orderBy(...keysetOrder(USER_LIST_ORDER))
    .$dynamic();
}

/** Rows with whether each account is locked out right now (one query for the rows). */
export async function withLocks<R extends { id: string }>(db: Db, rows: R[]): Promise<(R & { lockedUntil: Date | null })[]> {
  const locks = await lockedAccounts(db, rows.map((r) => r.id));
  return rows.map((row) => ({ ...row, lockedUntil: locks.get(row.id) ?? null }));
}

/** Admin list of accounts: filterable, paginated in the database. */
export async function listUsers(
  me: SessionUser,
  filters: UserFilters,
  page: number,
  db: Db = getDb(),
): Promise<Page<UserListItem>> {
  const where = userListWhere(me, filters);
  const [rows, [totals]] = await Promise.all([
    userListRows(db, where).limit(PAGE_SIZE).offset(offsetFor(page)),
    db.select({ total: count() }).from(users).where(where),
  ]);
  const items = await withLocks(db, rows.map(({ cursor: _cursor, ...row }) => row));
  return toPage(items, totals?.total ?? 0, page);
}

/** Which of these accounts are locked out right now (one query for the whole page). */
async function lockedAccounts(db: Db, userIds: string[], now = new Date()): Promise<Map<string, Date>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .select({ userId: signInThrottles.userId, lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .where(and(inArray(signInThrottles.userId, userIds), gt(signInThrottles.lockedUntil, now)));
  return new Map(rows.flatMap((r) => (r.userId && r.lockedUntil ? [[r.userId, r.lockedUntil] as const] : [])));
}

export type UserDetail = {
  id: string;
  name: string;
  email: string;
  role: Role;
  organizationId: string | null;
  organizationName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastSignInAt: Date | null;
  /** when the account's second factor was set up (null: none) */
  secondFactorSince: Date | null;
  /** when an administrator last reset it, until it is set up again */
  secondFactorResetAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  updatedByName: string | null;
  version: number;
  lockedUntil: Date | null;
  openSessions: ActiveSession[];
  approval: {
    status: ApprovalStatus;
    reason: ApprovalReason | null;
    requestedAt: Date | null;
    requestedByName: string | null;
    decidedAt: Date | null;
    /** null with a decision date: let in as the organization's first program lead */
    decidedByName: string | null;
    /** for an account waiting: how many program leads could approve it (0: a second administrator must confirm) */
    approvers: number;
    /** whether the caller, an administrator, may confirm it as the second administrator (canDecideApproval) */
    canConfirm: boolean;
  };
};

export async function getUserDetail(me: SessionUser, id: string, db: Db = getDb()): Promise<UserDetail> {
  assertCan(me, "users.manage");
  if (!isUuid(id)) throw new AppError("not_found");
  const [row] = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      role: users.role,
      organizationId: users.organizationId,
      organizationName: organizations.name,
      active: users.active,
      mustChangePassword: users.mustChangePassword,
      lastSignInAt: users.lastSignInAt,
      secondFactorSince: users.totpEnabledAt,
      secondFactorResetAt: users.secondFactorResetAt,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
      // Self-join by subquery: who saved this account last.
      updatedByName: sql<string | null>`(select e.name from users e where e.id = ${users.updatedBy})`,
      version: users.version,
      approvalStatus: users.approvalStatus,
      approvalReason: users.approvalReason,
      approvalRequestedAt: users.approvalRequestedAt,
      approvalRequestedBy: users.approvalRequestedBy,
      approvalRequestedByName: sql<string | null>`(select e.name from users e where e.id = ${users.approvalRequestedBy})`,
      approvalDecidedAt: users.approvalDecidedAt,
      approvalDecidedByName: sql<string | null>`(select e.name from users e where e.id = ${users.approvalDecidedBy})`,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found");
  const [locks, openSessions, approvers] = await Promise.all([
    lockedAccounts(db, [row.id]),
    listOpenSessions(db, row.id, { now: new Date(), idleMinutes: getEnv().idleMinutes }),
    row.approvalStatus === "pending" && row.organizationId ? approversOf(db, row.organizationId, row.id) : Promise.resolve([]),
  ]);
  const { approvalStatus, approvalReason, approvalRequestedAt, approvalRequestedBy, approvalRequestedByName, approvalDecidedAt, approvalDecidedByName, ...user } = row;
  const decider = { ...me, active: true, approvalStatus: "approved" };
  return {
    ...user,
    lockedUntil: locks.get(row.id) ?? null,
    openSessions,
    approval: {
      status: approvalStatus,
      reason: approvalReason,
      requestedAt: approvalRequestedAt,
      requestedByName: approvalRequestedByName,
      decidedAt: approvalDecidedAt,
      decidedByName: approvalDecidedByName,
      approvers: approvers.length,
      canConfirm: approvalStatus === "pending" && canDecideApproval(decider, { id: row.id, organizationId: row.organizationId, approvalRequestedBy }, { approvers: approvers.length }),
    },
  };
}

type OrganizationOption = { id: string; name: string; type: OrganizationType; active: boolean };

/** Organizations to choose from in the user forms (all of them: inactive ones are labelled). */
export async function listOrganizationOptions(me: SessionUser, db: Db = getDb()): Promise<OrganizationOption[]> {
  assertCan(me, "users.manage");
  return db
    .select({ id: organizations.id, name: organizations.name, type: organizations.type, active: organizations.active })
    .from(organizations)
    .orderBy(asc(organizations.name))
    .limit(1000);
}

type UserOption = { id: string; name: string; email: string };

/** Everyone, for the audit trail's user filter. */
export async function listUserOptions(me: SessionUser, db: Db = getDb()): Promise<UserOption[]> {
  assertCan(me, "audit.read");
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .orderBy(asc(users.name))
    .limit(5000);
}

type AccountCounts = { byRole: Record<Role, number>; inactive: number; mustChangePassword: number; waitingApproval: number };

/** Active accounts per role, for the admin overview. */
export async function countAccounts(me: SessionUser, db: Db = getDb()): Promise<AccountCounts> {
  assertCan(me, "users.manage");
  const rows = await db
    .select({ role: users.role, active: users.active, pending: users.mustChangePassword, approval: users.approvalStatus, n: count() })
    .from(users)
    .groupBy(users.role, users.active, users.mustChangePassword, users.approvalStatus);
  const byRole = { admin: 0, program_lead: 0, advocate: 0, attorney: 0, prosecutor: 0, partner: 0, law_enforcement: 0 } satisfies Record<Role, number>;
  let inactive = 0;
  let mustChangePassword = 0;
  let waitingApproval = 0;
  for (const row of rows) {
    if (!row.active) inactive += row.n;
    else {
      byRole[row.role] += row.n;
      if (row.pending) mustChangePassword += row.n;
      if (row.approval === "pending") waitingApproval += row.n;
    }
  }
  return { byRole, inactive, mustChangePassword, waitingApproval };
}

/** Accounts locked out right now. */
export async function listLockedAccounts(me: SessionUser, db: Db = getDb()): Promise<{ id: string; name: string; lockedUntil: Date }[]> {
  assertCan(me, "users.manage");
  const rows = await db
    .select({ id: users.id, name: users.name, lockedUntil: signInThrottles.lockedUntil })
    .from(signInThrottles)
    .innerJoin(users, eq(users.id, signInThrottles.userId))
    .where(gt(signInThrottles.lockedUntil, new Date()))
    .orderBy(asc(users.name))
    .limit(200);
  return rows.flatMap((r) => (r.lockedUntil ? [{ id: r.id, name: r.name, lockedUntil: r.lockedUntil }] : []));
}
