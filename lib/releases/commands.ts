import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError, fieldError } from "../errors";
import { formatDateTime } from "../format";
import type { RequestMeta } from "../request-meta";
import { loadSurvivor } from "../survivors/access";
import { addSurvivorEvent } from "../survivors/commands";
import { parseInput } from "../validation";
import { createReleaseSchema, revokeReleaseSchema, type CreateReleaseInput, type RevokeReleaseInput } from "./schema";
import { idempotent } from "../idempotency";

// Releases are recorded by the survivor's own organization (the advocate or a program lead who
// manages the record). Sharing follows them at once: the policy reads active releases on every
// request, so a revocation or an expiry ends access on the next page load or action.

export async function createRelease(me: SessionUser, input: CreateReleaseInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(createReleaseSchema, input);
  return idempotent(db, me, "releases.create", data, async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    const [recipient] = await tx
      .select({ id: organizations.id, active: organizations.active })
      .from(organizations)
      .where(eq(organizations.id, data.recipientOrganizationId))
      .limit(1);
    if (!recipient || !recipient.active) throw fieldError("recipientOrganizationId", "Choose an active partner organization.");
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
      })
      .returning({ id: releases.id });
    const details = { releaseId: created!.id, recipientOrganizationId: recipient.id, categories: data.categories, expiresOn: data.expiresOn };
    await addSurvivorEvent(tx, row.id, "release_given", me.id, details);
    await recordAudit(tx, { actor: auditActor(me), action: "release.created", target: { type: "survivor", id: row.id }, meta, details });
    return { id: created!.id };
  });
}

/** Records a revocation (oral ones included); sharing under the release stops at once. */
export async function revokeRelease(me: SessionUser, input: RevokeReleaseInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  assertCan(me, "survivors.manage");
  const data = parseInput(revokeReleaseSchema, input);
  await db.transaction(async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    const [release] = await tx
      .select()
      .from(releases)
      .where(and(eq(releases.id, data.id), eq(releases.survivorId, row.id)))
      .for("update")
      .limit(1);
    if (!release) throw new AppError("not_found");
    if (release.revokedAt) throw new AppError("conflict", `This release was already revoked at ${formatDateTime(release.revokedAt)}.`);
    await tx
      .update(releases)
      .set({ revokedAt: new Date(), revokedBy: me.id, revocationMethod: data.method, revocationNote: data.note, version: release.version + 1 })
      .where(eq(releases.id, release.id));
    const details = { releaseId: release.id, recipientOrganizationId: release.recipientOrganizationId, method: data.method };
    await addSurvivorEvent(tx, row.id, "release_revoked", me.id, details);
    await recordAudit(tx, { actor: auditActor(me), action: "release.revoked", target: { type: "survivor", id: row.id }, meta, details });
  });
}
