import Link from "next/link";
import { StatusToggle } from "@/app/_components/status-toggle";
import { setOrganizationActiveAction } from "@/lib/organizations/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import { ORGANIZATION_TYPE_LABELS } from "@/lib/organizations/constants";
import { getOrganizationDetail } from "@/lib/organizations/queries";
import { getOrganizationApprovals } from "@/lib/users/approval-queries";
import { APPROVAL_REASON_LABELS, firstLeadNotice } from "@/lib/users/approval-rules";
import { EditOrganizationForm } from "../organization-form";
import { RetentionSettingsForm } from "./retention-form";

export const metadata = { title: "Organization" };

export default async function OrganizationPage({ params, searchParams }: PageProps<"/admin/organizations/[id]">) {
  const me = await requirePermission("organizations.manage");
  const { id } = await params;
  const { created } = await searchParams;
  const [organization, approvals] = await Promise.all([orNotFound(getOrganizationDetail(me, id)), orNotFound(getOrganizationApprovals(me, id))]);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/organizations">← Organizations</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{organization.name}</h1>
        <p className="text-slate-600">
          {ORGANIZATION_TYPE_LABELS[organization.type]} · {organization.county ? `${organization.county} County` : "Statewide"} ·{" "}
          {organization.active ? "Active" : <strong className="text-red-700">Deactivated</strong>}
        </p>
      </div>
      {approvals.firstLeads.map((notice) => (
        <p key={notice.id} role="note" data-testid="first-lead-notice" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {firstLeadNotice(notice)}
        </p>
      ))}
      {created ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Organization created.
        </p>
      ) : null}
      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2" aria-labelledby="details-heading">
          <h2 id="details-heading" className="mb-4 text-lg font-semibold">
            Details
          </h2>
          <EditOrganizationForm
            organization={{
              id: organization.id,
              version: organization.version,
              name: organization.name,
              type: organization.type,
              county: organization.county,
              services: organization.services,
            }}
          />
          <p className="mt-4 text-xs text-slate-500">
            Last saved {formatDateTime(organization.updatedAt)}
            {organization.updatedByName ? ` by ${organization.updatedByName}` : ""}.
          </p>
        </section>
        <div className="space-y-6">
          <section className="card" aria-labelledby="retention-heading">
            <h2 id="retention-heading" className="text-lg font-semibold">
              Retention
            </h2>
            <p className="mb-3 text-sm text-slate-600">
              How long this organization&apos;s closed survivor records are kept before the nightly purge removes them, and how long its staff&apos;s audit events are kept. Its program leads see what is due in the next 30 days and can hold it.
            </p>
            <RetentionSettingsForm
              organization={{
                id: organization.id,
                version: organization.version,
                recordRetentionYears: organization.recordRetentionYears,
                auditRetentionYears: organization.auditRetentionYears,
              }}
            />
          </section>
          <section className="card" aria-labelledby="status-heading">
            <h2 id="status-heading" className="text-lg font-semibold">
              Status
            </h2>
            <p className="mb-3 text-sm text-slate-600">Staff of a deactivated organization cannot sign in.</p>
            <StatusToggle
              action={setOrganizationActiveAction}
              id={organization.id}
              version={organization.version}
              active={organization.active}
              noun="organization"
              consequence="Everyone at this organization will be signed out and unable to sign in."
            />
          </section>
          {approvals.waiting.length > 0 ? (
            <section className="card" aria-labelledby="waiting-heading" data-testid="waiting-approvals">
              <h2 id="waiting-heading" className="text-lg font-semibold">
                Waiting for a program lead
              </h2>
              <p className="text-sm text-slate-600">
                {approvals.approvers === 0
                  ? "No active, approved program lead here can approve them yet."
                  : `${approvals.approvers} program lead${approvals.approvers === 1 ? "" : "s"} here can approve them.`}
              </p>
              <ul className="mt-2 divide-y divide-slate-100 text-sm">
                {approvals.waiting.map((account) => (
                  <li key={account.id} className="py-1.5">
                    <Link href={`/admin/users/${account.id}`}>{account.name}</Link>
                    <span className="text-slate-500">
                      {" "}
                      · {ROLE_LABELS[account.role]} · {account.status === "declined" ? "declined" : `since ${formatDateTime(account.since)}`} ·{" "}
                      {APPROVAL_REASON_LABELS[account.reason]}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section className="card" aria-labelledby="members-heading">
            <h2 id="members-heading" className="text-lg font-semibold">
              Staff
            </h2>
            {organization.members.length === 0 ? <p className="mt-2 text-sm text-slate-600">No accounts yet.</p> : null}
            <ul className="mt-2 divide-y divide-slate-100 text-sm">
              {organization.members.map((member) => (
                <li key={member.id} className="flex justify-between gap-2 py-1.5">
                  <Link href={`/admin/users/${member.id}`}>{member.name}</Link>
                  <span className="text-slate-500">
                    {ROLE_LABELS[member.role]}
                    {member.active ? "" : " · deactivated"}
                  </span>
                </li>
              ))}
            </ul>
            <p className="mt-3">
              <Link href={`/admin/users/new`}>Add a user</Link>
            </p>
          </section>
        </div>
      </div>
    </div>
  );
}
