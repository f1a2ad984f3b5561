import { and } from "drizzle-orm";
import type { SessionUser } from "../auth/sessions";
import { ROLE_LABELS } from "../auth/roles";
import { csvDateTime, datedFilename, type CsvColumn } from "../exports/csv";
import type { CsvExport } from "../exports/export";
import { keysetAfter, keysetOrder } from "../exports/keyset";
import { AUDIT_ACTIONS, isAuditAction } from "./actions";
import { describeDetails, describeTarget } from "./describe";
import { AUDIT_LIST_ORDER, auditEventRows, auditListWhere, toAuditEventView, type AuditEventView, type AuditFilters } from "./queries";

// The audit trail as CSV, for admins: every event of the page's filter (user, action, period), newest
// first, worded as the page words them. Events about case records keep ids and field names only,
// as on the page (toAuditEventView).

const COLUMNS: CsvColumn<AuditEventView>[] = [
  { header: "When (Pacific)", value: (e) => csvDateTime(e.occurredAt) },
  { header: "Who", value: (e) => e.actorName ?? (e.action.startsWith("system.") ? "System" : "Not signed in") },
  { header: "Role", value: (e) => (e.actorRole ? ROLE_LABELS[e.actorRole] : null) },
  { header: "Action", value: (e) => (isAuditAction(e.action) ? AUDIT_ACTIONS[e.action] : e.action) },
  { header: "Target", value: (e) => describeTarget(e) },
  { header: "IP address", value: (e) => e.ip },
  { header: "User agent", value: (e) => e.userAgent },
  { header: "Details", value: (e) => describeDetails(e.details).join("; ") },
  { header: "Event id", value: (e) => e.id },
];

export function auditExport(me: SessionUser, filters: AuditFilters): CsvExport<AuditEventView> {
  const where = auditListWhere(me, filters);
  return {
    list: "audit",
    filter: { user: filters.user ?? null, action: filters.action ?? null, from: filters.from ?? null, to: filters.to ?? null },
    filename: datedFilename("audit-trail"),
    columns: COLUMNS,
    page: async (db, after, limit) => {
      const rows = await auditEventRows(db, and(where, keysetAfter(AUDIT_LIST_ORDER, after)))
        .orderBy(...keysetOrder(AUDIT_LIST_ORDER))
        .limit(limit);
      return rows.map((row) => ({ ...toAuditEventView(row), cursor: row.cursor }));
    },
  };
}
