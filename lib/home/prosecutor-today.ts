import "server-only";
import { aliasedTable, and, asc, count, eq, gte, lt, notExists, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { differenceInCalendarDays, parseISO } from "date-fns";
import { getDb, type Db } from "../../db/client";
import { survivors } from "../../db/schema/survivors";
import { matterHearings, vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { pacificToday } from "../format";
import { openMatterCondition, visibleMatters } from "../vacatur/access";
import type { MatterStatus } from "../vacatur/constants";
import { HOME_LIST_LIMIT } from "./section";

// A prosecutor's day (issue 12): the open matters noticed to their office whose position is not yet
// known, soonest hearing first, then the longest noticed. Scoped by the prosecutor side of matterAccess
// (visibleMatters: the office's matters, once notice was given), which sees the court side — filing
// court, hearings — whatever the releases say.

type AwaitingPositionItem = { id: string; clientCode: string; status: MatterStatus; noticeOn: string; daysSinceNotice: number; court: string | null; nextHearing: Date | null };

export type ProsecutorToday = { count: number; items: AwaitingPositionItem[] };

/** The list shows this many; /matters has them all. */
const LIMIT = HOME_LIST_LIMIT * 3;

export async function getProsecutorToday(me: SessionUser, db: Db = getDb(), now = new Date()): Promise<ProsecutorToday> {
  assertCan(me, "matters.respond_as_prosecutor");
  const where = and(visibleMatters(me), eq(vacaturMatters.prosecutorOfficeId, me.organizationId ?? ""), openMatterCondition, eq(vacaturMatters.prosecutorPosition, "unknown"))!;
  const ahead = aliasedTable(matterHearings, "ahead");
  const upcomingOf = (matterId: AnyPgColumn) => and(eq(ahead.matterId, matterId), eq(ahead.status, "scheduled"), gte(ahead.startsAt, sql`now()`))!;
  // Read for the rows shown only, after the sort (a join made PostgreSQL hash every survivor).
  const clientCode = sql<string>`(select ${survivors.clientCode} from ${survivors} where ${survivors.id} = ${vacaturMatters.survivorId})`;
  const columns = { id: vacaturMatters.id, clientCode, status: vacaturMatters.status, noticeOn: vacaturMatters.noticeOn, court: vacaturMatters.filingCourt };

  // The order is "soonest hearing first, then the longest noticed". An office with thousands of matters
  // awaiting a position has hearings ahead for a few of them, so the list is read in two walks that
  // each stop at the page: the hearings ahead in date order (matter_hearings_starts_idx), each its
  // matter's next; then the matters with none, longest noticed first (vacatur_matters_awaiting_position_idx).
  const [withHearing, withoutHearing, [total]] = await Promise.all([
    db
      .select({ ...columns, nextHearing: matterHearings.startsAt })
      .from(matterHearings)
      .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
      .where(and(eq(matterHearings.status, "scheduled"), gte(matterHearings.startsAt, sql`now()`), notExists(db.select({ one: sql`1` }).from(ahead).where(and(upcomingOf(matterHearings.matterId), lt(ahead.startsAt, matterHearings.startsAt)))), where))
      .orderBy(asc(matterHearings.startsAt), asc(vacaturMatters.noticeOn), asc(vacaturMatters.id))
      .limit(LIMIT),
    db
      .select(columns)
      .from(vacaturMatters)
      .where(and(where, notExists(db.select({ one: sql`1` }).from(ahead).where(upcomingOf(vacaturMatters.id)))))
      .orderBy(asc(vacaturMatters.noticeOn), asc(vacaturMatters.id))
      .limit(LIMIT),
    db.select({ n: count() }).from(vacaturMatters).where(where),
  ]);
  const seen = new Set<string>();
  const rows = [...withHearing, ...withoutHearing.map((r) => ({ ...r, nextHearing: null }))]
    .filter((r) => !seen.has(r.id) && seen.add(r.id))
    .slice(0, LIMIT);
  const today = parseISO(pacificToday(now));
  return {
    count: total?.n ?? 0,
    items: rows.map((r) => ({ ...r, noticeOn: r.noticeOn!, daysSinceNotice: differenceInCalendarDays(today, parseISO(r.noticeOn!)) })),
  };
}
