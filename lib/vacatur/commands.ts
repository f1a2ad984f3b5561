import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { convictions, matterConvictions, matterTasks, postOrderChecks, vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import { releasesCovering } from "../releases/rules";
import type { SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import { pacificDateTime, pacificToday } from "../format";
import { activeStaffOf, notify, settleNotifications } from "../notifications/commands";
import { notificationSubject } from "../notifications/subjects";
import type { RequestMeta } from "../request-meta";
import { loadSurvivor } from "../survivors/access";
import { addSurvivorEvent } from "../survivors/commands";
import { isUniqueViolation, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { loadMatter, MATTER_RELEASE_CATEGORIES, matterRefusal } from "./access";
import { MATTER_STATUS_LABELS, VERIFICATION_STEPS, type MatterStatus } from "./constants";
import { MATTER_TRANSITIONS, checkMatterTransition, type MatterActor, type MatterFacts } from "./machine";
import { assignAttorneySchema, attestConflictSchema, openMatterSchema, transitionMatterSchema, type AssignAttorneyInput, type AttestConflictInput, type OpenMatterInput, type TransitionMatterInput } from "./schema";
import { idempotent } from "../idempotency";
import { continueHearingsWithoutDate, scheduleHearing } from "./hearings";
import { sealMatterText, MATTER_NOUN, matterAudit, logEvent, legalNameOf, clientCodeOf, ownerStaff, lockOpenMatter } from "./matter-writes";

// Writes that move a vacatur matter along: opening it, assigning an attorney, the conflict check and
// the moves through its state machine. (The work done on it is in matter-work.ts.)
//
// Writes to vacatur matters. Every command loads the matter through matterAccess (loadMatter: not found
// for anyone on no side; refused, saying why, without the ability it needs — a suspended matter refuses
// every legal-side write), saves versioned changes through writeVersioned, and commits the change, the
// survivor's timeline event, the audit event and the notifications together. The timeline tells the
// story; the audit trail keeps ids and field names only. Notification texts carry client codes and
// organizations only.

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
      await notify(tx, await activeStaffOf(tx, data.legalOrganizationId, ["program_lead"]), `New vacatur matter for ${survivor.clientCode} from ${me.organizationName ?? "a partner"}: assign an attorney.`, `/matters/${id}`, notificationSubject.assignAttorney(id));
    }
    return { id };
  });
}

/** A program lead (of the survivor's organization, or of the legal organization) assigns an attorney. */
export async function assignAttorney(me: SessionUser, input: AssignAttorneyInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.assign");
  const data = parseInput(assignAttorneySchema, input);
  return db.transaction(async (tx) => {
    const { row, access, releases } = await lockOpenMatter(tx, me, data.id, data.version, "assignAttorney");
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
        // Done: nobody is asked to assign it any more, and an attorney it was taken from is no longer asked to check conflicts.
        await settleNotifications(tx, notificationSubject.assignAttorney(row.id));
        await settleNotifications(tx, notificationSubject.attestConflict(row.id));
        await notify(tx, [attorney.id], `You were assigned a vacatur matter for ${await clientCodeOf(tx, row.survivorId)}. Confirm you have no conflict of interest to see its details.`, `/matters/${row.id}`, notificationSubject.attestConflict(row.id));
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
        await settleNotifications(tx, notificationSubject.attestConflict(row.id));
        if (cleared) return;
        const code = await clientCodeOf(tx, row.survivorId);
        const leads = [...(await activeStaffOf(tx, me.organizationId!, ["program_lead"])), ...(await activeStaffOf(tx, row.organizationId, ["program_lead"]))];
        await notify(tx, leads, `The attorney assigned to the vacatur matter for ${code} declined (conflict of interest). Assign another attorney.`, `/matters/${row.id}`, notificationSubject.assignAttorney(row.id));
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
        // The court continued the hearing without a date: it is continued now, and linked to the next one set.
        if (data.action === "continue") await continueHearingsWithoutDate(tx, me, row.id);
        if (data.action === "set_hearing") await scheduleHearing(tx, me, row.id, startsAt!, data.place!);
        await addSurvivorEvent(tx, row.survivorId, "matter_status_changed", me.id, { matterId: row.id, ...story });
        const code = await clientCodeOf(tx, row.survivorId);
        const text = `Vacatur matter for ${code}: status is now "${MATTER_STATUS_LABELS[check.to]}".`;
        if (actor === "attorney") await notify(tx, (await ownerStaff(tx, row.survivorId, row.organizationId)).filter((id) => id !== me.id), text, `/matters/${row.id}`);
        else if (row.attorneyId) await notify(tx, [row.attorneyId], text, `/matters/${row.id}`);
      },
    });
    return { version, status: check.to };
  });
}

