import "server-only";
import { and, asc, count, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "../../db/client";
import { feeCases, feePayments, jurisdictions, operations } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import { assertCan, can } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { feeScopeCondition, loadFeeScope, type FeeScope } from "../fees/access";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage } from "../pagination";
import { formatDate } from "../format";
import { isUuid } from "../validation";
import { operationAccess, operationScopeCondition } from "./access";

// Operations' reads, each from the caller's demand-side scope. Counts and times only.

export type OperationFilters = { agency?: string; jurisdiction?: string };

/** The list's rows: the caller's scope and the filter (the page, its trends and its CSV). */
export function operationListWhere(scope: FeeScope, filters: OperationFilters) {
  return and(
    operationScopeCondition(scope),
    filters.agency ? eq(operations.agencyId, filters.agency) : undefined,
    filters.jurisdiction ? eq(operations.jurisdictionId, filters.jurisdiction) : undefined,
  );
}

const host = alias(organizations, "host");

export async function listOperations(me: SessionUser, filters: OperationFilters, page: number, db: Db = getDb()) {
  assertCan(me, "operations.view");
  const scope = await loadFeeScope(db, me);
  const where = operationListWhere(scope, filters);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: operations.id,
        name: operations.name,
        type: operations.type,
        startsAt: operations.startsAt,
        endsAt: operations.endsAt,
        agencyName: host.name,
        jurisdictionName: jurisdictions.name,
        calls: operations.calls,
        arrests: operations.arrests,
        referralsToServices: operations.referralsToServices,
      })
      .from(operations)
      .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
      .innerJoin(host, eq(host.id, operations.agencyId))
      .where(where)
      .orderBy(desc(operations.startsAt), desc(operations.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db.select({ total: count() }).from(
      db
        .select({ one: sql`1` })
        .from(operations)
        .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
        .where(where)
        .limit(COUNT_CAP + 1)
        .as("capped"),
    ),
  ]);
  return toCappedPage(rows, totals?.total ?? 0, page);
}
export type OperationListItem = Awaited<ReturnType<typeof listOperations>>["items"][number];

/** Each quarter's operations in the filter: the rows the trends are computed from (lib/operations/trends.ts). */
export async function operationTrendRows(me: SessionUser, filters: OperationFilters, db: Db = getDb()) {
  assertCan(me, "operations.view");
  const scope = await loadFeeScope(db, me);
  const where = operationListWhere(scope, filters);
  const [ops, fees] = await Promise.all([
    db
      .select({
        id: operations.id,
        startsAt: operations.startsAt,
        endsAt: operations.endsAt,
        calls: operations.calls,
        arrivals: operations.arrivals,
        arrests: operations.arrests,
        referralsToServices: operations.referralsToServices,
      })
      .from(operations)
      .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
      .where(where),
    // The fee cases that followed, as far as the caller may see fee cases at all.
    can(me, "fees.view")
      ? db
          .select({
            operationId: feeCases.operationId,
            assessedCents: feeCases.assessedCents,
            paidCents: sql<string>`(select coalesce(sum(${feePayments.cents}), 0) from ${feePayments} where ${feePayments.feeCaseId} = ${feeCases.id})`,
          })
          .from(feeCases)
          .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
          .where(and(feeScopeCondition(scope), sql`${feeCases.operationId} is not null`))
      : Promise.resolve([]),
  ]);
  const ids = new Set(ops.map((o) => o.id));
  return { operations: ops, feeCases: fees.filter((f) => f.operationId && ids.has(f.operationId)).map((f) => ({ ...f, paidCents: Number(f.paidCents) })) };
}

export async function getOperation(me: SessionUser, id: string, db: Db = getDb()) {
  assertCan(me, "operations.view");
  if (!isUuid(id)) throw new AppError("not_found");
  const scope = await loadFeeScope(db, me);
  const [row] = await db
    .select({ operation: operations, jurisdiction: jurisdictions, agencyName: host.name })
    .from(operations)
    .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
    .innerJoin(host, eq(host.id, operations.agencyId))
    .where(eq(operations.id, id))
    .limit(1);
  if (!row) throw new AppError("not_found");
  const access = operationAccess(me, scope, { agencyId: row.operation.agencyId, partnerAgencyIds: row.operation.partnerAgencyIds, jurisdiction: row.jurisdiction });
  if (!access.see) throw new AppError("not_found");
  const [partners, followed] = await Promise.all([
    row.operation.partnerAgencyIds.length
      ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, row.operation.partnerAgencyIds)).orderBy(asc(organizations.name))
      : Promise.resolve([]),
    can(me, "fees.view")
      ? db
          .select({ id: feeCases.id, court: feeCases.court, caseNumber: feeCases.caseNumber, offense: feeCases.offense, assessedCents: feeCases.assessedCents, status: feeCases.status })
          .from(feeCases)
          .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
          .where(and(eq(feeCases.operationId, id), feeScopeCondition(scope)))
          .orderBy(asc(feeCases.dispositionDate))
      : Promise.resolve([]),
  ]);
  return { ...row.operation, jurisdiction: row.jurisdiction, agencyName: row.agencyName, partners, feeCases: followed, canRecord: access.record };
}
export type OperationDetail = Awaited<ReturnType<typeof getOperation>>;

/** Law-enforcement agencies and jurisdictions, for the operation form (any signed-in recorder). */
export async function operationFormChoices(me: SessionUser, db: Db = getDb()) {
  assertCan(me, "operations.record");
  const [agencies, places] = await Promise.all([
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.type, "law_enforcement"), eq(organizations.active, true))).orderBy(asc(organizations.name)),
    db.select({ id: jurisdictions.id, name: jurisdictions.name, state: jurisdictions.state }).from(jurisdictions).orderBy(asc(jurisdictions.state), asc(jurisdictions.name)),
  ]);
  return { agencies, jurisdictions: places.map((j) => ({ id: j.id, name: j.state === "WA" ? j.name : `${j.name}, ${j.state}` })) };
}

/** Operations a fee case may name (the fee form's choice): those the caller sees, newest first. */
export async function operationChoices(me: SessionUser, db: Db = getDb()): Promise<{ id: string; label: string; agencyId: string }[]> {
  if (!can(me, "operations.view")) return [];
  const scope = await loadFeeScope(db, me);
  const rows = await db
    .select({ id: operations.id, name: operations.name, startsAt: operations.startsAt, agencyId: operations.agencyId })
    .from(operations)
    .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
    .where(operationScopeCondition(scope))
    .orderBy(desc(operations.startsAt))
    .limit(200);
  return rows.map((r) => ({ id: r.id, agencyId: r.agencyId, label: `${r.name} (${formatDate(r.startsAt)})` }));
}

/** The agencies whose operations this person sees (the list's filter). */
export async function operationAgencies(me: SessionUser, db: Db = getDb()): Promise<{ id: string; name: string }[]> {
  assertCan(me, "operations.view");
  const scope = await loadFeeScope(db, me);
  if (scope.kind === "agency") return db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, scope.agencyId));
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.type, "law_enforcement"), scope.kind === "county" ? eq(organizations.county, scope.county) : undefined))
    .orderBy(asc(organizations.name));
}
