import { EmptyRow } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/format";
import { pageSchema } from "@/lib/pagination";
import { listDueForPurge } from "@/lib/retention/queries";
import { PURGE_PREVIEW_DAYS } from "@/lib/retention/rules";
import { HoldForm, ReleaseHoldForm } from "./hold-forms";

export const metadata = { title: "Retention" };

// A program lead's view of the retention purge (issue 15): their organization's records the nightly
// purge will remove in the next 30 days, and those on a legal hold. Client codes and dates only: a
// record is held or let go here without its survivor being named.

export default async function RetentionPage({ searchParams }: PageProps<"/retention">) {
  const me = await requirePermission("retention.view");
  const params = flattenParams(await searchParams);
  const page = pageSchema.parse(firstParam(params.page));
  const due = await listDueForPurge(me, page);

  return (
    <div className="space-y-5">
      <h1 className="text-2xl font-semibold">Retention</h1>
      <p className="max-w-3xl text-sm text-slate-700">
        Closed records your organization no longer keeps are purged each night once their time has passed: the record, its notes,
        releases, referrals and vacatur matters, beyond recovery. These are the ones due by {formatDate(due.horizon)} (the next{" "}
        {PURGE_PREVIEW_DAYS} days), and every record on a legal hold. A held record is never purged; once its hold is released it is
        purged at the next nightly run if its time has passed.
      </p>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <caption className="sr-only">Records due for purge, and records on hold</caption>
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Closed on</th>
              <th scope="col">Purge date</th>
              <th scope="col">Hold</th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {due.items.length === 0 ? <EmptyRow colSpan={5}>Nothing is due for purge in the next {PURGE_PREVIEW_DAYS} days, and nothing is on hold.</EmptyRow> : null}
            {due.items.map((record) => (
              <tr key={record.survivorId} data-testid="retention-row">
                <td className="font-mono">{record.clientCode}</td>
                <td>{record.closedAt ? formatDate(record.closedAt) : `Not closed (${record.status})`}</td>
                <td>{record.dueAt ? formatDate(record.dueAt) : "—"}</td>
                <td>
                  {record.hold ? (
                    <span>
                      <strong>On hold</strong> since {formatDateTime(record.hold.heldAt)}
                      {record.hold.heldByName ? ` by ${record.hold.heldByName}` : ""}: {record.hold.reason}
                    </span>
                  ) : (
                    <span className="text-slate-600">Not held</span>
                  )}
                </td>
                <td className="min-w-64">
                  {record.hold ? <ReleaseHoldForm survivorId={record.survivorId} clientCode={record.clientCode} /> : <HoldForm survivorId={record.survivorId} clientCode={record.clientCode} />}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/retention" params={params} page={due.page} pageCount={due.pageCount} total={due.total} noun="record" />
    </div>
  );
}
