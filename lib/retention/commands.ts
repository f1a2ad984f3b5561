import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { survivorLegalHolds, survivors } from "../../db/schema/survivors";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { encryptField } from "../crypto/fields";
import { AppError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { placeLegalHoldSchema, releaseLegalHoldSchema, type PlaceLegalHoldInput, type ReleaseLegalHoldInput } from "./schema";
import { holdReasonContext } from "./scope";

// Legal holds (issue 15): a program lead of the organization that owns a record keeps it from the
// retention purge, and lets it go again. Both lock the survivor's row first, as the purge does before
// it re-checks a record, so a hold placed while the purge runs either lands before the purge looks
// (and the record is kept) or after the record is gone (and the hold is refused as not found).

/** The survivor's row, locked, if it belongs to the lead's own organization; anything else is not found. */
async function lockOwnRecord(tx: Db, me: SessionUser, survivorId: string): Promise<{ id: string; organizationId: string }> {
  if (!me.organizationId) throw new AppError("not_found");
  const [row] = await tx
    .select({ id: survivors.id, organizationId: survivors.organizationId })
    .from(survivors)
    .where(and(eq(survivors.id, survivorId), eq(survivors.organizationId, me.organizationId)))
    .for("update")
    .limit(1);
  if (!row) throw new AppError("not_found");
  return row;
}

async function openHold(tx: Db, survivorId: string) {
  const [hold] = await tx
    .select({ id: survivorLegalHolds.id })
    .from(survivorLegalHolds)
    .where(and(eq(survivorLegalHolds.survivorId, survivorId), isNull(survivorLegalHolds.releasedAt)))
    .limit(1);
  return hold ?? null;
}

const ALREADY_HELD = "This record is already on hold. Nothing was changed.";

export async function placeLegalHold(me: SessionUser, input: PlaceLegalHoldInput, meta: RequestMeta, db: Db = getDb()): Promise<{ holdId: string }> {
  assertCan(me, "retention.hold");
  const data = parseInput(placeLegalHoldSchema, input);
  try {
    return await db.transaction(async (tx) => {
      const record = await lockOwnRecord(tx, me, data.survivorId);
      if (await openHold(tx, record.id)) throw new AppError("conflict", ALREADY_HELD);
      const id = randomUUID();
      await tx.insert(survivorLegalHolds).values({
        id,
        survivorId: record.id,
        organizationId: record.organizationId,
        reasonEnc: encryptField(data.reason, holdReasonContext(id)),
        heldBy: me.id,
      });
      // Ids only: the reason may cite a court case, and the trail holds no case text.
      await recordAudit(tx, { actor: auditActor(me), action: "survivor.legal_hold_placed", target: { type: "survivor", id: record.id }, meta, details: { holdId: id } });
      return { holdId: id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "survivor_legal_holds_one_open")) throw new AppError("conflict", ALREADY_HELD);
    throw error;
  }
}

export async function releaseLegalHold(me: SessionUser, input: ReleaseLegalHoldInput, meta: RequestMeta, db: Db = getDb(), now: Date = new Date()): Promise<{ holdId: string }> {
  assertCan(me, "retention.hold");
  const data = parseInput(releaseLegalHoldSchema, input);
  return db.transaction(async (tx) => {
    const record = await lockOwnRecord(tx, me, data.survivorId);
    const hold = await openHold(tx, record.id);
    if (!hold) throw new AppError("conflict", "This record is not on hold (someone may have released it already). Nothing was changed.");
    await tx.update(survivorLegalHolds).set({ releasedAt: now, releasedBy: me.id }).where(eq(survivorLegalHolds.id, hold.id));
    await recordAudit(tx, { actor: auditActor(me), action: "survivor.legal_hold_released", target: { type: "survivor", id: record.id }, meta, details: { holdId: hold.id } });
    return { holdId: hold.id };
  });
}
