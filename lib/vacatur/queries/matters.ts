import { aliasedTable, and, asc, count, desc, eq, inArray, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivors } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import { convictions, matterConvictions, matterHearings, vacaturMatters } from "../../../db/schema/vacatur";
import { assertCan } from "../../auth/policy";
import { keysetCursorSql, keysetOrder, type SortKey } from "../../exports/keyset";
import type { SessionUser } from "../../auth/sessions";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../../pagination";
import { loadLiveReleasesOf } from "../../releases/queries";
import { loadSurvivor } from "../../survivors/access";
import { matterAccess, matterSuspension, openMatterCondition, organizationsReleasedForMatter, visibleMatters } from "../access";
import { CLOSED_MATTER_STATUSES, STALE_AFTER_DAYS, type MatterStatus } from "../constants";
import { isPastDue, type DeadlineKind } from "../deadlines";
import { pacificToday } from "../../format";
import { nextDueKindSql, nextDueSql } from "./deadlines";
import { listHearings, type HearingItem } from "./hearings";
import type { MatterFilters } from "../schema";
import { petitionedInSql } from "./petition";

// Lists of vacatur matters and their hearings, scoped in SQL by the rules of matterAccess, and each
// row cut by matterAccess itself.

export type MatterListItem = {
  id: string;
  clientCode: string;
  status: MatterStatus;
  legalOrganizationName: string | null;
  attorneyName: string | null;
  /** the next due date (the earliest open obligation, lib/vacatur/deadlines.ts); a prosecutor's is the next hearing */
  nextDate: string | null;
  /** what the next due date is for (not shown to a prosecutor) */
  nextDateKind: DeadlineKind | null;
  /** the next due date has passed (Pacific calendar days) */
  pastDue: boolean;
  lastActivityAt: Date;
  daysSinceActivity: number;
  stale: boolean;
  /** the courts of the convictions the matter petitions to vacate (isPetitioned): for those who see its petition */
  courts: string | null;
  /** the caller may open the matter (attorneys of the legal organization who are not on it see the row only) */
  canOpen: boolean;
  /** the legal organization's work is suspended (no release in effect) */
  suspended: boolean;
};

const DAY_MS = 86_400_000;

function nextHearingSql(): SQL<string | null> {
  return sql<string | null>`(select min((${matterHearings.startsAt} at time zone 'America/Los_Angeles')::date) from ${matterHearings} where ${matterHearings.matterId} = ${vacaturMatters.id} and ${matterHearings.status} = 'scheduled' and ${matterHearings.startsAt} >= now())::text`;
}

/** The one scope and filter of the matter list, for its page and its export (the rules of matterAccess, as SQL). */
export function matterListWhere(me: SessionUser, filters: MatterFilters, now = new Date()): SQL {
  assertCan(me, "matters.view");
  const conditions: SQL[] = [visibleMatters(me)];
  if (filters.status === "open") conditions.push(openMatterCondition);
  else if (filters.status === "closed") conditions.push(inArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]));
  else if (filters.status !== "all") conditions.push(eq(vacaturMatters.status, filters.status));
  if (me.role === "attorney" && filters.scope === "mine") conditions.push(eq(vacaturMatters.attorneyId, me.id));
  const staleBefore = new Date(now.getTime() - STALE_AFTER_DAYS * DAY_MS);
  if (filters.stale) conditions.push(lt(vacaturMatters.lastActivityAt, staleBefore), openMatterCondition);
  return and(...conditions)!;
}

/**
 * The list's order: by the next due date (ISO text, no date last), then the longest untouched, as
 * keys. A prosecutor's list goes by the next hearing: tasks, re-checks and revisit dates are the legal work's.
 */
export function matterListOrder(me: Pick<SessionUser, "role">): SortKey[] {
  return [
    { expr: me.role === "prosecutor" ? nextHearingSql() : nextDueSql(), direction: "asc", type: "text", nullable: true },
    { expr: vacaturMatters.lastActivityAt, direction: "desc", type: "timestamptz" },
    { expr: vacaturMatters.id, direction: "asc", type: "uuid" },
  ];
}

/** The list's rows in its order, with what matterAccess needs to cut each one and its keyset cursor. */
export function matterListRows(db: Db, me: SessionUser, where: SQL) {
  const attorney = aliasedTable(users, "attorney");
  const keys = matterListOrder(me);
  return db
    .select({
      id: vacaturMatters.id,
      clientCode: survivors.clientCode,
      status: vacaturMatters.status,
      legalOrganizationName: organizations.name,
      attorneyName: attorney.name,
      nextDate: nextDueSql(),
      nextDateKind: nextDueKindSql(),
      nextHearing: nextHearingSql(),
      lastActivityAt: vacaturMatters.lastActivityAt,
      survivorId: vacaturMatters.survivorId,
      organizationId: vacaturMatters.organizationId,
      legalOrganizationId: vacaturMatters.legalOrganizationId,
      attorneyId: vacaturMatters.attorneyId,
      conflictStatus: vacaturMatters.conflictStatus,
      prosecutorOfficeId: vacaturMatters.prosecutorOfficeId,
      noticeOn: vacaturMatters.noticeOn,
      courts: sql<string | null>`(select string_agg(distinct ${convictions.courtName}, ', ') from ${matterConvictions} join ${convictions} on ${convictions.id} = ${matterConvictions.convictionId} where ${matterConvictions.matterId} = ${vacaturMatters.id} and ${petitionedInSql})`,
      cursor: keysetCursorSql(keys),
    })
    .from(vacaturMatters)
    .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
    .leftJoin(organizations, eq(organizations.id, vacaturMatters.legalOrganizationId))
    .leftJoin(attorney, eq(attorney.id, vacaturMatters.attorneyId))
    .where(where)
    .orderBy(...keysetOrder(keys))
    .$dynamic();
}

type MatterListRow = Awaited<ReturnType<ReturnType<typeof matterListRows>["execute"]>>[number];

/** Each row cut by the same rule as the matter page (matterAccess), from the survivors' releases now. */
export async function cutMatterRows(db: Db, me: SessionUser, rows: MatterListRow[], now = new Date()): Promise<(MatterListItem & { survivorId: string; cursor: MatterListRow["cursor"] })[]> {
  const live = await loadLiveReleasesOf(db, rows.map((r) => r.survivorId));
  const today = pacificToday(now);
  return rows.map(({ organizationId, legalOrganizationId, attorneyId, conflictStatus, prosecutorOfficeId, noticeOn, courts, nextHearing, ...r }) => {
    const parties = { organizationId, legalOrganizationId, attorneyId, conflictStatus, prosecutorOfficeId, noticeOn, status: r.status };
    // Rows of the caller's own organization come from the managed-survivors scope, so they manage them.
    const access = matterAccess(me, parties, { managesSurvivor: organizationId === me.organizationId, releases: live.get(r.survivorId)! });
    const days = Math.floor((now.getTime() - r.lastActivityAt.getTime()) / DAY_MS);
    return {
      ...r,
      courts: access?.see.petition ? courts : null,
      // A prosecutor's next date is the next hearing: tasks and revisit dates are the legal work's.
      nextDate: access?.side === "prosecutor" ? nextHearing : r.nextDate,
      nextDateKind: access?.side === "prosecutor" ? null : r.nextDateKind,
      pastDue: access?.side !== "prosecutor" && isPastDue(r.nextDate, today),
      canOpen: Boolean(access?.see.page),
      suspended: Boolean(access?.suspension),
      daysSinceActivity: days,
      stale: days >= STALE_AFTER_DAYS && !CLOSED_MATTER_STATUSES.includes(r.status),
    };
  });
}

export async function listMatters(me: SessionUser, filters: MatterFilters, page: number, db: Db = getDb()): Promise<Page<MatterListItem>> {
  const now = new Date();
  const where = matterListWhere(me, filters, now);
  // The page's 25 are chosen from the matters alone (the order's next due date is computed for each
  // of them); only those 25 are joined to their survivor, attorney and courts.
  const onPage = db.select({ id: vacaturMatters.id }).from(vacaturMatters).where(where).orderBy(...keysetOrder(matterListOrder(me))).limit(PAGE_SIZE).offset(offsetFor(page));
  const [rows, [totals]] = await Promise.all([
    matterListRows(db, me, inArray(vacaturMatters.id, onPage)),
    db.select({ total: count() }).from(db.select({ one: sql`1` }).from(vacaturMatters).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const items = (await cutMatterRows(db, me, rows, now)).map(({ survivorId: _survivorId, cursor: _cursor, ...item }) => item);
  return toCappedPage(items, totals?.total ?? 0, page);
}

/** Upcoming hearings of the matters whose court dates the caller sees (matterAccess see.court), soonest first. */
export function listUpcomingHearings(me: SessionUser, page: number, db: Db = getDb()): Promise<Page<HearingItem>> {
  return listHearings(me, "upcoming", page, db);
}

/** The matters of one survivor, for the survivor page (the survivor's side only), each saying whether it is suspended for its legal organization. */
export async function listSurvivorMatters(me: SessionUser, survivorId: string, db: Db = getDb()) {
  assertCan(me, "matters.view");
  const { access, releases } = await loadSurvivor(db, me, survivorId);
  if (!access.manage) return [];
  const rows = await db
    .select({ id: vacaturMatters.id, status: vacaturMatters.status, createdAt: vacaturMatters.createdAt, legalOrganizationId: vacaturMatters.legalOrganizationId, legalOrganizationName: organizations.name, attorneyName: users.name })
    .from(vacaturMatters)
    .leftJoin(organizations, eq(organizations.id, vacaturMatters.legalOrganizationId))
    .leftJoin(users, eq(users.id, vacaturMatters.attorneyId))
    .where(eq(vacaturMatters.survivorId, survivorId))
    .orderBy(desc(vacaturMatters.createdAt));
  return rows.map(({ legalOrganizationId, ...r }) => ({
    ...r,
    suspended: !CLOSED_MATTER_STATUSES.includes(r.status) && matterSuspension({ legalOrganizationId }, releases) !== null,
  }));
}

/** For the open-matter form: the survivor's convictions (and which already have an open matter) and the legal organizations a release covers. */
export async function getOpenMatterOptions(me: SessionUser, survivorId: string, db: Db = getDb()) {
  assertCan(me, "matters.open");
  const { row, releases } = await loadSurvivor(db, me, survivorId, { manage: true });
  const [convictionRows, legalOrgs, inOpenMatters] = await Promise.all([
    db.select().from(convictions).where(eq(convictions.survivorId, row.id)).orderBy(desc(convictions.dispositionDate)),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.type, "legal_aid"), eq(organizations.active, true))).orderBy(asc(organizations.name)),
    db
      .select({ convictionId: matterConvictions.convictionId })
      .from(matterConvictions)
      .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
      .where(and(eq(convictions.survivorId, row.id), eq(matterConvictions.open, true))),
  ]);
  const covered = organizationsReleasedForMatter(releases);
  const open = new Set(inOpenMatters.map((m) => m.convictionId));
  return {
    survivor: { id: row.id, clientCode: row.clientCode, preferredName: row.preferredName },
    convictions: convictionRows.map((c) => ({
      id: c.id,
      label: `${c.courtName}, ${c.dispositionDate}: ${c.counts.map((n) => n.offense).join("; ")}`,
      inOpenMatter: open.has(c.id),
    })),
    legalOrganizations: legalOrgs.map((o) => ({ ...o, covered: covered.has(o.id) })),
  };
}
