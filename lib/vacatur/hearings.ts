import { and, eq, isNull, ne, or, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { matterHearings, vacaturMatters, type HearingRow, type MatterRow } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import { formatDateTime, pacificDateTime, pacificToday } from "../format";
import { idempotent } from "../idempotency";
import { activeStaffOf, notify } from "../notifications/commands";
import type { RequestMeta } from "../request-meta";
import { addSurvivorEvent } from "../survivors/commands";
import { isUuid, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { loadMatter } from "./access";
import type { AuditAction } from "../audit/actions";
import { cancelHearingSchema, continueHearingSchema, editHearingSchema, hearingsChangeable, type CancelHearingInput, type ContinueHearingInput, type EditHearingInput } from "./hearing-schema";
import { assertOpen, clientCodeOf, matterAudit, MATTER_NOUN, ownerStaff } from "./matter-writes";

// Changes to a matter's hearings: correcting one (date, time, place), the court continuing it to a
// new date (the old hearing is kept, marked continued, naming its successor) or cancelling it (kept,
// marked cancelled). Only whoever matterAccess lets move the matter as its attorney (the state
// machine's set_hearing is theirs) changes hearings. Each is a versioned write of the hearing, audited
// (ids and field names), told on the survivor's timeline, and notified like the matter's moves.

const HEARING_NOUN = "hearing";

type HearingChange = "edited" | "continued" | "cancelled";

/**
 * Schedules a hearing for a matter, and links to it any hearing the court continued without a date (or
 * one still scheduled): the one place new hearings are written.
 */
export async function scheduleHearing(tx: Db, me: SessionUser, matterId: string, startsAt: Date, place: string): Promise<string> {
  const [created] = await tx.insert(matterHearings).values({ matterId, startsAt, place, createdBy: me.id, updatedBy: me.id }).returning({ id: matterHearings.id });
  const awaitingDate = or(eq(matterHearings.status, "scheduled"), and(eq(matterHearings.status, "continued"), isNull(matterHearings.continuedToId)));
  await tx
    .update(matterHearings)
    .set({ status: "continued", continuedToId: created!.id, version: sql`${matterHearings.version} + 1`, updatedAt: new Date(), updatedBy: me.id })
    .where(and(eq(matterHearings.matterId, matterId), awaitingDate, ne(matterHearings.id, created!.id)));
  return created!.id;
}

/**
 * The court continued the matter's hearing without setting a new date (the machine's "Record
 * continuance"): the hearing is marked continued at once, so no list or calendar still shows it as
 * coming; Set hearing later links it to the new one.
 */
export async function continueHearingsWithoutDate(tx: Db, me: SessionUser, matterId: string): Promise<void> {
  await tx
    .update(matterHearings)
    .set({ status: "continued", version: sql`${matterHearings.version} + 1`, updatedAt: new Date(), updatedBy: me.id })
    .where(and(eq(matterHearings.matterId, matterId), eq(matterHearings.status, "scheduled")));
}

/** The hearing (locked) and its matter, if the caller may change the matter's hearings; else not found / refused like the matter. */
async function loadHearingForChange(tx: Db, me: SessionUser, hearingId: string, version: number): Promise<{ hearing: HearingRow; row: MatterRow }> {
  if (!isUuid(hearingId)) throw new AppError("not_found");
  const [found] = await tx.select({ matterId: matterHearings.matterId }).from(matterHearings).where(eq(matterHearings.id, hearingId));
  if (!found) throw new AppError("not_found");
  const { row } = await loadMatter(tx, me, found.matterId, { forUpdate: true, need: "moveAsAttorney" });
  const [hearing] = await tx.select().from(matterHearings).where(eq(matterHearings.id, hearingId)).for("update");
  await assertVersion(tx, matterHearings, HEARING_NOUN, hearing!, version);
  assertOpen(row);
  if (hearing!.status !== "scheduled") throw new AppError("conflict", `This hearing was already ${hearing!.status}; it cannot be changed. Reload to see the hearing that stands.`);
  if (!hearingsChangeable(row.status)) throw new AppError("conflict", "Hearings can be changed while the matter waits for the hearing, not after an order or a continuance without a date.");
  return { hearing: hearing!, row };
}

function startsAtOf(data: { hearingDate: string; hearingTime: string }): Date {
  const startsAt = pacificDateTime(data.hearingDate, data.hearingTime);
  if (!startsAt) throw fieldError("hearingDate", "Enter the hearing date and time.");
  return startsAt;
}

/** Timeline, audit and notices of a hearing change: the story for the survivor's side, ids for the audit, no dates in notifications. */
async function tellHearingChange(tx: Db, me: SessionUser, row: MatterRow, hearingId: string, change: HearingChange, story: Record<string, unknown>) {
  await addSurvivorEvent(tx, row.survivorId, "matter_hearing_changed", me.id, { matterId: row.id, hearingId, change, ...story });
  await tx.update(vacaturMatters).set({ lastActivityAt: new Date() }).where(eq(vacaturMatters.id, row.id));
  const code = await clientCodeOf(tx, row.survivorId);
  const text =
    change === "continued" ? `The hearing for ${code} was continued to a new date.` : change === "cancelled" ? `The hearing for ${code} was cancelled.` : `The hearing for ${code} was changed.`;
  const office = row.noticeOn && row.prosecutorOfficeId ? await activeStaffOf(tx, row.prosecutorOfficeId, ["prosecutor"]) : [];
  const recipients = [...(await ownerStaff(tx, row.survivorId, row.organizationId)), ...office].filter((id) => id !== me.id);
  await notify(tx, [...new Set(recipients)], text, `/matters/${row.id}`);
}

const AUDIT: Record<HearingChange, AuditAction> = { edited: "matter.hearing_edited", continued: "matter.hearing_continued", cancelled: "matter.hearing_cancelled" };

/** Corrects a scheduled hearing's date, time or place. */
export async function editHearing(me: SessionUser, input: EditHearingInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(editHearingSchema, input);
  return db.transaction(async (tx) => {
    const { hearing, row } = await loadHearingForChange(tx, me, data.id, data.version);
    const startsAt = startsAtOf(data);
    const changes = { ...(startsAt.getTime() !== hearing.startsAt.getTime() ? { startsAt } : {}), ...(data.place !== hearing.place ? { place: data.place } : {}) };
    const { version } = await writeVersioned(tx, matterHearings, {
      noun: HEARING_NOUN,
      current: hearing,
      expectedVersion: data.version,
      actor: me,
      changes: Object.keys(changes).length ? changes : null,
      audit: matterAudit(row, AUDIT.edited, { hearingId: hearing.id, fields: Object.keys(changes) }, meta),
      after: () => tellHearingChange(tx, me, row, hearing.id, "edited", { from: hearing.startsAt.toISOString(), to: startsAt.toISOString() }),
    });
    return { version };
  });
}

/** The court continued a hearing: the hearing is kept and marked continued, and the new date is scheduled as its successor. */
export async function continueHearing(me: SessionUser, input: ContinueHearingInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string; version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(continueHearingSchema, input);
  return idempotent(db, me, "matters.hearing_continue", data, async (tx) => {
    const { hearing, row } = await loadHearingForChange(tx, me, data.id, data.version);
    const startsAt = startsAtOf(data);
    if (data.hearingDate < pacificToday()) throw fieldError("hearingDate", "A hearing is continued to a date from today on.");
    if (startsAt.getTime() === hearing.startsAt.getTime()) throw fieldError("hearingDate", "Enter the new date and time the court set.");
    // A continuance puts the hearing off; a hearing moved earlier is a correction of the same hearing.
    if (startsAt < hearing.startsAt) {
      throw fieldError("hearingDate", `A continuance moves the hearing later than ${formatDateTime(hearing.startsAt)}. If the court moved it earlier, correct the hearing instead.`);
    }
    const [successor] = await tx.insert(matterHearings).values({ matterId: row.id, startsAt, place: data.place, createdBy: me.id, updatedBy: me.id }).returning({ id: matterHearings.id });
    const { version } = await writeVersioned(tx, matterHearings, {
      noun: HEARING_NOUN,
      current: hearing,
      expectedVersion: data.version,
      actor: me,
      changes: { status: "continued", continuedToId: successor!.id },
      audit: matterAudit(row, AUDIT.continued, { hearingId: hearing.id, successorId: successor!.id }, meta),
      after: () => tellHearingChange(tx, me, row, hearing.id, "continued", { from: hearing.startsAt.toISOString(), to: startsAt.toISOString(), successorId: successor!.id }),
    });
    return { id: successor!.id, version };
  });
}

/**
 * The court struck a hearing: kept, marked cancelled. With no other hearing scheduled the matter goes
 * back to filed, where the state machine sets a new hearing or records an agreed order.
 */
export async function cancelHearing(me: SessionUser, input: CancelHearingInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.work");
  const data = parseInput(cancelHearingSchema, input);
  return db.transaction(async (tx) => {
    const { hearing, row } = await loadHearingForChange(tx, me, data.id, data.version);
    const { version } = await writeVersioned(tx, matterHearings, {
      noun: HEARING_NOUN,
      current: hearing,
      expectedVersion: data.version,
      actor: me,
      changes: { status: "cancelled" },
      audit: matterAudit(row, AUDIT.cancelled, { hearingId: hearing.id }, meta),
      after: () => tellHearingChange(tx, me, row, hearing.id, "cancelled", { from: hearing.startsAt.toISOString() }),
    });
    const [other] = await tx
      .select({ id: matterHearings.id })
      .from(matterHearings)
      .where(and(eq(matterHearings.matterId, row.id), eq(matterHearings.status, "scheduled")))
      .limit(1);
    if (!other) {
      const now = new Date();
      await writeVersioned(tx, vacaturMatters, {
        noun: MATTER_NOUN,
        current: row,
        expectedVersion: row.version,
        actor: me,
        now,
        changes: { status: "filed", statusChangedAt: now, lastActivityAt: now, statusNoteEnc: null },
        audit: matterAudit(row, "matter.status_changed", { fields: ["status"] }, meta),
        after: () => addSurvivorEvent(tx, row.survivorId, "matter_status_changed", me.id, { matterId: row.id, from: row.status, to: "filed", action: "hearing_cancelled" }),
      });
    }
    return { version };
  });
}
