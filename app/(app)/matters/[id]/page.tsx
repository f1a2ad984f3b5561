import type { Metadata } from "next";
import Link from "next/link";
import { recordTitle } from "@/app/_components/record-title";
import { matterTitle } from "@/lib/record-titles";
import { DetailRow } from "@/app/_components/detail-row";
import { SafeContact } from "@/app/_components/safe-contact";
import { currentRequestMeta, getCurrentUser, requirePermission } from "@/lib/auth/session";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import {
  COMMUNICATION_CHANNEL_LABELS,
  COURT_TYPE_LABELS,
  CVPA_STATUS_LABELS,
  MATTER_STATUS_LABELS,
  NOTICE_METHOD_LABELS,
  OFFENSE_CLASS_LABELS,
  POST_ORDER_STEPS,
  POST_ORDER_STEP_LABELS,
  PROSECUTOR_POSITION_LABELS,
  TASK_KIND_LABELS,
  type CommunicationChannel,
  type MatterStatus,
  type NoticeMethod,
  type ProsecutorPosition,
  type TaskKind,
} from "@/lib/vacatur/constants";
import { isCrRLJ } from "@/lib/vacatur/documents-meta";
import { hearingsChangeable } from "@/lib/vacatur/hearing-schema";
import { getMatterPage } from "@/lib/vacatur/queries/matter-page";
import { ROUTE_LABELS, RULESET_VERSION, type Route } from "@/lib/vacatur/rules/screen";
import { ApplicantSection } from "./applicant-section";
import { ScreenView } from "../screen-view";
import { MatterStatusBadge } from "../status-badge";
import { MatterDeadlines, MatterHearingsList } from "./matter-desk";
import {
  AssignAttorneyForm,
  AttestConflictForm,
  ChecklistForm,
  CommunicationForm,
  ConclusionForm,
  MatterMoves,
  NoteForm,
  NoticeForm,
  PositionForm,
} from "./forms";
import { MatterHoursSection } from "./hours-section";
import { PetitionedCounts } from "./petitioned-counts";

export async function generateMetadata({ params }: PageProps<"/matters/[id]">): Promise<Metadata> {
  return recordTitle(await matterTitle(await getCurrentUser(), (await params).id), "Vacatur matter");
}

const POST_ORDER: readonly MatterStatus[] = ["granted", "partially_granted", "order_transmitted", "verified"];
const CONCLUSION_LABELS: Record<string, string> = { eligible: "Eligible", not_eligible: "Not eligible", needs_more: "Needs more information" };

function Section({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="card space-y-3" aria-label={title} data-testid={testId}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export default async function MatterPage({ params }: PageProps<"/matters/[id]">) {
  const me = await requirePermission("matters.view");
  const { id } = await params;
  const m = await orNotFound(getMatterPage(me, id, await currentRequestMeta()));
  const { see, can } = m;
  const who = m.survivor.preferredName ? `${m.survivor.preferredName} · ` : "";
  const recorded = new Set(m.checklist.map((c) => c.step));

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/matters">← Vacatur matters</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">
          Vacatur matter{" "}
          <span className="font-mono text-lg text-slate-500">
            {m.side === "owner" ? <Link href={`/survivors/${m.survivor.id}`}>{m.survivor.clientCode}</Link> : m.survivor.clientCode}
          </span>
        </h1>
        <p className="flex flex-wrap items-center gap-2 text-slate-600">
          <MatterStatusBadge status={m.status} />
          {who}
          {m.legalOrganization ? `${m.legalOrganization.name}${m.attorney ? `, ${m.attorney.name}` : ", no attorney assigned"}` : "No legal organization yet"}
        </p>
        {m.statusNote ? <p className="mt-1 text-sm text-slate-600">Latest note: {m.statusNote}</p> : null}
      </div>

      {m.suspension ? (
        <p role="status" className="rounded-md border-2 border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="matter-suspended">
          <strong>Suspended.</strong> {m.suspension}
          {m.side === "owner" ? (
            <>
              {" "}
              <Link href={`/survivors/${m.survivor.id}/releases/new`}>Record a new release</Link> to restore access
              {m.ownerActions.some((t) => t.action === "withdraw") ? ", or withdraw the matter below." : "."}
            </>
          ) : null}
        </p>
      ) : null}

      {can.attestConflict && m.conflictCheck ? (
        <Section title="Conflict of interest check" testId="conflict-check">
          <p className="text-sm">
            You were assigned this matter. Before you see its details, confirm you have no conflict of interest with the survivor or the other parties.
          </p>
          <dl>
            {m.survivor.legalName ? <DetailRow label="Survivor">{[m.survivor.legalName, ...m.survivor.aliases].join("; ")}</DetailRow> : null}
            <DetailRow label="Courts">{m.conflictCheck.courts.join("; ")}</DetailRow>
            <DetailRow label="Prosecuting offices">{m.conflictCheck.offices.join("; ")}</DetailRow>
          </dl>
          <AttestConflictForm id={m.id} version={m.version} />
        </Section>
      ) : null}

      {m.side === "legal" && !m.suspension && !see.court && !can.attestConflict ? (
        <p className="card text-sm text-slate-600">The matter&apos;s details open once the assigned attorney has confirmed they have no conflict of interest.</p>
      ) : null}

      {m.contact ? (
        <section className="space-y-2" aria-label="Reaching the survivor" data-testid="matter-contact">
          <SafeContact plan={m.contact.safeContact} contact={m.contact.identity} />
          <p className="text-xs text-slate-500">Shared under the survivor&apos;s release to {m.legalOrganization?.name ?? "your organization"}. This view is recorded.</p>
        </section>
      ) : null}

      {can.assignAttorney ? (
        <Section title={m.attorney ? "Reassign the attorney" : "Assign a pro bono attorney"}>
          <AssignAttorneyForm id={m.id} version={m.version} options={m.attorneyOptions} />
        </Section>
      ) : null}

      {see.workflow ? <MatterDeadlines deadlines={m.deadlines} /> : null}

      <Section title="Status">
        <dl>
          <DetailRow label="Status">{MATTER_STATUS_LABELS[m.status]}</DetailRow>
          <DetailRow label="Since">{formatDateTime(m.statusChangedAt)}</DetailRow>
          {/* The defence side's own check: not the prosecutor's business. */}
          {see.workflow ? (
            <DetailRow label="Conflict check">{m.conflictStatus === "cleared" ? `No conflict, attested ${formatDateTime(m.conflictAttestedAt)}` : m.conflictStatus === "pending" ? "Waiting for the attorney" : "—"}</DetailRow>
          ) : null}
          {m.revisitOn ? <DetailRow label="Revisit eligibility on">{formatCalendarDate(m.revisitOn)}</DetailRow> : null}
          {m.blocker ? <DetailRow label="Blocker">{m.blocker}</DetailRow> : null}
          {m.filing ? (
            <DetailRow label="Filed">
              {formatCalendarDate(m.filing.filedOn)} in {m.filing.court}
              {m.filing.caseNumber ? `, case ${m.filing.caseNumber}` : ""}
            </DetailRow>
          ) : null}
          {m.order ? <DetailRow label="Order">{`${formatCalendarDate(m.order.orderOn)}: ${m.order.counts.length} count${m.order.counts.length === 1 ? "" : "s"}`}</DetailRow> : null}
        </dl>
        {/* Open tasks are under Deadlines, with their flags; here, what was done. */}
        {m.tasks.some((t) => t.completedAt) ? (
          <ul className="text-sm">
            {m.tasks
              .filter((t) => t.completedAt)
              .map((t) => (
                <li key={t.id}>
                  Done {formatDateTime(t.completedAt!)}: {TASK_KIND_LABELS[t.kind as TaskKind]}
                </li>
              ))}
          </ul>
        ) : null}
        {can.moveAsAttorney ? <MatterMoves id={m.id} version={m.version} actions={m.actions} countKeys={m.countKeys} /> : null}
        {m.ownerActions.length ? <MatterMoves id={m.id} version={m.version} actions={m.ownerActions} countKeys={[]} /> : null}
      </Section>

      {m.petitioned ? <PetitionedCounts convictions={m.petitioned} /> : null}
      {see.court && !see.convictions ? (
        <p className="card text-sm text-slate-600">No release in effect lets your organization see this survivor&apos;s court records beyond what the petition states.</p>
      ) : null}

      {see.screens ? (
        <Section title="Who applies">
          <ApplicantSection id={m.id} version={m.version} homicideFamilyApplicant={m.homicideFamilyApplicant} canEdit={m.can.recordApplicant} />
        </Section>
      ) : null}

      {see.convictions ? (
        <Section title="Convictions" testId="matter-convictions">
          {m.convictions.map((c) => (
            <article key={c.id} className="space-y-2 border-t border-slate-100 pt-3 first:border-0 first:pt-0">
              <h3 className="font-medium">
                {c.courtName} ({COURT_TYPE_LABELS[c.courtType]}, {c.courtLocality}), case {c.caseNumber}
              </h3>
              <p className="text-sm text-slate-600">
                Convicted {formatCalendarDate(c.dispositionDate)} · prosecuted by {c.prosecutingOffice} · assessment {CVPA_STATUS_LABELS[c.cvpaStatus].toLowerCase()}
                {c.citedRoute ? ` · paperwork cites ${c.citedRoute}` : ""}
              </p>
              <ul className="text-sm">
                {c.counts.map((n) => (
                  <li key={n.count}>
                    Count {n.count}: {n.offense} ({n.citation}), {OFFENSE_CLASS_LABELS[n.offenseClass].toLowerCase()}
                  </li>
                ))}
              </ul>
              {can.generateDocuments ? (
                <p className="flex flex-wrap gap-3 text-sm">
                  <a href={`/matters/${m.id}/documents/${c.id}/petition`} download>
                    Draft {isCrRLJ(c.counts) ? "CrRLJ 09.0100 petition" : "CR 08.0900 motion"} (PDF)
                  </a>
                  <a href={`/matters/${m.id}/documents/${c.id}/order`} download>
                    Draft {isCrRLJ(c.counts) ? "CrRLJ 09.0200" : "CR 08.0920"} proposed order (PDF)
                  </a>
                </p>
              ) : null}
              {c.conclusion ? (
                <p className="text-sm" data-testid="conclusion">
                  Attorney&apos;s conclusion: <strong>{CONCLUSION_LABELS[c.conclusion.conclusion]}</strong>
                  {c.conclusion.route ? ` under ${ROUTE_LABELS[c.conclusion.route as Route]?.citation ?? c.conclusion.route}` : ""} ({c.conclusion.byName}, {formatDateTime(c.conclusion.at)}, rules{" "}
                  {c.conclusion.rulesetVersion}){c.conclusion.note ? `: ${c.conclusion.note}` : ""}
                </p>
              ) : null}
              {c.conclusion && c.conclusion.rulesetVersion !== RULESET_VERSION ? (
                <p className="rounded-md bg-amber-50 p-2 text-sm text-amber-900" data-testid="conclusion-outdated">
                  This conclusion was recorded under screening rules {c.conclusion.rulesetVersion ?? "of an earlier version"}; the screen below uses rules{" "}
                  {RULESET_VERSION}, which may read this conviction differently.
                  {can.moveAsAttorney ? " Review the screen and record your conclusion again." : " The attorney can review it and record their conclusion again."}
                </p>
              ) : null}
              {c.screen ? (
                <details open={Boolean(c.conclusion && c.conclusion.rulesetVersion !== RULESET_VERSION) || undefined}>
                  <summary className="cursor-pointer text-sm font-medium">Eligibility screen</summary>
                  <div className="mt-2">
                    <ScreenView screen={c.screen} />
                  </div>
                </details>
              ) : null}
              {can.moveAsAttorney ? <ConclusionForm key={m.version} matterId={m.id} version={m.version} convictionId={c.id} /> : null}
            </article>
          ))}
        </Section>
      ) : null}

      {see.court ? (
        <Section title="Hearings">
          <MatterHearingsList matterId={m.id} court={m.filing?.court ?? null} hearings={m.hearings} canChange={can.moveAsAttorney && hearingsChangeable(m.status)} canDownload={can.downloadCalendar} />
        </Section>
      ) : null}

      {m.prosecutor ? (
        <Section title="Prosecutor coordination" testId="prosecutor">
          <dl>
            <DetailRow label="Prosecuting office">{m.prosecutor.office?.name}</DetailRow>
            <DetailRow label="Notice">
              {m.prosecutor.noticeOn
                ? `${formatCalendarDate(m.prosecutor.noticeOn)} by ${NOTICE_METHOD_LABELS[m.prosecutor.noticeMethod as NoticeMethod] ?? m.prosecutor.noticeMethod}, given by ${m.prosecutor.noticeGivenBy}`
                : "Not yet given"}
            </DetailRow>
            <DetailRow label="Position">
              <span data-testid="position">{PROSECUTOR_POSITION_LABELS[m.prosecutor.position as ProsecutorPosition]}</span>
              {m.prosecutor.positionRecordedAt ? ` (recorded ${formatDateTime(m.prosecutor.positionRecordedAt)})` : ""}
            </DetailRow>
          </dl>
          {can.recordNotice ? <NoticeForm id={m.id} version={m.version} offices={m.prosecutorOfficeOptions} officeId={m.prosecutor.office?.id ?? null} /> : null}
          {can.recordPosition ? <PositionForm id={m.id} version={m.version} position={m.prosecutor.position as ProsecutorPosition} /> : null}
          <h3 className="font-medium">Communications</h3>
          {m.prosecutor.communications.length === 0 ? <p className="text-sm text-slate-500">None logged.</p> : null}
          <ul className="space-y-1 text-sm">
            {m.prosecutor.communications.map((c) => (
              <li key={c.id}>
                {formatCalendarDate(c.occurredOn)}, {COMMUNICATION_CHANNEL_LABELS[c.channel as CommunicationChannel]}, {c.authorName} ({c.organizationName}): {c.summary}
              </li>
            ))}
          </ul>
          {can.addCommunication ? <CommunicationForm matterId={m.id} /> : null}
        </Section>
      ) : null}

      {see.workflow && (POST_ORDER.includes(m.status) || m.checklist.length > 0) ? (
        <Section title="After the order" testId="checklist">
          <ul className="space-y-1 text-sm">
            {POST_ORDER_STEPS.map((step) => {
              const done = m.checklist.find((c) => c.step === step);
              return (
                <li key={step}>
                  {done ? "✓" : "○"} {POST_ORDER_STEP_LABELS[step]}
                  {done ? ` on ${formatCalendarDate(done.doneOn)} by ${done.byName}${done.note ? ` (${done.note})` : ""}` : ""}
                </li>
              );
            })}
          </ul>
          {can.recordChecklist && POST_ORDER.includes(m.status) ? <ChecklistForm matterId={m.id} steps={POST_ORDER_STEPS.filter((s) => !recorded.has(s))} /> : null}
        </Section>
      ) : null}

      {m.hours ? <MatterHoursSection matterId={m.id} hours={m.hours} canLog={can.logHours} /> : null}

      {m.notes ? (
        <Section title="Attorney notes (privileged)" testId="attorney-notes">
          <p className="text-xs text-slate-500">Only attorneys of {m.legalOrganization?.name ?? "the assigned legal organization"} see these notes.</p>
          <ul className="space-y-2">
            {m.notes.map((n) => (
              <li key={n.id} className="rounded-md border border-slate-200 p-2 text-sm">
                <p className="text-xs text-slate-500">
                  {n.authorName}, {formatDateTime(n.createdAt)}
                </p>
                <p className="whitespace-pre-wrap">{n.body}</p>
              </li>
            ))}
          </ul>
          {can.writeNotes ? <NoteForm matterId={m.id} /> : null}
        </Section>
      ) : null}

      {m.history.length ? (
        <Section title="History">
          <ul className="space-y-1 text-sm">
            {m.history.map((h) => (
              <li key={h.id}>
                {formatDateTime(h.occurredAt)}, {h.actorName ?? "Clearway"}: {describeHistory(h.kind, h.details)}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
    </div>
  );
}

function describeHistory(kind: string, d: Record<string, unknown>): string {
  switch (kind) {
    case "matter_opened":
      return "Matter opened";
    case "matter_attorney_assigned":
      return "Attorney assigned";
    case "matter_conflict_cleared":
      return "Attorney attested to no conflict of interest";
    case "matter_conflict_declined":
      return "Attorney declined (conflict of interest)";
    case "matter_status_changed":
      return `${MATTER_STATUS_LABELS[d.from as MatterStatus] ?? d.from} → ${MATTER_STATUS_LABELS[d.to as MatterStatus] ?? d.to}`;
    case "matter_notice_recorded":
      return "Notice to the prosecutor recorded";
    case "matter_position_recorded":
      return `Prosecutor's position: ${PROSECUTOR_POSITION_LABELS[d.position as ProsecutorPosition] ?? d.position}`;
    case "matter_hearing_changed":
      return d.change === "continued"
        ? `Hearing continued to ${formatDateTime(d.to as string)}`
        : d.change === "cancelled"
          ? `Hearing of ${formatDateTime(d.from as string)} cancelled`
          : `Hearing corrected to ${formatDateTime(d.to as string)}`;
    case "matter_checklist_recorded":
      return `Post-order step: ${POST_ORDER_STEP_LABELS[d.step as keyof typeof POST_ORDER_STEP_LABELS] ?? d.step}`;
    default:
      return kind.replace(/_/g, " ");
  }
}
