import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import { formatDateTime, pacificToday } from "../format";
import { activeStaffOf, notify } from "../notifications/commands";
import { matterSuspension, openMatterCondition } from "../vacatur/access";
import { vacaturMatters } from "../../db/schema/vacatur";
import { assertVersion, writeVersioned } from "../versioned-write";
import { loadLiveReleases } from "./queries";
import type { RequestMeta } from "../request-meta";
import { loadSurvivor } from "../survivors/access";
import { addSurvivorEvent } from "../survivors/commands";
import { parseInput } from "../validation";
import { createReleaseSchema, revokeReleaseSchema, type CreateReleaseInput, type RevokeReleaseInput } from "./schema";
import { idempotent } from "../idempotency";

// Releases are recorded by the survivor's own organization (the advocate or a program lead who
// manages the record). Sharing follows them at once: every access function reads the releases as they
// stand at each request, so a revocation or an expiry ends access on the next page load or action.

export async function createRelease(me: SessionUser, input: CreateReleaseInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(createReleaseSchema, input);
  return idempotent(db, me, "releases.create", data, async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    const [recipient] = await tx
      .select({ id: organizations.id, active: organizations.active, type: organizations.type })
      .from(organizations)
      .where(eq(organizations.id, data.recipientOrganizationId))
      .limit(1);
    if (!recipient || !recipient.active) throw fieldError("recipientOrganizationId", "Choose an active partner organization.");
    // Police agencies never see a survivor in Clearway (DESIGN.md): a release cannot name one.
    if (recipient.type === "law_enforcement") throw fieldError("recipientOrganizationId", "A release cannot name a law-enforcement agency: Clearway never shows them a survivor.");
    if (recipient.id === row.organizationId) {
      throw fieldError("recipientOrganizationId", "Your own organization needs no release: choose the partner that will receive the information.");
    }
    const [created] = await tx
      .insert(releases)
      .values({
        survivorId: row.id,
        organizationId: row.organizationId,
        recipientOrganizationId: recipient.id,
        categories: data.categories,
        purpose: data.purpose,
        form: data.form,
        signedOn: data.signedOn,
        expiresOn: data.expiresOn,
        servicesNotConditioned: data.servicesNotConditioned,
        copyProvided: data.copyProvided,
        guardianName: data.guardianName,
        createdBy: me.id,
        updatedBy: me.id,
      })
      .returning({ id: releases.id });
    const ids = { releaseId: created!.id, recipientOrganizationId: recipient.id };
    await addSurvivorEvent(tx, row.id, "release_given", me.id, { ...ids, categories: data.categories, expiresOn: data.expiresOn });
    await recordAudit(tx, { actor: auditActor(me), action: "release.created", target: { type: "survivor", id: row.id }, meta, details: ids });
    return { id: created!.id };
  });
}

/**
 * Records a revocation (oral ones included); sharing under the release stops at once. The legal
 * organizations whose open matters the release kept going are told their work is suspended.
 */
export async function revokeRelease(me: SessionUser, input: RevokeReleaseInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "survivors.manage");
  const data = parseInput(revokeReleaseSchema, input);
  await db.transaction(async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { forUpdate: true, manage: true });
    const [release] = await tx
      .select()
      .from(releases)
      .where(and(eq(releases.id, data.id), eq(releases.survivorId, row.id)))
      .limit(1);
    if (!release) throw new AppError("not_found");
    await assertVersion(tx, releases, "release", release, data.version);
    if (release.revokedAt) throw new AppError("conflict", `This release was already revoked at ${formatDateTime(release.revokedAt)}.`);
    const now = new Date();
    const ids = { releaseId: release.id, recipientOrganizationId: release.recipientOrganizationId };
    await writeVersioned(tx, releases, {
      noun: "release",
      current: release,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { revokedAt: now, revokedBy: me.id, revocationMethod: data.method, revocationNote: data.note },
      audit: { action: "release.revoked", target: { type: "survivor", id: row.id }, meta, details: { ...ids, fields: ["revokedAt", "revocationMethod", "revocationNote"] } },
      after: async () => {
        await addSurvivorEvent(tx, row.id, "release_revoked", me.id, { ...ids, method: data.method });
        await notifySuspendedMatters(tx, row, release.recipientOrganizationId, now);
      },
    });
  });
}

/** Tells the legal organization's lead and assigned attorneys when a revocation suspends their open matters. */
async function notifySuspendedMatters(db: Db, survivor: { id: string; clientCode: string }, organizationId: string, now: Date) {
  const matters = await db
    .select()
    .from(vacaturMatters)
    .where(and(eq(vacaturMatters.survivorId, survivor.id), eq(vacaturMatters.legalOrganizationId, organizationId), openMatterCondition));
  if (!matters.length) return;
  const live = await loadLiveReleases(db, survivor.id, pacificToday(now));
  const suspended = matters.filter((m) => matterSuspension(m, live));
  if (!suspended.length) return;
  const leads = await activeStaffOf(db, organizationId, ["program_lead"]);
  for (const matter of suspended) {
    const text = `The release behind the vacatur matter for ${survivor.clientCode} was revoked: your organization's work on it is suspended until a new release is recorded.`;
    await notify(db, [...leads, ...(matter.attorneyId ? [matter.attorneyId] : [])], text, `/matters/${matter.id}`);
  }
}
