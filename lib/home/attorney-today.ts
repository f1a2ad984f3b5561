import "server-only";
import { and, asc, eq, sql } from "drizzle-orm";
import { addDays, format, parseISO } from "date-fns";
import { getDb, type Db } from "../../db/client";
import { survivors } from "../../db/schema/survivors";
import { vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { pacificToday } from "../format";
import { legalSideSuspended, openMatterCondition, visibleMatters } from "../vacatur/access";
import type { MatterStatus } from "../vacatur/constants";
import { deadlineState, type DeadlineKind, type DeadlineState } from "../vacatur/deadlines";
import { nextDueKindSql, nextDueSql } from "../vacatur/queries/deadlines";

// An attorney's day (issue 12): the open matters assigned to them, by next due date (the earliest open
// obligation, lib/vacatur/deadlines.ts, computed in SQL by queries/deadlines.ts), with the conflict
// checks that stand between them and a new matter first. A matter's dates show only where matterAccess
// would show its court side: after the conflict check and while a release to the organization is in effect.

/** An attorney carries a few dozen open matters; this bounds a pathological list. */
const LIMIT = 200;
/** "Due this week": past due, or due within this many days. */
export const DUE_SOON_DAYS = 7;

type AttorneyMatterItem = {
  id: string;
  clientCode: string;
  status: MatterStatus;
  /** the attorney must confirm there is no conflict of interest before anything else */
  conflictCheck: boolean;
  /** no release in effect: the work waits for the survivor's advocate */
  suspended: boolean;
  nextDate: string | null;
  nextDateKind: DeadlineKind | null;
  nextDateState: DeadlineState | null;
};

export type AttorneyToday = { matters: AttorneyMatterItem[]; total: number; conflictChecks: number; pastDue: number; dueSoon: number };

export async function getAttorneyToday(me: SessionUser, db: Db = getDb(), now = new Date()): Promise<AttorneyToday> {
  assertCan(me, "matters.work");
  const today = pacificToday(now);
  const suspended = legalSideSuspended(today);
  const nextDue = nextDueSql();
  const rows = await db
    .select({
      id: vacaturMatters.id,
      clientCode: survivors.clientCode,
      status: vacaturMatters.status,
      conflictStatus: vacaturMatters.conflictStatus,
      suspended: sql<boolean>`(${suspended})`,
      nextDate: nextDue,
      nextDateKind: nextDueKindSql(),
    })
    .from(vacaturMatters)
    .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
    .where(and(visibleMatters(me), eq(vacaturMatters.attorneyId, me.id), openMatterCondition))
    .orderBy(
      sql`case when ${vacaturMatters.conflictStatus} = 'pending' then 0 else 1 end`,
      sql`${nextDue} asc nulls last`,
      asc(vacaturMatters.lastActivityAt),
      asc(vacaturMatters.id),
    )
    .limit(LIMIT);
  const soon = format(addDays(parseISO(today), DUE_SOON_DAYS), "yyyy-MM-dd");
  const matters = rows.map(({ conflictStatus, suspended: isSuspended, nextDate, nextDateKind, ...m }) => {
    const dated = conflictStatus === "cleared" && !isSuspended && nextDate !== null;
    return {
      ...m,
      conflictCheck: conflictStatus === "pending",
      suspended: isSuspended === true,
      nextDate: dated ? nextDate : null,
      nextDateKind: dated ? nextDateKind : null,
      nextDateState: dated ? deadlineState(nextDate, today) : null,
    };
  });
  return {
    matters,
    total: matters.length,
    conflictChecks: matters.filter((m) => m.conflictCheck).length,
    pastDue: matters.filter((m) => m.nextDateState === "past_due").length,
    dueSoon: matters.filter((m) => m.nextDate !== null && m.nextDate <= soon).length,
  };
}
