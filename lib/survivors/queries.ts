import { aliasedTable, and, asc, count, desc, eq, inArray, isNull, like, lt, sql, type SQL } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { survivorEvents, survivorNotes, survivors, survivorShares, transferRequests, type Demographics, type SafeContactPlan } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { SURVIVOR_ACCESS_ACTIONS, type AuditAction } from "../audit/actions";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan, canReadNote, canSeeAccessLog, releasesCovering, type SurvivorAccess } from "../auth/policy";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/sessions";
import { nameIndex, normalizeName } from "../crypto/fields";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import { COUNT_CAP, offsetFor, PAGE_SIZE, toCappedPage, type Page } from "../pagination";
import type { ReleaseCategory, RevocationMethod, ReleaseForm, ReleaseStatus } from "../releases/constants";
import { releaseStatus, expiresSoon } from "../releases/rules";
import type { RequestMeta } from "../request-meta";
import { escapeLike, isUuid } from "../validation";
import { loadSurvivor, managedSurvivors, releasedSurvivors } from "./access";
import type { NoteKind, NoteVisibility, ReferralSource, SurvivorSort, SurvivorStatus } from "./constants";
import { openIdentity, openNoteBody, type IdentityDetails } from "./identity";
import type { SurvivorFilters } from "./schema";

// Reads of survivor records. Lists are scoped in SQL by the same rules as survivorAccess; a single
// record goes through loadSurvivor, and every view writes an audit event naming any release relied on.

export type SurvivorListItem = {
  id: string;
  clientCode: string;
  /** null when the caller's access does not include identity (a release without that category) */
  preferredName: string | null;
  pronouns: string | null;
  status: SurvivorStatus;
  county: string | null;
  intakeDate: string;
  advocateName: string | null;
  organizationName: string | null;
  updatedAt: Date;
};

export type SurvivorListScope = "managed" | "released";

const ORDER: Record<SurvivorSort, SQL[]> = {
  // "C" collation: matches the list indexes (db/schema/survivors.ts)
  name: [sql`${survivors.preferredNameKey} collate "C" asc`, sql`${survivors.id} asc`],
  client_code: [sql`${survivors.clientCode} asc`],
  intake_newest: [sql`${survivors.intakeDate} desc`, sql`${survivors.id} desc`],
  updated: [sql`${survivors.updatedAt} desc`, sql`${survivors.id} desc`],
};

/**
 * A page of survivors: the caller's caseload (advocates) or organization (program leads), or the
 * records shared with the caller's organization under an active release. One query for the rows
 * (names joined in), one for the total; both use the list indexes.
 */
export async function listSurvivors(
  me: SessionUser,
  filters: SurvivorFilters,
  page: number,
  scope: SurvivorListScope,
  db: Db = getDb(),
): Promise<Page<SurvivorListItem>> {
  assertCan(me, "survivors.view");
  const today = pacificToday();
  const conditions: SQL[] = [scope === "managed" ? managedSurvivors(me) : releasedSurvivors(me, today)];
  if (filters.status !== "all") conditions.push(eq(survivors.status, filters.status));
  if (filters.county) conditions.push(eq(survivors.county, filters.county));
  if (filters.advocateId && scope === "managed") conditions.push(eq(survivors.assignedAdvocateId, filters.advocateId));
  if (filters.q) {
    // Each way of matching has its own index. One OR of them would make the planner walk the whole
    // name order at 100,000 records, so the exact look-ups (client code, legal name) run first; a
    // name prefix alone then stays a range of the list index, already in name order.
    const { exactIds, namePrefix } = await searchMatches(db, and(...conditions)!, filters.q, scope, me.organizationId);
    if (exactIds.length === 0 && !namePrefix) return toCappedPage([], 0, page);
    if (exactIds.length === 0) conditions.push(namePrefix!);
    else {
      const byName = namePrefix
        ? await db.select({ id: survivors.id }).from(survivors).where(and(...conditions, namePrefix)).limit(COUNT_CAP + 1)
        : [];
      conditions.push(inArray(survivors.id, [...new Set([...exactIds, ...byName.map((r) => r.id)])]));
    }
  }
  const where = and(...conditions);
  const advocate = aliasedTable(users, "advocate");
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: survivors.id,
        clientCode: survivors.clientCode,
        preferredName: survivors.preferredName,
        pronouns: survivors.pronouns,
        status: survivors.status,
        county: survivors.county,
        intakeDate: survivors.intakeDate,
        advocateName: advocate.name,
        organizationName: organizations.name,
        updatedAt: survivors.updatedAt,
      })
      .from(survivors)
      .innerJoin(advocate, eq(advocate.id, survivors.assignedAdvocateId))
      .innerJoin(organizations, eq(organizations.id, survivors.organizationId))
      .where(where)
      .orderBy(...ORDER[filters.sort])
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    // Counted up to a cap: an exact count of a 100,000-record organization costs more than the page.
    db
      .select({ total: count() })
      .from(db.select({ one: sql`1` }).from(survivors).where(where).limit(COUNT_CAP + 1).as("capped")),
  ]);
  const counted = totals?.total ?? 0;
  if (scope === "managed") return toCappedPage(rows.map((r) => ({ ...r, organizationName: null })), counted, page);

  // Released records: show a name only where a release covers identity, and never the owner's staff.
  const identityCovered = await releasedCategories(db, me, rows.map((r) => r.id), today);
  const items = rows.map((r) => {
    const identity = identityCovered.get(r.id)?.has("identity_contact") ?? false;
    return { ...r, preferredName: identity ? r.preferredName : null, pronouns: identity ? r.pronouns : null, advocateName: null, county: null };
  });
  return toCappedPage(items, counted, page);
}

/**
 * How a search matches survivors in `scope`: ids found by client code (exact, or a prefix starting
 * "CW-") and, for the records one manages, by exact legal name (blind index); plus the condition
 * for a preferred name starting with the text. Released records are found by client code only: a
 * name search would probe beyond what a release covers.
 */
async function searchMatches(
  db: Db,
  scope: SQL,
  q: string,
  kind: SurvivorListScope,
  organizationId: string | null,
): Promise<{ exactIds: string[]; namePrefix: SQL | null }> {
  const code = q.toUpperCase();
  const lookups: SQL[] = [/^CW-/.test(code) ? like(survivors.clientCode, `${escapeLike(code)}%`) : eq(survivors.clientCode, code)];
  const key = normalizeName(q);
  let namePrefix: SQL | null = null;
  if (kind === "managed" && organizationId) {
    lookups.push(and(eq(survivors.organizationId, organizationId), eq(survivors.legalNameIndex, nameIndex(q)))!);
    if (key) namePrefix = sql`${survivors.preferredNameKey} collate "C" like ${`${escapeLike(key)}%`}`;
  }
  const found = await Promise.all(
    lookups.map((lookup) => db.select({ id: survivors.id }).from(survivors).where(and(scope, lookup)).limit(COUNT_CAP + 1)),
  );
  return { exactIds: [...new Set(found.flat().map((row) => row.id))], namePrefix };
}

/** For each survivor, the categories released to the caller's organization today (one query). */
async function releasedCategories(db: Db, me: SessionUser, survivorIds: string[], today: string): Promise<Map<string, Set<ReleaseCategory>>> {
  const result = new Map<string, Set<ReleaseCategory>>();
  if (survivorIds.length === 0 || !me.organizationId) return result;
  const rows = await db
    .select({ survivorId: releases.survivorId, categories: releases.categories })
    .from(releases)
    .where(
      and(
        inArray(releases.survivorId, survivorIds),
        eq(releases.recipientOrganizationId, me.organizationId),
        isNull(releases.revokedAt),
        sql`${releases.signedOn} <= ${today} and ${releases.expiresOn} >= ${today}`,
      ),
    );
  for (const row of rows) {
    const set = result.get(row.survivorId) ?? new Set<ReleaseCategory>();
    row.categories.forEach((c) => set.add(c));
    result.set(row.survivorId, set);
  }
  return result;
}

export type AdvocateOption = { id: string; name: string };

/** Active advocates of the caller's organization (assignment, sharing, transfer requests, filters). */
export async function listAdvocateOptions(me: SessionUser, db: Db = getDb()): Promise<AdvocateOption[]> {
  assertCan(me, "survivors.manage");
  if (!me.organizationId) return [];
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, me.organizationId), eq(users.role, "advocate"), eq(users.active, true)))
    .orderBy(asc(users.name))
    .limit(500);
}

export type TransferRequestItem = {
  id: string;
  survivorId: string;
  clientCode: string;
  preferredName: string;
  currentAdvocateId: string;
  currentAdvocateName: string;
  requestedByName: string;
  requestedForId: string | null;
  requestedForName: string | null;
  reason: string;
  createdAt: Date;
  survivorVersion: number;
};

/** Open transfer requests in the lead's organization, oldest first. */
export async function listOpenTransferRequests(me: SessionUser, db: Db = getDb()): Promise<TransferRequestItem[]> {
  assertCan(me, "survivors.reassign");
  if (!me.organizationId) return [];
  const current = aliasedTable(users, "current_advocate");
  const requester = aliasedTable(users, "requester");
  const target = aliasedTable(users, "target");
  return db
    .select({
      id: transferRequests.id,
      survivorId: survivors.id,
      clientCode: survivors.clientCode,
      preferredName: survivors.preferredName,
      currentAdvocateId: survivors.assignedAdvocateId,
      currentAdvocateName: current.name,
      requestedByName: requester.name,
      requestedForId: transferRequests.requestedFor,
      requestedForName: target.name,
      reason: transferRequests.reason,
      createdAt: transferRequests.createdAt,
      survivorVersion: survivors.version,
    })
    .from(transferRequests)
    .innerJoin(survivors, eq(survivors.id, transferRequests.survivorId))
    .innerJoin(current, eq(current.id, survivors.assignedAdvocateId))
    .innerJoin(requester, eq(requester.id, transferRequests.requestedBy))
    .leftJoin(target, eq(target.id, transferRequests.requestedFor))
    .where(and(eq(transferRequests.organizationId, me.organizationId), eq(transferRequests.status, "open")))
    .orderBy(asc(transferRequests.createdAt))
    .limit(100);
}

// ---------------------------------------------------------------------------------------------
// One survivor

export type ReleaseItem = {
  id: string;
  recipientOrganizationId: string;
  recipientName: string;
  categories: ReleaseCategory[];
  purpose: string;
  form: ReleaseForm;
  signedOn: string;
  expiresOn: string;
  status: ReleaseStatus;
  expiresSoon: boolean;
  copyProvided: boolean;
  guardianName: string | null;
  createdByName: string;
  revokedAt: Date | null;
  revokedByName: string | null;
  revocationMethod: RevocationMethod | null;
  revocationNote: string | null;
};

export type NoteItem = {
  id: string;
  threadId: string;
  revision: number;
  kind: NoteKind;
  visibility: NoteVisibility;
  contactDate: string;
  body: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  createdAt: Date;
  superseded: boolean;
};

export type TimelineItem = {
  id: number;
  kind: string;
  occurredAt: Date;
  actorName: string | null;
  details: Record<string, unknown>;
  /** names of the users and organizations the details mention, by id */
  names: Record<string, string>;
  /** for note events: the note version, when the caller may read it */
  note: NoteItem | null;
};

export type SurvivorPage = {
  id: string;
  clientCode: string;
  access: { kind: SurvivorAccess["kind"]; manage: boolean; categories: ReleaseCategory[]; canSeeAccessLog: boolean };
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
  preferredName: string | null;
  pronouns: string | null;
  safeContact: (SafeContactPlan & { codeWord: string | null; doNotContact: string | null; languages: string[]; interpreterNeeded: boolean }) | null;
  identity: (Omit<IdentityDetails, "codeWord" | "doNotContact"> & { acpParticipant: boolean }) | null;
  summary: {
    status: SurvivorStatus;
    closedReason: string | null;
    statusChangedAt: Date;
    county: string | null;
    intakeDate: string;
    referralSource: ReferralSource | null;
    victimizationTypes: string[];
    demographics: Demographics;
    organizationId: string;
    assignedAdvocateId: string;
    assignedAdvocateName: string;
    sharedWith: AdvocateOption[];
  } | null;
  organizationName: string;
  releases: ReleaseItem[];
  /** notes shown outside the timeline: to release recipients with the case-notes category */
  sharedNotes: NoteItem[];
  timeline: TimelineItem[];
  timelineNextBefore: number | null;
};

const TIMELINE_PAGE = 50;

/**
 * Everything the survivor page shows, cut to the caller's access, and the audit event of this view
 * (survivor.viewed for the owning organization, survivor.disclosed naming the releases relied on
 * for anyone else).
 */
export async function getSurvivorPage(
  me: SessionUser,
  id: string,
  meta: RequestMeta | null,
  options: { timelineBefore?: number } = {},
  db: Db = getDb(),
): Promise<SurvivorPage> {
  assertCan(me, "survivors.view");
  const { row, access, activeReleases } = await loadSurvivor(db, me, id);
  const sees = (category: ReleaseCategory) => access.categories.has(category);
  const identity = sees("identity_contact") ? openIdentity(row) : null;
  const owner = access.manage;

  const [[names], releaseItems, sharedWith] = await Promise.all([
    db
      .select({
        organizationName: organizations.name,
        advocateName: sql<string>`(select u.name from users u where u.id = ${row.assignedAdvocateId})`,
        updatedByName: sql<string | null>`(select u.name from users u where u.id = ${row.updatedBy})`,
      })
      .from(organizations)
      .where(eq(organizations.id, row.organizationId)),
    owner ? listReleases(db, row.id) : Promise.resolve([]),
    owner
      ? db
          .select({ id: users.id, name: users.name })
          .from(survivorShares)
          .innerJoin(users, eq(users.id, survivorShares.userId))
          .where(eq(survivorShares.survivorId, row.id))
          .orderBy(asc(users.name))
      : Promise.resolve([]),
  ]);

  const timeline = owner ? await loadTimeline(db, me, access, row.id, options.timelineBefore) : { items: [], nextBefore: null };
  const sharedNotes = !owner && sees("case_notes") ? await loadSharedNotes(db, me, access, row.id) : [];

  const categories = [...access.categories];
  if (access.kind === "release") {
    const relied = new Set(categories.flatMap((c) => releasesCovering(me, c, activeReleases)));
    await recordView(db, me, "survivor.disclosed", row.id, meta, { releaseIds: [...relied], categories });
  } else {
    await recordView(db, me, "survivor.viewed", row.id, meta, { access: access.kind });
  }

  return {
    id: row.id,
    clientCode: row.clientCode,
    access: { kind: access.kind, manage: access.manage, categories, canSeeAccessLog: canSeeAccessLog(me, row) },
    version: row.version,
    updatedAt: row.updatedAt,
    updatedByName: names?.updatedByName ?? null,
    preferredName: identity || owner ? row.preferredName : null,
    pronouns: identity || owner ? row.pronouns : null,
    safeContact: identity
      ? {
          ...row.safeContact,
          codeWord: identity.codeWord,
          doNotContact: identity.doNotContact,
          languages: row.languages,
          interpreterNeeded: row.interpreterNeeded,
        }
      : null,
    identity: identity
      ? {
          legalName: identity.legalName,
          aliases: identity.aliases,
          dateOfBirth: identity.dateOfBirth,
          phone: identity.phone,
          email: identity.email,
          address: identity.address,
          acpParticipant: row.acpParticipant,
        }
      : null,
    summary: owner
      ? {
          status: row.status,
          closedReason: row.closedReason,
          statusChangedAt: row.statusChangedAt,
          county: row.county,
          intakeDate: row.intakeDate,
          referralSource: row.referralSource,
          victimizationTypes: row.victimizationTypes,
          demographics: row.demographics,
          organizationId: row.organizationId,
          assignedAdvocateId: row.assignedAdvocateId,
          assignedAdvocateName: names?.advocateName ?? "",
          sharedWith,
        }
      : null,
    organizationName: names?.organizationName ?? "",
    releases: releaseItems,
    sharedNotes,
    timeline: timeline.items,
    timelineNextBefore: timeline.nextBefore,
  };
}

async function recordView(db: Db, me: SessionUser, action: AuditAction, survivorId: string, meta: RequestMeta | null, details: Record<string, unknown>) {
  await recordAudit(db, { actor: auditActor(me), action, target: { type: "survivor", id: survivorId }, meta, details });
}

async function listReleases(db: Db, survivorId: string): Promise<ReleaseItem[]> {
  const creator = aliasedTable(users, "creator");
  const revoker = aliasedTable(users, "revoker");
  const rows: Omit<ReleaseItem, "status" | "expiresSoon">[] = await db
    .select({
      id: releases.id,
      recipientOrganizationId: releases.recipientOrganizationId,
      recipientName: organizations.name,
      categories: releases.categories,
      purpose: releases.purpose,
      form: releases.form,
      signedOn: releases.signedOn,
      expiresOn: releases.expiresOn,
      copyProvided: releases.copyProvided,
      guardianName: releases.guardianName,
      createdByName: creator.name,
      revokedAt: releases.revokedAt,
      revokedByName: revoker.name,
      revocationMethod: releases.revocationMethod,
      revocationNote: releases.revocationNote,
    })
    .from(releases)
    .innerJoin(organizations, eq(organizations.id, releases.recipientOrganizationId))
    .innerJoin(creator, eq(creator.id, releases.createdBy))
    .leftJoin(revoker, eq(revoker.id, releases.revokedBy))
    .where(eq(releases.survivorId, survivorId))
    .orderBy(desc(releases.signedOn), desc(releases.createdAt))
    .limit(200);
  const today = pacificToday();
  return rows.map((r) => ({ ...r, status: releaseStatus(r, today), expiresSoon: expiresSoon(r, today) }));
}

const noteColumns = {
  id: survivorNotes.id,
  threadId: survivorNotes.threadId,
  revision: survivorNotes.revision,
  kind: survivorNotes.kind,
  visibility: survivorNotes.visibility,
  contactDate: survivorNotes.contactDate,
  bodyEnc: survivorNotes.bodyEnc,
  authorId: survivorNotes.authorId,
  authorName: users.name,
  authorRole: survivorNotes.authorRole,
  authorOrganizationId: survivorNotes.authorOrganizationId,
  createdAt: survivorNotes.createdAt,
  supersededAt: survivorNotes.supersededAt,
};

type NoteRow = { [K in keyof typeof noteColumns]: unknown } & {
  id: string;
  threadId: string;
  revision: number;
  kind: NoteKind;
  visibility: NoteVisibility;
  contactDate: string;
  bodyEnc: string;
  authorId: string;
  authorName: string;
  authorRole: Role;
  authorOrganizationId: string | null;
  createdAt: Date;
  supersededAt: Date | null;
};

function readableNote(me: SessionUser, access: SurvivorAccess, note: NoteRow): NoteItem | null {
  const superseded = note.supersededAt !== null;
  if (!canReadNote(me, { ...note, superseded }, access)) return null;
  return {
    id: note.id,
    threadId: note.threadId,
    revision: note.revision,
    kind: note.kind,
    visibility: note.visibility,
    contactDate: note.contactDate,
    body: openNoteBody(note.id, note.bodyEnc),
    authorId: note.authorId,
    authorName: note.authorName,
    authorRole: note.authorRole,
    createdAt: note.createdAt,
    superseded,
  };
}

/** The timeline, newest first, a page at a time; note events carry the note when the caller may read it. */
async function loadTimeline(db: Db, me: SessionUser, access: SurvivorAccess, survivorId: string, before?: number) {
  const actor = aliasedTable(users, "actor");
  const rows = await db
    .select({
      id: survivorEvents.id,
      kind: survivorEvents.kind,
      occurredAt: survivorEvents.occurredAt,
      actorName: actor.name,
      details: survivorEvents.details,
    })
    .from(survivorEvents)
    .leftJoin(actor, eq(actor.id, survivorEvents.actorUserId))
    .where(and(eq(survivorEvents.survivorId, survivorId), before ? lt(survivorEvents.id, before) : undefined))
    .orderBy(desc(survivorEvents.id))
    .limit(TIMELINE_PAGE + 1);
  const page = rows.slice(0, TIMELINE_PAGE);

  const noteIds = page.map((e) => e.details.noteId).filter((v): v is string => typeof v === "string");
  const ids = new Set<string>();
  for (const event of page) {
    for (const key of ["advocateId", "fromAdvocateId", "toAdvocateId", "userId", "requestedFor", "recipientOrganizationId", "attorneyId", "legalOrganizationId", "prosecutorOfficeId"]) {
      const value = event.details[key];
      if (typeof value === "string" && isUuid(value)) ids.add(value);
    }
  }
  const [notes, people, orgs] = await Promise.all([
    noteIds.length
      ? db.select(noteColumns).from(survivorNotes).innerJoin(users, eq(users.id, survivorNotes.authorId)).where(inArray(survivorNotes.id, noteIds))
      : Promise.resolve([]),
    ids.size ? db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, [...ids])) : Promise.resolve([]),
    ids.size ? db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(inArray(organizations.id, [...ids])) : Promise.resolve([]),
  ]);
  const noteById = new Map(notes.map((n) => [n.id, n as NoteRow]));
  const names = Object.fromEntries([...people, ...orgs].map((p) => [p.id, p.name]));
  const items: TimelineItem[] = [];
  for (const event of page) {
    const noteId = event.details.noteId;
    if (typeof noteId === "string") {
      const note = noteById.get(noteId);
      const readable = note ? readableNote(me, access, note) : null;
      // A note the caller may not read leaves no trace on their timeline.
      if (!readable) continue;
      items.push({ ...event, names, note: readable });
    } else {
      items.push({ ...event, names, note: null });
    }
  }
  return { items, nextBefore: rows.length > TIMELINE_PAGE ? page[page.length - 1]!.id : null };
}

/** Current, normal-visibility notes for a release recipient with the case-notes category. */
async function loadSharedNotes(db: Db, me: SessionUser, access: SurvivorAccess, survivorId: string): Promise<NoteItem[]> {
  const rows = await db
    .select(noteColumns)
    .from(survivorNotes)
    .innerJoin(users, eq(users.id, survivorNotes.authorId))
    .where(and(eq(survivorNotes.survivorId, survivorId), isNull(survivorNotes.supersededAt), eq(survivorNotes.visibility, "normal")))
    .orderBy(desc(survivorNotes.createdAt))
    .limit(100);
  return rows.flatMap((n) => readableNote(me, access, n as NoteRow) ?? []);
}

/** The edit form's values (decrypted), for those who manage the record; audited as a view. */
export async function getSurvivorForEdit(me: SessionUser, id: string, meta: RequestMeta | null, db: Db = getDb()) {
  assertCan(me, "survivors.manage");
  const { row } = await loadSurvivor(db, me, id, { manage: true });
  const identity = openIdentity(row);
  await recordView(db, me, "survivor.viewed", row.id, meta, { access: "edit" });
  return {
    id: row.id,
    version: row.version,
    clientCode: row.clientCode,
    preferredName: row.preferredName,
    pronouns: row.pronouns ?? "",
    legalName: identity.legalName ?? "",
    aliases: identity.aliases.join("\n"),
    dateOfBirth: identity.dateOfBirth ?? "",
    phone: identity.phone ?? "",
    email: identity.email ?? "",
    address: identity.address ?? "",
    acpParticipant: row.acpParticipant,
    county: row.county ?? "",
    languages: row.languages.join(", "),
    interpreterNeeded: row.interpreterNeeded,
    referralSource: row.referralSource ?? "",
    victimizationTypes: row.victimizationTypes,
    genderIdentity: row.demographics.genderIdentity,
    raceEthnicity: row.demographics.raceEthnicity,
    ageBand: row.demographics.ageBand,
    contactChannels: row.safeContact.channels,
    safeTimes: row.safeContact.safeTimes ?? "",
    mayIdentifyAgency: row.safeContact.mayIdentifyAgency,
    codeWord: identity.codeWord ?? "",
    doNotContact: identity.doNotContact ?? "",
  };
}

// ---------------------------------------------------------------------------------------------
// Access transparency

export type AccessLogEntry = {
  id: number;
  occurredAt: Date;
  action: AuditAction;
  userName: string | null;
  role: Role | null;
  organizationName: string | null;
  releases: { id: string; recipientName: string; signedOn: string }[];
  detail: string | null;
};

/**
 * Every view, export and disclosure of this record, newest first (keyset pages), with the releases
 * each disclosure relied on. Only for the assigned advocate and the organization's program leads.
 */
export async function listAccessLog(
  me: SessionUser,
  survivorId: string,
  options: { before?: number; limit?: number } = {},
  db: Db = getDb(),
): Promise<{ clientCode: string; preferredName: string; entries: AccessLogEntry[]; nextBefore: number | null }> {
  assertCan(me, "survivors.manage");
  const { row } = await loadSurvivor(db, me, survivorId, { manage: true });
  if (!canSeeAccessLog(me, row)) throw new AppError("not_found");
  const limit = options.limit ?? 100;
  const rows = await db
    .select({
      id: auditEvents.id,
      occurredAt: auditEvents.occurredAt,
      action: auditEvents.action,
      userName: users.name,
      role: auditEvents.actorRole,
      organizationName: organizations.name,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .leftJoin(organizations, eq(organizations.id, auditEvents.actorOrganizationId))
    .where(
      and(
        eq(auditEvents.targetType, "survivor"),
        eq(auditEvents.targetId, row.id),
        inArray(auditEvents.action, [...SURVIVOR_ACCESS_ACTIONS]),
        options.before ? lt(auditEvents.id, options.before) : undefined,
      ),
    )
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const releaseIds = [...new Set(page.flatMap((r) => (Array.isArray(r.details.releaseIds) ? (r.details.releaseIds as string[]) : [])))].filter(isUuid);
  const releaseRows = releaseIds.length
    ? await db
        .select({ id: releases.id, recipientName: organizations.name, signedOn: releases.signedOn })
        .from(releases)
        .innerJoin(organizations, eq(organizations.id, releases.recipientOrganizationId))
        .where(and(inArray(releases.id, releaseIds), eq(releases.survivorId, row.id)))
    : [];
  const releaseById = new Map(releaseRows.map((r) => [r.id, r]));
  return {
    clientCode: row.clientCode,
    preferredName: row.preferredName,
    entries: page.map((r) => ({
      id: r.id,
      occurredAt: r.occurredAt,
      action: r.action as AuditAction,
      userName: r.userName,
      role: r.role,
      organizationName: r.organizationName,
      releases: (Array.isArray(r.details.releaseIds) ? (r.details.releaseIds as string[]) : []).flatMap((rid) => releaseById.get(rid) ?? []),
      detail: typeof r.details.access === "string" ? r.details.access : typeof r.details.what === "string" ? r.details.what : null,
    })),
    nextBefore: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export type RecipientOption = { id: string; name: string };

/** Organizations a release can name: every active partner except the survivor's own organization. */
export async function listRecipientOptions(me: SessionUser, db: Db = getDb()): Promise<RecipientOption[]> {
  assertCan(me, "survivors.manage");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(and(eq(organizations.active, true), sql`${organizations.id} is distinct from ${me.organizationId}`))
    .orderBy(asc(organizations.name))
    .limit(1000);
}

/** Code and name for the heading of a form about a survivor the caller manages (no details, so no view event). */
export async function getSurvivorHeading(me: SessionUser, id: string, db: Db = getDb()): Promise<{ id: string; clientCode: string; preferredName: string }> {
  assertCan(me, "survivors.manage");
  const { row } = await loadSurvivor(db, me, id, { manage: true });
  return { id: row.id, clientCode: row.clientCode, preferredName: row.preferredName };
}
