import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { matterConvictions, matterNotes, matterTasks, postOrderChecks, proBonoHours, prosecutorCommunications, vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import { activeStaffOf, notify, settleNotifications } from "../notifications/commands";
import { notificationSubject } from "../notifications/subjects";
import type { RequestMeta } from "../request-meta";
import { addSurvivorEvent } from "../survivors/commands";
import { isUniqueViolation, parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { loadMatter, matterSuspension } from "./access";
import { POST_ORDER_STEP_LABELS, PROSECUTOR_POSITION_LABELS, type MatterStatus } from "./constants";
import { RULESET_VERSION } from "./rules/screen";
import { addCommunicationSchema, addMatterNoteSchema, logHoursSchema, recordChecklistSchema, recordConclusionSchema, recordNoticeSchema, recordPositionSchema, type AddCommunicationInput, type AddMatterNoteInput, type LogHoursInput, type RecordChecklistInput, type RecordConclusionInput, type RecordNoticeInput, type RecordPositionInput } from "./schema";
import { idempotent } from "../idempotency";
import { sealMatterText, MATTER_NOUN, matterAudit, logEvent, touch, clientCodeOf, assertOpen, lockOpenMatter } from "./matter-writes";

// The work done on a vacatur matter once it is under way: the attorney's conclusions, notice to the
// prosecuting office and its position, communications, pro bono hours, privileged notes and the
// post-order steps. Each loads the matter through matterAccess with the ability it needs (refused,
// saying why, on a suspended matter) and audits ids and field names only.

/** The attorney's own conclusion on one conviction (the screen is only an aid): a versioned save of the matter. */
export async function recordConclusion(me: SessionUser, input: RecordConclusionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(recordConclusionSchema, input);
  return db.transaction(async (tx) => {
    const { row } = await lockOpenMatter(tx, me, data.matterId, data.version, "moveAsAttorney");
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
    const { row } = await lockOpenMatter(tx, me, data.id, data.version, "recordNotice");
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
          await notify(tx, await activeStaffOf(tx, office.id, ["prosecutor"]), `${me.organizationName ?? "A legal organization"} gave your office notice of a vacatur petition (${await clientCodeOf(tx, row.survivorId)}).`, `/matters/${row.id}`, notificationSubject.recordPosition(row.id));
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
    const { row, access, releases } = await lockOpenMatter(tx, me, data.id, data.version, "recordPosition");
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
        // The office has answered its notice ("not yet known" is no answer).
        if (data.position !== "unknown") await settleNotifications(tx, notificationSubject.recordPosition(row.id));
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
