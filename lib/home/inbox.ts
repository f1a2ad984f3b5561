import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { unionAll } from "drizzle-orm/pg-core";
import { differenceInCalendarDays, parseISO } from "date-fns";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { survivors } from "../../db/schema/survivors";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { getEnv } from "../env";
import { pacificToday } from "../format";
import { COUNT_CAP } from "../pagination";
import type { Service } from "../organizations/constants";
import { visibleReferrals } from "../referrals/access";
import type { ReferralStatus, Urgency } from "../referrals/constants";
import { overdueCutoff } from "../referrals/overdue";

// The referral inbox (issue 12): what was sent to the caller's organization and still needs it —
// unanswered first, and of those what arrived since the last visit first, then the longest waiting;
// then what it accepted and is serving. Scoped by the receiving side of referralAccess (visibleReferrals,
// never a draft); client codes and the need's headings only, the referral opens on its own page.

/** The inbox shows this many; the referrals list has every one, with filters. */
export const INBOX_LIMIT = 50;
/** Answered (accepted) and still open on the receiving side; with "sent", what the inbox holds. */
const ANSWERED_AND_OPEN: ReferralStatus[] = ["accepted", "in_service"];

type InboxItem = {
  id: string;
  clientCode: string;
  service: Service;
  urgency: Urgency;
  status: ReferralStatus;
  fromName: string;
  sentAt: Date | null;
  statusChangedAt: Date;
  /** arrived since the previous visit to the inbox */
  isNew: boolean;
  /** unanswered: calendar days since it was sent (Pacific); null once answered */
  daysWaiting: number | null;
  overdue: boolean;
};

export type ReferralInbox = {
  since: Date | null;
  unanswered: number;
  newCount: number;
  overdue: number;
  total: number;
  /** more were answered and are open than were counted (COUNT_CAP): `total` is a lower bound */
  totalIsLowerBound: boolean;
  items: InboxItem[];
};

export async function getReferralInbox(me: SessionUser, since: Date | null, db: Db = getDb(), now = new Date()): Promise<ReferralInbox> {
  assertCan(me, "referrals.respond");
  const received = and(visibleReferrals(me), eq(referrals.toOrganizationId, me.organizationId ?? ""))!;
  const waiting = and(received, eq(referrals.status, "sent"))!;
  const answered = and(received, inArray(referrals.status, ANSWERED_AND_OPEN))!;
  const cutoff = overdueCutoff(now, getEnv().referralOverdueBusinessDays);
  // Before the first visit everything waiting is new.
  const newSince = since ?? new Date(0);

  // The inbox's order in parts, each read from an index in its own order and cut at the inbox's
  // length: new and waiting (oldest sent first), waiting and seen, waiting without a sent date, then
  // answered and open (latest change first). The first 50 of the whole order are among the parts'
  // first 50s, so only those are sorted and only the 50 kept are joined to what the page shows.
  const part = (rank: number, where: SQL, bySent: boolean) =>
    db
      .select({
        id: referrals.id,
        rank: sql<number>`${sql.raw(String(rank))}`.as("rank"),
        sentKey: (bySent ? sql<Date | null>`${referrals.sentAt}` : sql<Date | null>`null::timestamptz`).as("sent_key"),
        statusChangedAt: referrals.statusChangedAt,
      })
      .from(referrals)
      .where(where)
      .orderBy(...(bySent ? [asc(referrals.sentAt)] : []), desc(referrals.statusChangedAt), asc(referrals.id))
      .limit(INBOX_LIMIT);
  const candidates = unionAll(
    part(0, and(waiting, gt(referrals.sentAt, newSince))!, true),
    part(1, and(waiting, lte(referrals.sentAt, newSince))!, true),
    part(2, and(waiting, isNull(referrals.sentAt))!, false),
    ...ANSWERED_AND_OPEN.map((status) => part(3, and(received, eq(referrals.status, status))!, false)),
  ).as("candidates");
  const first = db
    .select({ id: candidates.id })
    .from(candidates)
    .orderBy(asc(candidates.rank), sql`${candidates.sentKey} asc nulls last`, desc(candidates.statusChangedAt), asc(candidates.id))
    .limit(INBOX_LIMIT);

  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: referrals.id,
        clientCode: survivors.clientCode,
        service: referrals.service,
        urgency: referrals.urgency,
        status: referrals.status,
        fromName: organizations.name,
        sentAt: referrals.sentAt,
        statusChangedAt: referrals.statusChangedAt,
      })
      .from(referrals)
      .innerJoin(survivors, eq(survivors.id, referrals.survivorId))
      .innerJoin(organizations, eq(organizations.id, referrals.fromOrganizationId))
      .where(inArray(referrals.id, first))
      .orderBy(
        sql`case when ${referrals.status} = 'sent' then 0 else 1 end`,
        sql`case when ${referrals.status} = 'sent' and ${gt(referrals.sentAt, newSince)} then 0 else 1 end`,
        sql`case when ${referrals.status} = 'sent' then ${referrals.sentAt} end asc`,
        desc(referrals.statusChangedAt),
        asc(referrals.id),
      ),
    // What waits is counted exactly, from the index of a recipient's referrals by status and day sent;
    // what was answered and is still open only up to COUNT_CAP (the page then says "more than").
    db
      .select({
        unanswered: count(),
        newCount: sql<number>`count(*) filter (where ${gt(referrals.sentAt, newSince)})`.mapWith(Number),
        overdue: sql<number>`count(*) filter (where ${lt(referrals.sentAt, cutoff)})`.mapWith(Number),
        answered: sql<number>`(select count(*) from (select 1 from ${referrals} where ${answered} limit ${COUNT_CAP + 1}) as capped)`.mapWith(Number),
      })
      .from(referrals)
      .where(waiting),
  ]);
  const today = parseISO(pacificToday(now));
  const items = rows.map((r) => {
    const waiting = r.status === "sent" && r.sentAt !== null;
    return {
      ...r,
      isNew: waiting && r.sentAt! > newSince,
      daysWaiting: waiting ? differenceInCalendarDays(today, parseISO(pacificToday(r.sentAt!))) : null,
      overdue: waiting && r.sentAt! < cutoff,
    };
  });
  const unanswered = totals?.unanswered ?? 0;
  const answeredCounted = totals?.answered ?? 0;
  const totalIsLowerBound = answeredCounted > COUNT_CAP;
  const total = unanswered + (totalIsLowerBound ? COUNT_CAP : answeredCounted);
  return { since, unanswered, newCount: totals?.newCount ?? 0, overdue: totals?.overdue ?? 0, total, totalIsLowerBound, items };
}
