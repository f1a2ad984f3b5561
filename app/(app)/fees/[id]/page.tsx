import Link from "next/link";
import { DetailRow } from "@/app/_components/detail-row";
import { EmptyRow } from "@/app/_components/list";
import { requirePermission } from "@/lib/auth/session";
import { FEE_CASE_STATUS_LABELS, FEE_CASE_TRANSITIONS } from "@/lib/fees/constants";
import { centsAsDecimal, formatCents } from "@/lib/fees/money";
import { clauseFor, feeJurisdictions, getFeeCase, lawEnforcementAgencies } from "@/lib/fees/queries";
import { operationChoices } from "@/lib/operations/queries";
import { AmendFeeCaseForm } from "../new/fee-case-form";
import { FEE_DISPOSITION_LABELS, FEE_OFFENSE_LABELS, FEE_OFFENSE_RCW, minimumAssessmentCents } from "@/lib/fees/statute";
import { AUDIT_ACTIONS, isAuditAction } from "@/lib/audit/actions";
import { formatCalendarDate, formatDateTime, pacificToday } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import { CopyClause, JohnSchoolSessionForm, PaymentForm, StatusForm } from "./forms";

export async function generateMetadata({ params }: PageProps<"/fees/[id]">) {
  await params;
  return { title: "Fee case" };
}

export default async function FeeCasePage({ params }: PageProps<"/fees/[id]">) {
  const me = await requirePermission("fees.view");
  const { id } = await params;
  const feeCase = await orNotFound(getFeeCase(me, id));
  const clause = clauseFor(feeCase);
  const balance = feeCase.assessedCents - feeCase.paidCents;
  const choices = FEE_CASE_TRANSITIONS[feeCase.status].filter((s) => s !== "paid");
  const amendable = feeCase.canRecord && feeCase.status !== "vacated";
  const [places, agencies, operations] = amendable ? await Promise.all([feeJurisdictions(me), lawEnforcementAgencies(me), operationChoices(me)]) : [null, [], []];

  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/fees">← Sex-buyer fees</Link>
      </p>
      <div className="flex flex-wrap items-baseline gap-3">
        <h1 className="text-2xl font-semibold">
          {feeCase.court} · {feeCase.caseNumber}
        </h1>
        <span className="badge bg-slate-100 text-slate-800" data-testid="fee-status">
          {FEE_CASE_STATUS_LABELS[feeCase.status]}
        </span>
      </div>

      <div className="grid gap-5 lg:grid-cols-2">
        <section className="card" aria-labelledby="case-heading">
          <h2 id="case-heading" className="mb-2 text-lg font-semibold">
            The case
          </h2>
          <dl>
            <DetailRow label="Offense">
              {FEE_OFFENSE_LABELS[feeCase.offense]} ({FEE_OFFENSE_RCW[feeCase.offense]})
            </DetailRow>
            <DetailRow label="Disposition">
              {FEE_DISPOSITION_LABELS[feeCase.disposition]}, {formatCalendarDate(feeCase.dispositionDate)}
            </DetailRow>
            <DetailRow label="Priors for this offense">{String(feeCase.priors)}</DetailRow>
            <DetailRow label="Where the offense occurred">{feeCase.jurisdiction.name}</DetailRow>
            <DetailRow label="Arresting agency">{feeCase.agencyName}</DetailRow>
            <DetailRow label="Operation">{feeCase.operationName ? <Link href={`/operations/${feeCase.operationId}`}>{feeCase.operationName}</Link> : null}</DetailRow>
            {feeCase.impoundFineCents ? <DetailRow label="Vehicle impound fine">{formatCents(feeCase.impoundFineCents)} (RCW 9A.88.140)</DetailRow> : null}
          </dl>
        </section>
        <section className="card" aria-labelledby="money-heading">
          <h2 id="money-heading" className="mb-2 text-lg font-semibold">
            The money
          </h2>
          <dl>
            <DetailRow label="Statutory fee">{formatCents(feeCase.statutoryCents)}</DetailRow>
            <DetailRow label="Imposed">
              {feeCase.assessedCents === 0 ? (
                <>
                  Not imposed: the judgment left the fee out. Amend it with the clause below, then <a href="#amend">record the amended judgment</a>.
                </>
              ) : (
                formatCents(feeCase.assessedCents)
              )}
              {feeCase.assessedCents > 0 && feeCase.assessedCents < feeCase.statutoryCents
                ? ` (reduced on the court's finding that the person cannot pay; the floor is ${formatCents(minimumAssessmentCents(feeCase.statutoryCents))})`
                : ""}
            </DetailRow>
            <DetailRow label="Paid">
              <span data-testid="fee-paid">{formatCents(feeCase.paidCents)}</span>
            </DetailRow>
            <DetailRow label="Balance">{formatCents(Math.max(0, balance))}</DetailRow>
            {feeCase.status === "payment_plan" && feeCase.planMonthlyCents ? (
              <DetailRow label="Payment plan">
                {formatCents(feeCase.planMonthlyCents)} a month from {formatCalendarDate(feeCase.planFirstDueOn)}
              </DetailRow>
            ) : null}
          </dl>
        </section>
      </div>

      <section className="card space-y-3" aria-labelledby="clause-heading">
        <h2 id="clause-heading" className="text-lg font-semibold">
          Fee clause for the judgment and sentence
        </h2>
        <p className="whitespace-pre-wrap rounded-md border border-slate-200 bg-slate-50 p-3 text-sm" data-testid="fee-clause">
          {clause}
        </p>
        <div className="flex flex-wrap items-center gap-3">
          <CopyClause text={clause} />
          <a className="btn-secondary" href={`/fees/${feeCase.id}/clause`} download>
            Download clause (.txt)
          </a>
        </div>
      </section>

      <section className="card space-y-3" aria-labelledby="payments-heading">
        <h2 id="payments-heading" className="text-lg font-semibold">
          Payments
        </h2>
        <div className="overflow-x-auto">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Amount</th>
                <th scope="col">Receipt</th>
                <th scope="col">Recorded by</th>
              </tr>
            </thead>
            <tbody>
              {feeCase.payments.length === 0 ? <EmptyRow colSpan={4}>No payment yet.</EmptyRow> : null}
              {feeCase.payments.map((p) => (
                <tr key={p.id} data-testid="fee-payment-row">
                  <td>{formatCalendarDate(p.receivedOn)}</td>
                  <td>{p.cents < 0 ? `${formatCents(p.cents)} (reversal)` : formatCents(p.cents)}</td>
                  <td>{p.reference ?? "—"}</td>
                  <td>{p.source === "import" ? "Imported from the clerk's report" : (p.recordedBy ?? "—")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {feeCase.allocations.length > 0 ? (
          <div>
            <h3 className="text-sm font-semibold">Where this case&apos;s money went</h3>
            <ul className="text-sm" data-testid="fee-allocations">
              {feeCase.allocations.map((a) => (
                <li key={a.recipientKey}>
                  {a.recipientLabel}: {formatCents(a.cents)}
                </li>
              ))}
            </ul>
          </div>
        ) : feeCase.payments.length > 0 ? (
          <p className="text-sm text-amber-800">{feeCase.jurisdiction.name} has no allocation policy for these dates: the money is collected but not yet allocated.</p>
        ) : null}
        {feeCase.canRecord && feeCase.status !== "vacated" && feeCase.assessedCents > 0 ? (
          <PaymentForm
            feeCaseId={feeCase.id}
            today={pacificToday()}
            payments={feeCase.payments.filter((p) => p.cents > 0).map((p) => ({ id: p.id, label: `${formatCalendarDate(p.receivedOn)} · ${formatCents(p.cents)}${p.reference ? ` · ${p.reference}` : ""}` }))}
          />
        ) : null}
      </section>

      {feeCase.johnSchoolSessions ? (
        <section className="card space-y-3" aria-labelledby="education-heading">
          <h2 id="education-heading" className="text-lg font-semibold">
            Offender education
          </h2>
          <p className="text-sm" data-testid="john-school">
            {feeCase.johnSchoolProgram}: {feeCase.johnSchoolSessionDates.length} of {feeCase.johnSchoolSessions} sessions attended
            {feeCase.johnSchoolCompletedOn ? `, completed ${formatCalendarDate(feeCase.johnSchoolCompletedOn)}` : ""}.
            {feeCase.johnSchoolSessionFeeCents ? ` Fee per session: ${formatCents(feeCase.johnSchoolSessionFeeCents)}, all of it prevention.` : ""}
          </p>
          {feeCase.johnSchoolSessionDates.length > 0 ? (
            <p className="text-sm text-slate-600">Sessions: {feeCase.johnSchoolSessionDates.map((d) => formatCalendarDate(d)).join(" · ")}</p>
          ) : null}
          {feeCase.canRecord && !feeCase.johnSchoolCompletedOn ? (
            <JohnSchoolSessionForm feeCaseId={feeCase.id} today={pacificToday()} fee={feeCase.johnSchoolSessionFeeCents ? formatCents(feeCase.johnSchoolSessionFeeCents) : null} />
          ) : null}
        </section>
      ) : null}

      {amendable && places ? (
        <details className="card" id="amend">
          <summary className="cursor-pointer text-lg font-semibold">{feeCase.assessedCents === 0 ? "Record the amended judgment" : "Amend or correct the case"}</summary>
          <div className="mt-3">
            <AmendFeeCaseForm
              id={feeCase.id}
              version={feeCase.version}
              jurisdictions={places.recordable.map((j) => ({ id: j.id, name: j.name }))}
              agencies={agencies}
              operations={operations}
              values={{
                jurisdictionId: feeCase.jurisdictionId,
                court: feeCase.court,
                caseNumber: feeCase.caseNumber,
                offense: feeCase.offense,
                disposition: feeCase.disposition,
                dispositionDate: feeCase.dispositionDate,
                priors: feeCase.priors,
                arrestingAgencyId: feeCase.arrestingAgencyId ?? "",
                operationId: feeCase.operationId ?? "",
                internetAdCount: feeCase.internetAdCount,
                depictionCount: feeCase.depictionCount,
                impounded: feeCase.impoundFineCents !== null,
                notImposed: feeCase.assessedCents === 0,
                assessed: feeCase.assessedCents === 0 ? "" : centsAsDecimal(feeCase.assessedCents),
                inabilityToPayFinding: feeCase.inabilityToPayFinding,
                johnSchool: feeCase.johnSchoolSessions !== null,
                johnSchoolProgram: feeCase.johnSchoolProgram ?? "",
                johnSchoolSessions: feeCase.johnSchoolSessions ?? 10,
                johnSchoolSessionFee: feeCase.johnSchoolSessionFeeCents === null ? "" : centsAsDecimal(feeCase.johnSchoolSessionFeeCents),
              }}
            />
          </div>
        </details>
      ) : null}

      {feeCase.history.length > 0 ? (
        <section className="card space-y-2" aria-labelledby="history-heading">
          <h2 id="history-heading" className="text-lg font-semibold">
            History
          </h2>
          <ol className="space-y-1 text-sm" data-testid="fee-history">
            {feeCase.history.map((event) => (
              <li key={event.id}>
                {formatDateTime(event.occurredAt)} · {event.actorName ?? "System"} · {isAuditAction(event.action) ? AUDIT_ACTIONS[event.action] : event.action}
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {feeCase.canRecord && choices.length > 0 ? (
        <section className="card space-y-3" aria-labelledby="status-heading">
          <h2 id="status-heading" className="text-lg font-semibold">
            Status
          </h2>
          <StatusForm id={feeCase.id} version={feeCase.version} status={feeCase.status} choices={choices} />
        </section>
      ) : null}
    </div>
  );
}
