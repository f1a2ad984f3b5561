import { and } from "drizzle-orm";
import type { SessionUser } from "../auth/sessions";
import { ROLE_LABELS } from "../auth/roles";
import { csvDateTime, datedFilename, type CsvColumn } from "../exports/csv";
import type { CsvExport } from "../exports/export";
import { keysetAfter } from "../exports/keyset";
import { APPROVAL_STATUS_LABELS } from "./approval-rules";
import { USER_LIST_ORDER, userListRows, userListWhere, withLocks, type UserListItem } from "./queries";
import type { UserFilters } from "./schema";

// The admin's user list as CSV: the page's rows for the same filter, every page of them, with the
// page's columns. Accounts, never a survivor; never a password hash or a session.

const COLUMNS: CsvColumn<UserListItem>[] = [
  { header: "Name", value: (u) => u.name },
  { header: "Email", value: (u) => u.email },
  { header: "Role", value: (u) => ROLE_LABELS[u.role] },
  { header: "Organization", value: (u) => u.organizationName },
  { header: "Status", value: (u) => (u.active ? "Active" : "Deactivated") },
  { header: "Locked until (Pacific)", value: (u) => csvDateTime(u.lockedUntil) },
  { header: "Approval", value: (u) => APPROVAL_STATUS_LABELS[u.approvalStatus] },
  { header: "Last sign-in (Pacific)", value: (u) => csvDateTime(u.lastSignInAt) },
];

export function usersExport(me: SessionUser, filters: UserFilters): CsvExport<UserListItem> {
  const where = userListWhere(me, filters);
  return {
    list: "users",
    // A name or email searched for is not kept: only that there was a search.
    filter: { role: filters.role ?? null, organizationId: filters.organizationId ?? null, status: filters.status, approval: filters.approval ?? null, search: Boolean(filters.q) },
    filename: datedFilename("users"),
    columns: COLUMNS,
    page: async (db, after, limit) => withLocks(db, await userListRows(db, and(where, keysetAfter(USER_LIST_ORDER, after))).limit(limit)),
  };
}
