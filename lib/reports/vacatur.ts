import { sql, type SQL } from "drizzle-orm";
import { CLOSED_MATTER_STATUSES, MATTER_STATUSES, MATTER_STATUS_LABELS, STALE_AFTER_DAYS } from "../vacatur/constants";
import { DEFAULT_HOURLY_RATE_CENTS } from "../vacatur/hours";
import { reportHearings as h, reportHours as hours, reportMatters as m, reportRates as rates, reportStaff as staff, reportSurvivors as s } from "./columns";
import { countyCondition, instant, pacificDate, rowsOf, uuidParam, type ReportContext } from "./context";
import { medianOfFrequencies, rate } from "./figures";
import { categoryTable, FigureBook, organizationTable, type ReportTable } from "./tables";

// The vacatur pipeline: where open matters stand and who carries them (today), and what the period
// brought: matters opened, petitions filed, orders and their outcome, how long each step took,
// convictions vacated, and the pro bono hours given with their value. A matter is the reader's own when
// their organization opened it, carries it as the legal organization, or was noticed of it as the
// prosecuting office.

const UPCOMING_HEARING_DAYS = 14;
const OPEN_STATUSES = MATTER_STATUSES.filter((status) => !CLOSED_MATTER_STATUSES.includes(status));

type Counted = { total: number; own: number };

function matterScope(ctx: ReportContext): { join: SQL; where: SQL; own: SQL } {
  const org = uuidParam(ctx.organizationId);
  const own = sql`(${m.organizationId} = ${org} or ${m.legalOrganizationId} = ${org} or (${m.prosecutorOfficeId} = ${org} and ${m.noticeOn} is not null))`;
  const join = ctx.filters.county ? sql`join ${s} on ${s.id} = ${m.survivorId}` : sql``;
  const where = sql`${ctx.filters.scope === "organization" ? own : sql`true`} and ${ctx.filters.county ? countyCondition(ctx) : sql`true`}`;
  return { join, where, own };
}

type PipelineRow = Counted & { dimension: string | null; category: string | null; unassignedTotal: number; unassignedOwn: number; staleTotal: number; staleOwn: number };

/** Open matters now, by stage and by who carries them (an attorney of the reader's own legal organization, else the legal organization). */
async function queryPipeline(ctx: ReportContext) {
  const { join, where, own } = matterScope(ctx);
  const org = uuidParam(ctx.organizationId);
  const load =
    ctx.filters.scope === "organization"
      ? sql`case when ${m.legalOrganizationId} = ${org} then 'attorney:' || coalesce(${m.attorneyId}::text, 'none') else 'organization:' || coalesce(${m.legalOrganizationId}::text, 'none') end`
      : sql`'organization:' || coalesce(${m.legalOrganizationId}::text, 'none')`;
  const staleBefore = new Date(ctx.now.getTime() - STALE_AFTER_DAYS * 86_400_000);
  return rowsOf<PipelineRow>(
    ctx.db,
    sql`select case when grouping(status) = 0 then 'status' when grouping(load) = 0 then 'load' end as dimension, coalesce(status, load) as category,
          count(*)::int as total, count(*) filter (where own)::int as own,
          count(*) filter (where unassigned)::int as "unassignedTotal", count(*) filter (where unassigned and own)::int as "unassignedOwn",
          count(*) filter (where stale)::int as "staleTotal", count(*) filter (where stale and own)::int as "staleOwn"
        from (select ${m.status}::text as status, ${load} as load, ${own} as own,
                ${m.legalOrganizationId} is not null and ${m.attorneyId} is null as unassigned, ${m.lastActivityAt} < ${instant(staleBefore)} as stale
              from ${m} ${join}
              where ${m.status} not in ${sql.raw(`(${CLOSED_MATTER_STATUSES.map((v) => `'${v}'`).join(", ")})`)} and ${where}) as open_matters
        group by grouping sets ((), (status), (load))`,
  );
}

type FlowRow = {
  dimension: string | null;
  days: number | null;
  total: number;
  own: number;
  openedTotal: number;
  openedOwn: number;
  filedTotal: number;
  filedOwn: number;
  ordersTotal: number;
  ordersOwn: number;
  grantedTotal: number;
  grantedOwn: number;
  vacatedTotal: number;
  vacatedOwn: number;
};

/** What the period brought: matters opened, filed, ordered (and granted), with the days each step took. */
async function queryFlow(ctx: ReportContext) {
  const { join, where, own } = matterScope(ctx);
  const { from, to } = ctx.filters.period;
  const openedOn = pacificDate(m.openedAt);
  // Opened in the period: compared as instants, so no row's time is converted just to be filtered.
  const opened = sql`(${m.openedAt} >= ${instant(ctx.fromInstant)} and ${m.openedAt} < ${instant(ctx.toInstant)})`;
  const inPeriod = (date: SQL | unknown) => sql`(${date} between ${from} and ${to})`;
  return rowsOf<FlowRow>(
    ctx.db,
    sql`select case when grouping(filed_days) = 0 then 'filed' when grouping(order_days) = 0 then 'order' end as dimension,
          coalesce(filed_days, order_days) as days, count(*)::int as total, count(*) filter (where own)::int as own,
          count(*) filter (where opened)::int as "openedTotal", count(*) filter (where opened and own)::int as "openedOwn",
          count(*) filter (where filed)::int as "filedTotal", count(*) filter (where filed and own)::int as "filedOwn",
          count(*) filter (where ordered)::int as "ordersTotal", count(*) filter (where ordered and own)::int as "ordersOwn",
          count(*) filter (where granted)::int as "grantedTotal", count(*) filter (where granted and own)::int as "grantedOwn",
          coalesce(sum(convictions) filter (where granted), 0)::int as "vacatedTotal", coalesce(sum(convictions) filter (where granted and own), 0)::int as "vacatedOwn"
        from (select ${own} as own, ${opened} as opened, coalesce(${inPeriod(m.filedOn)}, false) as filed,
                coalesce(${inPeriod(m.orderOn)}, false) as ordered, coalesce(${inPeriod(m.orderOn)} and ${m.orderGranted}, false) as granted,
                case when ${inPeriod(m.orderOn)} and ${m.orderGranted} then ${m.orderConvictions} else 0 end as convictions,
                case when ${inPeriod(m.filedOn)} then ${m.filedOn} - ${openedOn} end as filed_days,
                case when ${inPeriod(m.orderOn)} and ${m.filedOn} is not null then ${m.orderOn} - ${m.filedOn} end as order_days
              from ${m} ${join}
              where (${opened} or ${inPeriod(m.filedOn)} or ${inPeriod(m.orderOn)}) and ${where}) as flow
        group by grouping sets ((), (filed_days), (order_days))`,
  );
}

async function queryHearings(ctx: ReportContext): Promise<Counted> {
  const { join, where, own } = matterScope(ctx);
  const until = new Date(ctx.now.getTime() + UPCOMING_HEARING_DAYS * 86_400_000);
  const [row] = await rowsOf<Counted>(
    ctx.db,
    sql`select count(*)::int as total, count(*) filter (where ${own})::int as own
        from ${h} join ${m} on ${m.id} = ${h.matterId} ${join}
        where ${h.status} = 'scheduled' and ${h.startsAt} >= ${instant(ctx.now)} and ${h.startsAt} < ${instant(until)} and ${where}`,
  );
  return row ?? { total: 0, own: 0 };
}

type HoursRow = { organizationId: string | null; hundredthsTotal: number; hundredthsOwn: number; centsTotal: number; centsOwn: number; mattersTotal: number; mattersOwn: number };

/**
 * Pro bono hours worked in the period on matters in scope, per legal organization, valued entry by entry
 * at its rate (as the hours CSV does). Summed per matter over the hours alone first, then joined to the
 * matters: the matters are counted without a sort.
 */
async function queryHours(ctx: ReportContext) {
  const { join, where, own } = matterScope(ctx);
  const value = sql`((${hours.hundredths} * coalesce(${rates.hourlyRateCents}, ${DEFAULT_HOURLY_RATE_CENTS}) + 50) / 100)`;
  return rowsOf<HoursRow>(
    ctx.db,
    sql`select per_matter.organization_id::text as "organizationId",
          coalesce(sum(hundredths), 0)::int as "hundredthsTotal", coalesce(sum(hundredths) filter (where ${own}), 0)::int as "hundredthsOwn",
          coalesce(sum(cents), 0)::float8 as "centsTotal", coalesce(sum(cents) filter (where ${own}), 0)::float8 as "centsOwn",
          count(*)::int as "mattersTotal", (count(*) filter (where ${own}))::int as "mattersOwn"
        from (select ${hours.organizationId} as organization_id, ${hours.matterId} as matter_id, sum(${hours.hundredths}) as hundredths, sum(${value}) as cents
              from ${hours} left join ${rates} on ${rates.organizationId} = ${hours.organizationId}
              where ${hours.workedOn} between ${ctx.filters.period.from} and ${ctx.filters.period.to}
              group by 1, 2) as per_matter
          join ${m} on ${m.id} = per_matter.matter_id ${join}
        where ${where}
        group by grouping sets ((), (per_matter.organization_id))`,
  );
}

async function attorneyNames(ctx: ReportContext, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await rowsOf<{ id: string; name: string }>(
    ctx.db,
    sql`select ${staff.id}::text as id, ${staff.name} as name from ${staff} where ${staff.id} in (${sql.join(ids.map(uuidParam), sql`, `)})`,
  );
  return new Map(rows.map((r) => [r.id, r.name]));
}

const zero = { total: 0, own: 0 };
const split = (total: number, own: number) => ({ total, own });

export async function vacaturTables(ctx: ReportContext, organizationNames: ReadonlyMap<string, string>): Promise<ReportTable[]> {
  const [pipeline, flow, hearings, hoursRows] = await Promise.all([queryPipeline(ctx), queryFlow(ctx), queryHearings(ctx), queryHours(ctx)]);
  const scope = ctx.filters.scope;
  const open = pipeline.find((r) => r.dimension === null);
  const period = flow.find((r) => r.dimension === null);
  const loads = pipeline.filter((r) => r.dimension === "load" && r.category);
  const names = await attorneyNames(ctx, loads.map((r) => r.category!).filter((c) => c.startsWith("attorney:") && c !== "attorney:none").map((c) => c.slice("attorney:".length)));
  const loadLabel = (key: string) => {
    const [kind, id] = key.split(":") as [string, string];
    if (kind === "attorney") return id === "none" ? "Not yet assigned" : (names.get(id) ?? "Former attorney");
    return id === "none" ? "No legal organization" : (organizationNames.get(id) ?? "Unknown organization");
  };
  loads.sort((a, b) => loadLabel(a.category!).localeCompare(loadLabel(b.category!)));

  const book = new FigureBook();
  book.count("open", open ?? zero);
  book.count("unassigned", split(open?.unassignedTotal ?? 0, open?.unassignedOwn ?? 0));
  book.count("stale", split(open?.staleTotal ?? 0, open?.staleOwn ?? 0));
  book.count("hearings", hearings);
  for (const v of OPEN_STATUSES) book.count(`stage:${v}`, pipeline.find((r) => r.dimension === "status" && r.category === v) ?? zero);
  book.relate(OPEN_STATUSES.map((v) => `stage:${v}`), "open");
  for (const r of loads) book.count(`load:${r.category}`, r);
  book.relate(loads.map((r) => `load:${r.category}`), "open");

  const orders = split(period?.ordersTotal ?? 0, period?.ordersOwn ?? 0);
  const granted = split(period?.grantedTotal ?? 0, period?.grantedOwn ?? 0);
  book.count("opened", split(period?.openedTotal ?? 0, period?.openedOwn ?? 0));
  book.count("filed", split(period?.filedTotal ?? 0, period?.filedOwn ?? 0));
  book.count("orders", orders).count("granted", granted).count("denied", split(orders.total - granted.total, orders.own - granted.own));
  book.relate(["granted", "denied"], "orders");
  // Convictions vacated are those of the granted matters' survivors (one open matter per survivor's
  // conviction set): hidden whenever the granted matters are too few, however many convictions they hold.
  book.count("vacated", split(period?.vacatedTotal ?? 0, period?.vacatedOwn ?? 0), granted);
  book.statistic("grant-rate", {
    people: orders,
    own: rate(granted.own, orders.own),
    others: rate(granted.total - granted.own, orders.total - orders.own),
    all: rate(granted.total, orders.total),
  });
  for (const step of ["filed", "order"] as const) {
    const days = flow.filter((r) => r.dimension === step && r.days !== null);
    const people = days.reduce((sum, d) => split(sum.total + d.total, sum.own + d.own), zero);
    book.statistic(`days-to-${step}`, {
      people,
      own: medianOfFrequencies(days.map((d) => ({ value: d.days!, count: d.own }))),
      others: medianOfFrequencies(days.map((d) => ({ value: d.days!, count: d.total - d.own }))),
      all: medianOfFrequencies(days.map((d) => ({ value: d.days!, count: d.total }))),
    });
  }
  const hourFigures = (id: string, r: HoursRow | undefined) => {
    const matters = split(r?.mattersTotal ?? 0, r?.mattersOwn ?? 0);
    const others = (total: number, own: number) => (matters.total > matters.own ? total - own : null);
    book.statistic(`hours:${id}`, { people: matters, own: r?.hundredthsOwn ?? 0, others: others(r?.hundredthsTotal ?? 0, r?.hundredthsOwn ?? 0), all: r?.hundredthsTotal ?? 0 });
    book.statistic(`value:${id}`, { people: matters, own: r?.centsOwn ?? 0, others: others(r?.centsTotal ?? 0, r?.centsOwn ?? 0), all: r?.centsTotal ?? 0 });
  };
  hourFigures("total", hoursRows.find((r) => r.organizationId === null));
  const perOrganization = hoursRows.filter((r) => r.organizationId !== null).sort((a, b) => (organizationNames.get(a.organizationId!) ?? "").localeCompare(organizationNames.get(b.organizationId!) ?? ""));
  for (const r of perOrganization) hourFigures(r.organizationId!, r);
  const sealed = book.seal(ctx.threshold);

  // The matters list has no county filter: with one chosen, no list holds the same matters, and no link.
  const mattersHref = (params: Record<string, string>) => (ctx.filters.county ? null : `/matters?${new URLSearchParams(params)}`);
  // The hours page lists a legal organization's own attorneys' hours: the link is for its lead only.
  const hoursHref = ctx.organizationType === "legal_aid" ? `/matters/hours?${new URLSearchParams({ from: ctx.filters.period.from, to: ctx.filters.period.to })}` : null;
  return [
    categoryTable(sealed, scope, {
      id: "vacatur-summary",
      title: "Vacatur pipeline",
      caption: "Key figures of vacatur matters: open matters today, and what the period brought",
      rowHeader: "Figure",
      valueLabel: "Number",
      chart: null,
      note: `Stale: no activity for ${STALE_AFTER_DAYS} days. Granted includes partial grants. Pro bono hours are valued at each legal organization's rate (default $${DEFAULT_HOURLY_RATE_CENTS / 100} an hour).`,
      rows: [
        { key: "open", label: "Open matters today", figure: "open", href: mattersHref({ status: "open" }) },
        { key: "unassigned", label: "Waiting for an attorney", figure: "unassigned" },
        { key: "stale", label: `Stale (no activity in ${STALE_AFTER_DAYS} days)`, figure: "stale", href: mattersHref({ status: "open", stale: "1" }) },
        { key: "hearings", label: `Hearings in the next ${UPCOMING_HEARING_DAYS} days`, figure: "hearings", href: null },
        { key: "opened", label: "Matters opened in the period", figure: "opened" },
        { key: "filed", label: "Petitions filed in the period", figure: "filed" },
        { key: "orders", label: "Orders entered in the period", figure: "orders" },
        { key: "granted", label: "Granted (in full or in part)", figure: "granted" },
        { key: "denied", label: "Denied", figure: "denied" },
        { key: "grant-rate", label: "Grant rate (granted ÷ orders)", figure: "grant-rate", format: "percent" },
        { key: "days-to-filed", label: "Median days from opened to filed", figure: "days-to-filed", format: "days" },
        { key: "days-to-order", label: "Median days from filed to order", figure: "days-to-order", format: "days" },
        { key: "vacated", label: "Convictions vacated", figure: "vacated" },
        { key: "hours", label: "Pro bono hours", figure: "hours:total", format: "hours", href: hoursHref },
        { key: "value", label: "Value of pro bono hours", figure: "value:total", format: "dollars" },
      ],
    }),
    categoryTable(sealed, scope, {
      id: "matters-by-stage",
      title: "Open matters by stage",
      caption: "Open vacatur matters today by stage",
      rowHeader: "Stage",
      valueLabel: "Matters",
      chart: "bars",
      note: null,
      rows: OPEN_STATUSES.map((v) => ({ key: v, label: MATTER_STATUS_LABELS[v], figure: `stage:${v}`, href: mattersHref({ status: v }) })),
      total: { key: "total", label: "Total", figure: "open", href: mattersHref({ status: "open" }) },
    }),
    organizationTable(sealed, {
      id: "attorney-load",
      title: "Who carries the open matters",
      caption: "Open vacatur matters today per attorney of your organization, or per legal organization",
      rowHeader: "Attorney or legal organization",
      valueLabels: ["Open matters"],
      formats: ["count"],
      chart: "bars",
      note: null,
      rows: loads.map((r) => ({ key: r.category!, label: loadLabel(r.category!), figures: [`load:${r.category}`] })),
      total: { key: "total", label: "Total", figures: ["open"], href: mattersHref({ status: "open" }) },
    }),
    organizationTable(sealed, {
      id: "pro-bono-hours",
      title: "Pro bono hours and their value",
      caption: "Pro bono hours worked in the period on matters in scope, per legal organization",
      rowHeader: "Legal organization",
      valueLabels: ["Hours", "Value"],
      formats: ["hours", "dollars"],
      chart: "bars",
      note: "Each entry is valued at its legal organization's hourly rate, as in the hours download.",
      rows: perOrganization.map((r) => ({
        key: r.organizationId!,
        label: organizationNames.get(r.organizationId!) ?? "Unknown organization",
        figures: [`hours:${r.organizationId}`, `value:${r.organizationId}`],
        href: r.organizationId === ctx.organizationId ? hoursHref : null,
      })),
      total: { key: "total", label: "Total", figures: ["hours:total", "value:total"] },
    }),
  ];
}
