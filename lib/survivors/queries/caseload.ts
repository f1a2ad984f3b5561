import { aliasedTable, and, arrayContains, asc, count, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivors, transferRequests } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import { assertCan, can } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { keysetCursorSql, keysetOrder, type SortKey } from "../../exports/keyset";
import { pacificToday } from "../../format";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../../pagination";
import type { ReleaseCategory } from "../../releases/constants";
import { loadLiveReleasesOf } from "../../releases/queries";
import { categoriesReleasedTo } from "../../releases/rules";
import { escapeLike } from "../../validation";
import { managedSurvivors, releasedSurvivors } from "../access";
import { hashSearchToken, planSearch } from "../search";
import type { SurvivorSort, SurvivorStatus } from "../constants";
import type { SurvivorFilters } from "../schema";

// The caseload: lists of survivors scoped in SQL by the same rule as survivorAccess, the advocates
// of the caller's organization, and the transfer requests waiting for a program lead.

export type SurvivorListItem = {
  id: string;
  clientCode: string;
  /** null when the caller's access does not include identity (a release without that category) */
  preferredName: string | null;
  pronouns: string | null;
  status: SurvivorStatus;
  county: string | null;
  intakeDate: string;
  advocateName: string | null;
  organizationName: string | null;
  updatedAt: Date;
};

export type SurvivorListScope = "managed" | "released";

/** Which list a caller reads: the survivors they manage, or (asked for, or managing none) those released to their organization. */
export function survivorListScopeOf(me: Pick<SessionUser, "role">, requested: string | undefined): SurvivorListScope {
  return can(me, "survivors.manage") && requested !== "released" ? "managed" : "released";
}

const id = (direction: "asc" | "desc"): SortKey => ({ expr: survivors.id, direction, type: "uuid" });

/** Each sort of the list, as keys (the page and its export read the same order). */
export const SURVIVOR_LIST_ORDER: Record<SurvivorSort, SortKey[]> = {
  // "C" collation: matches the list indexes (db/schema/survivors.ts)
  name: [{ expr: sql`${survivors.preferredNameKey} collate "C"`, direction: "asc", type: "text" }, id("asc")],
  client_code: [{ expr: survivors.clientCode, direction: "asc", type: "text" }],
  intake_newest: [{ expr: survivors.intakeDate, direction: "desc", type: "date" }, id("desc")],
  updated: [{ expr: survivors.updatedAt, direction: "desc", type: "timestamptz" }, id("desc")],
};

/**
 * The one scope and filter of the survivor list, for its page and its export: the records in `scope`
 * (the same rule as survivorAccess) narrowed by the filters. null: a search that matches nothing.
 */
export async function survivorListWhere(me: SessionUser, filters: SurvivorFilters, scope: SurvivorListScope, today: string, db: Db): Promise<SQL | null> {
  assertCan(me, "survivors.view");
  const conditions: SQL[] = [scope === "managed" ? managedSurvivors(me) : releasedSurvivors(me, today)];
  if (filters.status !== "all") conditions.push(eq(survivors.status, filters.status));
  if (filters.county) conditions.push(eq(survivors.county, filters.county));
  if (filters.advocateId && scope === "managed") conditions.push(eq(survivors.assignedAdvocateId, filters.advocateId));
  if (filters.q) {
    const match = await searchMatches(db, and(...conditions)!, filters.q, scope, me.organizationId);
    if (!match) return null;
    conditions.push(match);
  }
  return and(...conditions)!;
}

/** The list's rows (names joined in) in the order of `sort`, each with its keyset cursor. */
export function survivorListRows(db: Db, where: SQL, sort: SurvivorSort) {
  const advocate = aliasedTable(users, "advocate");
  const keys = SURVIVOR_LIST_ORDER[sort];
  return db
    .select({
      id: survivors.id,
      clientCode: survivors.clientCode,
      preferredName: survivors.preferredName,
      pronouns: survivors.pronouns,
      status: survivors.status,
      county: survivors.county,
      intakeDate: survivors.intakeDate,
      advocateName: advocate.name,
      organizationName: organizations.name,
      updatedAt: survivors.updatedAt,
      cursor: keysetCursorSql(keys),
    })
    .from(survivors)
    .innerJoin(advocate, eq(advocate.id, survivors.assignedAdvocateId))
    .innerJoin(organizations, eq(organizations.id, survivors.organizationId))
    .where(where)
    .orderBy(...keysetOrder(keys))
    .$dynamic();
}

/**
 * Rows cut to what the caller sees of them: their own organization's without the organization's
 * name; released records with a name only where a release covers identity, and never the owner's staff.
 */
export async function cutSurvivorRows<R extends SurvivorListItem>(db: Db, me: SessionUser, rows: R[], scope: SurvivorListScope, today: string): Promise<R[]> {
  if (scope === "managed") return rows.map((r) => ({ ...r, organizationName: null }));
  const identityCovered = await releasedCategories(db, me, rows.map((r) => r.id), today);
  return rows.map((r) => {
    const identity = identityCovered.get(r.id)?.has("identity_contact") ?? false;
    return { ...r, preferredName: identity ? r.preferredName : null, pronouns: identity ? r.pronouns : null, advocateName: null, county: null };
  });
}

/**
 * A page of survivors: the caller's caseload (advocates) or organization (program leads), or the
 * records shared with the caller's organization under an active release. One query for the rows
 * (names joined in), one for the total; both use the list indexes (and a search, its own indexes).
 */
export async function listSurvivors(
  me: SessionUser,
  filters: SurvivorFilters,
  page: number,
  scope: SurvivorListScope,
  db: Db = getDb(),
): Promise<Page<SurvivorListItem>> {
  const today = pacificToday();
  const where = await survivorListWhere(me, filters, scope, today, db);
  if (!where) return toCappedPage([], 0, page);
  const [rows, [totals]] = await Promise.all([
    survivorListRows(db, where, filters.sort).limit(PAGE_SIZE).offset(offsetFor(page)),
    // Counted up to a cap: an exact count of a 100,000-record organization costs more than the page.
    db
      .select({ total: count() })
      .from(db.select({ one: sql`1` }).from(survivors).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const items = await cutSurvivorRows(db, me, rows.map(({ cursor: _cursor, ...r }) => r), scope, today);
  return toCappedPage(items, totals?.total ?? 0, page);
}

/**
 * How a search matches survivors in `scoped` (the caller's scope and the list's filters), as a condition
 * for the page's query, or null for none. A piece of the client code matches anywhere in it; for the
 * records one manages, also the search tokens (exact legal name words, alias words, date of birth;
 * lib/survivors/search.ts), hashed for the caller's own organization, and a preferred name starting
 * with the text. Released records are found by client code only: a name search would probe beyond
 * what a release covers.
 *
 * Every look-up is one query holding the scope and the match together: a record outside the scope is
 * never found and nothing is looked up beyond it (a token hashed for this organization cannot meet
 * another's records, so neither the answer nor its time depends on them). Each way of matching has its
 * own index; one OR of them would make the planner walk the whole name order at 100,000 records, so
 * the exact look-ups run first, and a name prefix alone stays a range of the list index, in name order.
 */
async function searchMatches(db: Db, scoped: SQL, q: string, kind: SurvivorListScope, organizationId: string | null): Promise<SQL | null> {
  const plan = planSearch(q);
  const manages = kind === "managed" && organizationId !== null;
  const lookups: SQL[] = [];
  if (plan.codePart) {
    // a code's beginning is a range of the client-code index; any other piece is looked for within the scope
    lookups.push(like(survivors.clientCode, plan.codePart.startsWith("C") ? `${escapeLike(plan.codePart)}%` : `%${escapeLike(plan.codePart)}%`));
  }
  if (manages && plan.tokens.length) lookups.push(arrayContains(survivors.searchTokens, plan.tokens.map((token) => hashSearchToken(organizationId, token))));
  const namePrefix = manages && plan.preferredNamePrefix ? sql`${survivors.preferredNameKey} collate "C" like ${`${escapeLike(plan.preferredNamePrefix)}%`}` : null;

  const found = await Promise.all(lookups.map((lookup) => db.select({ id: survivors.id }).from(survivors).where(and(scoped, lookup)).limit(COUNT_CAP + 1)));
  const exactIds = found.flat().map((row) => row.id);
  if (exactIds.length === 0) return namePrefix;
  const byName = namePrefix ? await db.select({ id: survivors.id }).from(survivors).where(and(scoped, namePrefix)).limit(COUNT_CAP + 1) : [];
  return inArray(survivors.id, [...new Set([...exactIds, ...byName.map((row) => row.id)])]);
}

/** For each survivor, the categories released to the caller's organization today (one query). */
async function releasedCategories(db: Db, me: SessionUser, survivorIds: string[], today: string): Promise<Map<string, Set<ReleaseCategory>>> {
  const live = await loadLiveReleasesOf(db, survivorIds, today);
  return new Map([...live].map(([id, releases]) => [id, categoriesReleasedTo(releases, me.organizationId)]));
}

export type AdvocateOption = { id: string; name: string };

/** Active advocates of the caller's organization (assignment, sharing, transfer requests, filters). */
export async function listAdvocateOptions(me: SessionUser, db: Db = getDb()): Promise<AdvocateOption[]> {
  assertCan(me, "survivors.manage");
  if (!me.organizationId) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, me.organizationId), eq(users.role, "advocate"), eq(users.active, true)))
    .orderBy(asc(users.name))
    .limit(500);
}

export type TransferRequestItem = {
  id: string;
  survivorId: string;
  clientCode: string;
  preferredName: string;
  currentAdvocateId: string;
  currentAdvocateName: string;
  requestedByName: string;
  requestedForId: string | null;
  requestedForName: string | null;
  reason: string;
  createdAt: Date;
  survivorVersion: number;
};

/** Open transfer requests in the lead's organization, oldest first. */
export async function listOpenTransferRequests(me: SessionUser, db: Db = getDb()): Promise<TransferRequestItem[]> {
  assertCan(me, "survivors.reassign");
  if (!me.organizationId) return [];
  const current = aliasedTable(users, "current_advocate");
  const requester = aliasedTable(users, "requester");
  const target = aliasedTable(users, "target");
  return db
    .select({
      id: transferRequests.id,
      survivorId: survivors.id,
      clientCode: survivors.clientCode,
      preferredName: survivors.preferredName,
      currentAdvocateId: survivors.assignedAdvocateId,
      currentAdvocateName: current.name,
      requestedByName: requester.name,
      requestedForId: transferRequests.requestedFor,
      requestedForName: target.name,
      reason: transferRequests.reason,
      createdAt: transferRequests.createdAt,
      survivorVersion: survivors.version,
    })
    .from(transferRequests)
    .innerJoin(survivors, eq(survivors.id, transferRequests.survivorId))
    .innerJoin(current, eq(current.id, survivors.assignedAdvocateId))
    .innerJoin(requester, eq(requester.id, transferRequests.requestedBy))
    .leftJoin(target, eq(target.id, transferRequests.requestedFor))
    .where(and(eq(transferRequests.organizationId, me.organizationId), eq(transferRequests.status, "open")))
    .orderBy(asc(transferRequests.createdAt))
    .limit(100);
}
