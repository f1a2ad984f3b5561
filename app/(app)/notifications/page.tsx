import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listNotifications } from "@/lib/notifications/queries";
import { pageSchema } from "@/lib/pagination";
import { MarkAllRead } from "./mark-all-read";

export const metadata = { title: "Notifications" };

export default async function NotificationsPage({ searchParams }: PageProps<"/notifications">) {
  const me = await requirePermission("account.manage");
  const params = flattenParams(await searchParams);
  const page = pageSchema.parse(firstParam(params.page));
  const result = await listNotifications(me, page);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <div className="flex items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Notifications</h1>
        {result.items.some((n) => n.unread) ? <MarkAllRead /> : null}
      </div>
      <ul className="card divide-y divide-slate-100 p-0">
        {result.items.length === 0 ? <li className="p-4 text-sm text-slate-500">Nothing yet.</li> : null}
        {result.items.map((n) => (
          <li key={n.id} className={`p-4 text-sm ${n.unread ? "bg-sky-50" : ""}`} data-testid="notification">
            {/* A full page load: it marks the notification read, and the header's count is redrawn. */}
            <a href={`/notifications/${n.id}`}>{n.text}</a>
            <span className="block text-xs text-slate-500">
              {formatDateTime(n.createdAt)}
              {n.unread ? " · new" : ""}
            </span>
          </li>
        ))}
      </ul>
      <Pagination basePath="/notifications" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="notification" />
    </div>
  );
}
