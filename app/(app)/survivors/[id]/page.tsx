import Link from "next/link";
import { DetailRow } from "@/app/_components/detail-row";
import { SafeContact } from "@/app/_components/safe-contact";
import { firstParam, flattenParams } from "@/app/_components/pagination";
import { requirePermission, currentRequestMeta } from "@/lib/auth/session";
import { can } from "@/lib/auth/policy";
import { formatCalendarDate, formatDateTime, pacificToday } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import { RELEASE_CATEGORY_LABELS, RELEASE_FORM_LABELS, RELEASE_STATUS_LABELS, REVOCATION_METHOD_LABELS } from "@/lib/releases/constants";
import {
  AGE_BAND_LABELS,
  CLOSE_REASON_LABELS,
  GENDER_IDENTITY_LABELS,
  RACE_ETHNICITY_LABELS,
  REFERRAL_SOURCE_LABELS,
  VICTIMIZATION_TYPE_LABELS,
  type CloseReason,
  type VictimizationType,
} from "@/lib/survivors/constants";
import { getSurvivorPage } from "@/lib/survivors/queries/record";
import { listAdvocateOptions } from "@/lib/survivors/queries/caseload";
import { type ReleaseItem } from "@/lib/releases/queries";
import { SERVICE_LABELS } from "@/lib/organizations/constants";
import { listSurvivorReferrals } from "@/lib/referrals/queries";
import { listSurvivorMatters } from "@/lib/vacatur/queries/matters";
import { MatterStatusBadge } from "../../matters/status-badge";
import { ReferralStatusBadge } from "../../referrals/status-badge";
import { StatusBadge } from "../status-badge";
import { NoteForm, ReassignForm, RevokeReleaseForm, ShareForm, StatusForm, TransferRequestForm } from "./forms";
import { NoteBody, Timeline } from "./timeline";
import { ServicesSection } from "./services-section";
import { keysetCursor } from "@/lib/pagination";

export default async function SurvivorPage({ params, searchParams }: PageProps<"/survivors/[id]">) {
  const me = await requirePermission("survivors.view");
  const { id } = await params;
  const query = flattenParams(await searchParams);
  const survivor = await orNotFound(getSurvivorPage(me, id, await currentRequestMeta(), { timelineBefore: keysetCursor.parse(firstParam(query.before)) }));
  const manage = survivor.access.manage;
  const summary = survivor.summary;
  const isLead = can(me, "survivors.reassign");
  const [advocates, referrals, matters] = manage
    ? await Promise.all([listAdvocateOptions(me), listSurvivorReferrals(me, survivor.id), listSurvivorMatters(me, survivor.id)])
    : [[], [], []];
  const today = pacificToday();
  const expiring = survivor.releases.filter((r) => r.expiresSoon);
  const heading = survivor.preferredName ?? survivor.clientCode;

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/survivors">← Survivors</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">
            {heading}
            {survivor.pronouns ? <span className="text-lg font-normal text-slate-500"> ({survivor.pronouns})</span> : null}
          </h1>
          <p className="flex flex-wrap items-center gap-2 text-slate-600">
            <span className="font-mono">{survivor.clientCode}</span>
            {summary ? (
              <>
                <StatusBadge status={summary.status} />
                <span>Advocate: {summary.assignedAdvocateName}</span>
              </>
            ) : (
              <span>
                {survivor.organizationName}’s record, shared with your organization under a release covering:{" "}
                {survivor.access.categories.map((c) => RELEASE_CATEGORY_LABELS[c]).join(", ")}.
              </span>
            )}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {manage ? (
            <>
              <Link href={`/survivors/${survivor.id}/edit`} className="btn-secondary">
                Edit details
              </Link>
              <Link href={`/survivors/${survivor.id}/releases/new`} className="btn-secondary">
                Record a release
              </Link>
              <Link href={`/survivors/${survivor.id}/referrals/new`} className="btn-secondary">
                Refer
              </Link>
            </>
          ) : null}
          {survivor.access.canSeeAccessLog ? (
            <Link href={`/survivors/${survivor.id}/access`} className="btn-secondary">
              Access
            </Link>
          ) : null}
        </div>
      </div>

      {query.created ? (
        <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          Survivor record {survivor.clientCode} created.
        </p>
      ) : null}

      {survivor.safeContact && survivor.identity ? (
        <SafeContact
          plan={survivor.safeContact}
          contact={{ phone: survivor.identity.phone, email: survivor.identity.email, address: survivor.identity.address, acpParticipant: survivor.identity.acpParticipant }}
        />
      ) : null}

      {manage && expiring.length > 0 ? (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="expiring-releases">
          Expiring within 14 days: {expiring.map((r) => `release to ${r.recipientName} (${formatCalendarDate(r.expiresOn)})`).join("; ")}. Ask the survivor
          whether they want to renew.
        </p>
      ) : null}

      <div className="grid items-start gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {survivor.identity ? (
            <section className="card" aria-labelledby="identity-heading">
              <h2 id="identity-heading" className="mb-2 text-lg font-semibold">
                Identity
              </h2>
              <dl className="divide-y divide-slate-100">
                <DetailRow label="Legal name">{survivor.identity.legalName}</DetailRow>
                <DetailRow label="Aliases / prior names">{survivor.identity.aliases.join("\n")}</DetailRow>
                <DetailRow label="Date of birth">{formatCalendarDate(survivor.identity.dateOfBirth)}</DetailRow>
              </dl>
            </section>
          ) : null}

          {manage ? <ServicesSection me={me} survivorId={survivor.id} today={today} /> : null}

          {manage ? (
            <section className="card space-y-4" aria-labelledby="notes-heading">
              <h2 id="notes-heading" className="text-lg font-semibold">
                Add a note
              </h2>
              <NoteForm survivorId={survivor.id} today={today} />
            </section>
          ) : null}

          {manage ? (
            <section className="card space-y-4" aria-labelledby="timeline-heading">
              <h2 id="timeline-heading" className="text-lg font-semibold">
                Timeline
              </h2>
              <Timeline items={survivor.timeline} meId={me.id} survivorId={survivor.id} today={today} canWrite={manage} />
              <div className="flex gap-3 text-sm">
                {query.before ? <Link href={`/survivors/${survivor.id}`}>Newest</Link> : null}
                {survivor.timelineNextBefore ? <Link href={`/survivors/${survivor.id}?before=${survivor.timelineNextBefore}`}>Older entries →</Link> : null}
              </div>
            </section>
          ) : null}

          {!manage && survivor.access.categories.includes("criminal_court") ? (
            <p className="card text-sm">
              <Link href={`/survivors/${survivor.id}/court-records`}>Court records (released to your organization)</Link>
            </p>
          ) : null}
          {!manage && survivor.access.categories.includes("case_notes") ? (
            <section className="card space-y-3" aria-labelledby="shared-notes-heading">
              <h2 id="shared-notes-heading" className="text-lg font-semibold">
                Case notes
              </h2>
              {survivor.sharedNotes.length === 0 ? <p className="text-sm text-slate-500">No notes.</p> : null}
              {survivor.sharedNotes.map((note) => (
                <NoteBody key={note.id} note={note} />
              ))}
            </section>
          ) : null}

          {!manage && survivor.access.categories.every((c) => c !== "identity_contact" && c !== "case_notes") ? (
            <p className="card text-sm text-slate-600">
              The release covers information that appears in other parts of Clearway (court records, referrals); nothing else of this record is shared with you.
            </p>
          ) : null}
        </div>

        {summary ? (
          <div className="space-y-6">
            <section className="card" aria-labelledby="summary-heading">
              <h2 id="summary-heading" className="mb-2 text-lg font-semibold">
                Summary
              </h2>
              <dl className="divide-y divide-slate-100">
                <DetailRow label="Intake">{formatCalendarDate(summary.intakeDate)}</DetailRow>
                <DetailRow label="Came via">{summary.referralSource ? REFERRAL_SOURCE_LABELS[summary.referralSource] : null}</DetailRow>
                <DetailRow label="County">{summary.county}</DetailRow>
                <DetailRow label="Victimization">{summary.victimizationTypes.map((v) => VICTIMIZATION_TYPE_LABELS[v as VictimizationType] ?? v).join(", ")}</DetailRow>
                <DetailRow label="Gender">{GENDER_IDENTITY_LABELS[summary.demographics.genderIdentity]}</DetailRow>
                <DetailRow label="Race / ethnicity">{RACE_ETHNICITY_LABELS[summary.demographics.raceEthnicity]}</DetailRow>
                <DetailRow label="Age">{AGE_BAND_LABELS[summary.demographics.ageBand]}</DetailRow>
                {summary.status === "closed" ? (
                  <DetailRow label="Closed">
                    {formatDateTime(summary.statusChangedAt)}
                    {summary.closedReason ? ` · ${CLOSE_REASON_LABELS[summary.closedReason as CloseReason] ?? summary.closedReason}` : ""}
                  </DetailRow>
                ) : null}
              </dl>
              <p className="mt-3 text-xs text-slate-500">
                Last saved {formatDateTime(survivor.updatedAt)}
                {survivor.updatedByName ? ` by ${survivor.updatedByName}` : ""}.
              </p>
            </section>

            <section className="card" aria-labelledby="status-heading">
              <h2 id="status-heading" className="mb-2 text-lg font-semibold">
                Case status
              </h2>
              <StatusForm key={survivor.version} id={survivor.id} version={survivor.version} status={summary.status} />
            </section>

            <section className="card space-y-3" aria-labelledby="referrals-heading">
              <h2 id="referrals-heading" className="text-lg font-semibold">
                Referrals
              </h2>
              {referrals.length === 0 ? <p className="text-sm text-slate-500">No referrals yet.</p> : null}
              <ul className="space-y-2 text-sm">
                {referrals.map((r) => (
                  <li key={r.id} className="flex flex-wrap items-center justify-between gap-2" data-testid="survivor-referral">
                    <Link href={`/referrals/${r.id}`}>
                      {SERVICE_LABELS[r.service]} · {r.toName}
                    </Link>
                    <ReferralStatusBadge status={r.status} overdue={r.overdue} />
                  </li>
                ))}
              </ul>
            </section>

            <section className="card space-y-3" aria-labelledby="vacatur-heading">
              <h2 id="vacatur-heading" className="text-lg font-semibold">
                Court records and vacatur
              </h2>
              <p className="text-sm">
                <Link href={`/survivors/${survivor.id}/court-records`}>Court records and eligibility screen</Link>
              </p>
              {matters.length === 0 ? <p className="text-sm text-slate-500">No vacatur matters.</p> : null}
              <ul className="space-y-2 text-sm">
                {matters.map((m) => (
                  <li key={m.id} className="flex flex-wrap items-center justify-between gap-2" data-testid="survivor-matter">
                    <Link href={`/matters/${m.id}`}>{m.attorneyName ? `${m.attorneyName} (${m.legalOrganizationName})` : (m.legalOrganizationName ?? "Not yet assigned")}</Link>
                    <span className="flex items-center gap-2">
                      <MatterStatusBadge status={m.status} />
                      {m.suspended ? <span className="badge bg-amber-50 text-amber-800">Suspended: no release</span> : null}
                    </span>
                  </li>
                ))}
              </ul>
            </section>

            <section className="card space-y-3" aria-labelledby="releases-heading">
              <h2 id="releases-heading" className="text-lg font-semibold">
                Releases of information
              </h2>
              {survivor.releases.length === 0 ? <p className="text-sm text-slate-500">No releases. Nothing is shared outside {survivor.organizationName}.</p> : null}
              <ul className="space-y-3">
                {survivor.releases.map((release) => (
                  <ReleaseCard key={release.id} release={release} survivorId={survivor.id} />
                ))}
              </ul>
            </section>

            <section className="card space-y-4" aria-labelledby="assignment-heading">
              <h2 id="assignment-heading" className="text-lg font-semibold">
                {isLead ? "Assignment" : "Ask for a transfer"}
              </h2>
              {isLead ? (
                <>
                  <ReassignForm key={survivor.version} id={survivor.id} version={survivor.version} currentAdvocateId={summary.assignedAdvocateId} advocates={advocates} />
                  <h3 className="text-sm font-semibold">Also shared with</h3>
                  <ShareForm survivorId={survivor.id} advocates={advocates} sharedWith={summary.sharedWith} assignedAdvocateId={summary.assignedAdvocateId} />
                </>
              ) : (
                <TransferRequestForm survivorId={survivor.id} advocates={advocates} currentAdvocateId={summary.assignedAdvocateId} />
              )}
            </section>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function ReleaseCard({ release, survivorId }: { release: ReleaseItem; survivorId: string }) {
  const tone =
    release.status === "active" ? (release.expiresSoon ? "bg-amber-50 text-amber-800" : "bg-emerald-50 text-emerald-800") : "bg-slate-100 text-slate-600";
  return (
    <li className="rounded-md border border-slate-200 p-3 text-sm" data-testid="release">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <strong>{release.recipientName}</strong>
        <span className={`badge ${tone}`}>{RELEASE_STATUS_LABELS[release.status]}</span>
      </div>
      <p className="mt-1">{release.categories.map((c) => RELEASE_CATEGORY_LABELS[c]).join(", ")}</p>
      <p className="text-slate-600">For: {release.purpose}</p>
      <p className="text-slate-600">
        {RELEASE_FORM_LABELS[release.form]}, signed {formatCalendarDate(release.signedOn)}, expires {formatCalendarDate(release.expiresOn)}
        {release.copyProvided ? " · copy given" : ""}
        {release.guardianName ? ` · co-signed by ${release.guardianName}` : ""}
      </p>
      {release.revokedAt ? (
        <p className="text-slate-600">
          Revoked {formatDateTime(release.revokedAt)} by {release.revokedByName} ·{" "}
          {release.revocationMethod ? REVOCATION_METHOD_LABELS[release.revocationMethod] : ""}
          {release.revocationNote ? ` · ${release.revocationNote}` : ""}
        </p>
      ) : (
        <div className="mt-2">
          <RevokeReleaseForm id={release.id} version={release.version} survivorId={survivorId} recipientName={release.recipientName} />
        </div>
      )}
    </li>
  );
}
