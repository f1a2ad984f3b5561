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
import { assertCan, releasesForMatter } from "../auth/policy";
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
import { loadMatter, loadMatterFor } from "./access";
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

// Writes to vacatur matters. Every command loads the matter through the policy (loadMatter: not found
// for anyone on no side), checks the ability it needs and the version the form was opened on, and
// commits the change, the survivor's timeline event, the audit event and the notifications together.
// Notification texts carry client codes and organizations only.

export function sealMatterText(rowId: string, field: string, value: string | null): string | null {
  return encryptField(value, { field, rowId });
}

function stale(row: MatterRow): AppError {
  return new AppError("conflict", `This matter changed (it is now ${MATTER_STATUS_LABELS[row.status].toLowerCase()}) after you opened it. Nothing was saved; reload to see where it stands.`);
}

async function logEvent(db: Db, me: SessionUser, row: { id: string; survivorId: string }, kind: SurvivorEventKind | null, action: AuditAction, details: Record<string, unknown>, meta: RequestMeta) {
  const all = { matterId: row.id, ...details };
  if (kind) await addSurvivorEvent(db, row.survivorId, kind, me.id, all);
  await recordAudit(db, { actor: auditActor(me), action, target: { type: "vacatur_matter", id: row.id }, meta, details: { survivorId: row.survivorId, ...all } });
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
    const { row: survivor, activeReleases } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
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
      const covering = releasesForMatter(legal.id, activeReleases);
      if (!covering.length) {
        throw fieldError(
          "legalOrganizationId",
          `No active release lets ${legal.name} see the survivor's identity and criminal-history records. Record a release first, or open the matter without a legal organization for now.`,
        );
      }
      releaseId = covering[0]!;
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
      createdAt: now,
    });
    await tx
      .insert(matterConvictions)
      .values(data.convictionIds.map((convictionId) => ({ matterId: id, convictionId })))
      .catch((error: unknown) => {
        throw isUniqueViolation(error, "matter_convictions_one_open_matter") ? convictionInOpenMatter() : error;
      });
    await logEvent(tx, me, { id, survivorId: survivor.id }, "matter_opened", "matter.opened", { legalOrganizationId: data.legalOrganizationId, convictions: data.convictionIds.length, releaseId }, meta);
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
    const { row, side, activeReleases } = await loadMatterFor(tx, me, data.id, "assignAttorney", { forUpdate: true });
    if (row.version !== data.version) throw stale(row);
    assertOpen(row);
    const [attorney] = await tx
      .select({ id: users.id, name: users.name, role: users.role, active: users.active, organizationId: users.organizationId, orgType: organizations.type, orgName: organizations.name, orgActive: organizations.active })
      .from(users)
      .innerJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(users.id, data.attorneyId));
    if (!attorney || attorney.role !== "attorney" || !attorney.active || !attorney.orgActive || attorney.orgType !== "legal_aid") {
      throw fieldError("attorneyId", "Choose an active attorney of a legal organization.");
    }
    if (side === "legal" && attorney.organizationId !== me.organizationId) throw fieldError("attorneyId", "Choose an attorney of your organization.");
    const covering = releasesForMatter(attorney.organizationId!, activeReleases);
    if (!covering.length) {
      throw fieldError("attorneyId", `No active release lets ${attorney.orgName} see the survivor's identity and criminal-history records. The survivor's advocate must record one first.`);
    }
    const [updated] = await tx
      .update(vacaturMatters)
      .set({
        legalOrganizationId: attorney.organizationId,
        attorneyId: attorney.id,
        conflictStatus: "pending",
        conflictAttestedAt: null,
        releaseId: covering[0]!,
        lastActivityAt: new Date(),
        version: row.version + 1,
      })
      .where(and(eq(vacaturMatters.id, row.id), eq(vacaturMatters.version, row.version)))
      .returning({ version: vacaturMatters.version });
    if (!updated) throw stale(row);
    await logEvent(tx, me, row, "matter_attorney_assigned", "matter.attorney_assigned", { attorneyId: attorney.id, legalOrganizationId: attorney.organizationId, releaseId: covering[0] }, meta);
    await notify(tx, [attorney.id], `You were assigned a vacatur matter for ${await clientCodeOf(tx, row.survivorId)}. Confirm you have no conflict of interest to see its details.`, `/matters/${row.id}`);
    return { version: updated.version };
  });
}

/** The assigned attorney attests to no conflict of interest (then sees the details), or declines. */
export async function attestConflict(me: SessionUser, input: AttestConflictInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(attestConflictSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.id, "attestConflict", { forUpdate: true });
    if (row.version !== data.version) throw stale(row);
    const now = new Date();
    const cleared = data.decision === "no_conflict";
    const [updated] = await tx
      .update(vacaturMatters)
      .set(cleared ? { conflictStatus: "cleared", conflictAttestedAt: now, lastActivityAt: now, version: row.version + 1 } : { attorneyId: null, conflictStatus: null, conflictAttestedAt: null, lastActivityAt: now, version: row.version + 1 })
      .where(and(eq(vacaturMatters.id, row.id), eq(vacaturMatters.version, row.version)))
      .returning({ version: vacaturMatters.version });
    if (!updated) throw stale(row);
    if (cleared) {
      await logEvent(tx, me, row, "matter_conflict_cleared", "matter.conflict_cleared", { attorneyId: me.id }, meta);
    } else {
      await logEvent(tx, me, row, "matter_conflict_declined", "matter.conflict_declined", { attorneyId: me.id }, meta);
      const code = await clientCodeOf(tx, row.survivorId);
      const leads = [...(await activeStaffOf(tx, me.organizationId!, ["program_lead"])), ...(await activeStaffOf(tx, row.organizationId, ["program_lead"]))];
      await notify(tx, leads, `The attorney assigned to the vacatur matter for ${code} declined (conflict of interest). Assign another attorney.`, `/matters/${row.id}`);
    }
    return { version: updated.version };
  });
}

/** The "convictionId:count" keys of every count a matter covers. */
export async function matterCountKeys(db: Db, matterId: string): Promise<string[]> {
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
    const { row, abilities } = await loadMatter(tx, me, data.id, { forUpdate: true });
    const transition = MATTER_TRANSITIONS[data.action];
    let actor: MatterActor;
    if (transition.by.includes("attorney") && abilities.moveAsAttorney) actor = "attorney";
    else if (transition.by.includes("owner") && abilities.moveAsOwner) actor = "owner";
    else throw new AppError("forbidden");
    if (row.version !== data.version) throw stale(row);

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
      version: row.version + 1,
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
    const [updated] = await tx
      .update(vacaturMatters)
      .set(changes)
      .where(and(eq(vacaturMatters.id, row.id), eq(vacaturMatters.version, row.version)))
      .returning({ version: vacaturMatters.version });
    if (!updated) throw stale(row);

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

    const details: Record<string, unknown> = { from: row.status, to: check.to, action: data.action };
    if (data.action === "file") details.filedOn = data.filedOn;
    if (data.action === "set_hearing") details.hearingAt = startsAt!.toISOString();
    if (facts.order && check.to !== "continued") Object.assign(details, { orderOn: data.orderOn, counts: facts.order.counts.length });
    if (data.action === "mark_ineligible") details.revisitOn = data.revisitOn;
    await logEvent(tx, me, row, "matter_status_changed", "matter.status_changed", details, meta);

    const code = await clientCodeOf(tx, row.survivorId);
    const text = `Vacatur matter for ${code} is now ${MATTER_STATUS_LABELS[check.to].toLowerCase()}.`;
    if (actor === "attorney") await notify(tx, (await ownerStaff(tx, row.survivorId, row.organizationId)).filter((id) => id !== me.id), text, `/matters/${row.id}`);
    else if (row.attorneyId) await notify(tx, [row.attorneyId], text, `/matters/${row.id}`);
    return { version: updated.version, status: check.to };
  });
}

/** The attorney's own conclusion on one conviction (the screen is only an aid). */
export async function recordConclusion(me: SessionUser, input: RecordConclusionInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.work");
  const data = parseInput(recordConclusionSchema, input);
  await db.transaction(async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.matterId, "moveAsAttorney");
    assertOpen(row);
    const updated = await tx
      .update(matterConvictions)
      .set({
        conclusion: data.conclusion,
        conclusionRoute: data.route,
        conclusionNoteEnc: sealMatterText(`${row.id}:${data.convictionId}`, "matter_convictions.conclusion_note", data.note),
        concludedBy: me.id,
        concludedAt: new Date(),
        rulesetVersion: RULESET_VERSION,
      })
      .where(and(eq(matterConvictions.matterId, row.id), eq(matterConvictions.convictionId, data.convictionId)))
      .returning({ id: matterConvictions.convictionId });
    if (!updated.length) throw new AppError("not_found");
    await touch(tx, row.id);
    await logEvent(tx, me, row, null, "matter.conclusion_recorded", { convictionId: data.convictionId, conclusion: data.conclusion, route: data.route }, meta);
  });
}

/** The attorney records notice to the prosecuting office; the office then sees the matter. */
export async function recordNotice(me: SessionUser, input: RecordNoticeInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(recordNoticeSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.id, "recordNotice", { forUpdate: true });
    if (row.version !== data.version) throw stale(row);
    assertOpen(row);
    const [office] = await tx.select().from(organizations).where(eq(organizations.id, data.prosecutorOfficeId));
    if (!office || !office.active || office.type !== "prosecutor_office") throw fieldError("prosecutorOfficeId", "Choose an active prosecuting office.");
    const now = new Date();
    const [updated] = await tx
      .update(vacaturMatters)
      .set({ prosecutorOfficeId: office.id, noticeOn: data.noticeOn, noticeMethod: data.noticeMethod, noticeGivenBy: data.noticeGivenBy, lastActivityAt: now, version: row.version + 1 })
      .where(and(eq(vacaturMatters.id, row.id), eq(vacaturMatters.version, row.version)))
      .returning({ version: vacaturMatters.version });
    if (!updated) throw stale(row);
    await tx
      .update(matterTasks)
      .set({ completedAt: now, completedBy: me.id })
      .where(and(eq(matterTasks.matterId, row.id), eq(matterTasks.kind, "prosecutor_notice"), isNull(matterTasks.completedAt)));
    await logEvent(tx, me, row, "matter_notice_recorded", "matter.notice_recorded", { prosecutorOfficeId: office.id, noticeOn: data.noticeOn, method: data.noticeMethod }, meta);
    if (office.id !== row.prosecutorOfficeId || !row.noticeOn) {
      await notify(tx, await activeStaffOf(tx, office.id, ["prosecutor"]), `${me.organizationName ?? "A legal organization"} gave your office notice of a vacatur petition (${await clientCodeOf(tx, row.survivorId)}).`, `/matters/${row.id}`);
    }
    return { version: updated.version };
  });
}

/** The prosecuting office's position (recorded by its prosecutors, or by the attorney as told). */
export async function recordPosition(me: SessionUser, input: RecordPositionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.view");
  const data = parseInput(recordPositionSchema, input);
  return db.transaction(async (tx) => {
    const { row, side } = await loadMatterFor(tx, me, data.id, "recordPosition", { forUpdate: true });
    if (row.version !== data.version) throw stale(row);
    assertOpen(row);
    const now = new Date();
    const [updated] = await tx
      .update(vacaturMatters)
      .set({ prosecutorPosition: data.position, positionRecordedAt: now, lastActivityAt: now, version: row.version + 1 })
      .where(and(eq(vacaturMatters.id, row.id), eq(vacaturMatters.version, row.version)))
      .returning({ version: vacaturMatters.version });
    if (!updated) throw stale(row);
    await logEvent(tx, me, row, "matter_position_recorded", "matter.position_recorded", { from: row.prosecutorPosition, position: data.position }, meta);
    if (side === "prosecutor" && row.attorneyId) {
      const text = `${me.organizationName ?? "The prosecuting office"}: ${PROSECUTOR_POSITION_LABELS[data.position].toLowerCase()} on the vacatur matter for ${await clientCodeOf(tx, row.survivorId)}.`;
      await notify(tx, [row.attorneyId], text, `/matters/${row.id}`);
    }
    return { version: updated.version };
  });
}

export async function addCommunication(me: SessionUser, input: AddCommunicationInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.view");
  const data = parseInput(addCommunicationSchema, input);
  await idempotent(db, me, "matters.communication", data, async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.matterId, "addCommunication");
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
    await logEvent(tx, me, row, null, "matter.communication_added", { communicationId: id, channel: data.channel }, meta);
  });
}

export async function logHours(me: SessionUser, input: LogHoursInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.work");
  const data = parseInput(logHoursSchema, input);
  await idempotent(db, me, "matters.hours", data, async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.matterId, "logHours");
    await tx.insert(proBonoHours).values({
      matterId: row.id,
      attorneyId: me.id,
      organizationId: me.organizationId!,
      workedOn: data.workedOn,
      hundredths: Math.round(Number(data.hours) * 100),
      activity: data.activity,
      description: data.description,
    });
    await touch(tx, row.id);
    await logEvent(tx, me, row, null, "matter.hours_logged", { hours: Number(data.hours), activity: data.activity, workedOn: data.workedOn }, meta);
  });
}

const POST_ORDER_STATUSES: readonly MatterStatus[] = ["granted", "partially_granted", "order_transmitted", "verified"];

export async function recordChecklistStep(me: SessionUser, input: RecordChecklistInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.view");
  const data = parseInput(recordChecklistSchema, input);
  await idempotent(db, me, "matters.checklist", data, async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.matterId, "recordChecklist");
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
    await logEvent(tx, me, row, "matter_checklist_recorded", "matter.checklist_recorded", { step: data.step, doneOn: data.doneOn }, meta);
  });
}

/** A privileged attorney note: only attorneys of the assigned legal organization write and read them. */
export async function addMatterNote(me: SessionUser, input: AddMatterNoteInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "matters.work");
  const data = parseInput(addMatterNoteSchema, input);
  await idempotent(db, me, "matters.note", data, async (tx) => {
    const { row } = await loadMatterFor(tx, me, data.matterId, "attorneyNotes");
    const id = randomUUID();
    await tx.insert(matterNotes).values({ id, matterId: row.id, authorId: me.id, authorOrganizationId: me.organizationId!, bodyEnc: sealMatterText(id, "matter_notes.body", data.body)! });
    await touch(tx, row.id);
    await logEvent(tx, me, row, null, "matter.note_added", { noteId: id }, meta);
  });
}
