import { randomUUID } from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { convictions, laterConvictions, pendingCharges, type ConvictionRow } from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import type { AuditAction } from "../audit/actions";
import type { SessionUser } from "../auth/sessions";
import { decryptField, encryptField } from "../crypto/fields";
import { AppError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { addSurvivorEvent } from "../survivors/commands";
import type { SurvivorEventKind } from "../survivors/constants";
import { isUuid, parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { loadCourtRecords } from "./access";
import {
  addConvictionSchema,
  addLaterConvictionSchema,
  addPendingChargeSchema,
  resolvePendingChargeSchema,
  toCents,
  updateConvictionSchema,
  type AddConvictionInput,
  type AddLaterConvictionInput,
  type AddPendingChargeInput,
  type ResolvePendingChargeInput,
  type UpdateConvictionInput,
} from "./schema";
import { idempotent } from "../idempotency";

// Court records: convictions (with counts), pending charges and later convictions. Who may record them
// is courtRecordAccess (lib/vacatur/access.ts): whoever manages the survivor, and the attorney working
// the survivor's open matter (after their conflict check, while the matter is not suspended).

function sealCaseNumber(rowId: string, value: string): string {
  return encryptField(value, { field: "convictions.case_number", rowId })!;
}
export function openCaseNumber(rowId: string, stored: string): string {
  return decryptField(stored, { field: "convictions.case_number", rowId }) ?? "";
}

async function assertEditor(db: Db, me: SessionUser, survivorId: string) {
  await loadCourtRecords(db, me, survivorId, "edit");
}

/**
 * The survivor's timeline gets the whole story (`event`, e.g. which court); the audit trail only the
 * ids and field names (`audit`), never case data.
 */
async function logged(db: Db, me: SessionUser, survivorId: string, kind: SurvivorEventKind, action: AuditAction, audit: Record<string, string | string[] | null>, event: Record<string, unknown>, meta: RequestMeta) {
  await addSurvivorEvent(db, survivorId, kind, me.id, { ...audit, ...event });
  await recordAudit(db, { actor: auditActor(me), action, target: { type: "survivor", id: survivorId }, meta, details: audit });
}

function convictionValues(data: Omit<ReturnType<typeof updateConvictionSchema.parse>, "id" | "version">) {
  return {
    courtType: data.courtType,
    courtName: data.courtName,
    courtLocality: data.courtLocality,
    prosecutingAuthority: data.prosecutingAuthority,
    prosecutingOffice: data.prosecutingOffice,
    counts: [...data.counts].sort((a, b) => a.count - b.count),
    disposition: data.disposition,
    dispositionDate: data.dispositionDate,
    sentencingDate: data.sentencingDate,
    confinementReleaseDate: data.confinementReleaseDate,
    supervisionEndDate: data.supervisionEndDate,
    dischargeDate: data.dischargeDate,
    cvpaAmountCents: toCents(data.cvpaAmount),
    cvpaStatus: data.cvpaStatus,
    restitutionOrder: data.restitutionOrder,
    restitution: data.restitution.map((e) => ({ owedTo: e.owedTo, payment: e.payment })),
    source: data.source,
    verifiedOn: data.verifiedOn,
    citedRoute: data.citedRoute,
  };
}

export async function addConviction(me: SessionUser, input: AddConvictionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  const data = parseInput(addConvictionSchema, input);
  return idempotent(db, me, "court_records.conviction", data, async (tx) => {
    await assertEditor(tx, me, data.survivorId);
    const id = randomUUID();
    await tx.insert(convictions).values({ id, survivorId: data.survivorId, caseNumberEnc: sealCaseNumber(id, data.caseNumber), createdBy: me.id, ...convictionValues(data) });
    await logged(tx, me, data.survivorId, "court_record_added", "court_record.added", { convictionId: id }, { court: data.courtName, counts: data.counts.length }, meta);
    return { id };
  });
}

export async function updateConviction(me: SessionUser, input: UpdateConvictionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  const data = parseInput(updateConvictionSchema, input);
  return db.transaction(async (tx) => {
    if (!isUuid(data.id)) throw new AppError("not_found");
    const [row] = await tx.select().from(convictions).where(eq(convictions.id, data.id)).for("update");
    if (!row) throw new AppError("not_found");
    await assertEditor(tx, me, row.survivorId);
    const values = convictionValues(data);
    const fields = changedFields(row, values, openCaseNumber(row.id, row.caseNumberEnc) !== data.caseNumber);
    const details = { convictionId: row.id, fields };
    const { version } = await writeVersioned(tx, convictions, {
      noun: "court record",
      current: row,
      expectedVersion: data.version,
      actor: me,
      changes: fields.length ? { ...values, caseNumberEnc: sealCaseNumber(row.id, data.caseNumber) } : null,
      audit: { action: "court_record.updated", target: { type: "survivor", id: row.survivorId }, meta, details },
      after: () => addSurvivorEvent(tx, row.survivorId, "court_record_updated", me.id, { ...details, court: data.courtName }),
    });
    return { version };
  });
}

function changedFields(row: ConvictionRow, values: ReturnType<typeof convictionValues>, caseNumberChanged: boolean): string[] {
  const fields = Object.entries(values)
    .filter(([key, value]) => JSON.stringify(row[key as keyof ConvictionRow] ?? null) !== JSON.stringify(value ?? null))
    .map(([key]) => key);
  return caseNumberChanged ? [...fields, "caseNumber"] : fields;
}

export async function addPendingCharge(me: SessionUser, input: AddPendingChargeInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  const data = parseInput(addPendingChargeSchema, input);
  return idempotent(db, me, "court_records.pending_charge", data, async (tx) => {
    await assertEditor(tx, me, data.survivorId);
    const [row] = await tx
      .insert(pendingCharges)
      .values({ ...data, createdBy: me.id })
      .returning({ id: pendingCharges.id });
    await logged(tx, me, data.survivorId, "pending_charge_added", "court_record.added", { pendingChargeId: row!.id }, { jurisdiction: data.jurisdiction }, meta);
    return { id: row!.id };
  });
}

export async function resolvePendingCharge(me: SessionUser, input: ResolvePendingChargeInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  const data = parseInput(resolvePendingChargeSchema, input);
  await db.transaction(async (tx) => {
    if (!isUuid(data.id)) throw new AppError("not_found");
    const [row] = await tx.select().from(pendingCharges).where(eq(pendingCharges.id, data.id)).for("update");
    if (!row) throw new AppError("not_found");
    await assertEditor(tx, me, row.survivorId);
    if (row.resolvedOn) throw new AppError("conflict", "This charge is already recorded as resolved.");
    await tx
      .update(pendingCharges)
      .set({ resolvedOn: data.resolvedOn })
      .where(and(eq(pendingCharges.id, row.id), isNull(pendingCharges.resolvedOn)));
    await logged(tx, me, row.survivorId, "pending_charge_resolved", "court_record.updated", { pendingChargeId: row.id, fields: ["resolvedOn"] }, { resolvedOn: data.resolvedOn }, meta);
  });
}

export async function addLaterConviction(me: SessionUser, input: AddLaterConvictionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string }> {
  const data = parseInput(addLaterConvictionSchema, input);
  return idempotent(db, me, "court_records.later_conviction", data, async (tx) => {
    await assertEditor(tx, me, data.survivorId);
    const [row] = await tx
      .insert(laterConvictions)
      .values({ ...data, createdBy: me.id })
      .returning({ id: laterConvictions.id });
    await logged(tx, me, data.survivorId, "later_conviction_added", "court_record.added", { laterConvictionId: row!.id }, { jurisdiction: data.jurisdiction }, meta);
    return { id: row!.id };
  });
}
