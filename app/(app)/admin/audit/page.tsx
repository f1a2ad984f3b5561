import Link from "next/link";
import { CursorPagination, flattenParams } from "@/app/_components/pagination";
import { AUDIT_ACTIONS, AUDIT_ACTION_KEYS, isAuditAction } from "@/lib/audit/actions";
import { auditFiltersSchema, listAuditEvents, type AuditEventView } from "@/lib/audit/queries";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listUserOptions } from "@/lib/users/queries";

export const metadata = { title: "Audit trail" };

function describeDetails(details: Record<string, unknown>): string[] {
  const lines: string[] = [];
  const changes = details.changes as Record<string, { from?: unknown; to?: unknown; changed?: boolean }> | undefined;
  if (changes) {
    for (const [field, change] of Object.entries(changes)) {
      lines.push(change.changed ? `${field} changed` : `${field}: ${show(change.from)} → ${show(change.to)}`);
    }
  }
  for (const [key, value] of Object.entries(details)) {
    if (key !== "changes") lines.push(`${key}: ${show(value)}`);
  }
  return lines;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "—";
  if (Array.isArray(value)) return value.join(", ") || "—";
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function target(event: AuditEventView) {
  if (!event.targetType) return "—";
  const label = event.targetLabel ?? event.targetId;
  if (event.targetType === "user" && event.targetId) return <Link href={`/admin/users/${event.targetId}`}>{label}</Link>;
  if (event.targetType === "organization" && event.targetId) {
    return <Link href={`/admin/organizations/${event.targetId}`}>{label}</Link>;
  }
  return `${event.targetType} ${label ?? ""}`;
}

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const me = await requirePermission("audit.read");
  const params = flattenParams(await searchParams);
  const filters = auditFiltersSchema.parse(params);
  const [page, people] = await Promise.all([listAuditEvents(me, filters), listUserOptions(me)]);
  const filterParams = { user: filters.user, action: filters.action, from: filters.from, to: filters.to };

  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Audit trail</h1>
        <p className="text-slate-600">
          Every sign-in, refusal and change to accounts and organizations, newest first. Events cannot be edited or deleted.
          Times are Pacific.
        </p>
      </div>

      <form method="get" className="card grid gap-3 sm:grid-cols-4" role="search" aria-label="Filter the audit trail">
        <div>
          <label htmlFor="user" className="block text-sm font-medium">
            User
          </label>
          <select id="user" name="user" defaultValue={filters.user ?? ""} className="input mt-1">
            <option value="">Anyone</option>
            {people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name} ({person.email})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="action" className="block text-sm font-medium">
            Action
          </label>
          <select id="action" name="action" defaultValue={filters.action ?? ""} className="input mt-1">
            <option value="">Any action</option>
            {AUDIT_ACTION_KEYS.map((key) => (
              <option key={key} value={key}>
                {AUDIT_ACTIONS[key]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-sm font-medium">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={filters.from ?? ""} className="input mt-1" />
        </div>
        <div>
          <label htmlFor="to" className="block text-sm font-medium">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={filters.to ?? ""} className="input mt-1" />
        </div>
        <div className="flex gap-2 sm:col-span-4">
          <button type="submit" className="btn-primary">
            Filter
          </button>
          <Link href="/admin/audit" className="btn-secondary">
            Clear
          </Link>
        </div>
      </form>

      <div className="card overflow-x-auto p-0">
        <table className="table" data-testid="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Action</th>
              <th scope="col">Target</th>
              <th scope="col">From</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {page.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-6 text-center text-slate-500">
                  No events match these filters.
                </td>
              </tr>
            ) : null}
            {page.items.map((event) => (
              <tr key={event.id}>
                <td className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</td>
                <td>
                  {event.actorName ?? <span className="text-slate-500">Not signed in</span>}
                  {event.actorRole ? <span className="block text-xs text-slate-500">{ROLE_LABELS[event.actorRole]}</span> : null}
                </td>
                <td>{isAuditAction(event.action) ? AUDIT_ACTIONS[event.action] : event.action}</td>
                <td>{target(event)}</td>
                <td className="text-xs text-slate-600">
                  {event.ip ?? "—"}
                  {event.userAgent ? (
                    <span className="block max-w-[14rem] truncate" title={event.userAgent}>
                      {event.userAgent}
                    </span>
                  ) : null}
                </td>
                <td className="text-xs text-slate-600">
                  {describeDetails(event.details).map((line, i) => (
                    <span key={i} className="block">
                      {line}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <CursorPagination basePath="/admin/audit" params={filterParams} newerCursor={page.newerCursor} olderCursor={page.olderCursor} />
    </div>
  );
}
