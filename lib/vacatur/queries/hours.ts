import { and, asc, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { users } from "../../../db/schema/users";
import { proBonoHours, proBonoRates } from "../../../db/schema/vacatur";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { correctableUntil, currentHours, DEFAULT_HOURLY_RATE_CENTS, mayCorrectHours, setsHourlyRate } from "../hours";

// Pro bono hours: the legal organization's own work product, reported without any survivor data.
// Every read here counts current entries only (currentHours): corrected and removed ones are kept
// in the table for the record and never counted.

export type HoursPeriod = { from: string | null; to: string | null };
type Period = HoursPeriod;

export type HoursReport = Period & {
  scope: "organization" | "own";
  byAttorney: { attorneyId: string; attorneyName: string; hundredths: number; matters: number; entries: number }[];
  byActivity: { activity: string; hundredths: number }[];
  totalHundredths: number;
};

/** Whose hours a report covers: a legal organization's lead sees its attorneys'; an attorney their own. */
export function hoursScopeOf(me: Pick<SessionUser, "role">): HoursReport["scope"] {
  return me.role === "program_lead" ? "organization" : "own";
}

/** The current entries of hoursScopeOf(me) in the period: the one scope of every hours report and download. */
export function hoursInScope(me: SessionUser, range: Period): SQL {
  const conditions: SQL[] = [me.organizationId ? eq(proBonoHours.organizationId, me.organizationId) : sql`false`, currentHours()];
  if (hoursScopeOf(me) === "own") conditions.push(eq(proBonoHours.attorneyId, me.id));
  if (range.from) conditions.push(gte(proBonoHours.workedOn, range.from));
  if (range.to) conditions.push(lte(proBonoHours.workedOn, range.to));
  return and(...conditions)!;
}

/** Pro bono hours for bar and funder reporting, over hoursScopeOf(me). */
export async function getHoursReport(me: SessionUser, range: Period, db: Db = getDb()): Promise<HoursReport> {
  assertCan(me, "matters.hours");
  const where = hoursInScope(me, range);
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
  return { scope: hoursScopeOf(me), from: range.from, to: range.to, byAttorney, byActivity, totalHundredths: byAttorney.reduce((s, a) => s + a.hundredths, 0) };
}

export type HourlyRate = { cents: number; version: number; isDefault: boolean };

/** The rate an organization's hours are valued at: its lead's, or the default (version 0: none set). */
export async function getHourlyRate(db: Db, organizationId: string | null): Promise<HourlyRate> {
  const [rate] = organizationId ? await db.select().from(proBonoRates).where(eq(proBonoRates.organizationId, organizationId)).limit(1) : [];
  return rate ? { cents: rate.hourlyRateCents, version: rate.version, isDefault: false } : { cents: DEFAULT_HOURLY_RATE_CENTS, version: 0, isDefault: true };
}

export type MatterHoursEntry = {
  id: string;
  version: number;
  workedOn: string;
  hundredths: number;
  activity: string;
  description: string | null;
  attorneyName: string;
  corrected: boolean;
  /** until when the caller (its author) may correct or remove it; null when they may not */
  correctableUntil: Date | null;
};

/** The current hours on a matter logged by the caller's organization (its own work product), for the matter page. */
export async function getMatterHours(db: Db, me: SessionUser, matterId: string, now: Date = new Date()): Promise<{ entries: MatterHoursEntry[]; totalHundredths: number }> {
  const rows = await db
    .select({ entry: proBonoHours, attorneyName: users.name })
    .from(proBonoHours)
    .innerJoin(users, eq(users.id, proBonoHours.attorneyId))
    .where(and(eq(proBonoHours.matterId, matterId), eq(proBonoHours.organizationId, me.organizationId!), currentHours()))
    .orderBy(desc(proBonoHours.workedOn), desc(proBonoHours.createdAt));
  const entries = rows.map(({ entry, attorneyName }) => ({
    id: entry.id,
    version: entry.version,
    workedOn: entry.workedOn,
    hundredths: entry.hundredths,
    activity: entry.activity,
    description: entry.description,
    attorneyName,
    corrected: entry.correctsId !== null,
    correctableUntil: mayCorrectHours(me, entry, now) ? correctableUntil(entry.loggedAt) : null,
  }));
  return { entries, totalHundredths: entries.reduce((sum, h) => sum + h.hundredths, 0) };
}

/** The hours page's rate: what the caller's organization values hours at, and whether the caller sets it (a legal organization's lead). */
export async function getHoursRate(me: SessionUser, db: Db = getDb()): Promise<HourlyRate & { canSet: boolean }> {
  assertCan(me, "matters.hours");
  const [rate, [organization]] = await Promise.all([
    getHourlyRate(db, me.organizationId),
    me.organizationId ? db.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, me.organizationId)) : Promise.resolve([]),
  ]);
  return { ...rate, canSet: setsHourlyRate(me, organization?.type) };
}
