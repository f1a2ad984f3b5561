import { aliasedTable, and, asc, count, desc, eq, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { survivorEvents, survivors, type SurvivorRow } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import {
  convictions,
  laterConvictions,
  matterConvictions,
  matterHearings,
  matterNotes,
  matterTasks,
  pendingCharges,
  postOrderChecks,
  proBonoHours,
  prosecutorCommunications,
  vacaturMatters,
  type ConvictionRow,
} from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan, organizationsReleasedForMatter, releasesCovering, type MatterAbilities, type MatterSide } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { decryptField } from "../crypto/fields";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../pagination";
import type { ReleaseCategory } from "../releases/constants";
import type { RequestMeta } from "../request-meta";
import { loadSurvivor } from "../survivors/access";
import { openIdentity } from "../survivors/identity";
import { CLOSED_MATTER_STATUSES, STALE_AFTER_DAYS, type MatterStatus, type PostOrderStep } from "./constants";
import { loadMatter, visibleMatters } from "./access";
import { availableMatterActions, type MatterTransition } from "./machine";
import { canEditRecordsOf, openCaseNumber } from "./records";
import { screenConviction, type ConvictionScreen, type ScreenContext } from "./rules/screen";
import type { MatterFilters } from "./schema";

// Reads of court records and matters, cut to the caller's side and the releases in effect.

export type ConvictionItem = Omit<ConvictionRow, "caseNumberEnc"> & { caseNumber: string };

function openConviction(row: ConvictionRow): ConvictionItem {
  const { caseNumberEnc, ...rest } = row;
  return { ...rest, caseNumber: openCaseNumber(row.id, caseNumberEnc) };
}

function screenInput(row: ConvictionItem) {
  return {
    id: row.id,
    counts: row.counts,
    dispositionDate: row.dispositionDate,
    sentencingDate: row.sentencingDate,
    confinementReleaseDate: row.confinementReleaseDate,
    supervisionEndDate: row.supervisionEndDate,
    dischargeDate: row.dischargeDate,
    cvpa: row.cvpaStatus,
    restitution: row.restitutionStatus,
    citedRoute: row.citedRoute,
  };
}

type RecordsOf = {
  convictions: ConvictionItem[];
  pending: (typeof pendingCharges.$inferSelect)[];
  later: (typeof laterConvictions.$inferSelect)[];
};

async function recordsOf(db: Db, survivorId: string): Promise<RecordsOf> {
  const [convictionRows, pending, later] = await Promise.all([
    db.select().from(convictions).where(eq(convictions.survivorId, survivorId)).orderBy(desc(convictions.dispositionDate), asc(convictions.id)),
    db.select().from(pendingCharges).where(eq(pendingCharges.survivorId, survivorId)).orderBy(asc(pendingCharges.createdAt)),
    db.select().from(laterConvictions).where(eq(laterConvictions.survivorId, survivorId)).orderBy(desc(laterConvictions.convictedOn)),
  ]);
  return { convictions: convictionRows.map(openConviction), pending, later };
}

/** Screens every conviction with what is recorded about the survivor (pure rules, lib/vacatur/rules). */
export function screenAll(survivor: Pick<SurvivorRow, "victimizationTypes">, records: RecordsOf, asOf: string, declarationSigned: boolean | null = null): Map<string, ConvictionScreen> {
  const screens = new Map<string, ConvictionScreen>();
  for (const conviction of records.convictions) {
    const context: ScreenContext = {
      victimizationTypes: survivor.victimizationTypes,
      pendingCharges: records.pending
        .filter((p) => !p.resolvedOn)
        .map((p) => ({ jurisdiction: p.jurisdiction, offense: p.offense, citation: p.citation, prostitution: p.prostitution })),
      otherConvictions: [
        ...records.later.map((l) => ({ date: l.convictedOn, jurisdiction: l.jurisdiction, description: l.description })),
        // The survivor's other recorded convictions count when they came after this one.
        ...records.convictions
          .filter((c) => c.id !== conviction.id && c.dispositionDate > conviction.dispositionDate)
          .map((c) => ({ date: c.dispositionDate, jurisdiction: "washington" as const, description: `${c.counts.map((x) => x.offense).join(", ")}, ${c.courtName}` })),
      ],
      declarationSigned,
    };
    screens.set(conviction.id, screenConviction(screenInput(conviction), context, asOf));
  }
  return screens;
}

export type CourtRecordsPage = {
  survivor: { id: string; clientCode: string; preferredName: string | null };
  canEdit: boolean;
  canOpenMatter: boolean;
  /** screens are for the survivor's side and attorneys; prosecutors and other partners see the records only */
  showScreens: boolean;
  asOf: string;
  convictions: (ConvictionItem & { screen: ConvictionScreen | null })[];
  pending: RecordsOf["pending"];
  later: RecordsOf["later"];
};

/** The survivor's court records, for anyone whose access covers criminal-history records. Audited as a view or disclosure. */
export async function getCourtRecords(me: SessionUser, survivorId: string, meta: RequestMeta | null, db: Db = getDb()): Promise<CourtRecordsPage> {
  assertCan(me, "survivors.view");
  const { row, access, activeReleases } = await loadSurvivor(db, me, survivorId);
  if (!access.categories.has("criminal_court")) throw new AppError("not_found");
  const [records, canEdit] = await Promise.all([recordsOf(db, row.id), canEditRecordsOf(db, me, row.id)]);
  const showScreens = access.manage || me.role === "attorney";
  const asOf = pacificToday();
  const screens = showScreens ? screenAll(row, records, asOf) : new Map<string, ConvictionScreen>();
  if (access.kind === "release") {
    await recordAudit(db, {
      actor: auditActor(me),
      action: "survivor.disclosed",
      target: { type: "survivor", id: row.id },
      meta,
      details: { releaseIds: releasesCovering(me, "criminal_court", activeReleases), categories: ["criminal_court"], section: "court_records" },
    });
  } else {
    await recordAudit(db, { actor: auditActor(me), action: "survivor.viewed", target: { type: "survivor", id: row.id }, meta, details: { access: access.kind, section: "court_records" } });
  }
  return {
    survivor: { id: row.id, clientCode: row.clientCode, preferredName: access.manage || access.categories.has("identity_contact") ? row.preferredName : null },
    canEdit,
    canOpenMatter: access.manage && (me.role === "advocate" || me.role === "program_lead"),
    showScreens,
    asOf,
    convictions: records.convictions.map((c) => ({ ...c, screen: screens.get(c.id) ?? null })),
    pending: records.pending,
    later: records.later,
  };
}

/** One conviction's form values, for those who may edit the survivor's court records. */
export async function getConvictionForEdit(me: SessionUser, survivorId: string, convictionId: string, db: Db = getDb()) {
  if (!(await canEditRecordsOf(db, me, survivorId))) throw new AppError("not_found");
  const [row] = await db
    .select()
    .from(convictions)
    .where(and(eq(convictions.id, convictionId), eq(convictions.survivorId, survivorId)));
  if (!row) throw new AppError("not_found");
  return openConviction(row);
}

/** For the court-record forms: who the records are about, if the caller may edit them. */
export async function getRecordsHeading(me: SessionUser, survivorId: string, db: Db = getDb()) {
  if (!(await canEditRecordsOf(db, me, survivorId))) throw new AppError("not_found");
  const [row] = await db.select({ id: survivors.id, clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, survivorId));
  if (!row) throw new AppError("not_found");
  return row;
}

// ---------------------------------------------------------------------------------------------
// Matters

export type MatterListItem = {
  id: string;
  clientCode: string;
  status: MatterStatus;
  legalOrganizationName: string | null;
  attorneyName: string | null;
  nextDate: string | null;
  lastActivityAt: Date;
  daysSinceActivity: number;
  stale: boolean;
  courts: string | null;
};

const DAY_MS = 86_400_000;

function nextDateSql(): SQL<string | null> {
  // The next thing on the calendar: an upcoming hearing, an open task, or the revisit date.
  return sql<string | null>`least(
    (select min((${matterHearings.startsAt} at time zone 'America/Los_Angeles')::date) from ${matterHearings} where ${matterHearings.matterId} = ${vacaturMatters.id} and ${matterHearings.startsAt} >= now()),
    (select min(${matterTasks.dueOn}) from ${matterTasks} where ${matterTasks.matterId} = ${vacaturMatters.id} and ${matterTasks.completedAt} is null),
    ${vacaturMatters.revisitOn}
  )::text`;
}

export async function listMatters(me: SessionUser, filters: MatterFilters, page: number, db: Db = getDb()): Promise<Page<MatterListItem>> {
  assertCan(me, "matters.view");
  const conditions: SQL[] = [visibleMatters(me)];
  if (filters.status === "open") conditions.push(sql`${vacaturMatters.status} not in ('closed', 'withdrawn')`);
  else if (filters.status === "closed") conditions.push(inArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]));
  else if (filters.status !== "all") conditions.push(eq(vacaturMatters.status, filters.status));
  if (me.role === "attorney" && filters.scope === "mine") conditions.push(eq(vacaturMatters.attorneyId, me.id));
  const staleBefore = new Date(Date.now() - STALE_AFTER_DAYS * DAY_MS);
  if (filters.stale) conditions.push(lt(vacaturMatters.lastActivityAt, staleBefore), sql`${vacaturMatters.status} not in ('closed', 'withdrawn')`);
  const where = and(...conditions);
  const attorney = aliasedTable(users, "attorney");
  const nextDate = nextDateSql();
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: vacaturMatters.id,
        clientCode: survivors.clientCode,
        status: vacaturMatters.status,
        legalOrganizationName: organizations.name,
        attorneyName: attorney.name,
        nextDate,
        lastActivityAt: vacaturMatters.lastActivityAt,
        courts: sql<string | null>`(select string_agg(distinct ${convictions.courtName}, ', ') from ${matterConvictions} join ${convictions} on ${convictions.id} = ${matterConvictions.convictionId} where ${matterConvictions.matterId} = ${vacaturMatters.id})`,
      })
      .from(vacaturMatters)
      .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
      .leftJoin(organizations, eq(organizations.id, vacaturMatters.legalOrganizationId))
      .leftJoin(attorney, eq(attorney.id, vacaturMatters.attorneyId))
      .where(where)
      .orderBy(sql`${nextDate} asc nulls last`, desc(vacaturMatters.lastActivityAt), asc(vacaturMatters.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db.select({ total: count() }).from(db.select({ one: sql`1` }).from(vacaturMatters).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const now = Date.now();
  const items = rows.map((r) => {
    const days = Math.floor((now - r.lastActivityAt.getTime()) / DAY_MS);
    return { ...r, daysSinceActivity: days, stale: days >= STALE_AFTER_DAYS && !CLOSED_MATTER_STATUSES.includes(r.status) };
  });
  return toCappedPage(items, totals?.total ?? 0, page);
}

export type HearingItem = { id: string; matterId: string; clientCode: string; startsAt: Date; place: string; court: string | null; status: MatterStatus };

/** Upcoming hearings of the caller's matters, soonest first. */
export async function listUpcomingHearings(me: SessionUser, page: number, db: Db = getDb()): Promise<Page<HearingItem>> {
  assertCan(me, "matters.view");
  const where = and(visibleMatters(me), gte(matterHearings.startsAt, sql`now()`), sql`${vacaturMatters.status} not in ('closed', 'withdrawn')`);
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: matterHearings.id,
        matterId: vacaturMatters.id,
        clientCode: survivors.clientCode,
        startsAt: matterHearings.startsAt,
        place: matterHearings.place,
        court: vacaturMatters.filingCourt,
        status: vacaturMatters.status,
      })
      .from(matterHearings)
      .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
      .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
      .where(where)
      .orderBy(asc(matterHearings.startsAt), asc(matterHearings.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db
      .select({ total: count() })
      .from(
        db
          .select({ one: sql`1` })
          .from(matterHearings)
          .innerJoin(vacaturMatters, eq(vacaturMatters.id, matterHearings.matterId))
          .where(where)
          .limit(COUNT_CAP + 1)
          .as("capped"),
      ),
  ]);
  return toCappedPage(rows, totals?.total ?? 0, page);
}

/** One hearing of a matter the caller can see in detail (the .ics download). */
export async function getHearingForCalendar(me: SessionUser, matterId: string, hearingId: string, meta: RequestMeta | null, db: Db = getDb()) {
  assertCan(me, "matters.view");
  const { row, abilities } = await loadMatter(db, me, matterId);
  if (!abilities.viewDetails) throw new AppError("not_found");
  const [hearing] = await db
    .select()
    .from(matterHearings)
    .where(and(eq(matterHearings.id, hearingId), eq(matterHearings.matterId, row.id)));
  if (!hearing) throw new AppError("not_found");
  const [survivor] = await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, row.survivorId));
  await recordAudit(db, { actor: auditActor(me), action: "matter.calendar_exported", target: { type: "vacatur_matter", id: row.id }, meta, details: { hearingId: hearing.id } });
  return { ...hearing, clientCode: survivor?.clientCode ?? "", court: row.filingCourt };
}

export type MatterConvictionItem = ConvictionItem & {
  screen: ConvictionScreen | null;
  conclusion: { conclusion: string; route: string | null; note: string | null; byName: string | null; at: Date; rulesetVersion: string | null } | null;
};

export type MatterPage = {
  id: string;
  version: number;
  side: MatterSide;
  abilities: MatterAbilities;
  status: MatterStatus;
  statusNote: string | null;
  statusChangedAt: Date;
  lastActivityAt: Date;
  survivor: { id: string; clientCode: string; preferredName: string | null; legalName: string | null; aliases: string[] };
  categories: ReleaseCategory[];
  legalOrganization: { id: string; name: string } | null;
  attorney: { id: string; name: string } | null;
  conflictStatus: "pending" | "cleared" | null;
  conflictAttestedAt: Date | null;
  revisitOn: string | null;
  blocker: string | null;
  filing: { filedOn: string; court: string | null; caseNumber: string | null } | null;
  order: { orderOn: string; counts: string[] } | null;
  prosecutor: {
    office: { id: string; name: string } | null;
    noticeOn: string | null;
    noticeMethod: string | null;
    noticeGivenBy: string | null;
    position: string;
    positionRecordedAt: Date | null;
    communications: { id: string; occurredOn: string; channel: string; summary: string; authorName: string; organizationName: string }[];
  };
  /** courts and offices named on the matter, shown before the conflict check so the attorney can run it */
  conflictCheck: { courts: string[]; offices: string[] };
  convictions: MatterConvictionItem[];
  hearings: { id: string; startsAt: Date; place: string }[];
  tasks: { id: string; kind: string; dueOn: string; completedAt: Date | null }[];
  checklist: { step: PostOrderStep; doneOn: string; byName: string; note: string | null }[];
  hours: { entries: { id: string; workedOn: string; hundredths: number; activity: string; description: string | null; attorneyName: string }[]; totalHundredths: number } | null;
  notes: { id: string; body: string; authorName: string; createdAt: Date }[] | null;
  history: { id: number; kind: string; occurredAt: Date; actorName: string | null; details: Record<string, unknown> }[];
  actions: MatterTransition[];
  ownerActions: MatterTransition[];
  countKeys: { key: string; label: string }[];
  attorneyOptions: { id: string; name: string; organizationName: string }[];
  prosecutorOfficeOptions: { id: string; name: string }[];
};

/** Everything the matter page shows, cut to the caller's side and abilities. Audited as a view. */
export async function getMatterPage(me: SessionUser, id: string, meta: RequestMeta | null, db: Db = getDb()): Promise<MatterPage> {
  assertCan(me, "matters.view");
  const { row, side, abilities, categories, activeReleases } = await loadMatter(db, me, id);
  const sees = (c: ReleaseCategory) => categories.has(c);
  const details = abilities.viewDetails;
  const legalOrProsecutorDetail = side !== "prosecutor" || sees("criminal_court");

  const [[survivor], [legal], [attorney], [office]] = await Promise.all([
    db.select().from(survivors).where(eq(survivors.id, row.survivorId)),
    row.legalOrganizationId ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, row.legalOrganizationId)) : Promise.resolve([]),
    row.attorneyId ? db.select({ id: users.id, name: users.name }).from(users).where(eq(users.id, row.attorneyId)) : Promise.resolve([]),
    row.prosecutorOfficeId ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.id, row.prosecutorOfficeId)) : Promise.resolve([]),
  ]);
  if (!survivor) throw new AppError("not_found");
  const identity = sees("identity_contact") ? openIdentity(survivor) : null;

  const linked = await db
    .select({ conviction: convictions, link: matterConvictions, byName: users.name })
    .from(matterConvictions)
    .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
    .leftJoin(users, eq(users.id, matterConvictions.concludedBy))
    .where(eq(matterConvictions.matterId, row.id))
    .orderBy(asc(convictions.dispositionDate));
  const conflictCheck = { courts: [...new Set(linked.map((l) => `${l.conviction.courtName} (${l.conviction.courtLocality})`))], offices: [...new Set(linked.map((l) => l.conviction.prosecutingOffice))] };

  let matterConvictionItems: MatterConvictionItem[] = [];
  if (details && sees("criminal_court")) {
    const showScreens = side !== "prosecutor";
    const records = showScreens ? await recordsOf(db, survivor.id) : null;
    const pastDrafting = !["referred", "screening", "records_requested", "ineligible_now", "drafting", "survivor_review"].includes(row.status);
    const screens = records ? screenAll(survivor, records, pacificToday(), pastDrafting || null) : new Map<string, ConvictionScreen>();
    matterConvictionItems = linked.map(({ conviction, link, byName }) => ({
      ...openConviction(conviction),
      screen: screens.get(conviction.id) ?? null,
      conclusion:
        showScreens && link.conclusion && link.concludedAt
          ? {
              conclusion: link.conclusion,
              route: link.conclusionRoute,
              note: decryptField(link.conclusionNoteEnc, { field: "matter_convictions.conclusion_note", rowId: `${row.id}:${conviction.id}` }),
              byName,
              at: link.concludedAt,
              rulesetVersion: link.rulesetVersion,
            }
          : null,
    }));
  }

  const author = aliasedTable(users, "author");
  const [hearings, tasks, checklist, communications, hoursRows, noteRows, history] = await Promise.all([
    details ? db.select({ id: matterHearings.id, startsAt: matterHearings.startsAt, place: matterHearings.place }).from(matterHearings).where(eq(matterHearings.matterId, row.id)).orderBy(asc(matterHearings.startsAt)) : [],
    details && side !== "prosecutor" ? db.select({ id: matterTasks.id, kind: matterTasks.kind, dueOn: matterTasks.dueOn, completedAt: matterTasks.completedAt }).from(matterTasks).where(eq(matterTasks.matterId, row.id)) : [],
    details && side !== "prosecutor"
      ? db.select({ step: postOrderChecks.step, doneOn: postOrderChecks.doneOn, byName: users.name, note: postOrderChecks.note }).from(postOrderChecks).innerJoin(users, eq(users.id, postOrderChecks.recordedBy)).where(eq(postOrderChecks.matterId, row.id)).orderBy(asc(postOrderChecks.doneOn))
      : [],
    details
      ? db
          .select({ id: prosecutorCommunications.id, occurredOn: prosecutorCommunications.occurredOn, channel: prosecutorCommunications.channel, summaryEnc: prosecutorCommunications.summaryEnc, authorName: author.name, organizationName: organizations.name })
          .from(prosecutorCommunications)
          .innerJoin(author, eq(author.id, prosecutorCommunications.authorId))
          .innerJoin(organizations, eq(organizations.id, prosecutorCommunications.authorOrganizationId))
          .where(eq(prosecutorCommunications.matterId, row.id))
          .orderBy(desc(prosecutorCommunications.occurredOn), desc(prosecutorCommunications.createdAt))
      : [],
    abilities.viewHours
      ? db
          .select({ id: proBonoHours.id, workedOn: proBonoHours.workedOn, hundredths: proBonoHours.hundredths, activity: proBonoHours.activity, description: proBonoHours.description, attorneyName: users.name })
          .from(proBonoHours)
          .innerJoin(users, eq(users.id, proBonoHours.attorneyId))
          .where(eq(proBonoHours.matterId, row.id))
          .orderBy(desc(proBonoHours.workedOn))
      : null,
    abilities.attorneyNotes
      ? db.select({ id: matterNotes.id, bodyEnc: matterNotes.bodyEnc, authorName: users.name, createdAt: matterNotes.createdAt }).from(matterNotes).innerJoin(users, eq(users.id, matterNotes.authorId)).where(eq(matterNotes.matterId, row.id)).orderBy(desc(matterNotes.createdAt))
      : null,
    details && side !== "prosecutor"
      ? db
          .select({ id: survivorEvents.id, kind: survivorEvents.kind, occurredAt: survivorEvents.occurredAt, actorName: users.name, details: survivorEvents.details })
          .from(survivorEvents)
          .leftJoin(users, eq(users.id, survivorEvents.actorUserId))
          .where(and(eq(survivorEvents.survivorId, row.survivorId), sql`${survivorEvents.details}->>'matterId' = ${row.id}`))
          .orderBy(desc(survivorEvents.id))
          .limit(100)
      : [],
  ]);

  const [attorneyOptions, prosecutorOfficeOptions] = await Promise.all([
    abilities.assignAttorney ? attorneyOptionsFor(db, me, side, activeReleases) : [],
    abilities.recordNotice ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.type, "prosecutor_office"), eq(organizations.active, true))).orderBy(asc(organizations.name)) : [],
  ]);

  await recordAudit(db, {
    actor: auditActor(me),
    action: "matter.viewed",
    target: { type: "vacatur_matter", id: row.id },
    meta,
    details: { survivorId: row.survivorId, side, categories: [...categories].filter((c) => side === "owner" || sees(c)), details },
  });

  const countKeys = matterConvictionItems.flatMap((c) => c.counts.map((n) => ({ key: `${c.id}:${n.count}`, label: `${c.courtName} ${c.caseNumber}, count ${n.count}: ${n.offense}` })));
  return {
    id: row.id,
    version: row.version,
    side,
    abilities,
    status: row.status,
    statusNote: details && side !== "prosecutor" ? decryptField(row.statusNoteEnc, { field: `vacatur_matters.status_note.${row.version}`, rowId: row.id }) : null,
    statusChangedAt: row.statusChangedAt,
    lastActivityAt: row.lastActivityAt,
    survivor: {
      id: survivor.id,
      clientCode: survivor.clientCode,
      preferredName: side === "owner" || sees("identity_contact") ? survivor.preferredName : null,
      legalName: identity?.legalName ?? null,
      aliases: identity?.aliases ?? [],
    },
    categories: [...categories],
    legalOrganization: legal ?? null,
    attorney: attorney ?? null,
    conflictStatus: row.conflictStatus,
    conflictAttestedAt: row.conflictAttestedAt,
    revisitOn: row.revisitOn,
    blocker: details && side !== "prosecutor" ? decryptField(row.blockerEnc, { field: "vacatur_matters.blocker", rowId: row.id }) : null,
    filing: row.filedOn
      ? {
          filedOn: row.filedOn,
          court: row.filingCourt,
          caseNumber: details && legalOrProsecutorDetail ? decryptField(row.filingCaseNumberEnc, { field: "vacatur_matters.filing_case_number", rowId: row.id }) : null,
        }
      : null,
    order: row.orderOn && details ? { orderOn: row.orderOn, counts: row.orderCounts ?? [] } : null,
    prosecutor: {
      office: office ?? null,
      noticeOn: row.noticeOn,
      noticeMethod: row.noticeMethod,
      noticeGivenBy: row.noticeGivenBy,
      position: row.prosecutorPosition,
      positionRecordedAt: row.positionRecordedAt,
      communications: communications.map(({ summaryEnc, ...c }) => ({ ...c, summary: decryptField(summaryEnc, { field: "prosecutor_communications.summary", rowId: c.id }) ?? "" })),
    },
    conflictCheck,
    convictions: matterConvictionItems,
    hearings,
    tasks,
    checklist,
    hours: hoursRows ? { entries: hoursRows, totalHundredths: hoursRows.reduce((sum, h) => sum + h.hundredths, 0) } : null,
    notes: noteRows ? noteRows.map(({ bodyEnc, ...n }) => ({ ...n, body: decryptField(bodyEnc, { field: "matter_notes.body", rowId: n.id }) ?? "" })) : null,
    history,
    actions: abilities.moveAsAttorney ? availableMatterActions(row.status, "attorney") : [],
    ownerActions: abilities.moveAsOwner && !abilities.moveAsAttorney ? availableMatterActions(row.status, "owner") : [],
    countKeys,
    attorneyOptions,
    prosecutorOfficeOptions,
  };
}

/** Attorneys a lead can assign: their own organization's (legal lead), or any legal organization's a release covers (the survivor's lead). */
async function attorneyOptionsFor(db: Db, me: SessionUser, side: MatterSide, activeReleases: { recipientOrganizationId: string; categories: readonly ReleaseCategory[] }[]) {
  const covered = organizationsReleasedForMatter(activeReleases);
  const orgIds = side === "legal" ? [me.organizationId!].filter((o) => covered.has(o)) : [...covered];
  if (!orgIds.length) return [];
  return db
    .select({ id: users.id, name: users.name, organizationName: organizations.name })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(and(eq(users.role, "attorney"), eq(users.active, true), eq(organizations.active, true), eq(organizations.type, "legal_aid"), inArray(users.organizationId, orgIds)))
    .orderBy(asc(organizations.name), asc(users.name));
}

/** The matters of one survivor, for the survivor page (the survivor's side only). */
export async function listSurvivorMatters(me: SessionUser, survivorId: string, db: Db = getDb()) {
  assertCan(me, "matters.view");
  const { access } = await loadSurvivor(db, me, survivorId);
  if (!access.manage) return [];
  return db
    .select({ id: vacaturMatters.id, status: vacaturMatters.status, createdAt: vacaturMatters.createdAt, legalOrganizationName: organizations.name, attorneyName: users.name })
    .from(vacaturMatters)
    .leftJoin(organizations, eq(organizations.id, vacaturMatters.legalOrganizationId))
    .leftJoin(users, eq(users.id, vacaturMatters.attorneyId))
    .where(eq(vacaturMatters.survivorId, survivorId))
    .orderBy(desc(vacaturMatters.createdAt));
}

/** For the open-matter form: the survivor's convictions and the legal organizations a release covers. */
export async function getOpenMatterOptions(me: SessionUser, survivorId: string, db: Db = getDb()) {
  assertCan(me, "matters.open");
  const { row, activeReleases } = await loadSurvivor(db, me, survivorId, { manage: true });
  const [convictionRows, legalOrgs] = await Promise.all([
    db.select().from(convictions).where(eq(convictions.survivorId, row.id)).orderBy(desc(convictions.dispositionDate)),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(and(eq(organizations.type, "legal_aid"), eq(organizations.active, true))).orderBy(asc(organizations.name)),
  ]);
  const covered = organizationsReleasedForMatter(activeReleases);
  return {
    survivor: { id: row.id, clientCode: row.clientCode, preferredName: row.preferredName },
    convictions: convictionRows.map((c) => ({ id: c.id, label: `${c.courtName}, ${c.dispositionDate}: ${c.counts.map((n) => n.offense).join("; ")}` })),
    legalOrganizations: legalOrgs.map((o) => ({ ...o, covered: covered.has(o.id) })),
  };
}

/** The court-document data for one conviction of a matter (caption, names, counts). Audited. */
export async function getDocumentData(me: SessionUser, matterId: string, convictionId: string, form: "petition" | "order", meta: RequestMeta | null, db: Db = getDb()) {
  assertCan(me, "matters.work");
  const { row, abilities, categories } = await loadMatter(db, me, matterId);
  if (!abilities.generateDocuments || !categories.has("identity_contact") || !categories.has("criminal_court")) throw new AppError("not_found");
  const [linked] = await db
    .select({ conviction: convictions })
    .from(matterConvictions)
    .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
    .where(and(eq(matterConvictions.matterId, row.id), eq(matterConvictions.convictionId, convictionId)));
  if (!linked) throw new AppError("not_found");
  const [survivor] = await db.select().from(survivors).where(eq(survivors.id, row.survivorId));
  const conviction = openConviction(linked.conviction);
  const identity = openIdentity(survivor!);
  const [attorney] = row.attorneyId ? await db.select({ name: users.name }).from(users).where(eq(users.id, row.attorneyId)) : [];
  await recordAudit(db, {
    actor: auditActor(me),
    action: "matter.document_generated",
    target: { type: "vacatur_matter", id: row.id },
    meta,
    details: { survivorId: row.survivorId, convictionId, form },
  });
  return { conviction, defendantName: identity.legalName ?? survivor!.preferredName, attorneyName: attorney?.name ?? null, filedOn: row.filedOn };
}

export type HoursReport = {
  scope: "organization" | "own";
  from: string | null;
  to: string | null;
  byAttorney: { attorneyId: string; attorneyName: string; hundredths: number; matters: number; entries: number }[];
  byActivity: { activity: string; hundredths: number }[];
  totalHundredths: number;
};

/** Pro bono hours for bar and funder reporting: a legal organization's lead sees its attorneys; an attorney their own. */
export async function getHoursReport(me: SessionUser, range: { from: string | null; to: string | null }, db: Db = getDb()): Promise<HoursReport> {
  assertCan(me, "matters.hours");
  const scope = me.role === "program_lead" ? "organization" : "own";
  const conditions: SQL[] = [me.organizationId ? eq(proBonoHours.organizationId, me.organizationId) : sql`false`];
  if (scope === "own") conditions.push(eq(proBonoHours.attorneyId, me.id));
  if (range.from) conditions.push(gte(proBonoHours.workedOn, range.from));
  if (range.to) conditions.push(lte(proBonoHours.workedOn, range.to));
  const where = and(...conditions);
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
  return { scope, from: range.from, to: range.to, byAttorney, byActivity, totalHundredths: byAttorney.reduce((s, a) => s + a.hundredths, 0) };
}
