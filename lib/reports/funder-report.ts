import { reportOrganizations } from "./columns";
import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, queryRows, reportDbFor, type Db } from "../../db/client";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { APP_TIME_ZONE, endOfPacificDay, pacificToday, startOfPacificDay } from "../format";
import type { RequestMeta } from "../request-meta";
import {
  AGE_BAND_LABELS,
  AGE_BANDS,
  GENDER_IDENTITIES,
  GENDER_IDENTITY_LABELS,
  RACE_ETHNICITIES,
  RACE_ETHNICITY_LABELS,
  VICTIMIZATION_TYPE_LABELS,
  VICTIMIZATION_TYPES,
} from "../survivors/constants";
import { SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from "../survivors/services";
import { isQuarterComplete, quarterBounds, quarterKey, VACATUR_WORK_EVENT_KINDS, type FiscalQuarter, type QuarterBounds } from "./pmt";

// The quarterly funder report (VOCA PMT, DOMAIN.md 4.6) for the caller's own organization, counted in
// the database: the application receives one row per figure, never one per survivor. The rules are
// lib/reports/pmt.ts's; the dates come from quarterBounds.
//
// Columns read, and nothing else: service_events (survivor_id, organization_id, category,
// occurred_on, removed_at), referrals (survivor_id, from_organization_id, sent_at), pro_bono_hours
// (matter_id, organization_id, worked_on, removed_at, superseded_at), vacatur_matters (id,
// survivor_id), survivor_events (survivor_id, kind, occurred_at, actor_user_id), users (id,
// organization_id), and of survivors only id, organization_id, demographics and victimization_types.
// No name, client code, identity field, note or case number.
//
// People the organization served whose record another organization holds (a legal organization's
// clients, referred by an agency) are counted as served, but their demographics and victimization types
// are not read: the record is the other organization's, shared with this one only as far as the
// survivor's release goes. They count as "not reported", and the report says how many they are.

export type Figure = { value: string; label: string; count: number };
export type ServiceFigure = { category: ServiceCategory; label: string; services: number; individuals: number };

export type FunderReport = {
  quarter: FiscalQuarter;
  bounds: QuarterBounds;
  /** false while the quarter is still running: the figures so far */
  complete: boolean;
  organizationName: string;
  individuals: { total: number; new: number; continuing: number; recordElsewhere: number };
  /** of new individuals only, each summing to individuals.new */
  newDemographics: { genderIdentity: Figure[]; raceEthnicity: Figure[]; ageBand: Figure[] };
  /** of everyone served in the quarter; a person may count under several types */
  victimizationTypes: Figure[];
  services: ServiceFigure[];
  generatedAt: Date;
};

export type ReportFormat = "page" | "csv";

type Row = { section: string; item: string; count: number; individuals: number | null };

const NOT_REPORTED = "not_reported";

/** Every figure of the quarter for one organization, as (section, item, count[, individuals]) rows. */
async function countQuarter(db: Db, organizationId: string, b: QuarterBounds): Promise<Row[]> {
  // Timestamps (referrals sent, timeline events) are placed on their Pacific calendar day.
  const from = startOfPacificDay(b.fiscalYearStart)!.toISOString();
  const until = endOfPacificDay(b.end)!.toISOString();
  const rows = await queryRows<Row>(db, sql`
    with services as (
      select se.survivor_id, se.category::text as category, se.occurred_on as served_on
        from service_events se
       where se.organization_id = ${organizationId} and se.removed_at is null
         and se.occurred_on between ${b.fiscalYearStart}::date and ${b.end}::date
      union all
      select r.survivor_id, 'information_referral'::text, (r.sent_at at time zone ${APP_TIME_ZONE})::date
        from referrals r
       where r.from_organization_id = ${organizationId} and r.sent_at >= ${from}::timestamptz and r.sent_at < ${until}::timestamptz
      union all
      -- vacatur work: once per person per day, however many entries that day
      select distinct work.survivor_id, 'justice_assistance'::text, work.served_on
        from (
          select m.survivor_id, h.worked_on as served_on
            from pro_bono_hours h
            join vacatur_matters m on m.id = h.matter_id
           where h.organization_id = ${organizationId} and h.removed_at is null and h.superseded_at is null
             and h.worked_on between ${b.fiscalYearStart}::date and ${b.end}::date
          union all
          select e.survivor_id, (e.occurred_at at time zone ${APP_TIME_ZONE})::date
            from survivor_events e
            join users u on u.id = e.actor_user_id
           where u.organization_id = ${organizationId} and e.kind in ${VACATUR_WORK_EVENT_KINDS}
             and e.occurred_at >= ${from}::timestamptz and e.occurred_at < ${until}::timestamptz
        ) work
    ),
    people as (
      select survivor_id, min(served_on) as first_on, max(served_on) >= ${b.start}::date as in_quarter
        from services
       group by survivor_id
    ),
    served as (
      select p.survivor_id,
             p.first_on >= ${b.start}::date as is_new,
             s.organization_id = ${organizationId} as own,
             case when s.organization_id = ${organizationId} then s.demographics end as demographics,
             case when s.organization_id = ${organizationId} then s.victimization_types end as victimization_types
        from people p
        join survivors s on s.id = p.survivor_id
       where p.in_quarter
    )
    select 'individuals' as section, 'total' as item, count(*)::int as count, null::int as individuals from served
    union all select 'individuals', 'new', (count(*) filter (where is_new))::int, null from served
    union all select 'individuals', 'continuing', (count(*) filter (where not is_new))::int, null from served
    union all select 'individuals', 'record_elsewhere', (count(*) filter (where not own))::int, null from served
    union all select 'gender_identity', coalesce(demographics->>'genderIdentity', ${NOT_REPORTED}), count(*)::int, null from served where is_new group by 2
    union all select 'race_ethnicity', coalesce(demographics->>'raceEthnicity', ${NOT_REPORTED}), count(*)::int, null from served where is_new group by 2
    union all select 'age_band', coalesce(demographics->>'ageBand', ${NOT_REPORTED}), count(*)::int, null from served where is_new group by 2
    union all select 'victimization_type', t.type, count(distinct served.survivor_id)::int, null
                from served cross join lateral unnest(served.victimization_types) as t(type) group by 2
    union all select 'victimization_type', ${NOT_REPORTED}, count(*)::int, null from served where coalesce(cardinality(victimization_types), 0) = 0
    union all select 'services', category, count(*)::int, count(distinct survivor_id)::int from services where served_on >= ${b.start}::date group by category
  `);
  return rows.map((r) => ({ ...r, count: Number(r.count), individuals: r.individuals === null ? null : Number(r.individuals) }));
}

/**
 * Each answer of a closed set with its count (zero included, in the set's order). A value outside the
 * set (an answer since retired) counts as not reported, so the figures still add up.
 */
function figures<T extends string>(rows: Row[], section: string, values: readonly T[], labels: Record<T, string>, notReported: T | null): Figure[] {
  const counts = new Map<string, number>(values.map((v) => [v, 0]));
  for (const row of rows.filter((r) => r.section === section)) {
    const key = counts.has(row.item) ? row.item : (notReported ?? row.item);
    counts.set(key, (counts.get(key) ?? 0) + row.count);
  }
  return [...counts].filter(([value]) => values.includes(value as T)).map(([value, count]) => ({ value, label: labels[value as T], count }));
}

/**
 * The funder report of the caller's organization for one federal fiscal quarter: program leads only
 * (reports.view). Generating it, for the page or the CSV, is audited with the quarter. The counts are
 * read from the read replica when there is one (db/client.ts reportDbFor): a quarter's figures may
 * trail the latest writes by the replica's lag. The audit event is written to the primary.
 */
export async function getFunderReport(me: SessionUser, quarter: FiscalQuarter, meta: RequestMeta | null, format: ReportFormat, db: Db = getDb()): Promise<FunderReport> {
  assertCan(me, "reports.view");
  const organizationId = me.organizationId;
  if (!organizationId) throw new AppError("forbidden");
  const bounds = quarterBounds(quarter);
  const reads = reportDbFor(db);
  const [[organization], rows] = await Promise.all([
    reads.select({ name: reportOrganizations.name }).from(reportOrganizations).where(eq(reportOrganizations.id, organizationId)),
    countQuarter(reads, organizationId, bounds),
  ]);
  const individual = (item: string) => rows.find((r) => r.section === "individuals" && r.item === item)?.count ?? 0;
  // "not reported" is its own answer in each demographic set; victimization types get it added.
  const victimizationValues = [...VICTIMIZATION_TYPES, NOT_REPORTED] as const;
  const victimizationLabels = { ...VICTIMIZATION_TYPE_LABELS, [NOT_REPORTED]: "Not reported" } as Record<(typeof victimizationValues)[number], string>;
  const services = SERVICE_CATEGORIES.map((category) => {
    const row = rows.find((r) => r.section === "services" && r.item === category);
    return { category, label: SERVICE_CATEGORY_LABELS[category], services: row?.count ?? 0, individuals: row?.individuals ?? 0 };
  });

  await recordAudit(db, {
    actor: auditActor(me),
    action: "report.funder_generated",
    target: { type: "organization", id: organizationId },
    meta,
    // The report's parameters, not case data: which quarter, in which form.
    details: { quarter: quarterKey(quarter), format },
  });

  return {
    quarter,
    bounds,
    complete: isQuarterComplete(quarter, pacificToday()),
    organizationName: organization?.name ?? "",
    individuals: { total: individual("total"), new: individual("new"), continuing: individual("continuing"), recordElsewhere: individual("record_elsewhere") },
    newDemographics: {
      genderIdentity: figures(rows, "gender_identity", GENDER_IDENTITIES, GENDER_IDENTITY_LABELS, NOT_REPORTED),
      raceEthnicity: figures(rows, "race_ethnicity", RACE_ETHNICITIES, RACE_ETHNICITY_LABELS, NOT_REPORTED),
      ageBand: figures(rows, "age_band", AGE_BANDS, AGE_BAND_LABELS, NOT_REPORTED),
    },
    victimizationTypes: figures(rows, "victimization_type", victimizationValues, victimizationLabels, null),
    services,
    generatedAt: new Date(),
  };
}
