import { eq, inArray, notInArray, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { matterHearings, matterTasks, postOrderChecks, vacaturMatters } from "../../../db/schema/vacatur";
import { APP_TIME_ZONE } from "../../format";
import { CLOSED_MATTER_STATUSES } from "../constants";
import { HEARING_AWAITS_OUTCOME, REVISIT_STATUSES, WATCH_RECHECKS, WATCH_RECHECK_STATUSES, type Deadline, type DeadlineKind } from "../deadlines";

// The deadline rules of ../deadlines.ts in SQL, correlated to the `vacatur_matters` row of the
// enclosing query, so lists sort and page by the next due date in the database. Each source of
// obligations reads through an index (matter_tasks_open_notice_idx, matter_hearings_matter_idx,
// post_order_checks_step_key) or the matter row itself.

/**
 * Where a matter's obligations come from, each said once: `rows` selects its (kind, due_on) rows
 * and `when` is the condition on the matter's own row under which that source is open at all.
 */
function obligationSources(): { rows: SQL; when: SQL }[] {
  const watch = sql.join(
    WATCH_RECHECKS.map((w) => sql`(${w.step}::text, ${w.days}::int)`),
    sql`, `,
  );
  return [
    {
      rows: sql`select 'prosecutor_notice'::text as kind, ${matterTasks.dueOn} as due_on from ${matterTasks}
        where ${matterTasks.matterId} = ${vacaturMatters.id} and ${matterTasks.kind} = 'prosecutor_notice' and ${matterTasks.completedAt} is null`,
      when: notInArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]),
    },
    {
      rows: sql`select 'hearing'::text as kind, (${matterHearings.startsAt} at time zone ${APP_TIME_ZONE})::date as due_on from ${matterHearings}
        where ${matterHearings.matterId} = ${vacaturMatters.id} and ${matterHearings.status} = 'scheduled'`,
      when: sql`(${inArray(vacaturMatters.status, [...HEARING_AWAITS_OUTCOME])}
        or (${vacaturMatters.status} = 'on_hold_by_survivor' and ${inArray(vacaturMatters.heldFromStatus, [...HEARING_AWAITS_OUTCOME])}))`,
    },
    {
      rows: sql`select watch.kind, ${vacaturMatters.orderOn} + watch.days as due_on from (values ${watch}) as watch(kind, days)
        where not exists (select 1 from ${postOrderChecks} where ${postOrderChecks.matterId} = ${vacaturMatters.id} and ${postOrderChecks.step}::text = watch.kind)`,
      when: sql`${vacaturMatters.orderOn} is not null and ${inArray(vacaturMatters.status, [...WATCH_RECHECK_STATUSES])}`,
    },
    {
      rows: sql`select 'revisit'::text as kind, ${vacaturMatters.revisitOn} as due_on`,
      when: sql`${vacaturMatters.revisitOn} is not null and ${inArray(vacaturMatters.status, [...REVISIT_STATUSES])}`,
    },
  ];
}

/** Every open obligation of the enclosing query's matter: rows of (kind text, due_on date). */
function openObligations(): SQL {
  return sql.join(
    obligationSources().map(({ rows, when }) => sql`select * from (${rows}) as source where ${when}`),
    sql` union all `,
  );
}

/**
 * The next due date of the enclosing query's matter (the earliest open obligation, past due or not),
 * or null. Each source is asked only when the matter's row says it can be open (CASE), for its
 * earliest date, and LEAST takes the earliest of those: a list sorts every matter in its scope by this,
 * and reading each source's minimum directly costs half of reading all the rows into one union first.
 */
export function nextDueSql(): SQL<string | null> {
  const earliest = obligationSources().map(({ rows, when }) => sql`case when ${when} then (select min(source.due_on) from (${rows}) as source) end`);
  return sql<string | null>`(least(${sql.join(earliest, sql`, `)}))::text`;
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
