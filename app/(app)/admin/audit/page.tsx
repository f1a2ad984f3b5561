import Link from "next/link";
import { z } from "zod";
import { EmptyRow, FilterForm, FilterSelect, FilterText } from "@/app/_components/list";
import { CursorPagination, firstParam, flattenParams } from "@/app/_components/pagination";
import { ExportLink } from "@/app/_components/export-link";
import { AUDIT_ACTIONS, AUDIT_ACTION_KEYS, isAuditAction } from "@/lib/audit/actions";
import { CHAIN_PROBLEM_TEXT, lastVerification, type VerificationView } from "@/lib/audit/chain";
import { describeDetails, describeTarget } from "@/lib/audit/describe";
import { auditFiltersSchema, listAuditEvents, type AuditEventView } from "@/lib/audit/queries";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { periodSchema } from "@/lib/form-fields";
import { listUserOptions } from "@/lib/users/queries";
import { VerifyChainButton } from "./chain-panel";

export const metadata = { title: "Audit trail" };

function target(event: AuditEventView) {
  const label = describeTarget(event);
  if (event.targetType === "user" && event.targetId) return <Link href={`/admin/users/${event.targetId}`}>{label}</Link>;
  if (event.targetType === "organization" && event.targetId) {
    return <Link href={`/admin/organizations/${event.targetId}`}>{label}</Link>;
  }
  return label;
}

export default async function AuditPage({ searchParams }: PageProps<"/admin/audit">) {
  const me = await requirePermission("audit.read");
  const params = flattenParams(await searchParams);
  const typed = { from: firstParam(params.from), to: firstParam(params.to) };
  const period = periodSchema.safeParse(typed);
  const dateErrors = period.success ? {} : z.flattenError(period.error).fieldErrors;
  const filters = { ...auditFiltersSchema.parse(params), from: period.data?.from, to: period.data?.to };
  // A period that is not one lists nothing: the trail must never quietly cover a different period.
  const [page, people, verification] = await Promise.all([
    period.success ? listAuditEvents(me, filters) : null,
    listUserOptions(me),
    lastVerification(me),
  ]);
  const filterParams = { user: filters.user, action: filters.action, from: filters.from ?? undefined, to: filters.to ?? undefined };

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Audit trail</h1>
          <p className="text-slate-600">
            Every sign-in, refusal and change to accounts and organizations, newest first. Events cannot be edited or deleted.
            Times are Pacific.
          </p>
        </div>
        {period.success ? <ExportLink path="/admin/audit/export" params={filterParams} /> : null}
      </div>

      <ChainStatus verification={verification} />

      <FilterForm label="Filter the audit trail" columns="sm:grid-cols-4" clearHref="/admin/audit">
        <FilterSelect
          name="user"
          label="User"
          defaultValue={filters.user}
          anyLabel="Anyone"
          options={people.map((person) => ({ value: person.id, label: `${person.name} (${person.email})` }))}
        />
        <FilterSelect
          name="action"
          label="Action"
          defaultValue={filters.action}
          anyLabel="Any action"
          options={AUDIT_ACTION_KEYS.map((key) => ({ value: key, label: AUDIT_ACTIONS[key] }))}
        />
        <FilterText type="date" name="from" label="From" defaultValue={typed.from} error={dateErrors.from} />
        <FilterText type="date" name="to" label="To" defaultValue={typed.to} error={dateErrors.to} />
      </FilterForm>

      {page ? (
        <>
          <AuditTable items={page.items} />
          <CursorPagination basePath="/admin/audit" params={filterParams} newerCursor={page.newerCursor} olderCursor={page.olderCursor} />
        </>
      ) : (
        <p className="text-sm text-slate-600">Correct the dates above to see the events.</p>
      )}
    </div>
  );
}

/** The hash chain's last verification: when, by whom, and whether every event still matches. */
function ChainStatus({ verification: v }: { verification: VerificationView | null }) {
  const who = v ? (v.requestedByName ?? "the command line (npm run audit:verify)") : null;
  return (
    <section className="card flex flex-wrap items-start justify-between gap-3" aria-labelledby="chain-heading" data-testid="audit-chain">
      <div className="space-y-1">
        <h2 id="chain-heading" className="text-base font-semibold">
          Tamper check
        </h2>
        {!v ? (
          <p className="text-sm text-slate-700">The chain of audit events has not been verified yet.</p>
        ) : v.intact ? (
          <p className="text-sm text-slate-700">
            <span className="font-semibold text-green-800">Intact.</span> Every one of {v.linksChecked.toLocaleString("en-US")} events matched its
            hash when verified on {formatDateTime(v.verifiedAt)} by {who}.
          </p>
        ) : (
          <p className="text-sm text-red-800" role="alert">
            <span className="font-semibold">Broken</span>
            {v.brokenEventId != null ? ` at event ${v.brokenEventId}` : ""}
            {v.brokenSeq != null ? ` (link ${v.brokenSeq})` : ""}: {v.problem && v.problem in CHAIN_PROBLEM_TEXT ? CHAIN_PROBLEM_TEXT[v.problem as keyof typeof CHAIN_PROBLEM_TEXT] : v.problem}{" "}
            Found on {formatDateTime(v.verifiedAt)} by {who}; {v.linksChecked.toLocaleString("en-US")} events before it matched.
          </p>
        )}
        <p className="text-xs text-slate-500">Each event carries a hash over its content and the event before it, so a change to any event shows here.</p>
      </div>
      <VerifyChainButton />
    </section>
  );
}

function AuditTable({ items }: { items: AuditEventView[] }) {
  return (
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
          {items.length === 0 ? <EmptyRow colSpan={6}>No events match these filters.</EmptyRow> : null}
          {items.map((event) => (
            <tr key={event.id}>
              <td className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</td>
              <td>
                {event.actorName ?? (
                  <span className="text-slate-500">{event.action.startsWith("system.") ? "System" : "Not signed in"}</span>
                )}
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
  );
}
