import "server-only";
import { asc, count, desc, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { allocationPolicies, jurisdictions, operations } from "../../db/schema/fees";
import { assertCan, can } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { loadFeeScope } from "../fees/access";
import { offsetFor, PAGE_SIZE, toPage, type Page } from "../pagination";
import { operationScopeCondition } from "../operations/access";
import { isUuid } from "../validation";
import { mayEditJurisdiction } from "./access";

// Jurisdiction profiles are read by everyone with jurisdictions.view; the figures beside them are
// read through the fee and operation queries, each in the caller's own scope.

export type JurisdictionListItem = { id: string; name: string; kind: "county" | "city"; state: string; county: string | null; population: number | null; tactics: string[]; operations: number };

export async function listJurisdictions(me: SessionUser, page: number, db: Db = getDb()): Promise<Page<JurisdictionListItem> & { canAdd: boolean }> {
  assertCan(me, "jurisdictions.view");
  const scope = await loadFeeScope(db, me);
  const [rows, [total], counts] = await Promise.all([
    db
      .select({
        id: jurisdictions.id,
        name: jurisdictions.name,
        kind: jurisdictions.kind,
        state: jurisdictions.state,
        county: jurisdictions.county,
        population: jurisdictions.population,
        tactics: jurisdictions.tactics,
      })
      .from(jurisdictions)
      .orderBy(asc(jurisdictions.state), asc(jurisdictions.name))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db.select({ n: count() }).from(jurisdictions),
    // Operations counted only as far as the caller sees operations.
    can(me, "operations.view")
      ? db
          .select({ jurisdictionId: operations.jurisdictionId, n: count() })
          .from(operations)
          .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
          .where(operationScopeCondition(scope))
          .groupBy(operations.jurisdictionId)
      : Promise.resolve([]),
  ]);
  const byPlace = new Map(counts.map((c) => [c.jurisdictionId, c.n]));
  return { ...toPage(rows.map((row) => ({ ...row, operations: byPlace.get(row.id) ?? 0 })), total?.n ?? 0, page), canAdd: can(me, "jurisdictions.edit") };
}

export async function getJurisdiction(me: SessionUser, id: string, db: Db = getDb()) {
  assertCan(me, "jurisdictions.view");
  if (!isUuid(id)) throw new AppError("not_found");
  const scope = await loadFeeScope(db, me);
  const [row] = await db.select().from(jurisdictions).where(eq(jurisdictions.id, id)).limit(1);
  if (!row) throw new AppError("not_found");
  const policies = can(me, "fees.view")
    ? await db.select().from(allocationPolicies).where(eq(allocationPolicies.jurisdictionId, id)).orderBy(desc(allocationPolicies.effectiveFrom))
    : [];
  return { ...row, policies, canEdit: mayEditJurisdiction(me, scope, row) };
}
export type JurisdictionDetail = Awaited<ReturnType<typeof getJurisdiction>>;

/** Whether this person may add a jurisdiction somewhere (the list's button). */
export function mayAddJurisdictions(me: SessionUser): boolean {
  return can(me, "jurisdictions.edit");
}


/** The county a new jurisdiction starts in: the caller's organization's, when they work in one. */
export async function defaultJurisdictionCounty(me: SessionUser, db: Db = getDb()): Promise<string | null> {
  assertCan(me, "jurisdictions.edit");
  const scope = await loadFeeScope(db, me);
  return scope.kind === "county" ? scope.county : null;
}
