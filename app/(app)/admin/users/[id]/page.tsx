import Link from "next/link";
import { StatusToggle } from "@/app/_components/status-toggle";
import { setUserActiveAction } from "@/lib/users/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import { getUserDetail, listOrganizationOptions, type UserDetail } from "@/lib/users/queries";
import { APPROVAL_REASON_LABELS, APPROVAL_STATUS_LABELS } from "@/lib/users/approval-rules";
import { ApprovalDecision } from "@/app/_components/approval-decision";
import { EditUserForm } from "../user-form";
import { ResetPasswordForm } from "./reset-password-form";
import { ResetSecondFactorForm } from "./reset-second-factor-form";

export const metadata = { title: "User" };

export default async function UserPage({ params, searchParams }: PageProps<"/admin/users/[id]">) {
  const me = await requirePermission("users.manage");
  const { id } = await params;
  const { created } = await searchParams;
  const [user, organizations] = await Promise.all([orNotFound(getUserDetail(me, id)), listOrganizationOptions(me)]);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/admin/users">← Users</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{user.name}</h1>
          <p className="text-slate-600">
            {ROLE_LABELS[user.role]}
            {user.organizationName ? ` · ${user.organizationName}` : ""} ·{" "}
            {user.active ? "Active" : <strong className="text-red-700">Deactivated</strong>}
            {user.approval.status !== "approved" ? (
              <>
                {" "}
                · <strong className="text-amber-800">{APPROVAL_STATUS_LABELS[user.approval.status]}</strong>
              </>
            ) : null}
          </p>
        </div>
        <Link href={`/admin/audit?user=${user.id}`} className="btn-secondary">
          Audit trail for this user
        </Link>
      </div>
      {created ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          User created. They will be asked to choose their own password when they first sign in.
        </p>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <section className="card lg:col-span-2" aria-labelledby="details-heading">
          <h2 id="details-heading" className="mb-4 text-lg font-semibold">
            Details
          </h2>
          <EditUserForm
            user={{ id: user.id, version: user.version, name: user.name, email: user.email, role: user.role, organizationId: user.organizationId }}
            organizations={organizations}
          />
          <p className="mt-4 text-xs text-slate-500">
            Last saved {formatDateTime(user.updatedAt)}
            {user.updatedByName ? ` by ${user.updatedByName}` : ""}. Created {formatDateTime(user.createdAt)}.
          </p>
        </section>

        <div className="space-y-6">
          <ApprovalCard user={user} />
          <section className="card" aria-labelledby="access-heading">
            <h2 id="access-heading" className="text-lg font-semibold">
              Access
            </h2>
            <dl className="mt-2 space-y-1 text-sm">
              <div>
                <dt className="inline text-slate-500">Last sign-in: </dt>
                <dd className="inline">{formatDateTime(user.lastSignInAt)}</dd>
              </div>
              <div>
                <dt className="inline text-slate-500">Password: </dt>
                <dd className="inline">{user.mustChangePassword ? "initial password, not yet replaced" : "chosen by the user"}</dd>
              </div>
              {user.lockedUntil ? (
                <div className="text-amber-800">
                  <dt className="inline">Locked out until </dt>
                  <dd className="inline">{formatDateTime(user.lockedUntil)}</dd>
                </div>
              ) : null}
              <div>
                <dt className="inline text-slate-500">Two-step sign-in: </dt>
                <dd className="inline" data-testid="second-factor-state">
                  {user.secondFactorSince
                    ? `on since ${formatDateTime(user.secondFactorSince)}`
                    : user.secondFactorResetAt
                      ? `reset ${formatDateTime(user.secondFactorResetAt)}, not yet set up again`
                      : "not set up"}
                </dd>
              </div>
              <div>
                <dt className="inline text-slate-500">Open sessions: </dt>
                <dd className="inline">{user.openSessions.length}</dd>
              </div>
            </dl>
            <div className="mt-4">
              {user.id === me.id ? (
                <p className="text-sm text-slate-500">You cannot deactivate your own account.</p>
              ) : (
                <StatusToggle
                  action={setUserActiveAction}
                  id={user.id}
                  version={user.version}
                  active={user.active}
                  noun="account"
                  consequence="They will be signed out everywhere and cannot sign in until reactivated."
                />
              )}
            </div>
          </section>

          {user.id !== me.id ? (
            <section className="card" aria-labelledby="reset-heading">
              <h2 id="reset-heading" className="text-lg font-semibold">
                Reset password
              </h2>
              <p className="mb-3 text-sm text-slate-600">
                Sets a new initial password, lifts any lockout and signs them out everywhere. They must choose their own at next
                sign-in.
              </p>
              <ResetPasswordForm id={user.id} />
            </section>
          ) : null}

          {user.id !== me.id && user.secondFactorSince ? (
            <section className="card" aria-labelledby="reset-second-factor-heading">
              <h2 id="reset-second-factor-heading" className="text-lg font-semibold">
                Reset two-step sign-in
              </h2>
              <p className="mb-3 text-sm text-slate-600">
                For someone who lost their phone and their recovery codes: removes their authenticator and codes and signs them out
                everywhere. As after a password reset, a program lead of their organization must approve them before they sign in
                again; they are told at that sign-in.
              </p>
              <ResetSecondFactorForm id={user.id} />
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}

/** Whether a program lead of the organization let this account in, and who asked and decided when. */
function ApprovalCard({ user }: { user: UserDetail }) {
  const { approval } = user;
  if (approval.status === "approved" && !approval.reason) return null;
  const organization = user.organizationName ?? "the organization";
  const asked = approval.reason ? (
    <p className="mt-2 text-sm text-slate-600">
      Why: {APPROVAL_REASON_LABELS[approval.reason]}
      {approval.requestedByName ? ` (${approval.requestedByName})` : ""}, {formatDateTime(approval.requestedAt)}.
    </p>
  ) : null;
  return (
    <section className="card" aria-labelledby="approval-heading" data-testid="approval-state">
      <h2 id="approval-heading" className="text-lg font-semibold">
        Approval
      </h2>
      {approval.status === "pending" ? (
        <>
          <p className="mt-2 text-sm text-amber-900">
            Waiting since {formatDateTime(approval.requestedAt)} for a program lead of {organization} to approve this account. They
            cannot sign in until then.
          </p>
          {approval.approvers === 0 ? (
            <div className="mt-2 space-y-2" data-testid="second-admin">
              <p className="text-sm text-red-800">
                {organization} has no active, approved program lead who could approve it, so a second administrator must confirm
                it: not {approval.requestedByName ?? "the administrator who made the change"}. Confirm only after checking with the
                person and the organization, outside Clearway, that this is right.
              </p>
              {approval.canConfirm ? (
                <ApprovalDecision id={user.id} version={user.version} name={user.name} approveLabel="Confirm as second administrator" />
              ) : null}
            </div>
          ) : null}
        </>
      ) : approval.status === "declined" ? (
        <p className="mt-2 text-sm text-red-800">
          Declined by {approval.decidedByName ?? "a program lead"} on {formatDateTime(approval.decidedAt)}. This account cannot sign
          in. Resetting the password asks the organization again.
        </p>
      ) : approval.decidedByName ? (
        <p className="mt-2 text-sm text-slate-700">
          Approved by {approval.decidedByName} on {formatDateTime(approval.decidedAt)}.
        </p>
      ) : (
        <p className="mt-2 text-sm text-slate-700">
          Let in without approval on {formatDateTime(approval.decidedAt)} as the first program lead of {organization}; everyone
          there was told.
        </p>
      )}
      {asked}
    </section>
  );
}
