import "server-only";
import { and, asc, count, desc, eq, gte, inArray, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "../../db/client";
import { allocationPolicies, feeCases, feeLedgerEntries, feePayments, jurisdictions, operations } from "../../db/schema/fees";
import { auditEvents } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../pagination";
import { isUuid } from "../validation";
import { feeCaseAccess, feeScopeCondition, jurisdictionScopeCondition, loadFeeScope, mayRecordIn, type FeeScope } from "./access";
import type { FeeCaseStatus } from "./constants";
import { judgmentClause } from "./statute";
import { operationAccess } from "../operations/access";
import { stringify } from "csv-stringify/sync";
import { centsAsDecimal } from "./money";
import { quarterlyReport } from "./quarterly";
import { feeFigures, quarterBounds } from "./rates";
import { auditActor, recordAudit } from "../audit/record";
import type { RequestMeta } from "../request-meta";

// The demand side's reads. Each starts from the caller's scope (lib/fees/access.ts); nothing here
// reads, joins or could join a survivor.

export type JurisdictionChoice = { id: string; name: string; kind: "county" | "city"; county: string | null; state: string };

/** The jurisdictions this person sees (for filters), and those they may record cases in. */
export async function feeJurisdictions(me: SessionUser, db: Db = getDb()): Promise<{ scope: FeeScope; visible: JurisdictionChoice[]; recordable: JurisdictionChoice[] }> {
  assertCan(me, "fees.view");
  const scope = await loadFeeScope(db, me);
  const rows = await db
    .select({ id: jurisdictions.id, name: jurisdictions.name, kind: jurisdictions.kind, county: jurisdictions.county, state: jurisdictions.state })
    .from(jurisdictions)
    .where(scope.kind === "agency" ? sql`${jurisdictions.id} in (select ${feeCases.jurisdictionId} from ${feeCases} where ${feeCases.arrestingAgencyId} = ${scope.agencyId})` : jurisdictionScopeCondition(scope))
    .orderBy(asc(jurisdictions.name));
  return { scope, visible: rows, recordable: rows.filter((j) => mayRecordIn(scope, j)) };
}

/** Law-enforcement agencies, for the arresting agency's choice. */
export async function lawEnforcementAgencies(me: SessionUser, db: Db = getDb()): Promise<{ id: string; name: string }[]> {
  assertCan(me, "fees.record");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.type, "law_enforcement"), eq(organizations.active, true)))
    .orderBy(asc(organizations.name));
}

export type FeeCaseListItem = {
  id: string;
  court: string;
  caseNumber: string;
  offense: (typeof feeCases.$inferSelect)["offense"];
  disposition: (typeof feeCases.$inferSelect)["disposition"];
  dispositionDate: string;
  jurisdictionName: string;
  assessedCents: number;
  statutoryCents: number;
  paidCents: number;
  status: FeeCaseStatus;
};

export type FeeCaseFilters = { jurisdiction?: string; status?: FeeCaseStatus };

/** The list's rows: the caller's scope and the filter (the page and its CSV). */
export function feeListWhere(scope: FeeScope, filters: FeeCaseFilters) {
  return and(
    feeScopeCondition(scope),
    filters.jurisdiction ? eq(feeCases.jurisdictionId, filters.jurisdiction) : undefined,
    filters.status ? eq(feeCases.status, filters.status) : undefined,
  );
}

const paidSum = sql<string>`(select coalesce(sum(${feePayments.cents}), 0) from ${feePayments} where ${feePayments.feeCaseId} = ${feeCases.id})`;

export async function listFeeCases(me: SessionUser, filters: FeeCaseFilters, page: number, db: Db = getDb()): Promise<Page<FeeCaseListItem>> {
  assertCan(me, "fees.view");
  const scope = await loadFeeScope(db, me);
  const where = feeListWhere(scope, filters);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: feeCases.id,
        court: feeCases.court,
        caseNumber: feeCases.caseNumber,
        offense: feeCases.offense,
        disposition: feeCases.disposition,
        dispositionDate: feeCases.dispositionDate,
        jurisdictionName: jurisdictions.name,
        assessedCents: feeCases.assessedCents,
        statutoryCents: feeCases.statutoryCents,
        paid: paidSum,
        status: feeCases.status,
      })
      .from(feeCases)
      .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
      .where(where)
      .orderBy(desc(feeCases.dispositionDate), desc(feeCases.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db.select({ total: count() }).from(
      db
        .select({ one: sql`1` })
        .from(feeCases)
        .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("capped"),
    ),
  ]);
  return toCappedPage(
    rows.map(({ paid, ...row }) => ({ ...row, paidCents: Number(paid) })),
    totals?.total ?? 0,
    page,
  );
}

export async function getFeeCase(me: SessionUser, id: string, db: Db = getDb()) {
  assertCan(me, "fees.view");
  if (!isUuid(id)) throw new AppError("not_found");
  const scope = await loadFeeScope(db, me);
  const agency = alias(organizations, "agency");
  const opJurisdiction = alias(jurisdictions, "op_jurisdiction");
  const [row] = await db
    .select({
      feeCase: feeCases,
      jurisdiction: jurisdictions,
      agencyName: agency.name,
      operation: { name: operations.name, agencyId: operations.agencyId, partnerAgencyIds: operations.partnerAgencyIds },
      operationPlace: { county: opJurisdiction.county, state: opJurisdiction.state },
    })
    .from(feeCases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
    .leftJoin(agency, eq(agency.id, feeCases.arrestingAgencyId))
    .leftJoin(operations, eq(operations.id, feeCases.operationId))
    .leftJoin(opJurisdiction, eq(opJurisdiction.id, operations.jurisdictionId))
    .where(eq(feeCases.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found");
  const access = feeCaseAccess(scope, { jurisdiction: row.jurisdiction, arrestingAgencyId: row.feeCase.arrestingAgencyId, recordedByOrganizationId: row.feeCase.recordedByOrganizationId });
  if (!access.see) throw new AppError("not_found");
  const [payments, allocations, history] = await Promise.all([
    db
      .select({
        id: feePayments.id,
        receivedOn: feePayments.receivedOn,
        cents: feePayments.cents,
        reference: feePayments.reference,
        reversesPaymentId: feePayments.reversesPaymentId,
        source: feePayments.source,
        recordedBy: users.name,
      })
      .from(feePayments)
      .leftJoin(users, eq(users.id, feePayments.createdBy))
      .where(eq(feePayments.feeCaseId, id))
      .orderBy(asc(feePayments.receivedOn), asc(feePayments.createdAt)),
    db
      .select({ recipientKey: feeLedgerEntries.recipientKey, recipientLabel: feeLedgerEntries.recipientLabel, category: feeLedgerEntries.recipientCategory, cents: sql<string>`sum(${feeLedgerEntries.cents})` })
      .from(feeLedgerEntries)
      .where(and(eq(feeLedgerEntries.feeCaseId, id), inArray(feeLedgerEntries.kind, ["allocation", "education_fee"])))
      .groupBy(feeLedgerEntries.recipientKey, feeLedgerEntries.recipientLabel, feeLedgerEntries.recipientCategory)
      .orderBy(asc(feeLedgerEntries.recipientKey)),
    // The case's history (who did what, when) for those who keep it; the police read the case only.
    access.record
      ? db
          .select({ id: auditEvents.id, action: auditEvents.action, occurredAt: auditEvents.occurredAt, actorName: users.name })
          .from(auditEvents)
          .leftJoin(users, eq(users.id, auditEvents.actorUserId))
          .where(and(eq(auditEvents.targetType, "fee_case"), eq(auditEvents.targetId, id)))
          .orderBy(desc(auditEvents.id))
          .limit(100)
      : Promise.resolve([]),
  ]);
  const paidCents = payments.reduce((sum, p) => sum + p.cents, 0);
  return {
    ...row.feeCase,
    jurisdiction: row.jurisdiction,
    agencyName: row.agencyName,
    // The operation is named only to those who see it (an agency's staff may see a case that followed another's operation).
    operationName:
      row.operation && row.operationPlace && operationAccess(me, scope, { ...row.operation, jurisdiction: row.operationPlace }).see ? row.operation.name : null,
    // Who in the prosecutor's office recorded a payment is theirs to know, not the police's.
    payments: scope.kind === "agency" ? payments.map((p) => ({ ...p, recordedBy: null })) : payments,
    paidCents,
    allocations: allocations.map((a) => ({ ...a, cents: Number(a.cents) })),
    history,
    canRecord: access.record,
  };
}
export type FeeCaseDetail = Awaited<ReturnType<typeof getFeeCase>>;

/** The rows /fees computes its figures from: every case in scope, and every payment on them. */
/**
 * The rows /fees and the quarterly report compute from, in the caller's scope. With `since`, only what
 * a figure from that day on needs: the cases disposed of since, those with money received since, and
 * that money (rows for earlier quarters then come out partial: show only quarters from `since`).
 */
export async function feeFigureRows(me: SessionUser, filters: { jurisdiction?: string; since?: string }, db: Db = getDb()) {
  assertCan(me, "fees.view");
  const scope = await loadFeeScope(db, me);
  const where = and(feeScopeCondition(scope), filters.jurisdiction ? eq(feeCases.jurisdictionId, filters.jurisdiction) : undefined);
  const since = filters.since;
  const caseSince = since
    ? or(gte(feeCases.dispositionDate, since), sql`exists (select 1 from ${feePayments} where ${feePayments.feeCaseId} = ${feeCases.id} and ${feePayments.receivedOn} >= ${since})`)
    : undefined;
  const [cases, payments, allocations, unallocated] = await Promise.all([
    db
      .select({
        id: feeCases.id,
        jurisdictionId: feeCases.jurisdictionId,
        dispositionDate: feeCases.dispositionDate,
        statutoryCents: feeCases.statutoryCents,
        assessedCents: feeCases.assessedCents,
        status: feeCases.status,
      })
      .from(feeCases)
      .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
      .where(and(where, caseSince)),
    db
      .select({ feeCaseId: feePayments.feeCaseId, receivedOn: feePayments.receivedOn, cents: feePayments.cents })
      .from(feePayments)
      .innerJoin(feeCases, eq(feeCases.id, feePayments.feeCaseId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
      .where(and(where, since ? gte(feePayments.receivedOn, since) : undefined)),
    db
      .select({
        jurisdictionId: feeLedgerEntries.jurisdictionId,
        quarter: sql<string>`to_char(${feeLedgerEntries.entryDate}, 'YYYY-"Q"Q')`,
        recipientKey: feeLedgerEntries.recipientKey,
        recipientLabel: feeLedgerEntries.recipientLabel,
        category: feeLedgerEntries.recipientCategory,
        cents: sql<string>`sum(${feeLedgerEntries.cents})`,
      })
      .from(feeLedgerEntries)
      .innerJoin(feeCases, eq(feeCases.id, feeLedgerEntries.feeCaseId))
      .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
      .where(and(where, inArray(feeLedgerEntries.kind, ["allocation", "education_fee"]), since ? gte(feeLedgerEntries.entryDate, since) : undefined))
      .groupBy(feeLedgerEntries.jurisdictionId, sql`2`, feeLedgerEntries.recipientKey, feeLedgerEntries.recipientLabel, feeLedgerEntries.recipientCategory),
    // Jurisdictions with money received on days no allocation policy covered (before the first one took effect).
    db
      .select({ jurisdictionId: jurisdictions.id })
      .from(jurisdictions)
      .where(
        and(
          jurisdictionScopeCondition(scope),
          sql`exists (select 1 from ${feePayments} join ${feeCases} on ${feeCases.id} = ${feePayments.feeCaseId}
                      where ${feeCases.jurisdictionId} = ${jurisdictions.id}
                        and ${feePayments.receivedOn} < coalesce((select min(${allocationPolicies.effectiveFrom}) from ${allocationPolicies} where ${allocationPolicies.jurisdictionId} = ${jurisdictions.id}), 'infinity'::date))`,
        ),
      ),
  ]);
  return {
    scope,
    cases,
    payments,
    allocations: allocations.map((a) => ({ ...a, cents: Number(a.cents) })),
    withoutPolicy: new Set(unallocated.map((u) => u.jurisdictionId)),
  };
}

/** The clause of the judgment and sentence for one case, as the statute has it (lib/fees/statute.ts). */
/** A judgment that imposed no fee gets the clause at the statutory amount, to amend it with. */
export function clauseFor(feeCase: Pick<FeeCaseDetail, "offense" | "priors" | "assessedCents" | "statutoryCents" | "inabilityToPayFinding" | "internetAdCount" | "depictionCount" | "jurisdiction">): string {
  const imposed = feeCase.assessedCents > 0;
  return judgmentClause({
    offense: feeCase.offense,
    priors: feeCase.priors,
    assessedCents: imposed ? feeCase.assessedCents : feeCase.statutoryCents,
    inabilityToPayFinding: imposed && feeCase.inabilityToPayFinding,
    jurisdictionName: feeCase.jurisdiction.name,
    internetAdCount: feeCase.internetAdCount,
    depictionCount: feeCase.depictionCount,
  });
}

/** The clause as a download: the same access as the case's page, and an audit event (ids only). */
export async function downloadClause(me: SessionUser, id: string, meta: RequestMeta | null): Promise<{ text: string; caseNumber: string }> {
  const db = getDb();
  const feeCase = await getFeeCase(me, id, db);
  const text = clauseFor(feeCase);
  await recordAudit(db, { actor: auditActor(me), action: "fee_case.clause_downloaded", target: { type: "fee_case", id: feeCase.id }, meta });
  return { text, caseNumber: feeCase.caseNumber };
}

/** The quarterly report (lib/fees/quarterly.ts) for one quarter, in the caller's scope. */
export async function quarterlyFeeReport(me: SessionUser, quarter: string, filters: { jurisdiction?: string }, db: Db = getDb()) {
  const rows = await feeFigureRows(me, { ...filters, since: quarterBounds(quarter).from }, db);
  const names = new Map((await db.select({ id: jurisdictions.id, name: jurisdictions.name }).from(jurisdictions)).map((j) => [j.id, j.name]));
  const lines = quarterlyReport(quarter, feeFigures(rows.cases, rows.payments, { quarter }), rows.allocations);
  return lines.map((line) => ({ ...line, jurisdictionName: names.get(line.jurisdictionId) ?? "—" }));
}
export type QuarterlyFeeReport = Awaited<ReturnType<typeof quarterlyFeeReport>>;

/** The report as CSV, audited: one row per jurisdiction, one column per recipient. */
export async function quarterlyFeeReportCsv(me: SessionUser, quarter: string, filters: { jurisdiction?: string }, meta: RequestMeta | null): Promise<string> {
  const db = getDb();
  const report = await quarterlyFeeReport(me, quarter, filters, db);
  const recipients = [...new Map(report.flatMap((l) => l.allocations.map((a) => [a.key, a.label] as const))).entries()];
  const header = ["Jurisdiction", "Quarter", "Fee cases assessed", "Fees assessed", "Revenue received", ...recipients.map(([, label]) => label), "Not allocated", "Prevention share", "Due to Commerce (2%)"];
  const body = report.map((l) => [
    l.jurisdictionName,
    quarter,
    String(l.casesAssessed),
    centsAsDecimal(l.centsAssessed),
    centsAsDecimal(l.centsReceived),
    ...recipients.map(([key]) => centsAsDecimal(l.allocations.find((a) => a.key === key)?.cents ?? 0)),
    centsAsDecimal(l.centsUnallocated),
    l.preventionShare === null ? "" : `${(l.preventionShare * 100).toFixed(1)}%`,
    centsAsDecimal(l.commerceDue),
  ]);
  await recordAudit(db, { actor: auditActor(me), action: "fees.report_downloaded", meta, details: { quarter, jurisdictionId: filters.jurisdiction ?? null, rows: body.length } });
  return stringify(body, { header: true, columns: header, escape_formulas: true, bom: true, record_delimiter: "windows" });
}
