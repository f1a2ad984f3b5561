import Link from "next/link";
import { listOwnSessions } from "@/lib/account/queries";
import { secondFactorStatus } from "@/lib/account/two-factor";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { EndOtherSessionsButton } from "./end-other-sessions-button";

export const metadata = { title: "Your account" };

export default async function AccountPage() {
  const me = await requirePermission("account.manage");
  const [sessions, twoFactor] = await Promise.all([listOwnSessions(me), secondFactorStatus(me)]);
  const others = sessions.filter((s) => !s.current).length;

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Your account</h1>
      <section className="card">
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Name</dt>
            <dd className="font-medium">{me.name}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Email</dt>
            <dd className="font-medium">{me.email}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Role</dt>
            <dd className="font-medium">
              {ROLE_LABELS[me.role]}
              {me.organizationName ? ` · ${me.organizationName}` : ""}
            </dd>
          </div>
        </dl>
        <p className="mt-4 flex flex-wrap gap-3">
          <Link href="/account/password" className="btn-secondary">
            Change password
          </Link>
          <Link href="/account/two-factor" className="btn-secondary">
            {twoFactor.enabledAt ? "Two-step sign-in: on" : "Set up two-step sign-in"}
          </Link>
        </p>
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h2 id="sessions-heading" className="text-lg font-semibold">
            Where you are signed in
          </h2>
          {others > 0 ? <EndOtherSessionsButton count={others} /> : null}
        </div>
        <table className="table mt-3">
          <thead>
            <tr>
              <th scope="col">Signed in</th>
              <th scope="col">Last active</th>
              <th scope="col">Address</th>
              <th scope="col">Browser</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((session) => (
              <tr key={session.id}>
                <td className="whitespace-nowrap">
                  {formatDateTime(session.createdAt)}
                  {session.current ? <span className="badge ml-2 bg-brand-50 text-brand-800">This session</span> : null}
                </td>
                <td className="whitespace-nowrap">{formatDateTime(session.lastSeenAt)}</td>
                <td>{session.ip ?? "—"}</td>
                <td className="max-w-xs truncate text-slate-500" title={session.userAgent ?? undefined}>
                  {session.userAgent ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
