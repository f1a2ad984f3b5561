import Link from "next/link";
import { DetailRow } from "@/app/_components/detail-row";
import { currentRequestMeta, requirePermission } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import {
  COURT_TYPE_LABELS,
  CVPA_STATUS_LABELS,
  DISPOSITION_LABELS,
  JURISDICTION_LABELS,
  OFFENSE_CLASS_LABELS,
  RECORD_SOURCE_LABELS,
  describeRestitution,
} from "@/lib/vacatur/constants";
import { getCourtRecords } from "@/lib/vacatur/queries/court-records";
import { ScreenView } from "../../../matters/screen-view";
import { LaterConvictionForm, PendingChargeForm, ResolveChargeForm } from "./record-forms";

export const metadata = { title: "Court records" };

const money = (cents: number | null) => (cents === null ? "amount not recorded" : `$${(cents / 100).toFixed(2)}`);

export default async function CourtRecordsPage({ params }: PageProps<"/survivors/[id]/court-records">) {
  const me = await requirePermission("survivors.view");
  const { id } = await params;
  const page = await orNotFound(getCourtRecords(me, id, await currentRequestMeta()));
  const open = page.pending.filter((p) => !p.resolvedOn);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href={`/survivors/${id}`}>← {page.survivor.preferredName ? `${page.survivor.preferredName} (${page.survivor.clientCode})` : page.survivor.clientCode}</Link>
      </p>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-semibold">Court records</h1>
        <div className="flex gap-2">
          {page.canEdit ? (
            <Link href={`/survivors/${id}/court-records/new`} className="btn-secondary">
              Record a conviction
            </Link>
          ) : null}
          {page.canOpenMatter && page.convictions.length ? (
            <Link href={`/survivors/${id}/matters/new`} className="btn-primary">
              Open a vacatur matter
            </Link>
          ) : null}
        </div>
      </div>

      {page.convictions.length === 0 ? <p className="card text-sm text-slate-600">No convictions recorded.</p> : null}
      {page.convictions.map((c) => (
        <section key={c.id} className="card space-y-3" aria-label={`${c.courtName} ${c.caseNumber}`} data-testid="conviction">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h2 className="text-lg font-semibold">
              {c.courtName}, case {c.caseNumber}
            </h2>
            {page.canEdit ? <Link href={`/survivors/${id}/court-records/${c.id}`}>Edit</Link> : null}
          </div>
          <dl>
            <DetailRow label="Court">{`${COURT_TYPE_LABELS[c.courtType]}, ${c.courtLocality}`}</DetailRow>
            <DetailRow label="Prosecuted by">{c.prosecutingOffice}</DetailRow>
            <DetailRow label="Disposition">{`${DISPOSITION_LABELS[c.disposition]}, ${formatCalendarDate(c.dispositionDate)}`}</DetailRow>
            <DetailRow label="Sentencing">{formatCalendarDate(c.sentencingDate)}</DetailRow>
            <DetailRow label="Release / supervision ends">{`${formatCalendarDate(c.confinementReleaseDate)} / ${formatCalendarDate(c.supervisionEndDate)}`}</DetailRow>
            <DetailRow label="Victim penalty assessment">{`${CVPA_STATUS_LABELS[c.cvpaStatus]} (${money(c.cvpaAmountCents)})`}</DetailRow>
            <DetailRow label="Restitution">{describeRestitution(c.restitutionOrder, c.restitution)}</DetailRow>
            <DetailRow label="Source">{`${RECORD_SOURCE_LABELS[c.source]}${c.verifiedOn ? `, verified ${formatCalendarDate(c.verifiedOn)}` : ", not verified"}`}</DetailRow>
            {c.citedRoute ? <DetailRow label="Paperwork cites">{c.citedRoute}</DetailRow> : null}
          </dl>
          <ul className="text-sm">
            {c.counts.map((n) => (
              <li key={n.count}>
                Count {n.count}: {n.offense} ({n.citation}), {OFFENSE_CLASS_LABELS[n.offenseClass].toLowerCase()}
              </li>
            ))}
          </ul>
          {c.screen ? (
            <details open>
              <summary className="cursor-pointer font-medium">Eligibility screen</summary>
              <div className="mt-2">
                <ScreenView screen={c.screen} />
              </div>
            </details>
          ) : null}
        </section>
      ))}

      <section className="card space-y-3" aria-label="Pending charges">
        <h2 className="text-lg font-semibold">Pending charges</h2>
        {page.pending.length === 0 ? <p className="text-sm text-slate-500">None recorded.</p> : null}
        <ul className="space-y-2 text-sm">
          {page.pending.map((p) => (
            <li key={p.id}>
              {p.offense} ({JURISDICTION_LABELS[p.jurisdiction]}, {p.court}){p.prostitution ? ", prostitution charge" : ""}
              {p.resolvedOn ? `, resolved ${formatCalendarDate(p.resolvedOn)}` : ", open"}
              {!p.resolvedOn && page.canEdit ? <ResolveChargeForm id={p.id} /> : null}
            </li>
          ))}
        </ul>
        {open.length ? <p className="text-sm text-amber-800">{open.length} open charge{open.length === 1 ? "" : "s"} count in the screen.</p> : null}
        {page.canEdit ? <PendingChargeForm survivorId={id} /> : null}
      </section>

      <section className="card space-y-3" aria-label="Later convictions">
        <h2 className="text-lg font-semibold">Later convictions</h2>
        <p className="text-xs text-slate-500">Convictions anywhere (other states, federal, tribal) after the ones to vacate; the statutes&apos; lookbacks test them.</p>
        {page.later.length === 0 ? <p className="text-sm text-slate-500">None recorded.</p> : null}
        <ul className="text-sm">
          {page.later.map((l) => (
            <li key={l.id}>
              {formatCalendarDate(l.convictedOn)}: {l.description} ({JURISDICTION_LABELS[l.jurisdiction]})
            </li>
          ))}
        </ul>
        {page.canEdit ? <LaterConvictionForm survivorId={id} /> : null}
      </section>
    </div>
  );
}
