import Link from "next/link";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/actions";
import { listAuditEvents } from "@/lib/audit/queries";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { countAccounts, listLockedAccounts } from "@/lib/users/queries";

export const metadata = { title: "Administration" };

export default async function AdminOverviewPage() {
  const me = await requirePermission("users.manage");
  const [accounts, locked, recent] = await Promise.all([
    countAccounts(me),
    listLockedAccounts(me),
    listAuditEvents(me, {}, { pageSize: 10 }),
  ]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Administration</h1>
          <p className="text-slate-600">Accounts, organizations and the audit trail. Survivor records are not shown here.</p>
        </div>
        <div className="flex gap-2">
          <Link href="/admin/users/new" className="btn-primary">
            New user
          </Link>
          <Link href="/admin/organizations/new" className="btn-secondary">
            New organization
          </Link>
          <Link href="/admin/security" className="btn-secondary">
            Sign-in security
          </Link>
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <section className="card" aria-labelledby="accounts-heading">
          <h2 id="accounts-heading" className="text-lg font-semibold">
            Active accounts
          </h2>
          <ul className="mt-3 space-y-1 text-sm">
            {ROLES.map((role) => (
              <li key={role} className="flex justify-between">
                <Link href={`/admin/users?role=${role}`}>{ROLE_LABELS[role]}</Link>
                <span className="tabular-nums">{accounts.byRole[role]}</span>
              </li>
            ))}
          </ul>
          <p className="mt-3 text-xs text-slate-500">
            {accounts.inactive} deactivated · {accounts.mustChangePassword} still using an initial password ·{" "}
            <Link href="/admin/users?approval=pending">{accounts.waitingApproval} waiting for a program lead&apos;s approval</Link>
          </p>
        </section>

        <section className="card" aria-labelledby="locked-heading">
          <h2 id="locked-heading" className="text-lg font-semibold">
            Locked out now
          </h2>
          {locked.length === 0 ? (
            <p className="mt-3 text-sm text-slate-600">Nobody is locked out.</p>
          ) : (
            <ul className="mt-3 space-y-1 text-sm">
              {locked.map((account) => (
                <li key={account.id}>
                  <Link href={`/admin/users/${account.id}`}>{account.name}</Link>
                  <span className="text-slate-500"> until {formatDateTime(account.lockedUntil)}</span>
                </li>
              ))}
            </ul>
          )}
          <p className="mt-3 text-xs text-slate-500">
            Five failed sign-ins within 15 minutes lock an account for 15 minutes. Resetting the password lifts the lock.
          </p>
        </section>

        <section className="card lg:row-span-2" aria-labelledby="recent-heading">
          <h2 id="recent-heading" className="text-lg font-semibold">
            Recent activity
          </h2>
          <ul className="mt-3 space-y-2 text-sm">
            {recent.items.map((event) => (
              <li key={event.id}>
                <span className="font-medium">{isAuditAction(event.action) ? AUDIT_ACTIONS[event.action] : event.action}</span>
                {event.targetLabel ? <span> · {event.targetLabel}</span> : null}
                <span className="block text-xs text-slate-500">
                  {formatDateTime(event.occurredAt)} · {event.actorName ?? "not signed in"}
                </span>
              </li>
            ))}
          </ul>
          <p className="mt-3">
            <Link href="/admin/audit">Open the audit trail</Link>
          </p>
        </section>
      </div>
    </div>
  );
}
