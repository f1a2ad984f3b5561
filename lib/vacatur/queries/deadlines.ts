import { eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { matterHearings, matterTasks, postOrderChecks, vacaturMatters } from "../../../db/schema/vacatur";
import { APP_TIME_ZONE } from "../../format";
import { CLOSED_MATTER_STATUSES } from "../constants";
import { HEARING_AWAITS_OUTCOME, REVISIT_STATUSES, WATCH_RECHECKS, WATCH_RECHECK_STATUSES, type Deadline, type DeadlineKind } from "../deadlines";

// The deadline rules of ../deadlines.ts in SQL, correlated to the `vacatur_matters` row of the
// enclosing query, so lists sort and page by the next due date in the database. Each branch reads
// one source through an index (matter_tasks_open_idx, matter_hearings_matter_idx,
// post_order_checks_step_key) or the matter row itself.

/** Every open obligation of the enclosing query's matter: rows of (kind text, due_on date). */
function openObligations(): SQL {
  const watch = sql.join(
    WATCH_RECHECKS.map((w) => sql`(${w.step}::text, ${w.days}::int)`),
    sql`, `,
  );
  return sql`
    select 'prosecutor_notice'::text as kind, ${matterTasks.dueOn} as due_on from ${matterTasks}
      where ${matterTasks.matterId} = ${vacaturMatters.id} and ${matterTasks.kind} = 'prosecutor_notice' and ${matterTasks.completedAt} is null
        and ${notInArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES])}
    union all
    select 'hearing'::text, (${matterHearings.startsAt} at time zone ${APP_TIME_ZONE})::date from ${matterHearings}
      where ${matterHearings.matterId} = ${vacaturMatters.id} and ${matterHearings.status} = 'scheduled'
        and (${inArray(vacaturMatters.status, [...HEARING_AWAITS_OUTCOME])}
          or (${vacaturMatters.status} = 'on_hold_by_survivor' and ${inArray(vacaturMatters.heldFromStatus, [...HEARING_AWAITS_OUTCOME])}))
    union all
    select watch.kind, ${vacaturMatters.orderOn} + watch.days from (values ${watch}) as watch(kind, days)
      where ${vacaturMatters.orderOn} is not null and ${inArray(vacaturMatters.status, [...WATCH_RECHECK_STATUSES])}
        and not exists (select 1 from ${postOrderChecks} where ${postOrderChecks.matterId} = ${vacaturMatters.id} and ${postOrderChecks.step}::text = watch.kind)
    union all
    select 'revisit'::text, ${vacaturMatters.revisitOn} where ${vacaturMatters.revisitOn} is not null and ${inArray(vacaturMatters.status, [...REVISIT_STATUSES])}`;
}

/** The next due date of the enclosing query's matter (the earliest open obligation, past due or not), or null. */
export function nextDueSql(): SQL<string | null> {
  return sql<string | null>`(select min(due.due_on) from (${openObligations()}) as due)::text`;
}

/** What the next due date is for (its kind), or null. */
export function nextDueKindSql(): SQL<DeadlineKind | null> {
  return sql<DeadlineKind | null>`(select due.kind from (${openObligations()}) as due order by due.due_on, due.kind limit 1)`;
}

/** Every open obligation of the enclosing query's matter, soonest first, as a JSON array of { kind, dueOn }. */
function deadlinesJsonSql(): SQL<unknown> {
  return sql`(select coalesce(json_agg(json_build_object('kind', due.kind, 'dueOn', due.due_on::text) order by due.due_on, due.kind), '[]'::json) from (${openObligations()}) as due)`;
}

/** The open obligations of one matter, soonest first. The caller has already applied matterAccess. */
export async function matterDeadlines(db: Db, matterId: string): Promise<Deadline[]> {
  const [row] = await db.select({ deadlines: deadlinesJsonSql() }).from(vacaturMatters).where(eq(vacaturMatters.id, matterId));
  const value = row?.deadlines ?? [];
  return (typeof value === "string" ? JSON.parse(value) : value) as Deadline[];
}
