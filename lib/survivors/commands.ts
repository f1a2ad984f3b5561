import { randomUUID } from "node:crypto";
import { and, arrayOverlaps, desc, eq, or, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { clientCodeCounters, survivorEvents, survivorNotes, survivors, survivorShares, transferRequests, type SurvivorRow } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { auditActor, recordAudit } from "../audit/record";
import type { AuditAction } from "../audit/actions";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { identityIndex, nameIndex, normalizeName } from "../crypto/fields";
import { AppError, fieldError } from "../errors";
import { formatDateTime } from "../format";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { liveReleases } from "../releases/rules";
import { loadSurvivor, loadTransferSubject, survivorAccess } from "./access";
import type { SurvivorEventKind } from "./constants";
import { IDENTITY_FIELDS, openIdentity, sealIdentity, sealNoteBody, type IdentityDetails } from "./identity";
import {
  changeStatusSchema,
  declineTransferSchema,
  intakeSchema,
  noteSchema,
  openDuplicateSchema,
  reassignSchema,
  requestTransferSchema,
  shareSchema,
  updateSurvivorSchema,
  type ChangeStatusInput,
  type IntakeInput,
  type NoteInput,
  type ReassignInput,
  type RequestTransferInput,
  type ShareInput,
  type UpdateSurvivorData,
  type UpdateSurvivorInput,
} from "./schema";
import { idempotent } from "../idempotency";

// Writes to survivor records. Each command checks the permission and the record-level policy itself
// (loadSurvivor answers not_found for a record the caller may not manage), validates with the form's
// schema, and writes the change, its timeline event and its audit event in one transaction.

/** Appends to the survivor's timeline (ids and labels only, never the sensitive values). */
export async function addSurvivorEvent(
  db: Db,
  survivorId: string,
  kind: SurvivorEventKind,
  actorUserId: string | null,
  details: Record<string, unknown> = {},
  occurredAt?: Date,
): Promise<void> {
  await db.insert(survivorEvents).values({ survivorId, kind, actorUserId, details, ...(occurredAt ? { occurredAt } : {}) });
}

const SURVIVOR_NOUN = "survivor record";
const survivorTarget = (id: string) => ({ type: "survivor", id });

async function audit(db: Db, me: SessionUser, action: AuditAction, survivorId: string, meta: RequestMeta | null, details?: Record<string, unknown>) {
  await recordAudit(db, { actor: auditActor(me), action, target: survivorTarget(survivorId), meta, details });
}

/** The next client code for the year, e.g. CW-2026-00042 (a counter row per year, taken atomically). */
async function nextClientCode(db: Db, year: number): Promise<string> {
  const [row] = await db
    .insert(clientCodeCounters)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: clientCodeCounters.year, set: { last: sql`${clientCodeCounters.last} + 1` } })
    .returning({ last: clientCodeCounters.last });
  return `CW-${year}-${String(row!.last).padStart(5, "0")}`;
}

/** An active advocate of this organization, or a field error naming the problem. */
async function assertAdvocateOf(db: Db, organizationId: string, userId: string, field: string): Promise<{ id: string; name: string }> {
  const [advocate] = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId), eq(users.role, "advocate"), eq(users.active, true)))
    .limit(1);
  if (!advocate) throw fieldError(field, "Choose an active advocate of your organization.");
  return advocate;
}

// ---------------------------------------------------------------------------------------------
// Intake and duplicates

const NO_RELEASES = liveReleases([], "");

export type DuplicateMatch = {
  /** Always of the caller's own organization; opening it still goes through the policy. */
  survivorId: string;
  clientCode: string;
  reason: "identity" | "name";
  advocateName: string;
  /** Whether the caller may open the record; otherwise they can only ask for a transfer. */
  canOpen: boolean;
  /** Only for a record the caller may open. */
  preferredName: string | null;
};

/**
 * Possible duplicates within the caller's own organization: the same legal name and date of birth
 * (blind index), or a name that matches another record's preferred name, legal name or an alias after
 * normalization. Other organizations' records are never searched: telling one agency that another
 * serves this person would itself be a disclosure (VAWA).
 */
async function findDuplicates(
  db: Db,
  me: SessionUser,
  details: { preferredName: string; legalName: string | null; aliases: string[]; dateOfBirth: string | null },
): Promise<DuplicateMatch[]> {
  if (!me.organizationId) return [];
  const names = [details.preferredName, details.legalName, ...details.aliases].filter((n): n is string => Boolean(n && normalizeName(n)));
  const keys = [...new Set(names.map(normalizeName))];
  const indexes = [...new Set(names.map(nameIndex))];
  const identity = details.legalName && details.dateOfBirth ? identityIndex(details.legalName, details.dateOfBirth) : null;
  const matches = [
    sql`${survivors.preferredNameKey} in ${keys}`,
    arrayOverlaps(survivors.nameIndexes, indexes),
    ...(identity ? [eq(survivors.identityIndex, identity)] : []),
  ];
  const rows = await db
    .select({
      id: survivors.id,
      organizationId: survivors.organizationId,
      assignedAdvocateId: survivors.assignedAdvocateId,
      clientCode: survivors.clientCode,
      preferredName: survivors.preferredName,
      identityIndex: survivors.identityIndex,
      advocateName: users.name,
      shared: sql<boolean>`exists (select 1 from ${survivorShares} where ${survivorShares.survivorId} = ${survivors.id} and ${survivorShares.userId} = ${me.id})`,
    })
    .from(survivors)
    .innerJoin(users, eq(users.id, survivors.assignedAdvocateId))
    .where(and(eq(survivors.organizationId, me.organizationId), or(...matches)))
    .orderBy(survivors.clientCode)
    .limit(20);
  return rows.map((row) => {
    // Only records of the caller's own organization are searched, so releases never come into it.
    const access = survivorAccess(me, row, { sharedWithMe: row.shared, releases: NO_RELEASES });
    return {
      survivorId: row.id,
      clientCode: row.clientCode,
      reason: identity && row.identityIndex === identity ? "identity" : "name",
      advocateName: row.advocateName,
      canOpen: access !== null,
      preferredName: access ? row.preferredName : null,
    };
  });
}

// Arbitrary: the first half of the intake lock's key (the organization's hash is the second).
const INTAKE_LOCK = 7_312_027;

/**
 * Intakes in one organization take turns from the duplicate check to the commit, so two people
 * entering the same survivor at once cannot both be told "no duplicates" (on PostgreSQL each would
 * otherwise check before the other's record is committed). Released when the transaction ends.
 */
async function lockIntake(db: Db, organizationId: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(${INTAKE_LOCK}::int, hashtext(${organizationId}::text))`);
}

type IntakeResult =
  | { status: "duplicates"; duplicates: DuplicateMatch[] }
  | { status: "created"; id: string; clientCode: string };

export async function createSurvivor(me: SessionUser, input: IntakeInput, meta: RequestMeta, db: Db = getDb()): Promise<IntakeResult> {
  assertCan(me, "survivors.manage");
  const data = parseInput(intakeSchema, input);
  const organizationId = me.organizationId;
  if (!organizationId) throw new AppError("forbidden");
  return idempotent(db, me, "survivors.intake", data, async (tx) => {
    let advocateId = me.id;
    if (me.role === "program_lead") {
      if (!data.assignedAdvocateId) throw fieldError("assignedAdvocateId", "Choose the advocate who will work with this survivor.");
      advocateId = (await assertAdvocateOf(tx, organizationId, data.assignedAdvocateId, "assignedAdvocateId")).id;
    }
    await lockIntake(tx, organizationId);
    const duplicates = await findDuplicates(tx, me, data);
    if (duplicates.length > 0 && data.duplicateDecision !== "create_anyway") {
      return { status: "duplicates", duplicates };
    }

    const id = randomUUID();
    const year = Number(data.intakeDate.slice(0, 4));
    const clientCode = await nextClientCode(tx, year);
    await tx.insert(survivors).values({
      id,
      organizationId,
      clientCode,
      ...recordColumns(id, organizationId, data),
      intakeDate: data.intakeDate,
      assignedAdvocateId: advocateId,
      createdBy: me.id,
      updatedBy: me.id,
    });
    await addSurvivorEvent(tx, id, "intake", me.id, { advocateId });
    await audit(tx, me, "survivor.created", id, meta, { assignedAdvocateId: advocateId });
    if (duplicates.length > 0) {
      // The advocate saw possible duplicates and chose a new record: say which, for a later merge review.
      await audit(tx, me, "survivor.duplicate_overridden", id, meta, { possibleDuplicateIds: duplicates.map((d) => d.survivorId) });
    }
    return { status: "created", id, clientCode };
  }, { saved: (result) => result.status === "created" });
}

/** The advocate chose to open an existing record rather than create a duplicate: audited. */
export async function openDuplicate(me: SessionUser, input: { survivorId: string }, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(openDuplicateSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    await audit(tx, me, "survivor.duplicate_opened", row.id, meta);
    return { id: row.id };
  });
}

/** The columns every create and update writes from the form's fields. */
function recordColumns(id: string, organizationId: string, data: Omit<UpdateSurvivorData, "id" | "version">) {
  return {
    preferredName: data.preferredName,
    preferredNameKey: normalizeName(data.preferredName),
    pronouns: data.pronouns,
    ...sealIdentity(id, organizationId, identityOf(data)),
    acpParticipant: data.acpParticipant,
    county: data.county,
    languages: data.languages,
    interpreterNeeded: data.interpreterNeeded,
    referralSource: data.referralSource,
    victimizationTypes: data.victimizationTypes,
    demographics: { genderIdentity: data.genderIdentity, raceEthnicity: data.raceEthnicity, ageBand: data.ageBand },
    safeContact: { channels: data.contactChannels, safeTimes: data.safeTimes, mayIdentifyAgency: data.mayIdentifyAgency },
  };
}

function identityOf(data: Omit<UpdateSurvivorData, "id" | "version">): IdentityDetails {
  return {
    legalName: data.legalName,
    aliases: data.aliases,
    dateOfBirth: data.dateOfBirth,
    phone: data.phone,
    email: data.email,
    address: data.address,
    codeWord: data.codeWord,
    doNotContact: data.doNotContact,
  };
}

// ---------------------------------------------------------------------------------------------
// Edits, status, assignment

/** Field names that changed (values are never put in the audit trail or the timeline). */
function changedFields(current: SurvivorRow, data: UpdateSurvivorData): string[] {
  const before = openIdentity(current);
  const after = identityOf(data);
  const changed: string[] = IDENTITY_FIELDS.filter((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  const plain: [string, unknown, unknown][] = [
    ["preferredName", current.preferredName, data.preferredName],
    ["pronouns", current.pronouns, data.pronouns],
    ["acpParticipant", current.acpParticipant, data.acpParticipant],
    ["county", current.county, data.county],
    ["languages", current.languages, data.languages],
    ["interpreterNeeded", current.interpreterNeeded, data.interpreterNeeded],
    ["referralSource", current.referralSource, data.referralSource],
    ["victimizationTypes", [...current.victimizationTypes].sort(), [...data.victimizationTypes].sort()],
    ["demographics", current.demographics, { genderIdentity: data.genderIdentity, raceEthnicity: data.raceEthnicity, ageBand: data.ageBand }],
    ["safeContact", current.safeContact, { channels: data.contactChannels, safeTimes: data.safeTimes, mayIdentifyAgency: data.mayIdentifyAgency }],
  ];
  for (const [name, a, b] of plain) if (JSON.stringify(a ?? null) !== JSON.stringify(b ?? null)) changed.push(name);
  return changed;
}

export async function updateSurvivor(me: SessionUser, input: UpdateSurvivorInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(updateSurvivorSchema, input);
  return db.transaction(async (tx) => {
    const { row: current } = await loadSurvivor(tx, me, data.id, { forUpdate: true, manage: true });
    const fields = changedFields(current, data);
    return writeVersioned(tx, survivors, {
      noun: SURVIVOR_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      changes: fields.length ? recordColumns(current.id, current.organizationId, data) : null,
      audit: { action: "survivor.updated", target: survivorTarget(current.id), meta, details: { fields } },
      after: () => addSurvivorEvent(tx, current.id, "details_updated", me.id, { fields }),
    });
  });
}

export async function changeSurvivorStatus(me: SessionUser, input: ChangeStatusInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(changeStatusSchema, input);
  return db.transaction(async (tx) => {
    const { row: current } = await loadSurvivor(tx, me, data.id, { forUpdate: true, manage: true });
    const closedReason = data.status === "closed" ? data.closedReason : null;
    const now = new Date();
    return writeVersioned(tx, survivors, {
      noun: SURVIVOR_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: current.status === data.status ? null : { status: data.status, closedReason, statusChangedAt: now },
      audit: { action: "survivor.status_changed", target: survivorTarget(current.id), meta, details: { fields: ["status", "closedReason"] } },
      after: () => addSurvivorEvent(tx, current.id, "status_changed", me.id, { from: current.status, to: data.status, reason: closedReason }),
    });
  });
}

/** A program lead moves a survivor to another advocate of the organization (optionally answering a request). */
export async function reassignSurvivor(me: SessionUser, input: ReassignInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "survivors.reassign");
  const data = parseInput(reassignSchema, input);
  return db.transaction(async (tx) => {
    const { row: current } = await loadSurvivor(tx, me, data.id, { forUpdate: true, manage: true });
    await assertVersion(tx, survivors, SURVIVOR_NOUN, current, data.version);
    const advocate = await assertAdvocateOf(tx, current.organizationId, data.advocateId, "advocateId");
    if (advocate.id === current.assignedAdvocateId) throw fieldError("advocateId", `${advocate.name} is already this survivor's advocate.`);
    const now = new Date();
    const ids = { fromAdvocateId: current.assignedAdvocateId, toAdvocateId: advocate.id, transferRequestId: data.transferRequestId ?? null };
    return writeVersioned(tx, survivors, {
      noun: SURVIVOR_NOUN,
      current,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { assignedAdvocateId: advocate.id },
      audit: { action: "survivor.reassigned", target: survivorTarget(current.id), meta, details: ids },
      after: async () => {
        // Any request about this survivor is settled by the move.
        await tx
          .update(transferRequests)
          .set({ status: "completed", resolvedBy: me.id, resolvedAt: now })
          .where(and(eq(transferRequests.survivorId, current.id), eq(transferRequests.status, "open")));
        await addSurvivorEvent(tx, current.id, "transferred", me.id, ids);
      },
    });
  });
}

/**
 * An advocate asks their program lead to move a survivor: one on their caseload to someone else, or
 * (after intake found a duplicate on a colleague's caseload) to themselves.
 */
export async function requestTransfer(me: SessionUser, input: RequestTransferInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(requestTransferSchema, input);
  return idempotent(db, me, "survivors.transfer_request", data, async (tx) => {
    const row = await loadTransferSubject(tx, me, data.survivorId, data.requestedFor);
    if (data.requestedFor) {
      const advocate = await assertAdvocateOf(tx, row.organizationId, data.requestedFor, "requestedFor");
      if (advocate.id === row.assignedAdvocateId) throw fieldError("requestedFor", `${advocate.name} is already this survivor's advocate.`);
    }
    // One request waits at a time (a partial unique index holds it when two are sent at once).
    const [open] = await tx
      .select({ requestedBy: transferRequests.requestedBy })
      .from(transferRequests)
      .where(and(eq(transferRequests.survivorId, row.id), eq(transferRequests.status, "open")))
      .limit(1);
    if (open) throw transferAlreadyWaiting(open.requestedBy === me.id);
    const [created] = await tx
      .insert(transferRequests)
      .values({ survivorId: row.id, organizationId: row.organizationId, requestedBy: me.id, requestedFor: data.requestedFor, reason: data.reason })
      .returning({ id: transferRequests.id })
      .catch((error: unknown) => {
        throw isUniqueViolation(error, "transfer_requests_one_open") ? transferAlreadyWaiting(false) : error;
      });
    await addSurvivorEvent(tx, row.id, "transfer_requested", me.id, { requestedFor: data.requestedFor, requestId: created!.id });
    await audit(tx, me, "survivor.transfer_requested", row.id, meta, { requestedForId: data.requestedFor, requestId: created!.id });
    return { id: created!.id };
  });
}

function transferAlreadyWaiting(mine: boolean): AppError {
  return new AppError(
    "conflict",
    mine
      ? "You already asked for this survivor to be transferred; your program lead has not decided yet."
      : "A transfer request for this survivor is already waiting for your program lead to decide.",
  );
}

export async function declineTransfer(me: SessionUser, input: { id: string }, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "survivors.reassign");
  const data = parseInput(declineTransferSchema, input);
  await db.transaction(async (tx) => {
    const [request] = await tx
      .select()
      .from(transferRequests)
      .where(and(eq(transferRequests.id, data.id), eq(transferRequests.organizationId, me.organizationId ?? "")))
      .for("update")
      .limit(1);
    if (!request) throw new AppError("not_found");
    await loadSurvivor(tx, me, request.survivorId, { manage: true });
    if (request.status !== "open") throw new AppError("conflict", "This request was already decided.");
    await tx.update(transferRequests).set({ status: "declined", resolvedBy: me.id, resolvedAt: new Date() }).where(eq(transferRequests.id, request.id));
    await addSurvivorEvent(tx, request.survivorId, "transfer_declined", me.id, { requestId: request.id });
    await audit(tx, me, "survivor.transfer_declined", request.survivorId, meta, { requestId: request.id });
  });
}

/** A program lead shares a survivor with another advocate of the organization, or stops sharing. */
export async function setSurvivorShare(me: SessionUser, input: ShareInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "survivors.reassign");
  const data = parseInput(shareSchema, input);
  await db.transaction(async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { forUpdate: true, manage: true });
    if (data.share) {
      const advocate = await assertAdvocateOf(tx, row.organizationId, data.userId, "userId");
      if (advocate.id === row.assignedAdvocateId) throw fieldError("userId", `${advocate.name} is the assigned advocate already.`);
      const inserted = await tx
        .insert(survivorShares)
        .values({ survivorId: row.id, userId: advocate.id, grantedBy: me.id })
        .onConflictDoNothing()
        .returning({ userId: survivorShares.userId });
      if (inserted.length === 0) return;
    } else {
      const removed = await tx
        .delete(survivorShares)
        .where(and(eq(survivorShares.survivorId, row.id), eq(survivorShares.userId, data.userId)))
        .returning({ userId: survivorShares.userId });
      if (removed.length === 0) return;
    }
    await addSurvivorEvent(tx, row.id, data.share ? "shared" : "unshared", me.id, { userId: data.userId });
    await audit(tx, me, data.share ? "survivor.shared" : "survivor.unshared", row.id, meta, { userId: data.userId });
  });
}

// ---------------------------------------------------------------------------------------------
// Notes

/**
 * Adds a note, or a correction of one: corrections are new versions in the same thread (the author's
 * own notes only, against the latest version they saw); nothing is ever edited in place.
 */
export async function addNote(me: SessionUser, input: NoteInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string; threadId: string; revision: number }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(noteSchema, input);
  return idempotent(db, me, "survivors.note", data, async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    let threadId: string = randomUUID();
    let revision = 1;
    const now = new Date();
    if (data.correctsThreadId) {
      const [latest] = await tx
        .select()
        .from(survivorNotes)
        .where(and(eq(survivorNotes.threadId, data.correctsThreadId), eq(survivorNotes.survivorId, row.id)))
        .orderBy(desc(survivorNotes.revision))
        .for("update")
        .limit(1);
      if (!latest || latest.authorId !== me.id) throw new AppError("not_found", "That note was not found, or it is not yours to correct.");
      if (data.correctsRevision && latest.revision !== data.correctsRevision) {
        throw new AppError("conflict", `This note was already corrected at ${formatDateTime(latest.createdAt)}. Reload to see the latest version; your text is still in the form.`);
      }
      threadId = latest.threadId;
      revision = latest.revision + 1;
      await tx.update(survivorNotes).set({ supersededAt: now }).where(eq(survivorNotes.id, latest.id));
    }
    const id = randomUUID();
    await tx.insert(survivorNotes).values({
      id,
      survivorId: row.id,
      threadId,
      revision,
      kind: data.kind,
      visibility: data.visibility,
      contactDate: data.contactDate,
      bodyEnc: sealNoteBody(id, data.body),
      authorId: me.id,
      authorRole: me.role,
      authorOrganizationId: me.organizationId,
      createdAt: now,
    });
    const details = { noteId: id, threadId, revision, kind: data.kind, visibility: data.visibility };
    await addSurvivorEvent(tx, row.id, revision === 1 ? "note_added" : "note_corrected", me.id, details, now);
    await audit(tx, me, revision === 1 ? "survivor.note_added" : "survivor.note_corrected", row.id, meta, { noteId: id, threadId });
    return { id, threadId, revision };
  });
}
