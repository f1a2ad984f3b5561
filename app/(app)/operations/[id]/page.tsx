import Link from "next/link";
import { DetailRow } from "@/app/_components/detail-row";
import { EmptyRow } from "@/app/_components/list";
import { requirePermission } from "@/lib/auth/session";
import { FEE_CASE_STATUS_LABELS, OPERATION_TYPE_LABELS } from "@/lib/fees/constants";
import { formatCents } from "@/lib/fees/money";
import { FEE_OFFENSE_LABELS } from "@/lib/fees/statute";
import { formatDateTime, pacificToday } from "@/lib/format";
import { getOperation, operationFormChoices } from "@/lib/operations/queries";
import { formatPer } from "@/lib/operations/trends";
import { orNotFound } from "@/lib/page-data";
import { EditOperationForm } from "../operation-form";

export async function generateMetadata() {
  return { title: "Operation" };
}

/** "14:05" in Pacific time, for the edit form. */
function pacificTime(date: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "America/Los_Angeles", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(date);
}

export default async function OperationPage({ params }: PageProps<"/operations/[id]">) {
  const me = await requirePermission("operations.view");
  const { id } = await params;
  const op = await orNotFound(getOperation(me, id));
  const hours = (op.endsAt.getTime() - op.startsAt.getTime()) / 3_600_000;
  const choices = op.canRecord ? await operationFormChoices(me) : null;

  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/operations">← Operations</Link>
      </p>
      <h1 className="text-2xl font-semibold">{op.name}</h1>
      <div className="grid gap-5 lg:grid-cols-2">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading" className="mb-2 text-lg font-semibold">
            The operation
          </h2>
          <dl>
            <DetailRow label="Kind">{OPERATION_TYPE_LABELS[op.type]}</DetailRow>
            <DetailRow label="Hosting agency">{op.agencyName}</DetailRow>
            <DetailRow label="Partner agencies">{op.partners.map((p) => p.name).join(", ")}</DetailRow>
            <DetailRow label="Where">{op.jurisdiction.name}</DetailRow>
            <DetailRow label="When">
              {formatDateTime(op.startsAt)} to {formatDateTime(op.endsAt)} ({hours.toFixed(1)} hours)
            </DetailRow>
            {op.staffHours !== null ? <DetailRow label="Officer hours">{String(op.staffHours)}</DetailRow> : null}
            <DetailRow label="Notes">{op.notes}</DetailRow>
          </dl>
        </section>
        <section className="card" aria-labelledby="outcomes-heading">
          <h2 id="outcomes-heading" className="mb-2 text-lg font-semibold">
            Outcomes
          </h2>
          <dl>
            <DetailRow label="Calls or contacts">{`${op.calls} (${formatPer(hours ? op.calls / hours : null)} an hour)`}</DetailRow>
            <DetailRow label="People who arrived">{String(op.arrivals)}</DetailRow>
            <DetailRow label="Arrests">{`${op.arrests} (${formatPer(hours ? op.arrests / hours : null)} an hour)`}</DetailRow>
            <DetailRow label="Vehicles impounded">{String(op.vehiclesImpounded)}</DetailRow>
            <DetailRow label="People in the life contacted">{String(op.peopleContacted)}</DetailRow>
            <DetailRow label="Outreach kits given">{String(op.kitsGiven)}</DetailRow>
            <DetailRow label="Referrals to services">{String(op.referralsToServices)}</DetailRow>
          </dl>
        </section>
      </div>

      <section className="card overflow-x-auto" aria-labelledby="fees-heading">
        <h2 id="fees-heading" className="mb-2 text-lg font-semibold">
          Fee cases that followed
        </h2>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Case</th>
              <th scope="col">Offense</th>
              <th scope="col">Imposed</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {op.feeCases.length === 0 ? <EmptyRow colSpan={4}>No fee case names this operation yet.</EmptyRow> : null}
            {op.feeCases.map((c) => (
              <tr key={c.id}>
                <td>
                  <Link href={`/fees/${c.id}`}>
                    {c.court} · {c.caseNumber}
                  </Link>
                </td>
                <td>{FEE_OFFENSE_LABELS[c.offense]}</td>
                <td>{c.assessedCents === 0 ? "Not imposed" : formatCents(c.assessedCents)}</td>
                <td>{FEE_CASE_STATUS_LABELS[c.status]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {choices ? (
        <details className="card">
          <summary className="cursor-pointer text-lg font-semibold">Correct this operation</summary>
          <div className="mt-3">
            <EditOperationForm
              id={op.id}
              version={op.version}
              choices={{ ...choices, hostIds: me.role === "admin" ? choices.agencies.map((a) => a.id) : [op.agencyId] }}
              values={{
                name: op.name,
                agencyId: op.agencyId,
                partnerAgencyIds: op.partnerAgencyIds,
                jurisdictionId: op.jurisdictionId,
                type: op.type,
                startDate: pacificToday(op.startsAt),
                startTime: pacificTime(op.startsAt),
                endDate: pacificToday(op.endsAt),
                endTime: pacificTime(op.endsAt),
                staffHours: op.staffHours === null ? "" : String(op.staffHours),
                calls: op.calls,
                arrivals: op.arrivals,
                arrests: op.arrests,
                vehiclesImpounded: op.vehiclesImpounded,
                peopleContacted: op.peopleContacted,
                kitsGiven: op.kitsGiven,
                referralsToServices: op.referralsToServices,
                notes: op.notes ?? "",
              }}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}
