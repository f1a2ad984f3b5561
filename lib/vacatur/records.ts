import { randomUUID } from "node:crypto";
import { and, eq, isNull, notInArray } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { convictions, laterConvictions, pendingCharges, vacaturMatters, type ConvictionRow } from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import type { AuditAction } from "../audit/actions";
import type { SessionUser } from "../auth/sessions";
import { decryptField, encryptField } from "../crypto/fields";
import { AppError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { activeReleasesOf, loadSurvivor } from "../survivors/access";
import { addSurvivorEvent } from "../survivors/commands";
import type { SurvivorEventKind } from "../survivors/constants";
import { isUuid, parseInput, staleVersionError } from "../validation";
import { CLOSED_MATTER_STATUSES } from "./constants";
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

// Court records: convictions (with counts), pending charges and later convictions. Recorded by whoever
// manages the survivor (advocates, program leads) and by the attorney assigned to an open matter for
// the survivor, after their conflict check, while a release lets their organization see court records.

export function sealCaseNumber(rowId: string, value: string): string {
  return encryptField(value, { field: "convictions.case_number", rowId })!;
}
export function openCaseNumber(rowId: string, stored: string): string {
  return decryptField(stored, { field: "convictions.case_number", rowId }) ?? "";
}

export type RecordsEditor = { via: "manage" | "matter"; organizationId: string };

/** Whether the caller may record court records for this survivor; not found otherwise (the same for missing and not yours). */
export async function canEditRecordsOf(db: Db, me: SessionUser, survivorId: string): Promise<boolean> {
  if (!isUuid(survivorId) || !me.organizationId) return false;
  if (me.role === "advocate" || me.role === "program_lead") {
    const managed = await loadSurvivor(db, me, survivorId, { manage: true }).then(
      () => true,
      () => false,
    );
    if (managed) return true;
  }
  if (me.role !== "attorney") return false;
  const [matter] = await db
    .select({ id: vacaturMatters.id })
    .from(vacaturMatters)
    .where(
      and(
        eq(vacaturMatters.survivorId, survivorId),
        eq(vacaturMatters.attorneyId, me.id),
        eq(vacaturMatters.legalOrganizationId, me.organizationId),
        eq(vacaturMatters.conflictStatus, "cleared"),
        notInArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]),
      ),
    )
    .limit(1);
  if (!matter) return false;
  const releases = await activeReleasesOf(db, survivorId);
  return releases.some((r) => r.recipientOrganizationId === me.organizationId && r.categories.includes("criminal_court"));
}

async function assertEditor(db: Db, me: SessionUser, survivorId: string) {
  if (!(await canEditRecordsOf(db, me, survivorId))) throw new AppError("not_found");
}

async function logged(db: Db, me: SessionUser, survivorId: string, kind: SurvivorEventKind, action: AuditAction, details: Record<string, unknown>, meta: RequestMeta) {
  const now = new Date();
  await addSurvivorEvent(db, survivorId, kind, me.id, details, now);
  await recordAudit(db, { actor: auditActor(me), action, target: { type: "survivor", id: survivorId }, meta, details });
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
    restitutionStatus: data.restitutionStatus,
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
    await logged(tx, me, data.survivorId, "court_record_added", "court_record.added", { convictionId: id, court: data.courtName, counts: data.counts.length }, meta);
    return { id };
  });
}

export async function updateConviction(me: SessionUser, input: UpdateConvictionInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  const data = parseInput(updateConvictionSchema, input);
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(convictions).where(eq(convictions.id, data.id)).for("update");
    if (!row) throw new AppError("not_found");
    await assertEditor(tx, me, row.survivorId);
    if (row.version !== data.version) throw staleVersionError("court record", null, row.updatedAt);
    const values = convictionValues(data);
    const changed = changedFields(row, values, openCaseNumber(row.id, row.caseNumberEnc) !== data.caseNumber);
    const [updated] = await tx
      .update(convictions)
      .set({ ...values, caseNumberEnc: sealCaseNumber(row.id, data.caseNumber), updatedAt: new Date(), version: row.version + 1 })
      .where(and(eq(convictions.id, row.id), eq(convictions.version, row.version)))
      .returning({ version: convictions.version });
    if (!updated) throw staleVersionError("court record", null, row.updatedAt);
    await logged(tx, me, row.survivorId, "court_record_updated", "court_record.updated", { convictionId: row.id, court: data.courtName, fields: changed }, meta);
    return { version: updated.version };
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
    await logged(tx, me, data.survivorId, "pending_charge_added", "court_record.added", { pendingChargeId: row!.id, jurisdiction: data.jurisdiction }, meta);
    return { id: row!.id };
  });
}

export async function resolvePendingCharge(me: SessionUser, input: ResolvePendingChargeInput, meta: RequestMeta, db: Db = getDb()): Promise<void> {
  const data = parseInput(resolvePendingChargeSchema, input);
  await db.transaction(async (tx) => {
    const [row] = await tx.select().from(pendingCharges).where(eq(pendingCharges.id, data.id)).for("update");
    if (!row) throw new AppError("not_found");
    await assertEditor(tx, me, row.survivorId);
    if (row.resolvedOn) throw new AppError("conflict", "This charge is already recorded as resolved.");
    await tx
      .update(pendingCharges)
      .set({ resolvedOn: data.resolvedOn })
      .where(and(eq(pendingCharges.id, row.id), isNull(pendingCharges.resolvedOn)));
    await logged(tx, me, row.survivorId, "pending_charge_resolved", "court_record.updated", { pendingChargeId: row.id, resolvedOn: data.resolvedOn }, meta);
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
    await logged(tx, me, data.survivorId, "later_conviction_added", "court_record.added", { laterConvictionId: row!.id, jurisdiction: data.jurisdiction }, meta);
    return { id: row!.id };
  });
}
