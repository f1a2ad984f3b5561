import { sql, type SQL } from "drizzle-orm";
import { getEnv } from "../env";
import { SERVICES, SERVICE_LABELS } from "../organizations/constants";
import { DECLINE_REASONS, DECLINE_REASON_LABELS, REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, type ReferralStatus } from "../referrals/constants";
import { overdueCutoff } from "../referrals/overdue";
import { reportReferrals as r, reportSurvivors as s } from "./columns";
import { countyCondition, instant, rowsOf, uuidParam, type ReportContext } from "./context";
import { medianOfFrequencies, rate } from "./figures";
import { categoryTable, FigureBook, type ReportTable } from "./tables";

// Referrals sent in the period: where they went, for what, how they were answered and how fast, why
// they were declined; and how many wait past the overdue line today. A referral is the reader's own when
// their organization sent or received it (they see it in their own lists).

/** Answered: accepted (and whatever followed) or declined. */
const ACCEPTED_OR_LATER: readonly ReferralStatus[] = ["accepted", "in_service", "completed", "ended_without_service"];
const ANSWERED: readonly ReferralStatus[] = [...ACCEPTED_OR_LATER, "declined"];
const SENT_STATUSES = REFERRAL_STATUSES.filter((status) => status !== "draft");

type Counted = { total: number; own: number };
type Row = Counted & { dimension: string | null; category: string | null; answeredTotal: number; answeredOwn: number; acceptedTotal: number; acceptedOwn: number };

const sentInPeriod = (ctx: ReportContext) => sql`${r.sentAt} >= ${instant(ctx.fromInstant)} and ${r.sentAt} < ${instant(ctx.toInstant)}`;
const statusList = (statuses: readonly string[]) => sql.raw(`(${statuses.map((v) => `'${v}'`).join(", ")})`);

function referralScope(ctx: ReportContext): { join: SQL; where: SQL; own: SQL; sides: SQL[] } {
  const org = uuidParam(ctx.organizationId);
  const own = sql`(${r.fromOrganizationId} = ${org} or ${r.toOrganizationId} = ${org})`;
  // The county is the survivor's: join survivors only when it matters.
  const join = ctx.filters.county ? sql`join ${s} on ${s.id} = ${r.survivorId}` : sql``;
  const county = ctx.filters.county ? countyCondition(ctx) : sql`true`;
  const where = sql`${ctx.filters.scope === "organization" ? own : sql`true`} and ${county}`;
  // The same referrals in disjoint parts, each of which one index can find alone: in the reader's own
  // scope, those they sent and those they received from others (`own`, split so that neither side reads
  // every organization's referrals: referrals_from_report_idx, referrals_to_report_idx).
  const sides =
    ctx.filters.scope === "organization" ? [sql`${r.fromOrganizationId} = ${org} and ${county}`, sql`${r.toOrganizationId} = ${org} and ${r.fromOrganizationId} <> ${org} and ${county}`] : [where];
  return { join, where, own, sides };
}

/**
 * Referrals sent in the period, counted first at the finest grain (status, service, partner, reason,
 * days to answer, whose; per side in the reader's own scope), then rolled up: the roll-ups run over a
 * few thousand rows, not every referral.
 * Days to answer are whole Pacific calendar days (referrals.answer_days, kept by the database).
 */
async function querySent(ctx: ReportContext) {
  const { join, sides, own } = referralScope(ctx);
  const org = uuidParam(ctx.organizationId);
  // The partner: in the reader's own scope the other side of each referral; across the partnership, the recipient.
  const partner = ctx.filters.scope === "organization" ? sql`case when ${r.fromOrganizationId} = ${org} then ${r.toOrganizationId} else ${r.fromOrganizationId} end` : sql`${r.toOrganizationId}`;
  const answered = sql`status in ${statusList(ANSWERED)}`;
  const accepted = sql`status in ${statusList(ACCEPTED_OR_LATER)}`;
  return rowsOf<Row>(
    ctx.db,
    sql`select case when grouping(status) = 0 then 'status' when grouping(service) = 0 then 'service' when grouping(partner) = 0 then 'partner'
            when grouping(reason) = 0 then 'reason' when grouping(days) = 0 then 'days' end as dimension,
          coalesce(status::text, service::text, partner::text, reason::text, days::text) as category,
          coalesce(sum(n), 0)::int as total, coalesce(sum(n) filter (where own), 0)::int as own,
          coalesce(sum(n) filter (where ${answered}), 0)::int as "answeredTotal", coalesce(sum(n) filter (where ${answered} and own), 0)::int as "answeredOwn",
          coalesce(sum(n) filter (where ${accepted}), 0)::int as "acceptedTotal", coalesce(sum(n) filter (where ${accepted} and own), 0)::int as "acceptedOwn"
        from (${sql.join(
          sides.map(
            (side) => sql`select ${r.status} as status, ${r.service} as service, ${partner} as partner, ${r.declineReason} as reason, ${r.answerDays} as days,
                ${own} as own, count(*)::int as n
              from ${r} ${join}
              where ${sentInPeriod(ctx)} and ${side}
              group by 1, 2, 3, 4, 5, 6`,
          ),
          sql` union all `,
        )}) as sent
        group by grouping sets ((), (status), (service), (partner), (reason), (days))`,
  );
}

/** Sent referrals with no answer past the overdue line now (lib/referrals/overdue.ts), whenever they were sent. */
async function queryOverdue(ctx: ReportContext): Promise<Counted> {
  const { join, where, own } = referralScope(ctx);
  const cutoff = overdueCutoff(ctx.now, getEnv().referralOverdueBusinessDays);
  const [row] = await rowsOf<Counted>(
    ctx.db,
    sql`select count(*)::int as total, count(*) filter (where ${own})::int as own from ${r} ${join}
        where ${r.status} = 'sent' and ${r.sentAt} < ${instant(cutoff)} and ${where}`,
  );
  return row ?? { total: 0, own: 0 };
}

const zero = { total: 0, own: 0 };

export async function referralTables(ctx: ReportContext, organizationNames: ReadonlyMap<string, string>): Promise<ReportTable[]> {
  const [rows, overdue] = await Promise.all([querySent(ctx), queryOverdue(ctx)]);
  const scope = ctx.filters.scope;
  const all = rows.find((x) => x.dimension === null);
  const pick = (dimension: string, category: string) => rows.find((x) => x.dimension === dimension && x.category === category) ?? zero;

  const book = new FigureBook();
  book.count("sent", all ?? zero);
  const answered = { total: all?.answeredTotal ?? 0, own: all?.answeredOwn ?? 0 };
  const accepted = { total: all?.acceptedTotal ?? 0, own: all?.acceptedOwn ?? 0 };
  book.count("answered", answered).count("accepted", accepted).count("overdue", overdue);
  for (const v of SENT_STATUSES) book.count(`status:${v}`, pick("status", v));
  book.relate(SENT_STATUSES.map((v) => `status:${v}`), "sent");
  book.relate(ACCEPTED_OR_LATER.map((v) => `status:${v}`), "accepted");
  book.relate(["accepted", "status:declined"], "answered");
  for (const v of SERVICES) book.count(`service:${v}`, pick("service", v));
  book.relate(SERVICES.map((v) => `service:${v}`), "sent");
  const partners = rows.filter((x) => x.dimension === "partner" && x.category).sort((a, b) => (organizationNames.get(a.category!) ?? "").localeCompare(organizationNames.get(b.category!) ?? ""));
  for (const p of partners) book.count(`partner:${p.category}`, p);
  book.relate(partners.map((p) => `partner:${p.category}`), "sent");
  for (const v of DECLINE_REASONS) book.count(`reason:${v}`, pick("reason", v));
  book.relate(DECLINE_REASONS.map((v) => `reason:${v}`), "status:declined");

  book.statistic("acceptance", {
    people: answered,
    own: rate(accepted.own, answered.own),
    others: rate(accepted.total - accepted.own, answered.total - answered.own),
    all: rate(accepted.total, answered.total),
  });
  // (the days group of unanswered referrals has no category)
  const days = rows.filter((x) => x.dimension === "days" && x.category !== null).map((x) => ({ value: Number(x.category), total: x.total, own: x.own }));
  const timed = days.reduce((sum, d) => ({ total: sum.total + d.total, own: sum.own + d.own }), zero);
  book.statistic("days-to-answer", {
    people: timed,
    own: medianOfFrequencies(days.map((d) => ({ value: d.value, count: d.own }))),
    others: medianOfFrequencies(days.map((d) => ({ value: d.value, count: d.total - d.own }))),
    all: medianOfFrequencies(days.map((d) => ({ value: d.value, count: d.total }))),
  });
  const sealed = book.seal(ctx.threshold);

  // The list behind a figure: referrals sent in the period (days sent, both ends, as the dashboard
  // counts them); "overdue today" is today's, whenever sent. The list has no county filter, so with
  // one chosen there is no list that holds the same referrals, and no link.
  const referralsHref = (params: Record<string, string>, options: { period: boolean } = { period: true }) =>
    ctx.filters.county
      ? null
      : `/referrals?${new URLSearchParams({ ...params, ...(options.period ? { sentFrom: ctx.filters.period.from, sentTo: ctx.filters.period.to } : {}) })}`;
  const common = { rowHeader: "", valueLabel: "Referrals", chart: "bars" as const, note: null };
  return [
    categoryTable(sealed, scope, {
      id: "referrals-summary",
      title: "Referrals",
      caption: "Key figures of referrals sent in the period",
      rowHeader: "Figure",
      valueLabel: "Number",
      chart: null,
      note: `Accepted includes referrals later put in service, completed or ended. Overdue: sent and unanswered for more than ${getEnv().referralOverdueBusinessDays} business days, as of today.`,
      rows: [
        { key: "sent", label: "Referrals sent in the period", figure: "sent", href: referralsHref({ status: "all" }) },
        { key: "answered", label: "Answered (accepted or declined)", figure: "answered" },
        { key: "accepted", label: "Accepted", figure: "accepted" },
        { key: "acceptance", label: "Acceptance rate (accepted ÷ answered)", figure: "acceptance", format: "percent" },
        { key: "days-to-answer", label: "Median days from sent to answered", figure: "days-to-answer", format: "days" },
        { key: "overdue", label: "Overdue today", figure: "overdue", href: referralsHref({ overdue: "1", status: "all" }, { period: false }) },
      ],
    }),
    categoryTable(sealed, scope, {
      id: "referrals-by-status",
      title: "Referrals by status",
      caption: "Referrals sent in the period by where they stand now",
      ...common,
      rowHeader: "Status",
      rows: SENT_STATUSES.map((v) => ({ key: v, label: REFERRAL_STATUS_LABELS[v], figure: `status:${v}`, href: referralsHref({ status: v }) })),
      total: { key: "total", label: "Total", figure: "sent", href: referralsHref({ status: "all" }) },
    }),
    categoryTable(sealed, scope, {
      id: "referrals-by-service",
      title: "Referrals by service",
      caption: "Referrals sent in the period by the service asked for",
      ...common,
      rowHeader: "Service",
      rows: SERVICES.map((v) => ({ key: v, label: SERVICE_LABELS[v], figure: `service:${v}`, href: referralsHref({ status: "all", service: v }) })),
      total: { key: "total", label: "Total", figure: "sent" },
    }),
    categoryTable(sealed, scope, {
      id: "referrals-by-partner",
      title: scope === "organization" ? "Referrals by partner" : "Referrals by receiving organization",
      caption: scope === "organization" ? "Referrals sent in the period by the organization on the other side" : "Referrals sent in the period by the organization they were sent to",
      ...common,
      rowHeader: "Organization",
      rows: partners.map((p) => ({ key: p.category!, label: organizationNames.get(p.category!) ?? "Unknown organization", figure: `partner:${p.category}`, href: referralsHref({ status: "all", partnerId: p.category! }) })),
      total: { key: "total", label: "Total", figure: "sent" },
    }),
    categoryTable(sealed, scope, {
      id: "decline-reasons",
      title: "Why referrals were declined",
      caption: "Declined referrals sent in the period by the reason given",
      ...common,
      rowHeader: "Reason",
      rows: DECLINE_REASONS.map((v) => ({ key: v, label: DECLINE_REASON_LABELS[v], figure: `reason:${v}` })),
      total: { key: "total", label: "Total declined", figure: "status:declined", href: referralsHref({ status: "declined" }) },
    }),
  ];
}
