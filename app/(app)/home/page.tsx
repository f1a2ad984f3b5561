import Link from "next/link";
import { listOwnSignInActivity } from "@/lib/audit/queries";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/actions";
import { can } from "@/lib/auth/policy";
import { ROLE_DESCRIPTIONS, ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { ORGANIZATION_TYPE_LABELS, SERVICE_LABELS } from "@/lib/organizations/constants";
import { getOwnOrganization } from "@/lib/organizations/queries";
import { listWaitingApprovals } from "@/lib/users/approval-queries";
import { APPROVAL_REASON_LABELS } from "@/lib/users/approval-rules";
import { ApprovalDecision } from "@/app/_components/approval-decision";
import { FirstLeadNotices } from "../first-lead-notices";

export const metadata = { title: "Home" };

export default async function HomePage() {
  const me = await requirePermission("team.view");
  const [organization, activity, waiting] = await Promise.all([
    getOwnOrganization(me),
    listOwnSignInActivity(me),
    can(me, "users.approve") ? listWaitingApprovals(me) : Promise.resolve([]),
  ]);

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Welcome, {me.name}</h1>
        <p className="mt-1 text-slate-600" data-testid="role-summary">
          Signed in as <strong>{ROLE_LABELS[me.role]}</strong>
          {me.organizationName ? ` at ${me.organizationName}` : ""}. {ROLE_DESCRIPTIONS[me.role]}
        </p>
      </div>

      <FirstLeadNotices me={me} />

      {waiting.length > 0 ? (
        <section id="approvals" className="card" aria-labelledby="approvals-heading">
          <h2 id="approvals-heading" className="text-lg font-semibold">
            Waiting for your approval
          </h2>
          <p className="text-sm text-slate-600">
            These people cannot sign in until a program lead of your organization approves them. Approve only someone you
            know works here in this role: once in, they see survivors as their role allows.
          </p>
          <ul className="mt-3 divide-y divide-slate-100">
            {waiting.map((account) => (
              <li key={account.id} className="flex flex-wrap items-start justify-between gap-3 py-3" data-testid="waiting-approval">
                <div className="text-sm">
                  <p className="font-medium">
                    {account.name} <span className="font-normal text-slate-500">· {account.email}</span>
                  </p>
                  <p className="text-slate-600">
                    {ROLE_LABELS[account.role]} · {APPROVAL_REASON_LABELS[account.reason]}
                    {account.requestedByName ? ` (${account.requestedByName})` : ""}
                  </p>
                  <p className="text-slate-500">Waiting since {formatDateTime(account.since)}</p>
                </div>
                <ApprovalDecision id={account.id} version={account.version} name={account.name} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        {organization ? (
          <section className="card" aria-labelledby="org-heading">
            <h2 id="org-heading" className="text-lg font-semibold">
              {organization.name}
            </h2>
            <p className="text-sm text-slate-600">
              {ORGANIZATION_TYPE_LABELS[organization.type]} · {organization.county ? `${organization.county} County` : "Statewide"}
            </p>
            {organization.services.length > 0 ? (
              <p className="mt-2 text-sm">
                <span className="text-slate-500">Services: </span>
                {organization.services.map((s) => SERVICE_LABELS[s]).join(", ")}
              </p>
            ) : null}
            <h3 className="mt-4 text-sm font-semibold text-slate-700">Your team</h3>
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {organization.colleagues.map((person) => (
                <li key={person.id} className="flex justify-between py-1.5">
                  <span>
                    {person.name}
                    {person.id === me.id ? <span className="text-slate-500"> (you)</span> : null}
                  </span>
                  <span className="text-slate-500">{ROLE_LABELS[person.role]}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}

        <section className="card min-w-0" aria-labelledby="activity-heading">
          <h2 id="activity-heading" className="text-lg font-semibold">
            Recent sign-in activity
          </h2>
          <p className="text-sm text-slate-600">
            If you see a sign-in that was not you, <Link href="/account/password">change your password</Link> and tell
            your administrator.
          </p>
          <div className="mt-3 overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">What</th>
                  <th scope="col">From</th>
                </tr>
              </thead>
              <tbody>
                {activity.map((event) => (
                  <tr key={event.id}>
                    <td className="whitespace-nowrap">{formatDateTime(event.occurredAt)}</td>
                    <td>{isAuditAction(event.action) ? AUDIT_ACTIONS[event.action] : event.action}</td>
                    <td className="text-slate-500">{event.ip ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </div>
  );
}
