import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { referralEvents, referrals, type ReferralRow } from "../../db/schema/referrals";
import { survivors } from "../../db/schema/survivors";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { encryptField } from "../crypto/fields";
import { AppError, fieldError } from "../errors";
import { activeStaffOf, notify, settleNotifications } from "../notifications/commands";
import { notificationSubject } from "../notifications/subjects";
import { SERVICE_LABELS } from "../organizations/constants";
import type { RequestMeta } from "../request-meta";
import { loadSurvivor } from "../survivors/access";
import { addSurvivorEvent } from "../survivors/commands";
import { parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { loadReferral, REFERRAL_RESPONDER_ROLES, releasesForIdentifiedReferral } from "./access";
import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "./constants";
import { checkTransition } from "./machine";
import { createReferralSchema, transitionReferralSchema, type CreateReferralInput, type TransitionReferralInput } from "./schema";
import { idempotent } from "../idempotency";

// Writes to referrals: the access rule (referralAccess) and the state machine (checkTransition) are
// checked here for every caller; the change, its event, the survivor's timeline entry, the audit event
// (ids only) and the notifications commit together.

const REFERRAL_NOUN = "referral";


function sealReferralText(referralId: string, field: "reason" | "notes", value: string | null): string | null {
  return encryptField(value, { field: `referrals.${field}`, rowId: referralId });
}

function sealEventNote(eventId: string, note: string | null): string | null {
  return encryptField(note, { field: "referral_events.note", rowId: eventId });
}

async function recordEvent(db: Db, me: SessionUser, referral: { id: string; survivorId: string }, from: ReferralStatus | null, to: ReferralStatus, note: string | null, at: Date) {
  const id = randomUUID();
  await db.insert(referralEvents).values({
    id,
    referralId: referral.id,
    fromStatus: from,
    toStatus: to,
    actorUserId: me.id,
    actorOrganizationId: me.organizationId,
    noteEnc: sealEventNote(id, note),
    occurredAt: at,
  });
}

/** An advocate (or lead) refers a survivor they manage; it is saved as a draft or sent at once. */
export async function createReferral(me: SessionUser, input: CreateReferralInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  assertCan(me, "referrals.send");
  const data = parseInput(createReferralSchema, input);
  return idempotent(db, me, "referrals.create", data, async (tx) => {
    const { row: survivor, releases } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    const [partner] = await tx
      .select({ id: organizations.id, name: organizations.name, active: organizations.active, services: organizations.services })
      .from(organizations)
      .where(eq(organizations.id, data.toOrganizationId))
      .limit(1);
    if (!partner || !partner.active || partner.id === survivor.organizationId) throw fieldError("toOrganizationId", "Choose an active partner organization.");
    if (!partner.services.includes(data.service)) {
      throw fieldError("service", `${partner.name} does not list ${SERVICE_LABELS[data.service].toLowerCase()} among its services.`);
    }
    let releaseId: string | null = null;
    if (data.mode === "identified") {
      const covering = releasesForIdentifiedReferral({ toOrganizationId: partner.id }, releases);
      if (!covering) {
        throw fieldError(
          "mode",
          `No active release lets ${partner.name} receive identity and contact details and referral details. Send a referral without identifying details, or record a release first.`,
        );
      }
      releaseId = covering[0]!;
    }

    const id = randomUUID();
    const now = new Date();
    const status: ReferralStatus = data.send ? "sent" : "draft";
    await tx.insert(referrals).values({
      id,
      survivorId: survivor.id,
      fromOrganizationId: survivor.organizationId,
      toOrganizationId: partner.id,
      service: data.service,
      urgency: data.urgency,
      reasonEnc: sealReferralText(id, "reason", data.reason)!,
      notesEnc: sealReferralText(id, "notes", data.notes),
      identified: data.mode === "identified",
      releaseId,
      status,
      statusChangedAt: now,
      sentAt: data.send ? now : null,
      createdBy: me.id,
      createdAt: now,
    });
    await recordEvent(tx, me, { id, survivorId: survivor.id }, null, status, null, now);
    const ids = { referralId: id, recipientOrganizationId: partner.id, releaseId };
    await addSurvivorEvent(tx, survivor.id, "referral_created", me.id, { ...ids, service: data.service, status, identified: data.mode === "identified" }, now);
    await recordAudit(tx, { actor: auditActor(me), action: data.send ? "referral.sent" : "referral.drafted", target: { type: "survivor", id: survivor.id }, meta, details: ids });
    // The client code (pseudonymous, what the recipient sees anyway) tells one referral from the next.
    if (data.send) await notifyRecipients(tx, partner.id, id, `New ${SERVICE_LABELS[data.service].toLowerCase()} referral (${data.urgency}) for ${survivor.clientCode} from ${me.organizationName ?? "a partner"}.`, true);
    return { id };
  });
}

/** Tells the recipient organization's staff; a new referral asks them to answer it (its subject). */
async function notifyRecipients(db: Db, organizationId: string, referralId: string, text: string, asksForAnswer = false) {
  const subject = asksForAnswer ? notificationSubject.answerReferral(referralId) : null;
  await notify(db, await activeStaffOf(db, organizationId, REFERRAL_RESPONDER_ROLES), text, `/referrals/${referralId}`, subject);
}

/** The fields a step changes, for its audit event (names only). */
function changedFields(action: TransitionReferralInput["action"]): string[] {
  if (action === "decline") return ["status", "answeredAt", "declineReason"];
  if (action === "accept") return ["status", "answeredAt"];
  if (action === "send") return ["status", "sentAt"];
  return ["status"];
}

/** Moves a referral through its state machine, as the side the caller is on. */
export async function transitionReferral(me: SessionUser, input: TransitionReferralInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number; status: ReferralStatus }> {
  assertCan(me, "referrals.view");
  const data = parseInput(transitionReferralSchema, input);
  return db.transaction(async (tx) => {
    const { row, access, releases } = await loadReferral(tx, me, data.id, { forUpdate: true });
    if (access.side === "sender") assertCan(me, "referrals.send");
    else assertCan(me, "referrals.respond");
    await assertVersion(tx, referrals, REFERRAL_NOUN, row, data.version);
    const check = checkTransition(row.status, data.action, access.side, data.note);
    if (!check.ok) throw check.field ? fieldError(check.field, check.message) : new AppError("conflict", check.message);

    if (data.action === "send" && row.identified && !releasesForIdentifiedReferral(row, releases)) {
      // A draft sent later must still be covered by a release.
      throw new AppError("conflict", "The release this referral relied on is no longer in effect. Withdraw it and send one without identifying details, or record a new release.");
    }
    const now = new Date();
    const ids = { referralId: row.id, recipientOrganizationId: row.toOrganizationId };
    const { version } = await writeVersioned(tx, referrals, {
      noun: REFERRAL_NOUN,
      current: row,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: {
        status: check.to,
        statusChangedAt: now,
        ...(data.action === "send" ? { sentAt: now } : {}),
        ...(data.action === "accept" || data.action === "decline" ? { answeredAt: now } : {}),
        ...(data.action === "decline" ? { declineReason: data.declineReason } : {}),
      },
      audit: { action: "referral.status_changed", target: { type: "survivor", id: row.survivorId }, meta, details: { ...ids, fields: changedFields(data.action) } },
      after: async () => {
        await recordEvent(tx, me, row, row.status, check.to, data.note, now);
        await addSurvivorEvent(tx, row.survivorId, "referral_status_changed", me.id, { ...ids, service: row.service, from: row.status, status: check.to }, now);
        await notifyOfTransition(tx, me, row, check.to);
      },
    });
    return { version, status: check.to };
  });
}

/**
 * Who hears about a change: the other side. Text: organizations, services and client codes only. An
 * answer (accepted, declined) or a withdrawal settles what the recipients were asked to answer.
 */
async function notifyOfTransition(db: Db, me: SessionUser, row: ReferralRow, to: ReferralStatus) {
  const service = SERVICE_LABELS[row.service].toLowerCase();
  if (to === "accepted" || to === "declined" || to === "withdrawn") {
    await settleNotifications(db, notificationSubject.answerReferral(row.id));
    await settleNotifications(db, notificationSubject.overdueReferral(row.id));
  }
  if (to === "sent") {
    const [sent] = await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, row.survivorId));
    return notifyRecipients(db, row.toOrganizationId, row.id, `New ${service} referral (${row.urgency}) for ${sent?.clientCode ?? "a survivor"} from ${me.organizationName ?? "a partner"}.`, true);
  }
  if (to === "withdrawn") {
    if (row.status === "draft") return;
    return notifyRecipients(db, row.toOrganizationId, row.id, `A ${service} referral to your organization was withdrawn.`);
  }
  // The receiving side acted: tell the advocate who referred and the survivor's current advocate.
  const [survivor] = await db.select({ clientCode: survivors.clientCode, advocateId: survivors.assignedAdvocateId }).from(survivors).where(eq(survivors.id, row.survivorId));
  const [partner] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.toOrganizationId));
  const text = `${partner?.name ?? "The partner"}: your ${service} referral for ${survivor?.clientCode ?? "a survivor"} is now ${REFERRAL_STATUS_LABELS[to].toLowerCase()}.`;
  await notify(db, [row.createdBy, ...(survivor ? [survivor.advocateId] : [])], text, `/referrals/${row.id}`);
}
