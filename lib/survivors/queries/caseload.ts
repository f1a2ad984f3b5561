import { aliasedTable, and, asc, count, eq, inArray, like, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivors, transferRequests } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { nameIndex, normalizeName } from "../../crypto/fields";
import { pacificToday } from "../../format";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../../pagination";
import type { ReleaseCategory } from "../../releases/constants";
import { loadLiveReleasesOf } from "../../releases/queries";
import { categoriesReleasedTo } from "../../releases/rules";
import { escapeLike } from "../../validation";
import { managedSurvivors, releasedSurvivors } from "../access";
import type { SurvivorSort, SurvivorStatus } from "../constants";
import type { SurvivorFilters } from "../schema";

// The caseload: lists of survivors scoped in SQL by the same rule as survivorAccess, the advocates
// of the caller's organization, and the transfer requests waiting for a program lead.

type SurvivorListItem = {
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

const ORDER: Record<SurvivorSort, SQL[]> = {
  // "C" collation: matches the list indexes (db/schema/survivors.ts)
  name: [sql`${survivors.preferredNameKey} collate "C" asc`, sql`${survivors.id} asc`],
  client_code: [sql`${survivors.clientCode} asc`],
  intake_newest: [sql`${survivors.intakeDate} desc`, sql`${survivors.id} desc`],
  updated: [sql`${survivors.updatedAt} desc`, sql`${survivors.id} desc`],
};

/**
 * A page of survivors: the caller's caseload (advocates) or organization (program leads), or the
 * records shared with the caller's organization under an active release. One query for the rows
 * (names joined in), one for the total; both use the list indexes.
 */
export async function listSurvivors(
  me: SessionUser,
  filters: SurvivorFilters,
  page: number,
  scope: SurvivorListScope,
  db: Db = getDb(),
): Promise<Page<SurvivorListItem>> {
  assertCan(me, "survivors.view");
  const today = pacificToday();
  const conditions: SQL[] = [scope === "managed" ? managedSurvivors(me) : releasedSurvivors(me, today)];
  if (filters.status !== "all") conditions.push(eq(survivors.status, filters.status));
  if (filters.county) conditions.push(eq(survivors.county, filters.county));
  if (filters.advocateId && scope === "managed") conditions.push(eq(survivors.assignedAdvocateId, filters.advocateId));
  if (filters.q) {
    // Each way of matching has its own index. One OR of them would make the planner walk the whole
    // name order at 100,000 records, so the exact look-ups (client code, legal name) run first; a
    // name prefix alone then stays a range of the list index, already in name order.
    const { exactIds, namePrefix } = await searchMatches(db, and(...conditions)!, filters.q, scope, me.organizationId);
    if (exactIds.length === 0 && !namePrefix) return toCappedPage([], 0, page);
    if (exactIds.length === 0) conditions.push(namePrefix!);
    else {
      const byName = namePrefix
        ? await db.select({ id: survivors.id }).from(survivors).where(and(...conditions, namePrefix)).limit(COUNT_CAP + 1)
        : [];
      conditions.push(inArray(survivors.id, [...new Set([...exactIds, ...byName.map((r) => r.id)])]));
    }
  }
  const where = and(...conditions);
  const advocate = aliasedTable(users, "advocate");
  const [rows, [totals]] = await Promise.all([
    db
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
      })
      .from(survivors)
      .innerJoin(advocate, eq(advocate.id, survivors.assignedAdvocateId))
      .innerJoin(organizations, eq(organizations.id, survivors.organizationId))
      .where(where)
      .orderBy(...ORDER[filters.sort])
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    // Counted up to a cap: an exact count of a 100,000-record organization costs more than the page.
    db
      .select({ total: count() })
      .from(db.select({ one: sql`1` }).from(survivors).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const counted = totals?.total ?? 0;
  if (scope === "managed") return toCappedPage(rows.map((r) => ({ ...r, organizationName: null })), counted, page);

  // Released records: show a name only where a release covers identity, and never the owner's staff.
  const identityCovered = await releasedCategories(db, me, rows.map((r) => r.id), today);
  const items = rows.map((r) => {
    const identity = identityCovered.get(r.id)?.has("identity_contact") ?? false;
    return { ...r, preferredName: identity ? r.preferredName : null, pronouns: identity ? r.pronouns : null, advocateName: null, county: null };
  });
  return toCappedPage(items, counted, page);
}

/**
 * How a search matches survivors in `scope`: ids found by client code (exact, or a prefix starting
 * "CW-") and, for the records one manages, by exact legal name (blind index); plus the condition
 * for a preferred name starting with the text. Released records are found by client code only: a
 * name search would probe beyond what a release covers.
 */
async function searchMatches(
  db: Db,
  scope: SQL,
  q: string,
  kind: SurvivorListScope,
  organizationId: string | null,
): Promise<{ exactIds: string[]; namePrefix: SQL | null }> {
  const code = q.toUpperCase();
  const lookups: SQL[] = [/^CW-/.test(code) ? like(survivors.clientCode, `${escapeLike(code)}%`) : eq(survivors.clientCode, code)];
  const key = normalizeName(q);
  let namePrefix: SQL | null = null;
  if (kind === "managed" && organizationId) {
    lookups.push(and(eq(survivors.organizationId, organizationId), eq(survivors.legalNameIndex, nameIndex(q)))!);
    if (key) namePrefix = sql`${survivors.preferredNameKey} collate "C" like ${`${escapeLike(key)}%`}`;
  }
  const found = await Promise.all(
    lookups.map((lookup) => db.select({ id: survivors.id }).from(survivors).where(and(scope, lookup)).limit(COUNT_CAP + 1)),
  );
  return { exactIds: [...new Set(found.flat().map((row) => row.id))], namePrefix };
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
