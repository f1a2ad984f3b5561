import Link from "next/link";
import { firstParam, flattenParams } from "@/app/_components/pagination";
import { EmptyRow } from "@/app/_components/list";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import { listAccessLog } from "@/lib/survivors/queries/access-log";
import { PrintButton } from "@/app/_components/print-button";
import { keysetCursor } from "@/lib/pagination";

export const metadata = { title: "Who has seen this record" };

const WHAT: Record<string, string> = {
  "survivor.viewed": "Viewed",
  "survivor.disclosed": "Shared under a release",
  "survivor.exported": "Exported or printed",
};

/** Which list an export that included the record was (lib/exports/audit.ts EXPORT_LISTS). */
const EXPORTED_LIST: Record<string, string> = {
  caseload: "caseload",
  referrals: "referrals",
  matters: "vacatur matters",
  hearings: "hearings",
  hours: "pro bono hours",
};

function what(entry: { action: string; list: string | null }): string {
  if (entry.action === "export.downloaded") return `Included in a ${EXPORTED_LIST[entry.list ?? ""] ?? "list"} export (CSV)`;
  return WHAT[entry.action] ?? AUDIT_ACTIONS[entry.action as keyof typeof AUDIT_ACTIONS] ?? entry.action;
}

const SECTION: Record<string, string> = {
  court_records: "court records",
  matter: "vacatur matter",
  referral: "referral",
  court_document: "court document draft",
};

export default async function AccessLogPage({ params, searchParams }: PageProps<"/survivors/[id]/access">) {
  const me = await requirePermission("survivors.manage");
  const { id } = await params;
  const query = flattenParams(await searchParams);
  const log = await orNotFound(listAccessLog(me, id, { before: keysetCursor.parse(firstParam(query.before)) }));

  return (
    <div className="space-y-5">
      <p className="text-sm print:hidden">
        <Link href={`/survivors/${id}`}>← {log.preferredName}</Link>
      </p>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Who has seen this record</h1>
          <p className="text-slate-600">
            {log.preferredName} · <span className="font-mono">{log.clientCode}</span> · every view, export and disclosure, newest first. Printed{" "}
            {formatDateTime(new Date())}.
          </p>
        </div>
        <PrintButton />
      </div>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">Organization</th>
              <th scope="col">What</th>
              <th scope="col">Under release</th>
            </tr>
          </thead>
          <tbody>
            {log.entries.length === 0 ? <EmptyRow colSpan={5}>No one has opened this record yet.</EmptyRow> : null}
            {log.entries.map((entry) => (
              <tr key={entry.id} data-testid="access-entry">
                <td className="whitespace-nowrap">{formatDateTime(entry.occurredAt)}</td>
                <td>
                  {entry.userName ?? "—"}
                  {entry.role ? <span className="text-slate-500"> ({ROLE_LABELS[entry.role].toLowerCase()})</span> : null}
                </td>
                <td>{entry.organizationName ?? "—"}</td>
                <td>
                  {what(entry)}
                  {entry.access === "edit" ? " (edit form)" : ""}
                  {entry.section ? ` · ${SECTION[entry.section] ?? entry.section}` : ""}
                </td>
                <td>{entry.releases.length ? entry.releases.map((r) => `Release to ${r.recipientName}, signed ${formatCalendarDate(r.signedOn)}`).join("; ") : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex gap-3 text-sm print:hidden">
        {query.before ? <Link href={`/survivors/${id}/access`}>Newest</Link> : null}
        {log.nextBefore ? <Link href={`/survivors/${id}/access?before=${log.nextBefore}`}>Older entries →</Link> : null}
      </div>
    </div>
  );
}
