import { EmptyRow } from "@/app/_components/list";
import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { getReferralInbox } from "@/lib/home/inbox";
import { visitHome } from "@/lib/home/visit";
import { SERVICE_LABELS } from "@/lib/organizations/constants";
import { REFERRAL_STATUS_LABELS, URGENCY_LABELS } from "@/lib/referrals/constants";
import { listFirstLeadNotices } from "@/lib/users/approval-queries";
import { FirstLeadNotices } from "../../first-lead-notices";
import { ReferralStatusBadge } from "../status-badge";

export const metadata = { title: "Referral inbox" };

// A partner's home: the referrals sent to their organization that still need it, unanswered first.
export default async function ReferralInboxPage() {
  const me = await requirePermission("referrals.respond");
  // The notices are read beside the visit and the inbox, not after them.
  const [inbox, notices] = await Promise.all([visitHome(me).then((since) => getReferralInbox(me, since)), listFirstLeadNotices(me)]);
  const days = getEnv().referralOverdueBusinessDays;

  return (
    <div className="space-y-5">
      <FirstLeadNotices me={me} notices={notices} />
      <div>
        <h1 className="text-2xl font-semibold">Referral inbox</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="inbox-summary">
          {inbox.unanswered === 0
            ? "Every referral sent to your organization has been answered."
            : `${inbox.unanswered} referral${inbox.unanswered === 1 ? " waits" : "s wait"} for your answer${inbox.newCount > 0 ? `, ${inbox.newCount} new since your last visit` : ""}.`}
          {inbox.overdue > 0 ? ` ${inbox.overdue} ${inbox.overdue === 1 ? "has" : "have"} waited more than ${days} business days.` : ""}
        </p>
      </div>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Service</th>
              <th scope="col">From</th>
              <th scope="col">Urgency</th>
              <th scope="col">Status</th>
              <th scope="col">Days waiting</th>
            </tr>
          </thead>
          <tbody>
            {inbox.items.length === 0 ? (
              <EmptyRow colSpan={6}>Nothing in your inbox.</EmptyRow>
            ) : null}
            {inbox.items.map((r) => (
              <tr key={r.id} data-testid="inbox-referral" className={r.isNew ? "bg-sky-50" : undefined}>
                <td className="whitespace-nowrap font-mono text-sm">
                  <Link href={`/referrals/${r.id}`}>{r.clientCode}</Link>
                  {r.isNew ? <span className="badge ml-2 bg-sky-100 text-sky-900">New</span> : null}
                </td>
                <td>{SERVICE_LABELS[r.service]}</td>
                <td>{r.fromName}</td>
                <td>{URGENCY_LABELS[r.urgency]}</td>
                <td className="whitespace-nowrap">
                  <ReferralStatusBadge status={r.status} overdue={r.overdue} />
                </td>
                <td className="whitespace-nowrap text-slate-600">
                  {r.daysWaiting !== null ? `${r.daysWaiting} day${r.daysWaiting === 1 ? "" : "s"}` : `Answered; ${REFERRAL_STATUS_LABELS[r.status].toLowerCase()} since ${formatDateTime(r.statusChangedAt)}`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="text-sm text-slate-600">
        {inbox.total > inbox.items.length ? `Showing ${inbox.items.length} of ${inbox.totalIsLowerBound ? "more than " : ""}${inbox.total}. ` : ""}
        Every referral, answered or not, with filters: <Link href="/referrals?status=all">Referrals</Link>.
      </p>
    </div>
  );
}
