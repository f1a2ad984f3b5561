import Link from "next/link";
import type { SessionUser } from "@/lib/auth/sessions";
import { formatDateTime } from "@/lib/format";
import { getLeadToday } from "@/lib/home/lead-today";
import { FirstLeadNotices } from "../first-lead-notices";
import { AssignAttorneyForm } from "../matters/[id]/forms";

/**
 * The program lead's work for today, shown above the dashboard's figures (issue 12, "every role lands
 * on today's work"): for a legal organization's lead, the matters waiting for an attorney, each with
 * the choice of attorney and how many open matters each carries; for any other lead, the transfer
 * requests and accounts waiting for their decision (decided where they are listed).
 */
export async function LeadToday({ me }: { me: SessionUser }) {
  const today = await getLeadToday(me);
  const waiting = today.waitingMatters;
  return (
    <>
      <FirstLeadNotices me={me} />
      <section className="card space-y-3" aria-labelledby="lead-today-heading" data-testid="lead-today">
        <h2 id="lead-today-heading" className="text-lg font-semibold">
          Waiting for you today
        </h2>
        <ul className="flex flex-wrap gap-2 text-sm">
          {waiting ? (
            <li>
              <a href="#waiting-matters" className="btn-secondary" data-testid="lead-waiting-matters">
                Matters waiting for an attorney: {waiting.count}
              </a>
            </li>
          ) : (
            <li>
              <Link href="/survivors" className="btn-secondary" data-testid="lead-transfer-requests">
                Transfer requests to decide: {today.transferRequests}
              </Link>
            </li>
          )}
          <li>
            <Link href="/home#approvals" className="btn-secondary" data-testid="lead-approvals">
              Accounts waiting for your approval: {today.approvals}
            </Link>
          </li>
        </ul>
        {waiting ? (
          <div id="waiting-matters" className="space-y-3">
            <h3 className="text-sm font-semibold text-slate-700">Matters waiting for an attorney</h3>
            {waiting.count === 0 ? <p className="text-sm text-slate-500">Every open matter given to your organization has an attorney.</p> : null}
            <ul className="divide-y divide-slate-100">
              {waiting.items.map((m) => (
                <li key={m.id} className="grid gap-3 py-3 sm:grid-cols-[minmax(0,1fr)_minmax(0,2fr)]" data-testid="waiting-for-attorney">
                  <div className="text-sm">
                    <Link href={`/matters/${m.id}`} className="font-mono">
                      {m.clientCode}
                    </Link>
                    <span className="block text-xs text-slate-500">Waiting since {formatDateTime(m.since)}</span>
                  </div>
                  {m.suspended ? (
                    <p className="text-sm text-amber-900">Suspended: no release lets your organization work on it until the survivor&apos;s advocate records a new one.</p>
                  ) : (
                    <AssignAttorneyForm id={m.id} version={m.version} options={waiting.attorneys} label={`Attorney for ${m.clientCode}`} />
                  )}
                </li>
              ))}
            </ul>
            {waiting.count > waiting.items.length ? (
              <p className="text-sm">
                <Link href="/matters">All of your organization&apos;s matters</Link>
              </p>
            ) : null}
          </div>
        ) : null}
      </section>
    </>
  );
}
