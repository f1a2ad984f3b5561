import Link from "next/link";
import { DetailRow } from "@/app/_components/detail-row";
import { EmptyRow } from "@/app/_components/list";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { formatBasisPoints, KING_COUNTY_DEFAULT_POLICY } from "@/lib/fees/allocation";
import { DEMAND_TACTIC_LABELS, JURISDICTION_KIND_LABELS, type DemandTactic } from "@/lib/fees/constants";
import { formatCents } from "@/lib/fees/money";
import { feeFigureRows } from "@/lib/fees/queries";
import { feeFigures, quarterOf } from "@/lib/fees/rates";
import { formatRate, totalsBy } from "@/lib/fees/report";
import { formatCalendarDate, pacificToday } from "@/lib/format";
import { getJurisdiction } from "@/lib/jurisdictions/queries";
import { operationTrendRows } from "@/lib/operations/queries";
import { formatPer, operationTrends } from "@/lib/operations/trends";
import { orNotFound } from "@/lib/page-data";
import { AllocationPolicyForm, EditJurisdictionForm } from "../forms";

export async function generateMetadata() {
  return { title: "Jurisdiction" };
}

export default async function JurisdictionPage({ params }: PageProps<"/jurisdictions/[id]">) {
  const me = await requirePermission("jurisdictions.view");
  const { id } = await params;
  const j = await orNotFound(getJurisdiction(me, id));
  // The profile's figures are the last two years', like /fees.
  const twoYearsAgo = `${Number(pacificToday().slice(0, 4)) - 2}${pacificToday().slice(4)}`;
  const [fees, ops] = await Promise.all([
    can(me, "fees.view") ? feeFigureRows(me, { jurisdiction: j.id, since: twoYearsAgo }) : Promise.resolve(null),
    can(me, "operations.view") ? operationTrendRows(me, { jurisdiction: j.id }) : Promise.resolve(null),
  ]);
  const feeTotals = fees ? totalsBy(feeFigures(fees.cases, fees.payments).filter((r) => r.quarter >= quarterOf(twoYearsAgo)), () => "all").get("all") : undefined;
  const opTotals = ops ? operationTrends(ops) : [];
  const opSum = opTotals.reduce((s, t) => ({ operations: s.operations + t.operations, hours: s.hours + t.hours, arrests: s.arrests + t.arrests, referrals: s.referrals + t.referrals }), { operations: 0, hours: 0, arrests: 0, referrals: 0 });
  const current = j.policies[0];

  return (
    <div className="space-y-5">
      <p className="text-sm">
        <Link href="/jurisdictions">← Jurisdictions</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {j.name}, {j.state}
      </h1>
      <div className="grid gap-5 lg:grid-cols-2">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading" className="mb-2 text-lg font-semibold">
            Profile
          </h2>
          <dl>
            <DetailRow label="Kind">{JURISDICTION_KIND_LABELS[j.kind]}</DetailRow>
            <DetailRow label="County">{j.county}</DetailRow>
            <DetailRow label="Own police">{j.ownPolice ? "Yes: the city's treasurer receives its fees" : "No: the county's treasurer receives its fees"}</DetailRow>
            <DetailRow label="Population">{j.population?.toLocaleString("en-US")}</DetailRow>
            <DetailRow label="Tactics in use">{j.tactics.map((t) => DEMAND_TACTIC_LABELS[t as DemandTactic] ?? t).join(", ")}</DetailRow>
            <DetailRow label="Key partners">{j.keyPartners}</DetailRow>
            <DetailRow label="Narrative">{j.narrative}</DetailRow>
          </dl>
          <p className="mt-2 text-xs text-slate-500">Version {j.version}</p>
        </section>
        <div className="space-y-5">
          {feeTotals ? (
            <section className="card" aria-labelledby="fee-heading">
              <h2 id="fee-heading" className="mb-2 text-lg font-semibold">
                Sex-buyer fees, last two years
              </h2>
              <dl data-testid="jurisdiction-fees">
                <DetailRow label="Eligible dispositions">{String(feeTotals.eligibleDispositions)}</DetailRow>
                <DetailRow label="Assessment rate">{formatRate(feeTotals.assessmentRate)}</DetailRow>
                <DetailRow label="Assessed">{formatCents(feeTotals.centsAssessed)}</DetailRow>
                <DetailRow label="Collected">{formatCents(feeTotals.centsCollected)}</DetailRow>
                <DetailRow label="Collection rate">{formatRate(feeTotals.cohortCollectionRate)}</DetailRow>
              </dl>
              <p className="mt-2 text-sm">
                <Link href={`/fees?jurisdiction=${j.id}`}>Fee cases and quarters</Link>
              </p>
            </section>
          ) : null}
          {ops ? (
            <section className="card" aria-labelledby="ops-heading">
              <h2 id="ops-heading" className="mb-2 text-lg font-semibold">
                Operations
              </h2>
              <dl>
                <DetailRow label="Operations">{String(opSum.operations)}</DetailRow>
                <DetailRow label="Arrests per operation hour">{formatPer(opSum.hours ? opSum.arrests / opSum.hours : null)}</DetailRow>
                <DetailRow label="Referrals per operation">{formatPer(opSum.operations ? opSum.referrals / opSum.operations : null)}</DetailRow>
              </dl>
              <p className="mt-2 text-sm">
                <Link href={`/operations?jurisdiction=${j.id}`}>Its operations</Link>
              </p>
            </section>
          ) : null}
        </div>
      </div>

      {can(me, "fees.view") && j.state === "WA" ? (
        <section className="card space-y-3" aria-labelledby="policy-heading">
          <h2 id="policy-heading" className="text-lg font-semibold">
            Allocation policy
          </h2>
          <p className="text-sm text-slate-600">
            RCW 9A.88.120(3): at least 50% of the fees collected funds prevention (offender education and rehabilitative services for victims), and 2% is remitted to the Department of
            Commerce each quarter. The rest is a local choice, which an administrator records here as the jurisdiction adopted it.
          </p>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">Split</th>
              </tr>
            </thead>
            <tbody>
              {j.policies.length === 0 ? <EmptyRow colSpan={2}>No policy yet: collected money is not allocated.</EmptyRow> : null}
              {j.policies.map((p) => (
                <tr key={p.id} data-testid="policy-row">
                  <td className="whitespace-nowrap">{formatCalendarDate(p.effectiveFrom)}</td>
                  <td>{p.lines.map((l) => `${l.label} ${formatBasisPoints(l.basisPoints)}`).join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {j.canEdit && me.role === "admin" ? (
            <AllocationPolicyForm
              jurisdictionId={j.id}
              today={pacificToday()}
              lines={(current?.lines ?? KING_COUNTY_DEFAULT_POLICY.lines).map((l) => ({ key: l.key, label: l.label, category: l.category, percent: String(l.basisPoints / 100) }))}
            />
          ) : null}
        </section>
      ) : null}

      {j.canEdit ? (
        <details className="card">
          <summary className="cursor-pointer text-lg font-semibold">Edit the profile</summary>
          <div className="mt-3">
            <EditJurisdictionForm
              placeLocked={me.role !== "admin"}
              id={j.id}
              version={j.version}
              values={{
                name: j.name,
                kind: j.kind,
                state: j.state,
                county: j.county ?? "",
                ownPolice: j.ownPolice,
                population: j.population === null ? "" : String(j.population),
                tactics: j.tactics as DemandTactic[],
                keyPartners: j.keyPartners ?? "",
                narrative: j.narrative ?? "",
              }}
            />
          </div>
        </details>
      ) : null}
    </div>
  );
}
