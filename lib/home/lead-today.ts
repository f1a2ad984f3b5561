import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { survivors, transferRequests } from "../../db/schema/survivors";
import { vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { pacificToday } from "../format";
import type { OrganizationType } from "../organizations/constants";
import { listWaitingApprovals } from "../users/approval-queries";
import { legalSideSuspended, openMatterCondition, visibleMatters } from "../vacatur/access";
import { attorneysWithLoad, type AttorneyChoice } from "../vacatur/queries/attorney-load";
import { HOME_LIST_LIMIT } from "./section";

// What waits for a program lead today, above the dashboard's figures (issue 12). A legal
// organization's lead: the matters given to it that no attorney carries yet, each with the choice of
// attorney and how many open matters each already has. Any other organization's lead: the transfer
// requests and the accounts waiting for their decision (decided on /survivors and /home).

type WaitingMatter = { id: string; version: number; clientCode: string; since: Date; suspended: boolean };

export type LeadToday = {
  organizationType: OrganizationType | null;
  /** a legal organization's matters without an attorney (null for other organizations) */
  waitingMatters: { count: number; items: WaitingMatter[]; attorneys: AttorneyChoice[] } | null;
  transferRequests: number;
  approvals: number;
};

export async function getLeadToday(me: SessionUser, db: Db = getDb()): Promise<LeadToday> {
  assertCan(me, "reports.view");
  if (!me.organizationId) return { organizationType: null, waitingMatters: null, transferRequests: 0, approvals: 0 };
  const [org] = await db.select({ name: organizations.name, type: organizations.type }).from(organizations).where(eq(organizations.id, me.organizationId));
  const legal = org?.type === "legal_aid";
  const [waitingMatters, [transfers], approvals] = await Promise.all([
    legal ? mattersWithoutAttorney(me, org.name, db) : Promise.resolve(null),
    legal
      ? Promise.resolve([{ n: 0 }])
      : db
          .select({ n: count() })
          .from(transferRequests)
          .where(and(eq(transferRequests.organizationId, me.organizationId), eq(transferRequests.status, "open"))),
    listWaitingApprovals(me, db),
  ]);
  return { organizationType: org?.type ?? null, waitingMatters, transferRequests: transfers?.n ?? 0, approvals: approvals.length };
}

/** The open matters given to the lead's legal organization with no attorney, longest waiting first. */
async function mattersWithoutAttorney(me: SessionUser, organizationName: string, db: Db) {
  const suspended = legalSideSuspended(pacificToday());
  const where = and(visibleMatters(me), eq(vacaturMatters.legalOrganizationId, me.organizationId!), isNull(vacaturMatters.attorneyId), openMatterCondition)!;
  const [rows, [total], attorneys] = await Promise.all([
    db
      .select({
        id: vacaturMatters.id,
        version: vacaturMatters.version,
        clientCode: survivors.clientCode,
        since: vacaturMatters.createdAt,
        suspended: sql<boolean>`(${suspended})`,
      })
      .from(vacaturMatters)
      .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
      .where(where)
      .orderBy(asc(vacaturMatters.createdAt), asc(vacaturMatters.id))
      .limit(HOME_LIST_LIMIT),
    db.select({ n: count() }).from(vacaturMatters).where(where),
    attorneysWithLoad(db, me.organizationId!),
  ]);
  return {
    count: total?.n ?? 0,
    items: rows.map((r) => ({ ...r, suspended: r.suspended === true })),
    attorneys: attorneys.map((a) => ({ ...a, organizationName })),
  };
}
