import { and, asc, desc, eq, gte, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { survivors } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import { proBonoHours, proBonoRates, vacaturMatters } from "../../../db/schema/vacatur";
import { auditActor, recordAudit } from "../../audit/record";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import type { RequestMeta } from "../../request-meta";
import type { HourActivity } from "../constants";
import { correctableUntil, currentHours, DEFAULT_HOURLY_RATE_CENTS, hoursValueCents, mayCorrectHours } from "../hours";

// Pro bono hours: the legal organization's own work product, reported without any survivor data.
// Every read here counts current entries only (currentHours): corrected and removed ones are kept
// in the table for the record and never counted.

type Period = { from: string | null; to: string | null };

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
function hoursInScope(me: SessionUser, range: Period): SQL {
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

export type HoursLedger = Period & {
  scope: HoursReport["scope"];
  rateCents: number;
  entries: { workedOn: string; attorneyName: string; clientCode: string; activity: HourActivity; hundredths: number; valueCents: number }[];
  totalHundredths: number;
  /** the sum of the entries' values as shown, so the column adds up to the total */
  totalValueCents: number;
};

/**
 * Every current entry of hoursScopeOf(me) in the period, valued at the organization's rate: the CSV
 * for bar and funder reports. The client code is the only thing of the survivor in it. Audited.
 */
export async function getHoursLedger(me: SessionUser, range: Period, meta: RequestMeta | null, db: Db = getDb()): Promise<HoursLedger> {
  assertCan(me, "matters.hours");
  const rate = await getHourlyRate(db, me.organizationId);
  const rows = await db
    .select({ workedOn: proBonoHours.workedOn, attorneyName: users.name, clientCode: survivors.clientCode, activity: proBonoHours.activity, hundredths: proBonoHours.hundredths })
    .from(proBonoHours)
    .innerJoin(users, eq(users.id, proBonoHours.attorneyId))
    .innerJoin(vacaturMatters, eq(vacaturMatters.id, proBonoHours.matterId))
    .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
    .where(hoursInScope(me, range))
    .orderBy(asc(proBonoHours.workedOn), asc(users.name), asc(proBonoHours.createdAt));
  const entries = rows.map((r) => ({ ...r, valueCents: hoursValueCents(r.hundredths, rate.cents) }));
  await recordAudit(db, {
    actor: auditActor(me),
    action: "hours.exported",
    target: me.organizationId ? { type: "organization", id: me.organizationId } : null,
    meta,
    // The report's parameters, not case data: whose hours, which period, how many entries.
    details: { scope: hoursScopeOf(me), from: range.from, to: range.to, entries: entries.length },
  });
  return {
    scope: hoursScopeOf(me),
    from: range.from,
    to: range.to,
    rateCents: rate.cents,
    entries,
    totalHundredths: entries.reduce((s, e) => s + e.hundredths, 0),
    totalValueCents: entries.reduce((s, e) => s + e.valueCents, 0),
  };
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
  return { ...rate, canSet: me.role === "program_lead" && organization?.type === "legal_aid" };
}
