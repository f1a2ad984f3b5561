import { and, asc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { users } from "../../../db/schema/users";
import { proBonoHours } from "../../../db/schema/vacatur";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";

// Pro bono hours: the legal organization's own work product, reported without any survivor data.

export type HoursReport = {
  scope: "organization" | "own";
  from: string | null;
  to: string | null;
  byAttorney: { attorneyId: string; attorneyName: string; hundredths: number; matters: number; entries: number }[];
  byActivity: { activity: string; hundredths: number }[];
  totalHundredths: number;
};

/** Whose hours a report covers: a legal organization's lead sees its attorneys'; an attorney their own. */
export function hoursScopeOf(me: Pick<SessionUser, "role">): HoursReport["scope"] {
  return me.role === "program_lead" ? "organization" : "own";
}

/** Pro bono hours for bar and funder reporting, over hoursScopeOf(me). */
export async function getHoursReport(me: SessionUser, range: { from: string | null; to: string | null }, db: Db = getDb()): Promise<HoursReport> {
  assertCan(me, "matters.hours");
  const scope = hoursScopeOf(me);
  const conditions: SQL[] = [me.organizationId ? eq(proBonoHours.organizationId, me.organizationId) : sql`false`];
  if (scope === "own") conditions.push(eq(proBonoHours.attorneyId, me.id));
  if (range.from) conditions.push(gte(proBonoHours.workedOn, range.from));
  if (range.to) conditions.push(lte(proBonoHours.workedOn, range.to));
  const where = and(...conditions);
  const [byAttorney, byActivity] = await Promise.all([
    db
      .select({
        attorneyId: proBonoHours.attorneyId,
        attorneyName: users.name,
        hundredths: sql<number>`sum(${proBonoHours.hundredths})::int`,
        matters: sql<number>`count(distinct ${proBonoHours.matterId})::int`,
        entries: sql<number>`count(*)::int`,
      })
      .from(proBonoHours)
      .innerJoin(users, eq(users.id, proBonoHours.attorneyId))
      .where(where)
      .groupBy(proBonoHours.attorneyId, users.name)
      .orderBy(asc(users.name)),
    db
      .select({ activity: proBonoHours.activity, hundredths: sql<number>`sum(${proBonoHours.hundredths})::int` })
      .from(proBonoHours)
      .where(where)
      .groupBy(proBonoHours.activity)
      .orderBy(asc(proBonoHours.activity)),
  ]);
  return { scope, from: range.from, to: range.to, byAttorney, byActivity, totalHundredths: byAttorney.reduce((s, a) => s + a.hundredths, 0) };
}
