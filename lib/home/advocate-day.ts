import "server-only";
import { and, asc, count, desc, eq, gt, gte, lte, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { survivors, transferRequests } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { matterHearings, vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { pacificToday } from "../format";
import type { Service } from "../organizations/constants";
import { visibleReferrals } from "../referrals/access";
import type { ReferralStatus, Urgency } from "../referrals/constants";
import { overdueCondition } from "../referrals/queries";
import { expiringSoonReleaseCondition } from "../releases/queries";
import { managedSurvivorIdIn, managedSurvivors } from "../survivors/access";
import { legalSideSuspended, mattersWithCourtDates, openMatterCondition, visibleMatters } from "../vacatur/access";
import type { MatterStatus } from "../vacatur/constants";
import { HOME_LIST_LIMIT, section, sectionCounted, windowTotal, type HomeSection } from "./section";

// An advocate's day (issue 12): what needs them today, from the records they manage (survivorAccess
// "caseload": assigned to them or shared with them), each scoped in SQL by the rule its area already
// keeps — visibleReferrals, managedSurvivors, mattersWithCourtDates (matterAccess see.court),
// visibleMatters. Client codes and dates only in the lists; the records open on their own pages.

/** Hearings this close are on the day's list (the same fortnight as releases about to expire). */
export const UPCOMING_HEARING_DAYS = 14;
/** On a first visit, answers from this far back count as news. */
const FIRST_VISIT_LOOKBACK_DAYS = 7;
const DAY_MS = 86_400_000;

type ReferralItem = { id: string; clientCode: string; service: Service; urgency: Urgency; status: ReferralStatus; toName: string; sentAt: Date | null; answeredAt: Date | null };
type ReleaseItem = { id: string; survivorId: string; clientCode: string; recipientName: string; expiresOn: string };
type HearingItem = { id: string; matterId: string; clientCode: string; startsAt: Date; court: string | null };
type TransferItem = {
  id: string;
  survivorId: string;
  clientCode: string;
  /** the advocate asked for it */
  mine: boolean;
  /** the advocate asked to take the survivor over */
  toMe: boolean;
  requestedForName: string | null;
  createdAt: Date;
  /** the advocate manages the survivor (else the request shows its client code only) */
  canOpen: boolean;
};
/** Why a matter waits on the advocate: the draft is with the survivor, or the legal side lost its release. */
type WaitingMatterItem = { id: string; clientCode: string; status: MatterStatus; legalOrganizationName: string | null; waitsFor: "survivor_review" | "new_release" };

export type AdvocateDay = {
  /** the previous visit (null: the first); answers after it are news */
  since: Date | null;
  answeredSince: Date;
  overdueReferrals: HomeSection<ReferralItem>;
  answeredReferrals: HomeSection<ReferralItem>;
  expiringReleases: HomeSection<ReleaseItem>;
  upcomingHearings: HomeSection<HearingItem>;
  transferRequests: HomeSection<TransferItem>;
  waitingMatters: HomeSection<WaitingMatterItem>;
};

function referralSection(db: Db, where: SQL, order: SQL[]) {
  const rows = db
    .select({
      id: referrals.id,
      clientCode: survivors.clientCode,
      service: referrals.service,
      urgency: referrals.urgency,
      status: referrals.status,
      toName: organizations.name,
      sentAt: referrals.sentAt,
      answeredAt: referrals.answeredAt,
    })
    .from(referrals)
    .innerJoin(survivors, eq(survivors.id, referrals.survivorId))
    .innerJoin(organizations, eq(organizations.id, referrals.toOrganizationId))
    .where(where)
    .orderBy(...order)
    .limit(HOME_LIST_LIMIT);
  const total = db.select({ n: count() }).from(referrals).where(where);
  return section(rows, total);
}

export async function getAdvocateDay(me: SessionUser, since: Date | null, db: Db = getDb(), now = new Date()): Promise<AdvocateDay> {
  assertCan(me, "survivors.manage");
  const today = pacificToday(now);
  const answeredSince = since ?? new Date(now.getTime() - FIRST_VISIT_LOOKBACK_DAYS * DAY_MS);
  const mine = managedSurvivors(me);
  const ofMine = (column: AnyPgColumn) => managedSurvivorIdIn(me, column);

  const overdueWhere = and(visibleReferrals(me), overdueCondition(now))!;
  const answeredWhere = and(visibleReferrals(me), gt(referrals.answeredAt, answeredSince))!;

  const releasesWhere = and(ofMine(releases.survivorId), expiringSoonReleaseCondition(today))!;
  const expiringReleases = section(
    db
      .select({ id: releases.id, survivorId: releases.survivorId, clientCode: survivors.clientCode, recipientName: organizations.name, expiresOn: releases.expiresOn })
      .from(releases)
      .innerJoin(survivors, eq(survivors.id, releases.survivorId))
      .innerJoin(organizations, eq(organizations.id, releases.recipientOrganizationId))
      .where(releasesWhere)
      .orderBy(asc(releases.expiresOn), asc(releases.id))
      .limit(HOME_LIST_LIMIT),
    db.select({ n: count() }).from(releases).where(releasesWhere),
  );

  // Court dates as matterAccess shows them (see.court), of open matters, in the coming fortnight.
  const hearingsWhere = and(
    mattersWithCourtDates(me, today),
    openMatterCondition,
    eq(matterHearings.status, "scheduled"),
    gte(matterHearings.startsAt, now),
    lte(matterHearings.startsAt, new Date(now.getTime() + UPCOMING_HEARING_DAYS * DAY_MS)),
  )!;
  const upcomingHearings = sectionCounted(
    db
      .select({
        id: matterHearings.id,
        matterId: vacaturMatters.id,
        clientCode: sql<string>`(select ${survivors.clientCode} from ${survivors} where ${survivors.id} = ${vacaturMatters.survivorId})`,
        startsAt: matterHearings.startsAt,
        court: vacaturMatters.filingCourt,
        total: windowTotal,
      })
      .from(matterHearings)
      .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
      .where(hearingsWhere)
      .orderBy(asc(matterHearings.startsAt), asc(matterHearings.id))
      .limit(HOME_LIST_LIMIT),
  );

  // Open requests the advocate made, or that would move a survivor they manage. (One naming them to take
  // a colleague's survivor is the lead's to decide; until then that survivor is none of theirs.)
  const transfersWhere = and(eq(transferRequests.organizationId, me.organizationId ?? ""), eq(transferRequests.status, "open"), or(eq(transferRequests.requestedBy, me.id), mine))!;
  const transfers = section(
    db
      .select({
        id: transferRequests.id,
        survivorId: survivors.id,
        clientCode: survivors.clientCode,
        requestedBy: transferRequests.requestedBy,
        requestedFor: transferRequests.requestedFor,
        requestedForName: users.name,
        createdAt: transferRequests.createdAt,
        canOpen: sql<boolean>`(${mine})`,
      })
      .from(transferRequests)
      .innerJoin(survivors, eq(survivors.id, transferRequests.survivorId))
      .leftJoin(users, eq(users.id, transferRequests.requestedFor))
      .where(transfersWhere)
      .orderBy(asc(transferRequests.createdAt))
      .limit(HOME_LIST_LIMIT),
    db.select({ n: count() }).from(transferRequests).innerJoin(survivors, eq(survivors.id, transferRequests.survivorId)).where(transfersWhere),
  );

  // What waits on the survivor's side of a matter (lib/vacatur: the attorney sent the draft for the
  // survivor's review; or the legal organization's work is suspended until the advocate records a new release).
  const suspended = legalSideSuspended(today);
  // (visibleMatters is every side the caller is on; the survivors they manage keep it to the survivor's side.)
  const waitingWhere = and(visibleMatters(me), ofMine(vacaturMatters.survivorId), openMatterCondition, or(eq(vacaturMatters.status, "survivor_review"), suspended))!;
  const waitingMatters = sectionCounted(
    db
      .select({
        id: vacaturMatters.id,
        // A subquery, not a join: PostgreSQL reads it for the ten rows shown, after the sort (joined,
        // it misjudged the few hundred matters as thousands and read every survivor to hash them).
        clientCode: sql<string>`(select ${survivors.clientCode} from ${survivors} where ${survivors.id} = ${vacaturMatters.survivorId})`,
        status: vacaturMatters.status,
        legalOrganizationName: organizations.name,
        suspended: sql<boolean>`(${suspended})`,
        total: windowTotal,
      })
      .from(vacaturMatters)
      .leftJoin(organizations, eq(organizations.id, vacaturMatters.legalOrganizationId))
      .where(waitingWhere)
      .orderBy(asc(vacaturMatters.statusChangedAt), asc(vacaturMatters.id))
      .limit(HOME_LIST_LIMIT),
  );

  const [overdue, answered, expiring, hearings, transferRows, waiting] = await Promise.all([
    referralSection(db, overdueWhere, [asc(referrals.sentAt), asc(referrals.id)]),
    referralSection(db, answeredWhere, [desc(referrals.answeredAt), asc(referrals.id)]),
    expiringReleases,
    upcomingHearings,
    transfers,
    waitingMatters,
  ]);
  return {
    since,
    answeredSince,
    overdueReferrals: overdue,
    answeredReferrals: answered,
    expiringReleases: expiring,
    upcomingHearings: hearings,
    transferRequests: {
      count: transferRows.count,
      items: transferRows.items.map(({ requestedBy, requestedFor, canOpen, ...t }) => ({ ...t, mine: requestedBy === me.id, toMe: requestedFor === me.id, canOpen: canOpen === true })),
    },
    waitingMatters: {
      count: waiting.count,
      items: waiting.items.map(({ suspended: isSuspended, ...m }) => ({ ...m, waitsFor: isSuspended ? "new_release" : "survivor_review" })),
    },
  };
}
