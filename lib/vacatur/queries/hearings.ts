import { aliasedTable, and, asc, count, eq, gte, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { survivors } from "../../../db/schema/survivors";
import { matterHearings, vacaturMatters } from "../../../db/schema/vacatur";
import { assertCan } from "../../auth/policy";
import { keysetCursorSql, keysetOrder, type SortKey } from "../../exports/keyset";
import type { SessionUser } from "../../auth/sessions";
import { startOfPacificDay } from "../../format";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../../pagination";
import { mattersWithCourtDates, openMatterCondition } from "../access";
import type { HearingStatus, MatterStatus } from "../constants";
import { monthAfter } from "../month-grid";

// The hearings list (upcoming and past, paginated) and the month calendar, scoped in SQL by the rules
// of matterAccess (see.court). Continued and cancelled hearings are listed with what became of them.

export type HearingItem = {
  id: string;
  matterId: string;
  clientCode: string;
  startsAt: Date;
  place: string;
  court: string | null;
  status: MatterStatus;
  hearingStatus: HearingStatus;
  /** for a continued hearing: when its successor is */
  continuedToStartsAt: Date | null;
};

const successor = aliasedTable(matterHearings, "successor");

const HEARING_FIELDS = {
  id: matterHearings.id,
  matterId: vacaturMatters.id,
  clientCode: survivors.clientCode,
  startsAt: matterHearings.startsAt,
  place: matterHearings.place,
  court: vacaturMatters.filingCourt,
  status: vacaturMatters.status,
  hearingStatus: matterHearings.status,
  continuedToStartsAt: successor.startsAt,
};

function hearingRows(db: Db, where: SQL | undefined) {
  return db
    .select(HEARING_FIELDS)
    .from(matterHearings)
    .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
    .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
    .leftJoin(successor, eq(successor.id, matterHearings.continuedToId))
    .where(where);
}

export type HearingView = "upcoming" | "past";

/** Each view's order as keys: upcoming soonest first, past latest first (the page and its export read the same order). */
export const HEARING_LIST_ORDER: Record<HearingView, SortKey[]> = {
  upcoming: [
    { expr: matterHearings.startsAt, direction: "asc", type: "timestamptz" },
    { expr: matterHearings.id, direction: "asc", type: "uuid" },
  ],
  past: [
    { expr: matterHearings.startsAt, direction: "desc", type: "timestamptz" },
    { expr: matterHearings.id, direction: "desc", type: "uuid" },
  ],
};

/**
 * The one scope of the hearings list, for its page and its export: hearings of the matters whose court
 * dates the caller sees, "upcoming" (open matters) or "past" (any matter, so a closed matter's stay reachable).
 */
export function hearingListWhere(me: SessionUser, view: HearingView): SQL {
  assertCan(me, "matters.view");
  return view === "upcoming"
    ? and(mattersWithCourtDates(me), gte(matterHearings.startsAt, sql`now()`), openMatterCondition)!
    : and(mattersWithCourtDates(me), lt(matterHearings.startsAt, sql`now()`))!;
}

/** The list's rows with the survivor each is about and their keyset cursor (for the export). */
export function hearingExportRows(db: Db, where: SQL, view: HearingView) {
  const keys = HEARING_LIST_ORDER[view];
  return db
    .select({ ...HEARING_FIELDS, survivorId: vacaturMatters.survivorId, cursor: keysetCursorSql(keys) })
    .from(matterHearings)
    .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
    .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
    .leftJoin(successor, eq(successor.id, matterHearings.continuedToId))
    .where(where)
    .orderBy(...keysetOrder(keys))
    .$dynamic();
}

/**
 * Hearings of the matters whose court dates the caller sees: "upcoming" (open matters, soonest first)
 * or "past" (any matter, latest first, so a closed matter's hearings stay reachable).
 */
export async function listHearings(me: SessionUser, view: HearingView, page: number, db: Db = getDb()): Promise<Page<HearingItem>> {
  const where = hearingListWhere(me, view);
  const [rows, [totals]] = await Promise.all([
    hearingRows(db, where)
      .orderBy(...keysetOrder(HEARING_LIST_ORDER[view]))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db
      .select({ total: count() })
      .from(
        db
          .select({ one: sql`1` })
          .from(matterHearings)
          .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
          .where(where)
          .limit(COUNT_CAP + 1)
          .as("capped"),
      ),
  ]);
  return toCappedPage(rows, totals?.total ?? 0, page);
}

/** A month is at most a few dozen hearings for one caller; this bounds a pathological one. */
const MONTH_LIMIT = 500;

/** The hearings in one Pacific calendar month ("2026-12"), for the month view: every status, any matter, by time. */
export async function listHearingsInMonth(me: SessionUser, month: string, db: Db = getDb()): Promise<{ items: HearingItem[]; truncated: boolean }> {
  assertCan(me, "matters.view");
  const from = startOfPacificDay(`${month}-01`);
  const to = startOfPacificDay(`${monthAfter(month)}-01`);
  if (!from || !to) return { items: [], truncated: false };
  const rows = await hearingRows(db, and(mattersWithCourtDates(me), gte(matterHearings.startsAt, from), lt(matterHearings.startsAt, to)))
    .orderBy(asc(matterHearings.startsAt), asc(matterHearings.id))
    .limit(MONTH_LIMIT + 1);
  return { items: rows.slice(0, MONTH_LIMIT), truncated: rows.length > MONTH_LIMIT };
}

export type MatterHearing = { id: string; startsAt: Date; place: string; status: HearingStatus; version: number; continuedToStartsAt: Date | null };

/** Every hearing of one matter, by date, with what became of each. The caller has already applied matterAccess (see.court). */
export function matterHearingsOf(db: Db, matterId: string): Promise<MatterHearing[]> {
  return db
    .select({ id: matterHearings.id, startsAt: matterHearings.startsAt, place: matterHearings.place, status: matterHearings.status, version: matterHearings.version, continuedToStartsAt: successor.startsAt })
    .from(matterHearings)
    .leftJoin(successor, eq(successor.id, matterHearings.continuedToId))
    .where(eq(matterHearings.matterId, matterId))
    .orderBy(asc(matterHearings.startsAt), asc(matterHearings.id));
}
