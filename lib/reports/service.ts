import { sql, type SQL } from "drizzle-orm";
import { EXPIRING_SOON_DAYS } from "../releases/constants";
import {
  AGE_BANDS,
  AGE_BAND_LABELS,
  GENDER_IDENTITIES,
  GENDER_IDENTITY_LABELS,
  RACE_ETHNICITIES,
  RACE_ETHNICITY_LABELS,
  REFERRAL_SOURCES,
  REFERRAL_SOURCE_LABELS,
  VICTIMIZATION_TYPES,
  VICTIMIZATION_TYPE_LABELS,
} from "../survivors/constants";
import { reportOrganizations as o, reportReleases as rel, reportStaff as staff, reportSurvivors as s } from "./columns";
import { countyCondition, instant, rowsOf, uuidParam, type ReportContext } from "./context";
import { addDays, monthLabel, monthsOf } from "./period";
import { categoryTable, FigureBook, organizationTable, type ReportTable } from "./tables";

// The service organization's part: who was served and how they came (intakes by month and source,
// demographics and victimization types with "not reported" counted), active caseloads, and releases
// about to expire. Survivors are counted once each, aggregated in the database.

type Counted = { total: number; own: number };

/** Survivors in scope: the reader's organization's, or the partnership's; of the county, if one is chosen. */
function survivorScope(ctx: ReportContext): SQL {
  const own = ctx.filters.scope === "organization" ? sql`${s.organizationId} = ${uuidParam(ctx.organizationId)}` : sql`true`;
  return sql`${own} and ${countyCondition(ctx)}`;
}

const isOwn = (ctx: ReportContext) => sql`${s.organizationId} = ${uuidParam(ctx.organizationId)}`;

/** Totals of pre-counted rows (`n`, with `own` saying whose): the figure and the reader's own part of it. */
const sums = sql`coalesce(sum(n), 0)::int as total, coalesce(sum(n) filter (where own), 0)::int as own`;

/**
 * People served in the period: taken in on or before its last day, and open at some time in it (still
 * active, or made inactive or closed on or after its first day).
 */
function servedInPeriod(ctx: ReportContext): SQL {
  return sql`${s.intakeDate} <= ${ctx.filters.period.to} and (${s.status} = 'active' or ${s.statusChangedAt} >= ${instant(ctx.fromInstant)})`;
}

/**
 * People served, by each demographic question and victimization type: counted first at the finest grain
 * (one row per combination of answers), so the roll-ups and the unnesting of types run over a few
 * hundred rows, not over every survivor.
 */
async function queryServed(ctx: ReportContext) {
  return rowsOf<Counted & { dimension: string | null; category: string | null }>(
    ctx.db,
    sql`with served as (
          select coalesce(${s.genderIdentity}, 'not_reported') as gender, coalesce(${s.raceEthnicity}, 'not_reported') as race,
            coalesce(${s.ageBand}, 'not_reported') as age, ${s.victimizationTypes} as types, ${isOwn(ctx)} as own, count(*)::int as n
          from ${s} where ${survivorScope(ctx)} and ${servedInPeriod(ctx)}
          group by 1, 2, 3, 4, 5)
        select null as dimension, null as category, ${sums} from served
        union all select 'gender', gender, ${sums} from served group by gender
        union all select 'race', race, ${sums} from served group by race
        union all select 'age', age, ${sums} from served group by age
        union all select 'victimization', t.category, ${sums}
          from served cross join lateral unnest(case when cardinality(types) = 0 then array['not_reported']::text[] else types end) as t(category)
          group by t.category`,
  );
}

/** New intakes of the period by month and by source, counted per day first. */
async function queryIntakes(ctx: ReportContext) {
  return rowsOf<Counted & { dimension: string | null; category: string | null }>(
    ctx.db,
    sql`select case when grouping(month) = 0 then 'month' when grouping(source) = 0 then 'source' end as dimension, coalesce(month, source) as category, ${sums}
        from (select to_char(day, 'YYYY-MM') as month, source, own, n
              from (select ${s.intakeDate} as day, coalesce(${s.referralSource}::text, 'not_reported') as source, ${isOwn(ctx)} as own, count(*)::int as n
                    from ${s} where ${survivorScope(ctx)} and ${s.intakeDate} between ${ctx.filters.period.from} and ${ctx.filters.period.to}
                    group by 1, 2, 3) as days) as intakes
        group by grouping sets ((), (month), (source))`,
  );
}

/** Active caseloads now: per advocate of the reader's organization, or per organization across the partnership. */
async function queryCaseload(ctx: ReportContext) {
  const perAdvocate = ctx.filters.scope === "organization";
  return rowsOf<Counted & { key: string; label: string }>(
    ctx.db,
    perAdvocate
      ? sql`select ${staff.id}::text as key, ${staff.name} as label, c.total, c.total as own
            from (select ${s.assignedAdvocateId} as id, count(*)::int as total from ${s} where ${s.status} = 'active' and ${survivorScope(ctx)} group by 1) as c
            join ${staff} on ${staff.id} = c.id order by ${staff.name}`
      : sql`select ${o.id}::text as key, ${o.name} as label, c.total, case when c.id = ${uuidParam(ctx.organizationId)} then c.total else 0 end as own
            from (select ${s.organizationId} as id, count(*)::int as total from ${s} where ${s.status} = 'active' and ${survivorScope(ctx)} group by 1) as c
            join ${o} on ${o.id} = c.id order by ${o.name}`,
  );
}

/**
 * Releases in effect that end within the next 14 days (lib/releases/rules.ts expiresSoon), of survivors
 * in scope. A release belongs to the survivor's organization, so survivors are read only for a county.
 */
async function queryExpiringReleases(ctx: ReportContext) {
  const org = uuidParam(ctx.organizationId);
  const join = ctx.filters.county ? sql`join ${s} on ${s.id} = ${rel.survivorId} and ${countyCondition(ctx)}` : sql``;
  const [row] = await rowsOf<Counted>(
    ctx.db,
    sql`select count(*)::int as total, count(*) filter (where ${rel.organizationId} = ${org})::int as own
        from ${rel} ${join}
        where ${rel.revokedAt} is null and ${rel.signedOn} <= ${ctx.today} and ${rel.expiresOn} between ${ctx.today} and ${addDays(ctx.today, EXPIRING_SOON_DAYS)}
          and ${ctx.filters.scope === "organization" ? sql`${rel.organizationId} = ${org}` : sql`true`}`,
  );
  return row ?? { total: 0, own: 0 };
}

const zero = { total: 0, own: 0 };

function survivorsHref(ctx: ReportContext, params: Record<string, string>): string | null {
  const query = new URLSearchParams(params);
  if (ctx.filters.county) query.set("county", ctx.filters.county);
  const text = query.toString();
  return text ? `/survivors?${text}` : "/survivors";
}

export async function serviceTables(ctx: ReportContext): Promise<ReportTable[]> {
  const [served, intakes, caseload, expiring] = await Promise.all([queryServed(ctx), queryIntakes(ctx), queryCaseload(ctx), queryExpiringReleases(ctx)]);
  const scope = ctx.filters.scope;
  const pick = (rows: (Counted & { dimension: string | null; category: string | null })[], dimension: string | null, category: string | null) =>
    rows.find((r) => r.dimension === dimension && (dimension === null || r.category === category)) ?? zero;

  const book = new FigureBook();
  book.count("served", pick(served, null, null));
  book.count("intakes", pick(intakes, null, null));
  book.count("expiring", expiring);
  const caseloadTotal = caseload.reduce((sum, r) => ({ total: sum.total + r.total, own: sum.own + r.own }), zero);
  book.count("caseload", caseloadTotal);
  const dimensions = [
    { name: "gender", values: GENDER_IDENTITIES, labels: GENDER_IDENTITY_LABELS as Record<string, string> },
    { name: "race", values: RACE_ETHNICITIES, labels: RACE_ETHNICITY_LABELS as Record<string, string> },
    { name: "age", values: AGE_BANDS, labels: AGE_BAND_LABELS as Record<string, string> },
  ];
  for (const d of dimensions) {
    for (const v of d.values) book.count(`${d.name}:${v}`, pick(served, d.name, v));
    book.relate(d.values.map((v) => `${d.name}:${v}`), "served");
  }
  const victimizationValues = [...VICTIMIZATION_TYPES, "not_reported"] as const;
  // A person may name several types, so these do not add up to the people served: no relation.
  for (const v of victimizationValues) book.count(`victimization:${v}`, pick(served, "victimization", v));
  // A period that runs on past today ("this quarter, so far") lists the months begun, not a future one as 0.
  const months = monthsOf({ from: ctx.filters.period.from, to: ctx.filters.period.to < ctx.today ? ctx.filters.period.to : ctx.today });
  for (const m of months) book.count(`month:${m}`, pick(intakes, "month", m));
  book.relate(months.map((m) => `month:${m}`), "intakes");
  const sources = [...REFERRAL_SOURCES, "not_reported"] as const;
  for (const v of sources) book.count(`source:${v}`, pick(intakes, "source", v));
  book.relate(sources.map((v) => `source:${v}`), "intakes");
  for (const r of caseload) book.count(`caseload:${r.key}`, r);
  book.relate(caseload.map((r) => `caseload:${r.key}`), "caseload");
  const sealed = book.seal(ctx.threshold);

  const people = { rowHeader: "Category", valueLabel: "People", chart: "bars" as const, note: null };
  const tables: ReportTable[] = [
    categoryTable(sealed, scope, {
      id: "service-summary",
      title: "People served",
      caption: "Key figures of the service organization for the period",
      rowHeader: "Figure",
      valueLabel: "Number",
      chart: null,
      note: "People served: taken in by the end of the period and open at some time in it. Active caseload and expiring releases are as of today.",
      rows: [
        { key: "served", label: "People served in the period", figure: "served" },
        { key: "intakes", label: "New intakes in the period", figure: "intakes" },
        { key: "caseload", label: "Active caseload today", figure: "caseload", href: survivorsHref(ctx, {}) },
        { key: "expiring", label: `Releases expiring in the next ${EXPIRING_SOON_DAYS} days`, figure: "expiring" },
      ],
    }),
    scope === "organization"
      ? organizationTable(sealed, {
          id: "caseload",
          title: "Active caseload per advocate",
          caption: "Active survivors assigned to each advocate today",
          rowHeader: "Advocate",
          valueLabels: ["Active survivors"],
          formats: ["count"],
          chart: "bars",
          note: null,
          rows: caseload.map((r) => ({ key: r.key, label: r.label, figures: [`caseload:${r.key}`], href: survivorsHref(ctx, { advocateId: r.key }) })),
          total: { key: "total", label: "Total", figures: ["caseload"], href: survivorsHref(ctx, {}) },
        })
      : organizationTable(sealed, {
          id: "caseload",
          title: "Active caseload per organization",
          caption: "Active survivors of each organization today",
          rowHeader: "Organization",
          valueLabels: ["Active survivors"],
          formats: ["count"],
          chart: "bars",
          note: null,
          rows: caseload.map((r) => ({ key: r.key, label: r.label, figures: [`caseload:${r.key}`], href: r.key === ctx.organizationId ? survivorsHref(ctx, {}) : null })),
          total: { key: "total", label: "Total", figures: ["caseload"] },
        }),
    categoryTable(sealed, scope, {
      id: "intakes-by-month",
      title: "New intakes per month",
      caption: "Survivors taken in, by month of intake",
      rowHeader: "Month",
      valueLabel: "New intakes",
      chart: "months",
      note: null,
      rows: months.map((m) => ({ key: m, label: monthLabel(m), figure: `month:${m}` })),
      total: { key: "total", label: "Total", figure: "intakes" },
    }),
    categoryTable(sealed, scope, {
      id: "intake-source",
      title: "How people came to us",
      caption: "New intakes in the period by intake source",
      ...people,
      rowHeader: "Intake source",
      rows: sources.map((v) => ({ key: v, label: v === "not_reported" ? "Not reported" : REFERRAL_SOURCE_LABELS[v], figure: `source:${v}` })),
      total: { key: "total", label: "Total", figure: "intakes" },
    }),
    ...dimensions.map((d) =>
      categoryTable(sealed, scope, {
        id: d.name === "gender" ? "gender-identity" : d.name === "race" ? "race-ethnicity" : "age-band",
        title: d.name === "gender" ? "Gender identity of people served" : d.name === "race" ? "Race and ethnicity of people served" : "Age of people served",
        caption: `People served in the period by ${d.name === "gender" ? "gender identity" : d.name === "race" ? "race and ethnicity" : "age band"}`,
        ...people,
        rowHeader: d.name === "gender" ? "Gender identity" : d.name === "race" ? "Race and ethnicity" : "Age",
        rows: d.values.map((v) => ({ key: v, label: d.labels[v]!, figure: `${d.name}:${v}` })),
        total: { key: "total", label: "Total", figure: "served" },
      }),
    ),
    categoryTable(sealed, scope, {
      id: "victimization",
      title: "Victimization types of people served",
      caption: "People served in the period by victimization type",
      ...people,
      rowHeader: "Victimization type",
      note: "A person may have more than one type, so the rows add up to more than the people served.",
      rows: victimizationValues.map((v) => ({ key: v, label: v === "not_reported" ? "Not reported" : VICTIMIZATION_TYPE_LABELS[v], figure: `victimization:${v}` })),
    }),
  ];
  return tables;
}
