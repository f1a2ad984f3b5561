import type { Metadata } from "next";
import Link from "next/link";
import { recordTitle } from "@/app/_components/record-title";
import { referralTitle } from "@/lib/record-titles";
import { DetailRow } from "@/app/_components/detail-row";
import { SafeContact } from "@/app/_components/safe-contact";
import { currentRequestMeta, getCurrentUser, requirePermission } from "@/lib/auth/session";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { SERVICE_LABELS } from "@/lib/organizations/constants";
import { orNotFound } from "@/lib/page-data";
import { REFERRAL_STATUS_LABELS, URGENCY_LABELS } from "@/lib/referrals/constants";
import { getReferral } from "@/lib/referrals/queries";
import { describeLapse } from "@/lib/releases/rules";
import { ReferralStatusBadge } from "../status-badge";
import { TransitionForms } from "./transition-form";

export async function generateMetadata({ params }: PageProps<"/referrals/[id]">): Promise<Metadata> {
  return recordTitle(await referralTitle(await getCurrentUser(), (await params).id), "Referral");
}

export default async function ReferralPage({ params }: PageProps<"/referrals/[id]">) {
  const me = await requirePermission("referrals.view");
  const { id } = await params;
  const referral = await orNotFound(getReferral(me, id, await currentRequestMeta()));
  const days = getEnv().referralOverdueBusinessDays;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/referrals">← Referrals</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">
          {SERVICE_LABELS[referral.service]} referral{" "}
          <span className="font-mono text-lg text-slate-500">
            {referral.side === "sender" ? <Link href={`/survivors/${referral.survivorId}`}>{referral.clientCode}</Link> : referral.clientCode}
          </span>
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-slate-600">
          <ReferralStatusBadge status={referral.status} overdue={referral.overdue} />
          {referral.fromName} → {referral.toName} · {URGENCY_LABELS[referral.urgency]}
        </p>
        {referral.overdue ? (
          <p className="mt-2 text-sm text-red-800">No answer after {days} business days.</p>
        ) : null}
      </div>

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section className="card" aria-labelledby="need-heading">
            <h2 id="need-heading" className="mb-2 text-lg font-semibold">
              The need
            </h2>
            <dl className="divide-y divide-slate-100">
              <DetailRow label="Reason">{referral.reason}</DetailRow>
              {referral.notes !== null ? <DetailRow label="Notes">{referral.notes}</DetailRow> : null}
              <DetailRow label="Referred by">
                {referral.createdByName}, {referral.fromName}
              </DetailRow>
              <DetailRow label="Sent">{formatDateTime(referral.sentAt)}</DetailRow>
            </dl>
          </section>

          {referral.side === "recipient" ? (
            referral.identity ? (
              <>
                <section className="card" aria-labelledby="who-heading">
                  <h2 id="who-heading" className="mb-2 text-lg font-semibold">
                    Who
                  </h2>
                  <p className="mb-2 text-xs text-slate-500">Shared under the survivor’s release to {referral.toName}. This view is recorded.</p>
                  <dl className="divide-y divide-slate-100">
                    <DetailRow label="Preferred name">
                      {referral.identity.preferredName}
                      {referral.identity.pronouns ? ` (${referral.identity.pronouns})` : ""}
                    </DetailRow>
                    <DetailRow label="Legal name">{referral.identity.legalName}</DetailRow>
                  </dl>
                </section>
                <SafeContact
                  plan={{ ...referral.identity.safeContact, languages: referral.identity.languages, interpreterNeeded: referral.identity.interpreterNeeded }}
                  contact={{ phone: referral.identity.phone, email: referral.identity.email }}
                />
              </>
            ) : (
              <p className="card text-sm text-slate-600" data-testid="no-identity">
                {referral.lapse ? `${describeLapse(referral.lapse, referral.toName)}: this referral now shows the client code and the need only.` : "This referral carries no identifying details: the client code and the need only."}{" "}
                Work with {referral.fromName} to arrange contact.
              </p>
            )
          ) : (
            <p className="card text-sm text-slate-600">
              {referral.identified
                ? referral.identityShared
                  ? `${referral.toName} sees the survivor’s identity and contact details under an active release.`
                  : `Sent with identifying details, but ${referral.lapse ? describeLapse(referral.lapse, referral.toName).replace(/^The/, "the") : `no release to ${referral.toName} is in effect now`}: they see the client code and the need only.`
                : `Sent without identifying details: ${referral.toName} sees the client code and the need only.`}
            </p>
          )}

          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading" className="mb-2 text-lg font-semibold">
              History
            </h2>
            <ol className="space-y-3" aria-label="Referral history">
              {referral.events.map((event) => (
                <li key={event.id} className="border-l-2 border-slate-200 pl-3 text-sm" data-testid="referral-event">
                  <p className="text-xs text-slate-500">
                    {formatDateTime(event.occurredAt)} · {event.actorName} ({ROLE_LABELS[event.actorRole].toLowerCase()}
                    {event.organizationName ? `, ${event.organizationName}` : ""})
                  </p>
                  <p>
                    {event.fromStatus ? `${REFERRAL_STATUS_LABELS[event.fromStatus]} → ` : ""}
                    <strong>{REFERRAL_STATUS_LABELS[event.toStatus]}</strong>
                  </p>
                  {event.note ? <p className="whitespace-pre-wrap text-slate-700">“{event.note}”</p> : null}
                </li>
              ))}
            </ol>
          </section>
        </div>

        <section className="card space-y-3" aria-labelledby="next-heading">
          <h2 id="next-heading" className="text-lg font-semibold">
            Next step
          </h2>
          <TransitionForms key={referral.version} id={referral.id} version={referral.version} actions={referral.actions} />
        </section>
      </div>
    </div>
  );
}
