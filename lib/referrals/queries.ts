import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { endOfPacificDay, startOfPacificDay } from "../format";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { referralEvents, referrals } from "../../db/schema/referrals";
import { survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import { keysetCursorSql, keysetOrder, type SortKey } from "../exports/keyset";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/sessions";
import { decryptField } from "../crypto/fields";
import { getEnv } from "../env";
import type { Capacity, Service } from "../organizations/constants";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../pagination";
import type { RequestMeta } from "../request-meta";
import type { Lapse } from "../releases/rules";
import { loadSurvivor, managedSurvivors } from "../survivors/access";
import { openIdentity } from "../survivors/identity";
import type { SafeContactPlan } from "../../db/schema/survivors";
import { FINAL_REFERRAL_STATUSES, REFERRAL_STATUSES, type ReferralStatus, type Urgency } from "./constants";
import { availableActions, type ReferralTransition } from "./machine";
import { loadReferral, releasesForIdentifiedReferral, visibleReferrals } from "./access";
import { overdueCutoff } from "./overdue";
import type { ReferralFilters } from "./schema";

// Reads of referrals, cut by referralAccess (lib/referrals/access.ts). Lists are scoped in SQL by the
// same rule: the sending side sees referrals of survivors it manages, the receiving side what was sent
// to its organization.

export type ReferralListItem = {
  id: string;
  clientCode: string;
  service: Service;
  urgency: Urgency;
  status: ReferralStatus;
  identified: boolean;
  fromName: string;
  toName: string;
  sentAt: Date | null;
  statusChangedAt: Date;
  overdue: boolean;
  direction: "sent" | "received";
};

/** A sent referral still unanswered after the overdue period (lib/referrals/overdue.ts), in SQL. */
export function overdueCondition(now = new Date()): SQL {
  return and(eq(referrals.status, "sent"), lt(referrals.sentAt, overdueCutoff(now, getEnv().referralOverdueBusinessDays)))!;
}

const OPEN_REFERRAL_STATUSES = REFERRAL_STATUSES.filter((status) => !FINAL_REFERRAL_STATUSES.includes(status));

/** The list's order, newest change first, as keys (the page and its export read the same order). */
export const REFERRAL_LIST_ORDER: SortKey[] = [
  { expr: referrals.statusChangedAt, direction: "desc", type: "timestamptz" },
  { expr: referrals.id, direction: "desc", type: "uuid" },
];

/** The one scope and filter of the referral list, for its page and its export (the rule of referralAccess, as SQL). */
export function referralListWhere(me: SessionUser, filters: ReferralFilters, now = new Date()): SQL {
  assertCan(me, "referrals.view");
  const conditions: SQL[] = [visibleReferrals(me)];
  // "open" as the statuses it keeps, not those it drops, so an index on the status reads just their ranges
  if (filters.status === "open") conditions.push(inArray(referrals.status, OPEN_REFERRAL_STATUSES));
  else if (filters.status !== "all") conditions.push(eq(referrals.status, filters.status));
  if (filters.service) conditions.push(eq(referrals.service, filters.service));
  if (filters.partnerId) conditions.push(or(eq(referrals.toOrganizationId, filters.partnerId), eq(referrals.fromOrganizationId, filters.partnerId))!);
  if (filters.overdue) conditions.push(overdueCondition(now));
  // days sent, as Pacific calendar days, both ends included (a draft, never sent, is in no period)
  const sentFrom = filters.sentFrom ? startOfPacificDay(filters.sentFrom) : null;
  const sentTo = filters.sentTo ? endOfPacificDay(filters.sentTo) : null;
  if (sentFrom) conditions.push(gte(referrals.sentAt, sentFrom));
  if (sentTo) conditions.push(lt(referrals.sentAt, sentTo));
  return and(...conditions)!;
}

/** The list's rows in its order, with the survivor each is about and its keyset cursor. */
export function referralListRows(db: Db, where: SQL) {
  const from = aliasedTable(organizations, "from_org");
  const to = aliasedTable(organizations, "to_org");
  return db
    .select({
      id: referrals.id,
      clientCode: survivors.clientCode,
      service: referrals.service,
      urgency: referrals.urgency,
      status: referrals.status,
      identified: referrals.identified,
      fromOrganizationId: referrals.fromOrganizationId,
      fromName: from.name,
      toName: to.name,
      sentAt: referrals.sentAt,
      statusChangedAt: referrals.statusChangedAt,
      survivorId: referrals.survivorId,
      cursor: keysetCursorSql(REFERRAL_LIST_ORDER),
    })
    .from(referrals)
    .innerJoin(survivors, eq(survivors.id, referrals.survivorId))
    .innerJoin(from, eq(from.id, referrals.fromOrganizationId))
    .innerJoin(to, eq(to.id, referrals.toOrganizationId))
    .where(where)
    .orderBy(...keysetOrder(REFERRAL_LIST_ORDER))
    .$dynamic();
}

type ReferralListRow = Awaited<ReturnType<ReturnType<typeof referralListRows>["execute"]>>[number];

/** A row as the caller's list shows it: whether it is overdue now, and which way it went. */
export function toReferralListItem(me: SessionUser, now = new Date()) {
  const cutoff = overdueCutoff(now, getEnv().referralOverdueBusinessDays);
  return <R extends Omit<ReferralListRow, "survivorId" | "cursor">>({ fromOrganizationId, ...row }: R) => ({
    ...row,
    overdue: row.status === "sent" && row.sentAt !== null && row.sentAt < cutoff,
    direction: (fromOrganizationId === me.organizationId ? "sent" : "received") as "sent" | "received",
  });
}

export async function listReferrals(me: SessionUser, filters: ReferralFilters, page: number, db: Db = getDb()): Promise<Page<ReferralListItem>> {
  const now = new Date();
  const where = referralListWhere(me, filters, now);
  // The page's 25 are found first from the order's index alone (status and survivor are in it), and
  // only they are read whole: the rows skipped on the way (other filters, other caseloads) cost no
  // table read.
  const onPage = db.select({ id: referrals.id }).from(referrals).where(where).orderBy(...keysetOrder(REFERRAL_LIST_ORDER)).limit(PAGE_SIZE).offset(offsetFor(page));
  const [rows, [totals]] = await Promise.all([
    referralListRows(db, inArray(referrals.id, onPage)),
    db.select({ total: count() }).from(db.select({ one: sql`1` }).from(referrals).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const toItem = toReferralListItem(me, now);
  const items = rows.map(({ survivorId: _survivorId, cursor: _cursor, ...row }) => toItem(row));
  return toCappedPage(items, totals?.total ?? 0, page);
}

/** How many of the caller's visible referrals are overdue right now (the banner on the list). */
export async function countOverdueReferrals(me: SessionUser, db: Db = getDb()): Promise<number> {
  assertCan(me, "referrals.view");
  const [row] = await db.select({ n: count() }).from(referrals).where(and(visibleReferrals(me), overdueCondition()));
  return row?.n ?? 0;
}

type ReferralEventItem = {
  id: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  actorName: string;
  actorRole: Role;
  organizationName: string | null;
  note: string | null;
  occurredAt: Date;
};

type ReferralDetail = {
  id: string;
  version: number;
  side: "sender" | "recipient";
  survivorId: string;
  clientCode: string;
  service: Service;
  urgency: Urgency;
  status: ReferralStatus;
  identified: boolean;
  fromName: string;
  toName: string;
  toOrganizationId: string;
  createdByName: string;
  createdAt: Date;
  sentAt: Date | null;
  overdue: boolean;
  /** "the need": always shown */
  reason: string;
  /** shown to the recipient only with identity (a release covering referral details) */
  notes: string | null;
  /** who the referral is about, for the recipient only under a release in effect */
  identity: {
    preferredName: string;
    pronouns: string | null;
    legalName: string | null;
    phone: string | null;
    email: string | null;
    safeContact: SafeContactPlan & { codeWord: string | null; doNotContact: string | null };
    languages: string[];
    interpreterNeeded: boolean;
  } | null;
  /** for the sender: whether the recipient sees identity right now */
  identityShared: boolean;
  /** an identified referral whose release is no longer in effect: why (both sides are told) */
  lapse: Lapse | null;
  actions: ReferralTransition[];
  events: ReferralEventItem[];
};

/**
 * One referral, cut to the caller's side. A recipient sees identifying fields only while the
 * referral is identified, not withdrawn, and a release covering identity and referral details is in
 * effect; each such view is audited as a disclosure naming the release.
 */
export function getReferral(me: SessionUser, id: string, meta: RequestMeta | null, db: Db = getDb()): Promise<ReferralDetail> {
  // The read and the audit of what it disclosed in one transaction.
  return db.transaction((tx) => readReferral(me, id, meta, tx));
}

async function readReferral(me: SessionUser, id: string, meta: RequestMeta | null, db: Db): Promise<ReferralDetail> {
  assertCan(me, "referrals.view");
  const { row, access } = await loadReferral(db, me, id);
  const side = access.side;
  const from = aliasedTable(organizations, "from_org");
  const to = aliasedTable(organizations, "to_org");
  const actor = aliasedTable(users, "actor");
  const actorOrg = aliasedTable(organizations, "actor_org");
  const [[names], [survivor], events] = await Promise.all([
    db
      .select({ fromName: from.name, toName: to.name, createdByName: sql<string>`(select u.name from users u where u.id = ${row.createdBy})` })
      .from(from)
      .innerJoin(to, eq(to.id, row.toOrganizationId))
      .where(eq(from.id, row.fromOrganizationId)),
    db.select().from(survivors).where(eq(survivors.id, row.survivorId)),
    db
      .select({
        id: referralEvents.id,
        fromStatus: referralEvents.fromStatus,
        toStatus: referralEvents.toStatus,
        actorName: actor.name,
        actorRole: actor.role,
        organizationName: actorOrg.name,
        actorOrganizationId: referralEvents.actorOrganizationId,
        noteEnc: referralEvents.noteEnc,
        occurredAt: referralEvents.occurredAt,
      })
      .from(referralEvents)
      .innerJoin(actor, eq(actor.id, referralEvents.actorUserId))
      .leftJoin(actorOrg, eq(actorOrg.id, referralEvents.actorOrganizationId))
      .where(eq(referralEvents.referralId, row.id))
      .orderBy(asc(referralEvents.occurredAt))
      .limit(200),
  ]);
  const releaseIds = access.identityReleaseIds;
  const showIdentity = side === "recipient" && releaseIds !== null;
  let identity: ReferralDetail["identity"] = null;
  if (showIdentity && survivor) {
    const details = openIdentity(survivor);
    identity = {
      preferredName: survivor.preferredName,
      pronouns: survivor.pronouns,
      legalName: details.legalName,
      phone: details.phone,
      email: details.email,
      safeContact: { ...survivor.safeContact, codeWord: details.codeWord, doNotContact: details.doNotContact },
      languages: survivor.languages,
      interpreterNeeded: survivor.interpreterNeeded,
    };
    await recordAudit(db, {
      actor: auditActor(me),
      action: "survivor.disclosed",
      target: { type: "survivor", id: row.survivorId },
      meta,
      details: { releaseIds, referralId: row.id, section: "referral" },
    });
  }
  const cutoff = overdueCutoff(new Date(), getEnv().referralOverdueBusinessDays);
  return {
    id: row.id,
    version: row.version,
    side,
    survivorId: row.survivorId,
    clientCode: survivor?.clientCode ?? "",
    service: row.service,
    urgency: row.urgency,
    status: row.status,
    identified: row.identified,
    fromName: names?.fromName ?? "",
    toName: names?.toName ?? "",
    toOrganizationId: row.toOrganizationId,
    createdByName: names?.createdByName ?? "",
    createdAt: row.createdAt,
    sentAt: row.sentAt,
    overdue: row.status === "sent" && row.sentAt !== null && row.sentAt < cutoff,
    reason: decryptField(row.reasonEnc, { field: "referrals.reason", rowId: row.id }) ?? "",
    notes: access.seeNotes ? decryptField(row.notesEnc, { field: "referrals.notes", rowId: row.id }) : null,
    identity,
    identityShared: releaseIds !== null,
    lapse: access.lapse,
    actions: availableActions(row.status, side),
    // A note on a step is the writer's: the recipient reads the sending side's notes only while it may see the referral's notes.
    events: events.map(({ noteEnc, actorOrganizationId, ...event }) => ({
      ...event,
      note: access.seeNotes || actorOrganizationId === me.organizationId ? decryptField(noteEnc, { field: "referral_events.note", rowId: event.id }) : null,
    })),
  };
}

type SurvivorReferralItem = { id: string; service: Service; toName: string; status: ReferralStatus; identified: boolean; sentAt: Date | null; overdue: boolean };

/** A survivor's referrals, for their page (the caller manages the survivor: checked by the page's loader). */
export async function listSurvivorReferrals(me: SessionUser, survivorId: string, db: Db = getDb()): Promise<SurvivorReferralItem[]> {
  assertCan(me, "referrals.send");
  const cutoff = overdueCutoff(new Date(), getEnv().referralOverdueBusinessDays);
  const rows = await db
    .select({
      id: referrals.id,
      service: referrals.service,
      toName: organizations.name,
      status: referrals.status,
      identified: referrals.identified,
      sentAt: referrals.sentAt,
    })
    .from(referrals)
    .innerJoin(organizations, eq(organizations.id, referrals.toOrganizationId))
    // One survivor: a look-up of their record (managedSurvivors), not a caseload read into a hash.
    .where(and(eq(referrals.survivorId, survivorId), sql`${referrals.survivorId} in (select ${survivors.id} from ${survivors} where ${managedSurvivors(me)})`))
    .orderBy(desc(referrals.createdAt))
    .limit(100);
  return rows.map((r) => ({ ...r, overdue: r.status === "sent" && r.sentAt !== null && r.sentAt < cutoff }));
}

export type ReferralPartnerOption = { id: string; name: string; services: Service[]; capacity: Capacity; identityCovered: boolean };

/**
 * Organizations a survivor can be referred to (active, offering at least one service), with whether
 * an active release lets each receive identifying details.
 */
export async function listReferralPartners(me: SessionUser, survivorId: string, db: Db = getDb()): Promise<ReferralPartnerOption[]> {
  assertCan(me, "referrals.send");
  // Whose releases these are is the survivor's own organization's business: the caller must manage them.
  const { releases } = await loadSurvivor(db, me, survivorId, { manage: true });
  const rows = await db
    .select({ id: organizations.id, name: organizations.name, services: organizations.services, capacity: organizations.capacity })
    .from(organizations)
    .where(and(eq(organizations.active, true), sql`cardinality(${organizations.services}) > 0`, sql`${organizations.id} is distinct from ${me.organizationId}`))
    .orderBy(asc(organizations.name))
    .limit(500);
  return rows.map((r) => ({ ...r, identityCovered: releasesForIdentifiedReferral({ toOrganizationId: r.id }, releases) !== null }));
}

type PartnerFilterOption = { id: string; name: string };

/** The organizations on the other side of the caller's referrals, for the list's partner filter. */
export async function listReferralCounterparts(me: SessionUser, db: Db = getDb()): Promise<PartnerFilterOption[]> {
  assertCan(me, "referrals.view");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(sql`${organizations.id} is distinct from ${me.organizationId}`)
    .orderBy(asc(organizations.name))
    .limit(500);
}
