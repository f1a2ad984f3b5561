import { randomUUID } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import {
  convictions,
  matterConvictions,
  matterHearings,
  matterNotes,
  matterTasks,
  postOrderChecks,
  proBonoHours,
  prosecutorCommunications,
  vacaturMatters,
  type MatterRow,
} from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import type { AuditAction } from "../audit/actions";
import { assertCan } from "../auth/policy";
import { releasesCovering } from "../releases/rules";
import type { SessionUser } from "../auth/sessions";
import { encryptField } from "../crypto/fields";
import { AppError, fieldError } from "../errors";
import { pacificDateTime, pacificToday } from "../format";
import { activeStaffOf, notify } from "../notifications/commands";
import type { RequestMeta } from "../request-meta";
import { loadSurvivor } from "../survivors/access";
import { addSurvivorEvent } from "../survivors/commands";
import type { SurvivorEventKind } from "../survivors/constants";
import { isUniqueViolation, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { loadMatter, MATTER_RELEASE_CATEGORIES, matterRefusal, matterSuspension } from "./access";
import { CLOSED_MATTER_STATUSES, MATTER_STATUS_LABELS, POST_ORDER_STEP_LABELS, PROSECUTOR_POSITION_LABELS, VERIFICATION_STEPS, type MatterStatus } from "./constants";
import { MATTER_TRANSITIONS, checkMatterTransition, type MatterActor, type MatterFacts } from "./machine";
import { RULESET_VERSION } from "./rules/screen";
import {
  addCommunicationSchema,
  addMatterNoteSchema,
  assignAttorneySchema,
  attestConflictSchema,
  logHoursSchema,
  openMatterSchema,
  recordChecklistSchema,
  recordConclusionSchema,
  recordNoticeSchema,
  recordPositionSchema,
  transitionMatterSchema,
  type AddCommunicationInput,
  type AddMatterNoteInput,
  type AssignAttorneyInput,
  type AttestConflictInput,
  type LogHoursInput,
  type OpenMatterInput,
  type RecordChecklistInput,
  type RecordConclusionInput,
  type RecordNoticeInput,
  type RecordPositionInput,
  type TransitionMatterInput,
} from "./schema";
import { idempotent } from "../idempotency";

// Writes to vacatur matters. Every command loads the matter through matterAccess (loadMatter: not found
// for anyone on no side; refused, saying why, without the ability it needs — a suspended matter refuses
// every legal-side write), saves versioned changes through writeVersioned, and commits the change, the
// survivor's timeline event, the audit event and the notifications together. The timeline tells the
// story; the audit trail keeps ids and field names only. Notification texts carry client codes and
// organizations only.

function sealMatterText(rowId: string, field: string, value: string | null): string | null {
  return encryptField(value, { field, rowId });
}

const MATTER_NOUN = "vacatur matter";

type AuditIds = Record<string, string | string[] | null>;

/** The audit event of a matter write: ids and field names only. */
function matterAudit(row: { id: string; survivorId: string }, action: AuditAction, ids: AuditIds, meta: RequestMeta) {
  return { action, target: { type: "vacatur_matter", id: row.id }, meta, details: { survivorId: row.survivorId, ...ids } };
}

/** The survivor's timeline entry (the whole story, for the survivor's own organization) and the audit event (ids only). */
async function logEvent(db: Db, me: SessionUser, row: { id: string; survivorId: string }, kind: SurvivorEventKind | null, action: AuditAction, ids: AuditIds, story: Record<string, unknown>, meta: RequestMeta) {
  if (kind) await addSurvivorEvent(db, row.survivorId, kind, me.id, { matterId: row.id, ...ids, ...story });
  await recordAudit(db, { actor: auditActor(me), ...matterAudit(row, action, ids, meta) });
}

async function legalNameOf(db: Db, row: MatterRow): Promise<string | null> {
  if (!row.legalOrganizationId) return null;
  const [legal] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.legalOrganizationId));
  return legal?.name ?? null;
}

async function touch(db: Db, id: string) {
  await db.update(vacaturMatters).set({ lastActivityAt: new Date() }).where(eq(vacaturMatters.id, id));
}

async function clientCodeOf(db: Db, survivorId: string): Promise<string> {
  const [row] = await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, survivorId));
  return row?.clientCode ?? "a survivor";
}

async function ownerStaff(db: Db, survivorId: string, organizationId: string): Promise<string[]> {
  const [row] = await db.select({ advocateId: survivors.assignedAdvocateId }).from(survivors).where(eq(survivors.id, survivorId));
  return [...(row ? [row.advocateId] : []), ...(await activeStaffOf(db, organizationId, ["program_lead"]))];
}

function assertOpen(row: MatterRow) {
  if (CLOSED_MATTER_STATUSES.includes(row.status)) throw new AppError("conflict", "This matter is closed; nothing more can be recorded on it.");
}

/**
 * One open matter per conviction (a partial unique index on matter_convictions holds it under parallel
 * submits; withdrawing or closing a matter frees its convictions). Names the taken conviction when it can.
 */
function convictionInOpenMatter(taken?: { courtName: string; dispositionDate: string }): AppError {
  const which = taken ? `The ${taken.courtName} conviction of ${taken.dispositionDate}` : "A chosen conviction";
  return fieldError("convictionIds", `${which} already has an open vacatur matter. Work on that matter, or withdraw it first.`);
}

async function assertNoOpenMatter(db: Db, convictionIds: string[]): Promise<void> {
  const [taken] = await db
    .select({ courtName: convictions.courtName, dispositionDate: convictions.dispositionDate })
    .from(matterConvictions)
    .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
    .where(and(inArray(matterConvictions.convictionId, convictionIds), eq(matterConvictions.open, true)))
    .limit(1);
  if (taken) throw convictionInOpenMatter(taken);
}

/** An advocate (or lead) opens a matter for a survivor they manage and the convictions to include. */
export async function openMatter(me: SessionUser, input: OpenMatterInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  assertCan(me, "matters.open");
  const data = parseInput(openMatterSchema, input);
  return idempotent(db, me, "matters.open", data, async (tx) => {
    const { row: survivor, releases } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    const found = await tx
      .select({ id: convictions.id })
      .from(convictions)
      .where(and(eq(convictions.survivorId, survivor.id), inArray(convictions.id, data.convictionIds)));
    if (found.length !== data.convictionIds.length) throw fieldError("convictionIds", "Choose convictions recorded for this survivor.");
    await assertNoOpenMatter(tx, data.convictionIds);
    let releaseId: string | null = null;
    if (data.legalOrganizationId) {
      const [legal] = await tx.select().from(organizations).where(eq(organizations.id, data.legalOrganizationId));
      if (!legal || !legal.active || legal.type !== "legal_aid") throw fieldError("legalOrganizationId", "Choose an active legal organization.");
      const covering = releasesCovering(releases, legal.id, MATTER_RELEASE_CATEGORIES);
      if (!covering.length) {
        throw fieldError(
          "legalOrganizationId",
          `No active release lets ${legal.name} see the survivor's identity and criminal-history records. Record a release first, or open the matter without a legal organization for now.`,
        );
      }
      releaseId = covering[0]!.id;
    }
    const id = randomUUID();
    const now = new Date();
    await tx.insert(vacaturMatters).values({
      id,
      survivorId: survivor.id,
      organizationId: survivor.organizationId,
      legalOrganizationId: data.legalOrganizationId,
      releaseId,
      status: "referred",
      statusChangedAt: now,
      lastActivityAt: now,
      openedBy: me.id,
      updatedBy: me.id,
      createdAt: now,
    });
    await tx
      .insert(matterConvictions)
      .values(data.convictionIds.map((convictionId) => ({ matterId: id, convictionId })))
      .catch((error: unknown) => {
        throw isUniqueViolation(error, "matter_convictions_one_open_matter") ? convictionInOpenMatter() : error;
      });
    await logEvent(tx, me, { id, survivorId: survivor.id }, "matter_opened", "matter.opened", { legalOrganizationId: data.legalOrganizationId, releaseId, convictionIds: data.convictionIds }, {}, meta);
    if (data.legalOrganizationId) {
      await notify(tx, await activeStaffOf(tx, data.legalOrganizationId, ["program_lead"]), `New vacatur matter for ${survivor.clientCode} from ${me.organizationName ?? "a partner"}: assign an attorney.`, `/matters/${id}`);
    }
    return { id };
  });
}

/** A program lead (of the survivor's organization, or of the legal organization) assigns an attorney. */
export async function assignAttorney(me: SessionUser, input: AssignAttorneyInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.assign");
  const data = parseInput(assignAttorneySchema, input);
  return db.transaction(async (tx) => {
    const { row, access, releases } = await loadMatter(tx, me, data.id, { forUpdate: true, need: "assignAttorney" });
    await assertVersion(tx, vacaturMatters, MATTER_NOUN, row, data.version);
    assertOpen(row);
    const [attorney] = await tx
      .select({ id: users.id, name: users.name, role: users.role, active: users.active, organizationId: users.organizationId, orgType: organizations.type, orgName: organizations.name, orgActive: organizations.active })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(users.id, data.attorneyId));
    if (!attorney || attorney.role !== "attorney" || !attorney.active || !attorney.orgActive || attorney.orgType !== "legal_aid") {
      throw fieldError("attorneyId", "Choose an active attorney of a legal organization.");
    }
    if (access.side === "legal" && attorney.organizationId !== me.organizationId) throw fieldError("attorneyId", "Choose an attorney of your organization.");
    const covering = releasesCovering(releases, attorney.organizationId, MATTER_RELEASE_CATEGORIES);
    if (!covering.length) {
      throw fieldError("attorneyId", `No active release lets ${attorney.orgName} see the survivor's identity and criminal-history records. The survivor's advocate must record one first.`);
    }
    const ids = { attorneyId: attorney.id, legalOrganizationId: attorney.organizationId, releaseId: covering[0]!.id };
    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      changes: { legalOrganizationId: attorney.organizationId, attorneyId: attorney.id, conflictStatus: "pending", conflictAttestedAt: null, releaseId: covering[0]!.id, lastActivityAt: new Date() },
      audit: matterAudit(row, "matter.attorney_assigned", ids, meta),
      after: async () => {
        await addSurvivorEvent(tx, row.survivorId, "matter_attorney_assigned", me.id, { matterId: row.id, ...ids });
        await notify(tx, [attorney.id], `You were assigned a vacatur matter for ${await clientCodeOf(tx, row.survivorId)}. Confirm you have no conflict of interest to see its details.`, `/matters/${row.id}`);
      },
    });
    return { version };
  });
}

/** The assigned attorney attests to no conflict of interest (then sees the details), or declines. */
export async function attestConflict(me: SessionUser, input: AttestConflictInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(attestConflictSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadMatter(tx, me, data.id, { forUpdate: true, need: "attestConflict" });
    const now = new Date();
    const cleared = data.decision === "no_conflict";
    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      changes: cleared ? { conflictStatus: "cleared", conflictAttestedAt: now, lastActivityAt: now } : { attorneyId: null, conflictStatus: null, conflictAttestedAt: null, lastActivityAt: now },
      audit: matterAudit(row, cleared ? "matter.conflict_cleared" : "matter.conflict_declined", { attorneyId: me.id }, meta),
      after: async () => {
        await addSurvivorEvent(tx, row.survivorId, cleared ? "matter_conflict_cleared" : "matter_conflict_declined", me.id, { matterId: row.id, attorneyId: me.id });
        if (cleared) return;
        const code = await clientCodeOf(tx, row.survivorId);
        const leads = [...(await activeStaffOf(tx, me.organizationId!, ["program_lead"])), ...(await activeStaffOf(tx, row.organizationId, ["program_lead"]))];
        await notify(tx, leads, `The attorney assigned to the vacatur matter for ${code} declined (conflict of interest). Assign another attorney.`, `/matters/${row.id}`);
      },
    });
    return { version };
  });
}

/** The "convictionId:count" keys of every count a matter covers. */
async function matterCountKeys(db: Db, matterId: string): Promise<string[]> {
  const rows = await db
    .select({ id: convictions.id, counts: convictions.counts })
    .from(matterConvictions)
    .innerJoin(convictions, eq(convictions.id, matterConvictions.convictionId))
    .where(eq(matterConvictions.matterId, matterId));
  return rows.flatMap((r) => r.counts.map((c) => `${r.id}:${c.count}`));
}

async function verificationCount(db: Db, matterId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(postOrderChecks)
    .where(and(eq(postOrderChecks.matterId, matterId), inArray(postOrderChecks.step, [...VERIFICATION_STEPS])));
  return row?.n ?? 0;
}

/** Moves a matter through its state machine, with the facts the move needs. */
export async function transitionMatter(me: SessionUser, input: TransitionMatterInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number; status: MatterStatus }> {
  assertCan(me, "matters.view");
  const data = parseInput(transitionMatterSchema, input);
  return db.transaction(async (tx) => {
    const { row, access } = await loadMatter(tx, me, data.id, { forUpdate: true });
    const transition = MATTER_TRANSITIONS[data.action];
    let actor: MatterActor;
    if (transition.by.includes("attorney") && access.can.moveAsAttorney) actor = "attorney";
    else if (transition.by.includes("owner") && access.can.moveAsOwner) actor = "owner";
    else throw matterRefusal(access, await legalNameOf(tx, row));
    await assertVersion(tx, vacaturMatters, MATTER_NOUN, row, data.version);

    const today = pacificToday();
    const startsAt = data.hearingDate && data.hearingTime ? pacificDateTime(data.hearingDate, data.hearingTime) : null;
    const facts: MatterFacts = {
      note: data.note,
      revisitOn: data.revisitOn,
      filing: data.filedOn || data.court || data.caseNumber ? { filedOn: data.filedOn ?? "", court: data.court ?? "", caseNumber: data.caseNumber ?? "" } : null,
      hearing: data.hearingDate || data.place ? { startsAt: startsAt ?? new Date(Number.NaN), place: data.place ?? "" } : null,
      order: data.orderOn || data.counts.length ? { orderOn: data.orderOn ?? "", counts: data.counts } : null,
    };
    const check = checkMatterTransition(row.status, data.action, actor, facts, {
      heldFromStatus: row.heldFromStatus,
      countKeys: transition.needs.includes("order") ? await matterCountKeys(tx, row.id) : [],
      verificationCount: data.action === "verify" || data.action === "close" ? await verificationCount(tx, row.id) : 0,
      today,
    });
    if (!check.ok) throw check.field ? fieldError(check.field, check.message) : new AppError("conflict", check.message);

    const now = new Date();
    const changes: Partial<typeof vacaturMatters.$inferInsert> = {
      status: check.to,
      statusChangedAt: now,
      lastActivityAt: now,
      statusNoteEnc: sealMatterText(row.id, `vacatur_matters.status_note.${row.version + 1}`, data.note),
    };
    if (data.action === "mark_ineligible") Object.assign(changes, { revisitOn: data.revisitOn, blockerEnc: sealMatterText(row.id, "vacatur_matters.blocker", data.note) });
    if (data.action === "revisit") Object.assign(changes, { revisitOn: null, blockerEnc: null });
    if (data.action === "hold") changes.heldFromStatus = row.status;
    if (data.action === "resume") changes.heldFromStatus = null;
    if (data.action === "file") {
      Object.assign(changes, { filedOn: data.filedOn, filingCourt: data.court, filingCaseNumberEnc: sealMatterText(row.id, "vacatur_matters.filing_case_number", data.caseNumber) });
    }
    if (["grant", "grant_partially", "deny"].includes(data.action)) Object.assign(changes, { orderOn: data.orderOn, orderCounts: facts.order!.counts });

    const story: Record<string, unknown> = { from: row.status, to: check.to, action: data.action };
    if (data.action === "file") story.filedOn = data.filedOn;
    if (data.action === "set_hearing") story.hearingAt = startsAt!.toISOString();
    if (facts.order && check.to !== "continued") Object.assign(story, { orderOn: data.orderOn, counts: facts.order.counts.length });
    if (data.action === "mark_ineligible") story.revisitOn = data.revisitOn;

    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      now,
      changes,
      audit: matterAudit(row, "matter.status_changed", { fields: Object.keys(changes).filter((f) => f !== "lastActivityAt") }, meta),
      after: async () => {
        if (data.action === "file") {
          // Filing creates the prosecutor-notice task (due the same day); already done if notice was given.
          await tx.insert(matterTasks).values({
            matterId: row.id,
            kind: "prosecutor_notice",
            dueOn: data.filedOn!,
            ...(row.noticeOn ? { completedAt: now, completedBy: me.id } : {}),
          });
        }
        if (data.action === "set_hearing") await tx.insert(matterHearings).values({ matterId: row.id, startsAt: startsAt!, place: data.place!, createdBy: me.id });
        await addSurvivorEvent(tx, row.survivorId, "matter_status_changed", me.id, { matterId: row.id, ...story });
        const code = await clientCodeOf(tx, row.survivorId);
        const text = `Vacatur matter for ${code} is now ${MATTER_STATUS_LABELS[check.to].toLowerCase()}.`;
        if (actor === "attorney") await notify(tx, (await ownerStaff(tx, row.survivorId, row.organizationId)).filter((id) => id !== me.id), text, `/matters/${row.id}`);
        else if (row.attorneyId) await notify(tx, [row.attorneyId], text, `/matters/${row.id}`);
      },
    });
    return { version, status: check.to };
  });
}

/** The attorney's own conclusion on one conviction (the screen is only an aid): a versioned save of the matter. */
export async function recordConclusion(me: SessionUser, input: RecordConclusionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(recordConclusionSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadMatter(tx, me, data.matterId, { forUpdate: true, need: "moveAsAttorney" });
    await assertVersion(tx, vacaturMatters, MATTER_NOUN, row, data.version);
    assertOpen(row);
    const [link] = await tx
      .select({ convictionId: matterConvictions.convictionId })
      .from(matterConvictions)
      .where(and(eq(matterConvictions.matterId, row.id), eq(matterConvictions.convictionId, data.convictionId)));
    if (!link) throw new AppError("not_found");
    const now = new Date();
    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { lastActivityAt: now },
      audit: matterAudit(row, "matter.conclusion_recorded", { convictionId: data.convictionId, fields: ["conclusion", "route", "note"] }, meta),
      after: async () => {
        await tx
          .update(matterConvictions)
          .set({
            conclusion: data.conclusion,
            conclusionRoute: data.route,
            conclusionNoteEnc: sealMatterText(`${row.id}:${data.convictionId}`, "matter_convictions.conclusion_note", data.note),
            concludedBy: me.id,
            concludedAt: now,
            rulesetVersion: RULESET_VERSION,
          })
          .where(and(eq(matterConvictions.matterId, row.id), eq(matterConvictions.convictionId, data.convictionId)));
      },
    });
    return { version };
  });
}

/** The attorney records notice to the prosecuting office; the office then sees the matter. */
export async function recordNotice(me: SessionUser, input: RecordNoticeInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(recordNoticeSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadMatter(tx, me, data.id, { forUpdate: true, need: "recordNotice" });
    await assertVersion(tx, vacaturMatters, MATTER_NOUN, row, data.version);
    assertOpen(row);
    const [office] = await tx.select().from(organizations).where(eq(organizations.id, data.prosecutorOfficeId));
    if (!office || !office.active || office.type !== "prosecutor_office") throw fieldError("prosecutorOfficeId", "Choose an active prosecuting office.");
    const now = new Date();
    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { prosecutorOfficeId: office.id, noticeOn: data.noticeOn, noticeMethod: data.noticeMethod, noticeGivenBy: data.noticeGivenBy, lastActivityAt: now },
      audit: matterAudit(row, "matter.notice_recorded", { prosecutorOfficeId: office.id, fields: ["noticeOn", "noticeMethod", "noticeGivenBy"] }, meta),
      after: async () => {
        await tx
          .update(matterTasks)
          .set({ completedAt: now, completedBy: me.id })
          .where(and(eq(matterTasks.matterId, row.id), eq(matterTasks.kind, "prosecutor_notice"), isNull(matterTasks.completedAt)));
        await addSurvivorEvent(tx, row.survivorId, "matter_notice_recorded", me.id, { matterId: row.id, prosecutorOfficeId: office.id, noticeOn: data.noticeOn, method: data.noticeMethod });
        if (office.id !== row.prosecutorOfficeId || !row.noticeOn) {
          await notify(tx, await activeStaffOf(tx, office.id, ["prosecutor"]), `${me.organizationName ?? "A legal organization"} gave your office notice of a vacatur petition (${await clientCodeOf(tx, row.survivorId)}).`, `/matters/${row.id}`);
        }
      },
    });
    return { version };
  });
}

/** The prosecuting office's position (recorded by its prosecutors, or by the attorney as told). */
export async function recordPosition(me: SessionUser, input: RecordPositionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.view");
  const data = parseInput(recordPositionSchema, input);
  return db.transaction(async (tx) => {
    const { row, access, releases } = await loadMatter(tx, me, data.id, { forUpdate: true, need: "recordPosition" });
    await assertVersion(tx, vacaturMatters, MATTER_NOUN, row, data.version);
    assertOpen(row);
    const now = new Date();
    const { version } = await writeVersioned(tx, vacaturMatters, {
      noun: MATTER_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { prosecutorPosition: data.position, positionRecordedAt: now, lastActivityAt: now },
      audit: matterAudit(row, "matter.position_recorded", { fields: ["prosecutorPosition"] }, meta),
      after: async () => {
        await addSurvivorEvent(tx, row.survivorId, "matter_position_recorded", me.id, { matterId: row.id, from: row.prosecutorPosition, position: data.position });
        // A suspended legal side is told nothing new about the case.
        if (access.side === "prosecutor" && row.attorneyId && !matterSuspension(row, releases)) {
          const text = `${me.organizationName ?? "The prosecuting office"}: ${PROSECUTOR_POSITION_LABELS[data.position].toLowerCase()} on the vacatur matter for ${await clientCodeOf(tx, row.survivorId)}.`;
          await notify(tx, [row.attorneyId], text, `/matters/${row.id}`);
        }
      },
    });
    return { version };
  });
}

export async function addCommunication(me: SessionUser, input: AddCommunicationInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.view");
  const data = parseInput(addCommunicationSchema, input);
  await idempotent(db, me, "matters.communication", data, async (tx) => {
    const { row } = await loadMatter(tx, me, data.matterId, { need: "addCommunication" });
    assertOpen(row);
    const id = randomUUID();
    await tx.insert(prosecutorCommunications).values({
      id,
      matterId: row.id,
      occurredOn: data.occurredOn,
      channel: data.channel,
      summaryEnc: sealMatterText(id, "prosecutor_communications.summary", data.summary)!,
      authorId: me.id,
      authorOrganizationId: me.organizationId!,
    });
    await touch(tx, row.id);
    await logEvent(tx, me, row, null, "matter.communication_added", { communicationId: id }, {}, meta);
  });
}

export async function logHours(me: SessionUser, input: LogHoursInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.view");
  const data = parseInput(logHoursSchema, input);
  await idempotent(db, me, "matters.hours", data, async (tx) => {
    const { row } = await loadMatter(tx, me, data.matterId, { need: "logHours" });
    const [entry] = await tx
      .insert(proBonoHours)
      .values({
        matterId: row.id,
        attorneyId: me.id,
        organizationId: me.organizationId!,
        workedOn: data.workedOn,
        hundredths: Math.round(Number(data.hours) * 100),
        activity: data.activity,
        description: data.description,
      })
      .returning({ id: proBonoHours.id });
    await touch(tx, row.id);
    await logEvent(tx, me, row, null, "matter.hours_logged", { hoursEntryId: entry!.id }, {}, meta);
  });
}

const POST_ORDER_STATUSES: readonly MatterStatus[] = ["granted", "partially_granted", "order_transmitted", "verified"];

export async function recordChecklistStep(me: SessionUser, input: RecordChecklistInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.view");
  const data = parseInput(recordChecklistSchema, input);
  await idempotent(db, me, "matters.checklist", data, async (tx) => {
    const { row } = await loadMatter(tx, me, data.matterId, { need: "recordChecklist" });
    if (!POST_ORDER_STATUSES.includes(row.status)) throw new AppError("conflict", "Post-order steps are recorded once an order granting the petition is entered.");
    if (row.orderOn && data.doneOn < row.orderOn) throw fieldError("doneOn", "This step cannot come before the order.");
    const existing = await tx
      .select({ id: postOrderChecks.id })
      .from(postOrderChecks)
      .where(and(eq(postOrderChecks.matterId, row.id), eq(postOrderChecks.step, data.step)));
    if (existing.length) throw fieldError("step", `"${POST_ORDER_STEP_LABELS[data.step]}" is already recorded.`);
    try {
      await tx.insert(postOrderChecks).values({ matterId: row.id, step: data.step, doneOn: data.doneOn, note: data.note, recordedBy: me.id });
    } catch (error) {
      if (isUniqueViolation(error, "post_order_checks_step_key")) throw fieldError("step", `"${POST_ORDER_STEP_LABELS[data.step]}" is already recorded.`);
      throw error;
    }
    await touch(tx, row.id);
    await logEvent(tx, me, row, "matter_checklist_recorded", "matter.checklist_recorded", { fields: ["step", "doneOn"] }, { step: data.step, doneOn: data.doneOn }, meta);
  });
}

/** A privileged attorney note: only the legal organization's lead and the assigned attorney write and read them. */
export async function addMatterNote(me: SessionUser, input: AddMatterNoteInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.view");
  const data = parseInput(addMatterNoteSchema, input);
  await idempotent(db, me, "matters.note", data, async (tx) => {
    const { row } = await loadMatter(tx, me, data.matterId, { need: "writeNotes" });
    const id = randomUUID();
    await tx.insert(matterNotes).values({ id, matterId: row.id, authorId: me.id, authorOrganizationId: me.organizationId!, bodyEnc: sealMatterText(id, "matter_notes.body", data.body)! });
    await touch(tx, row.id);
    await logEvent(tx, me, row, null, "matter.note_added", { noteId: id }, {}, meta);
  });
}
