import "server-only";
import { and, desc, eq, lte, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { allocationPolicies, feeCases, feeLedgerEntries, feePayments, jurisdictions, operations, type FeeCaseRow } from "../../db/schema/fees";
import { operationScopeCondition } from "../operations/access";
import { organizations } from "../../db/schema/organizations";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { idempotent } from "../idempotency";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { feeCaseAccess, loadFeeScope, mayRecordIn, type FeeScope } from "./access";
import { allocate } from "./allocation";
import { EDUCATION_RECIPIENT, FEE_CASE_STATUS_LABELS, FEE_CASE_TRANSITIONS, type FeeCaseStatus } from "./constants";
import { formatCents, parseDollars } from "./money";
import { amendFeeCaseSchema, changeFeeStatusSchema, createFeeCaseSchema, recordJohnSchoolSessionSchema, recordPaymentSchema, type CreateFeeCaseValues } from "./schema";
import { impoundFineCents, minimumAssessmentCents, statutoryFeeCents } from "./statute";

// The demand side's writes. Each checks the permission and the case's scope itself (lib/fees/access.ts),
// runs in one transaction with its audit event, and is idempotent where it creates. Audit events keep
// ids only: no amounts, case numbers or courts.

const cents = (dollars: string) => parseDollars(dollars) ?? 0;
const refuse = (field: string, message: string) => new AppError("invalid", undefined, { [field]: [message] });

async function loadCaseForWrite(tx: Db, scope: FeeScope, id: string) {
  const [row] = await tx
    .select({ feeCase: feeCases, jurisdiction: { county: jurisdictions.county, state: jurisdictions.state } })
    .from(feeCases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
    .where(eq(feeCases.id, id))
    .for("update", { of: feeCases })
    .limit(1);
  if (!row) throw new AppError("not_found");
  const access = feeCaseAccess(scope, { jurisdiction: row.jurisdiction, arrestingAgencyId: row.feeCase.arrestingAgencyId, recordedByOrganizationId: row.feeCase.recordedByOrganizationId });
  if (!access.see) throw new AppError("not_found");
  if (!access.record) throw new AppError("forbidden");
  return row.feeCase;
}

export async function createFeeCase(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ id: string }> {
  assertCan(me, "fees.record");
  const input = parseInput(createFeeCaseSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return idempotent(db, me, "fees.createFeeCase", input, async (tx) => {
    const values = await caseValues(tx, scope, input);
    try {
      const [row] = await tx
        .insert(feeCases)
        .values({ ...values, recordedByOrganizationId: me.organizationId, createdBy: me.id, updatedBy: me.id })
        .returning({ id: feeCases.id });
      await recordAudit(tx, { actor: auditActor(me), action: "fee_case.created", target: { type: "fee_case", id: row!.id }, meta, details: { jurisdictionId: input.jurisdictionId } });
      return { id: row!.id };
    } catch (error) {
      throw duplicateCase(error);
    }
  });
}

function duplicateCase(error: unknown): unknown {
  if (!isUniqueViolation(error, "fee_cases_court_case_key")) return error;
  return new AppError("invalid", undefined, { caseNumber: ["A fee case for this court and case number is already recorded. Open it from the list instead."] });
}

/**
 * The row a case's facts make, after checking what the form cannot: the jurisdiction is one the caller
 * records in, the agency is a police agency, the operation is one the caller sees and the agency's.
 */
async function caseValues(tx: Db, scope: FeeScope, input: CreateFeeCaseValues) {
  const [jurisdiction] = await tx.select({ id: jurisdictions.id, county: jurisdictions.county, state: jurisdictions.state }).from(jurisdictions).where(eq(jurisdictions.id, input.jurisdictionId)).limit(1);
  if (!jurisdiction || !mayRecordIn(scope, jurisdiction)) {
    throw new AppError("invalid", undefined, { jurisdictionId: ["Choose a jurisdiction from the list: you can record fee cases only where your office works."] });
  }
  if (input.arrestingAgencyId) {
    const [agency] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, input.arrestingAgencyId), eq(organizations.type, "law_enforcement")))
      .limit(1);
    if (!agency) throw new AppError("invalid", undefined, { arrestingAgencyId: ["Choose the arresting agency from the list."] });
  }
  if (input.operationId) {
    const [operation] = await tx
      .select({ agencyId: operations.agencyId, partnerAgencyIds: operations.partnerAgencyIds })
      .from(operations)
      .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
      .where(and(eq(operations.id, input.operationId), operationScopeCondition(scope)))
      .limit(1);
    if (!operation) throw new AppError("invalid", undefined, { operationId: ["Choose the operation from the list."] });
    // The arrest was the operation's: its agency hosted or joined it.
    if (input.arrestingAgencyId && operation.agencyId !== input.arrestingAgencyId && !operation.partnerAgencyIds.includes(input.arrestingAgencyId)) {
      throw new AppError("invalid", undefined, { operationId: ["The arresting agency neither hosted nor joined this operation. Check the agency or the operation."] });
    }
  }
  return {
    jurisdictionId: input.jurisdictionId,
    court: input.court,
    caseNumber: input.caseNumber,
    offense: input.offense,
    disposition: input.disposition,
    dispositionDate: input.dispositionDate,
    priors: input.priors,
    arrestingAgencyId: input.arrestingAgencyId,
    operationId: input.operationId,
    johnSchoolProgram: input.johnSchool ? input.johnSchoolProgram : null,
    johnSchoolSessions: input.johnSchool ? input.johnSchoolSessions : null,
    johnSchoolSessionFeeCents: input.johnSchool ? cents(input.johnSchoolSessionFee ?? "0") : null,
    internetAdCount: input.internetAdCount,
    depictionCount: input.depictionCount,
    impoundFineCents: input.impounded ? impoundFineCents(input.offense) : null,
    statutoryCents: statutoryFeeCents(input.offense, input.priors),
    assessedCents: input.notImposed ? 0 : cents(input.assessed),
    inabilityToPayFinding: input.inabilityToPayFinding,
  };
}

/**
 * The judgment amended (a fee imposed that was left out, a corrected amount) or a mistake corrected:
 * a versioned save, audited with the fields that changed. Money already received stays; the fee
 * imposed can never fall below it, and the case moves to paid or back as the new balance says.
 */
export async function amendFeeCase(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ version: number }> {
  assertCan(me, "fees.record");
  const input = parseInput(amendFeeCaseSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return db.transaction(async (tx) => {
    const feeCase = await loadCaseForWrite(tx, scope, input.id);
    if (feeCase.status === "vacated") throw new AppError("invalid", "This fee case was vacated: it is kept as it was.");
    const values = await caseValues(tx, scope, { ...input, idempotencyKey: "" });
    const paid = await paidCents(tx, feeCase.id);
    if (values.assessedCents < paid) throw refuse("assessed", `${formatCents(paid)} is already paid on this case: the fee imposed cannot be less.`);
    if (values.johnSchoolSessions !== null && values.johnSchoolSessions < feeCase.johnSchoolSessionDates.length) {
      throw refuse("johnSchoolSessions", `${feeCase.johnSchoolSessionDates.length} sessions are already attended: order at least as many.`);
    }
    if (paid > 0 && input.dispositionDate > (await firstPaymentDay(tx, feeCase.id))!) throw refuse("dispositionDate", "A payment on this case came before this date. Check the date.");
    let status = feeCase.status;
    if (paid >= values.assessedCents && values.assessedCents > 0 && ["assessed", "payment_plan", "delinquent"].includes(status)) status = "paid";
    else if (paid < values.assessedCents && status === "paid") status = feeCase.planMonthlyCents ? "payment_plan" : "assessed";
    const fields = (Object.keys(values) as (keyof typeof values)[]).filter((key) => values[key] !== feeCase[key]);
    try {
      const { version } = await writeVersioned(tx, feeCases, {
        noun: "fee case",
        current: feeCase,
        expectedVersion: input.version,
        actor: me,
        changes: fields.length || status !== feeCase.status ? { ...values, status } : null,
        audit: { action: "fee_case.amended", target: { type: "fee_case", id: feeCase.id }, meta, details: { fields } },
      });
      return { version };
    } catch (error) {
      throw duplicateCase(error);
    }
  });
}

async function firstPaymentDay(tx: Db, feeCaseId: string): Promise<string | null> {
  const [row] = await tx.select({ day: sql<string | null>`min(${feePayments.receivedOn})::text` }).from(feePayments).where(eq(feePayments.feeCaseId, feeCaseId));
  return row?.day ?? null;
}

/** The allocation policy in force on a day: the newest that took effect on or before it. */
async function policyOn(tx: Db, jurisdictionId: string, day: string) {
  const [policy] = await tx
    .select()
    .from(allocationPolicies)
    .where(and(eq(allocationPolicies.jurisdictionId, jurisdictionId), lte(allocationPolicies.effectiveFrom, day)))
    .orderBy(desc(allocationPolicies.effectiveFrom))
    .limit(1);
  return policy ?? null;
}

async function paidCents(tx: Db, feeCaseId: string): Promise<number> {
  const [row] = await tx.select({ total: sql<string>`coalesce(sum(${feePayments.cents}), 0)` }).from(feePayments).where(eq(feePayments.feeCaseId, feeCaseId));
  return Number(row?.total ?? 0);
}

/**
 * Records money the clerk received (or a reversal), writes it and its split under the jurisdiction's
 * policy of that day to the ledger, and moves the case to paid (or back) as the balance says.
 */
export async function recordPayment(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ id: string; status: FeeCaseStatus }> {
  assertCan(me, "fees.record");
  const input = parseInput(recordPaymentSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return idempotent(db, me, "fees.recordPayment", input, async (tx) => {
    const feeCase = await loadCaseForWrite(tx, scope, input.feeCaseId);
    const amount = cents(input.amount) * (input.reversesPaymentId ? -1 : 1);
    const { paymentId, status } = await applyPayment(
      tx,
      feeCase,
      { receivedOn: input.receivedOn, cents: amount, reference: input.reference, source: "manual", reversesPaymentId: input.reversesPaymentId },
      me.id,
    );
    await recordAudit(tx, { actor: auditActor(me), action: "fee_case.payment_recorded", target: { type: "fee_case", id: feeCase.id }, meta, details: { paymentId } });
    return { id: paymentId, status };
  });
}

/**
 * Writes one payment (or reversal) on a case the caller has locked (loadCaseForWrite, or FOR UPDATE):
 * every rule a payment must meet, the payment row, its ledger lines, and the move to paid or back that
 * the new balance calls for. The form and the clerk's-report import both come through here.
 *
 * A reversal names the payment it reverses and undoes that payment's split: it is divided under the
 * policy the payment was divided under, so a full reversal is the exact negation of its lines.
 */
export async function applyPayment(
  tx: Db,
  feeCase: Pick<FeeCaseRow, "id" | "jurisdictionId" | "assessedCents" | "statutoryCents" | "status" | "planMonthlyCents" | "dispositionDate">,
  payment: { receivedOn: string; cents: number; reference: string | null; source: "manual" | "import"; reversesPaymentId?: string | null },
  userId: string,
): Promise<{ paymentId: string; status: FeeCaseStatus }> {
  if (feeCase.status === "vacated") throw new AppError("invalid", "This fee case was vacated: no payment can be recorded on it.");
  if (feeCase.assessedCents === 0) throw new AppError("invalid", "The judgment on this case imposed no fee: it has to be amended before a payment can be recorded.");
  if (payment.receivedOn < feeCase.dispositionDate) throw refuse("receivedOn", "A payment cannot come before the disposition that imposed the fee. Check the date.");
  const before = await paidCents(tx, feeCase.id);
  let policyDay = payment.receivedOn;
  if (payment.reversesPaymentId) {
    const [original] = await tx.select().from(feePayments).where(and(eq(feePayments.id, payment.reversesPaymentId), eq(feePayments.feeCaseId, feeCase.id))).limit(1);
    if (!original || original.cents < 0) throw refuse("reversesPaymentId", "Choose the payment this reverses from the list.");
    if (payment.receivedOn < original.receivedOn) throw refuse("receivedOn", "A reversal cannot come before the payment it reverses.");
    const [reversed] = await tx.select({ total: sql<string>`coalesce(sum(${feePayments.cents}), 0)` }).from(feePayments).where(eq(feePayments.reversesPaymentId, original.id));
    if (original.cents + Number(reversed?.total ?? 0) + payment.cents < 0) throw refuse("amount", "A reversal cannot exceed what is left of the payment it reverses.");
    policyDay = original.receivedOn;
  } else if (payment.cents <= 0) {
    throw refuse("amount", "Enter the amount received; a reversal names the payment it reverses.");
  } else if (before + payment.cents > feeCase.assessedCents) {
    throw refuse("amount", `This is more than the balance of ${formatCents(Math.max(0, feeCase.assessedCents - before))}. Record at most the balance.`);
  }
  let paymentId: string;
  try {
    const [row] = await tx
      .insert(feePayments)
      .values({
        feeCaseId: feeCase.id,
        receivedOn: payment.receivedOn,
        cents: payment.cents,
        reference: payment.reference,
        reversesPaymentId: payment.reversesPaymentId ?? null,
        source: payment.source,
        createdBy: userId,
      })
      .returning({ id: feePayments.id });
    paymentId = row!.id;
  } catch (error) {
    if (isUniqueViolation(error, "fee_payments_reference_key")) throw refuse("reference", "A payment with this receipt number is already recorded on this case.");
    throw error;
  }
  await writeLedger(tx, { jurisdictionId: feeCase.jurisdictionId, feeCaseId: feeCase.id, paymentId, day: payment.receivedOn, policyDay, cents: payment.cents, userId });

  const after = before + payment.cents;
  let status = feeCase.status;
  if (after >= feeCase.assessedCents && ["assessed", "payment_plan", "delinquent"].includes(status)) status = "paid";
  else if (after < feeCase.assessedCents && status === "paid") status = feeCase.planMonthlyCents ? "payment_plan" : "assessed";
  // A waiver stands only on at least a third paid (RCW 9A.88.120(2)): a reversal below it reopens the case.
  else if (status === "waived" && after < minimumAssessmentCents(feeCase.statutoryCents)) status = "assessed";
  if (status !== feeCase.status) {
    await tx.update(feeCases).set({ status, version: sql`${feeCases.version} + 1`, updatedAt: new Date(), updatedBy: userId }).where(eq(feeCases.id, feeCase.id));
  }
  return { paymentId, status };
}

/**
 * A payment's ledger lines: the payment itself, then each recipient's share under the policy in force on
 * `policyDay` (the day it was received; for a reversal, the day of the payment it reverses).
 */
async function writeLedger(tx: Db, entry: { jurisdictionId: string; feeCaseId: string; paymentId: string; day: string; policyDay: string; cents: number; userId: string | null }): Promise<void> {
  const base = { jurisdictionId: entry.jurisdictionId, feeCaseId: entry.feeCaseId, paymentId: entry.paymentId, entryDate: entry.day, createdBy: entry.userId };
  await tx.insert(feeLedgerEntries).values({ ...base, kind: "payment", cents: entry.cents });
  const policy = await policyOn(tx, entry.jurisdictionId, entry.policyDay);
  if (!policy) return; // shown on /fees as collected but not allocated
  const values = allocate({ lines: policy.lines }, entry.cents)
    .filter((share) => share.cents !== 0)
    .map((share) => ({ ...base, kind: "allocation" as const, policyId: policy.id, recipientKey: share.key, recipientLabel: share.label, recipientCategory: share.category, cents: share.cents }));
  if (values.length) await tx.insert(feeLedgerEntries).values(values);
}

export async function changeFeeStatus(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ version: number }> {
  assertCan(me, "fees.record");
  const input = parseInput(changeFeeStatusSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return db.transaction(async (tx) => {
    const feeCase = await loadCaseForWrite(tx, scope, input.id);
    const to = input.status;
    if (to !== feeCase.status && !FEE_CASE_TRANSITIONS[feeCase.status].includes(to)) {
      throw new AppError("invalid", undefined, { status: [`A case that is ${FEE_CASE_STATUS_LABELS[feeCase.status].toLowerCase()} cannot become ${FEE_CASE_STATUS_LABELS[to].toLowerCase()}.`] });
    }
    if (to === "payment_plan" && input.planFirstDueOn && input.planFirstDueOn < feeCase.dispositionDate) {
      throw refuse("planFirstDueOn", "The first payment cannot be due before the disposition that imposed the fee.");
    }
    if (to === "waived") {
      if (!feeCase.inabilityToPayFinding) {
        throw new AppError("invalid", undefined, { status: ["RCW 9A.88.120(2): the court may waive part of the fee only after finding on the record that the person cannot pay. No such finding is recorded on this case."] });
      }
      const floor = minimumAssessmentCents(feeCase.statutoryCents);
      if ((await paidCents(tx, feeCase.id)) < floor) {
        throw new AppError("invalid", undefined, { status: ["RCW 9A.88.120(2) lets the court reduce the fee by at most two-thirds of the maximum: at least one third must be paid before the rest is waived."] });
      }
    }
    // Leaving a plan ends it: a later reversal on a paid case must not bring back a plan nobody keeps.
    const plan = to === "payment_plan" ? { planMonthlyCents: cents(input.planMonthly ?? "0"), planFirstDueOn: input.planFirstDueOn } : { planMonthlyCents: null, planFirstDueOn: null };
    const { version } = await writeVersioned(tx, feeCases, {
      noun: "fee case",
      current: feeCase,
      expectedVersion: input.version,
      actor: me,
      changes: to === feeCase.status && to !== "payment_plan" ? null : { status: to, ...plan },
      audit: { action: "fee_case.status_changed", target: { type: "fee_case", id: feeCase.id }, meta },
    });
    return { version };
  });
}

/**
 * One john-school session attended, and the participant's fee for it if paid: that fee goes to the
 * ledger whole as prevention (offender education, RCW 9A.88.120(3)). The last session ordered completes it.
 */
export async function recordJohnSchoolSession(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ attended: number; completed: boolean }> {
  assertCan(me, "fees.record");
  const input = parseInput(recordJohnSchoolSessionSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return idempotent(db, me, "fees.recordJohnSchoolSession", input, async (tx) => {
    const feeCase = await loadCaseForWrite(tx, scope, input.feeCaseId);
    if (!feeCase.johnSchoolSessions) throw new AppError("invalid", "The court ordered no offender education on this case.");
    if (feeCase.johnSchoolCompletedOn) throw new AppError("invalid", "Offender education on this case is already completed.");
    if (input.attendedOn < feeCase.dispositionDate) throw new AppError("invalid", undefined, { attendedOn: ["A session cannot come before the disposition that ordered it."] });
    if (feeCase.johnSchoolSessionDates.includes(input.attendedOn)) throw refuse("attendedOn", "A session on this day is already recorded.");
    const dates = [...feeCase.johnSchoolSessionDates, input.attendedOn].sort();
    const attended = dates.length;
    const completed = attended >= feeCase.johnSchoolSessions;
    await tx
      .update(feeCases)
      .set({ johnSchoolSessionDates: dates, johnSchoolCompletedOn: completed ? dates[dates.length - 1]! : null, version: sql`${feeCases.version} + 1`, updatedAt: new Date(), updatedBy: me.id })
      .where(eq(feeCases.id, feeCase.id));
    if (input.feePaid && feeCase.johnSchoolSessionFeeCents) {
      await tx.insert(feeLedgerEntries).values({
        jurisdictionId: feeCase.jurisdictionId,
        feeCaseId: feeCase.id,
        entryDate: input.attendedOn,
        kind: "education_fee",
        recipientKey: EDUCATION_RECIPIENT.key,
        recipientLabel: EDUCATION_RECIPIENT.label,
        recipientCategory: EDUCATION_RECIPIENT.category,
        cents: feeCase.johnSchoolSessionFeeCents,
        createdBy: me.id,
      });
    }
    await recordAudit(tx, { actor: auditActor(me), action: "fee_case.john_school_recorded", target: { type: "fee_case", id: feeCase.id }, meta });
    return { attended, completed };
  });
}
