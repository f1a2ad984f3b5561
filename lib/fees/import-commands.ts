import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { feeCases, feePayments, jurisdictions, type FeeCaseRow } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { idempotent } from "../idempotency";
import type { RequestMeta } from "../request-meta";
import { idempotencyKey, isUniqueViolation, parseInput } from "../validation";
import { feeCaseAccess, feeScopeCondition, loadFeeScope, mayRecordIn, type FeeScope } from "./access";
import { applyPayment } from "./commands";
import { checkMapping, IMPORT_FIELDS, parseCsv, suggestMapping, summarize, validateRows, type ImportFeeCase, type ImportFieldKey, type ImportMapping, type ImportRow } from "./import";
import { FEE_OFFENSE_RCW, statutoryFeeCents } from "./statute";
import { formatCents } from "./money";
import { formatCalendarDate } from "../format";

// A clerk's receivable report into fee cases and payments: a preview that shows each row's errors
// and what it would do before anything is saved, and a commit that writes all of it or nothing.
// Importing the same file twice changes nothing: a case is found again by court and case number, a
// payment by its receipt number on its case.

const FIELD_KEYS = IMPORT_FIELDS.map((f) => f.key) as [string, ...string[]];

export const importRequestSchema = z.object({
  csv: z.string("Choose the report's CSV file.").min(1, "Choose the report's CSV file."),
  mapping: z.partialRecord(z.enum(FIELD_KEYS), z.string().max(200)).optional(),
});
export const commitImportSchema = importRequestSchema.extend({ mapping: z.partialRecord(z.enum(FIELD_KEYS), z.string().max(200)), idempotencyKey });

/** What a row would do: each is shown in the preview; only rows without errors are ever written. */
export type RowPlan = { line: number; errors: ImportRow["errors"]; caseAction: "create" | "exists" | null; paymentAction: "create" | "exists" | null; caseLabel: string };

export type ImportPreview = {
  headers: string[];
  mapping: ImportMapping;
  mappingErrors: Record<string, string>;
  fileError: string | null;
  rows: RowPlan[];
  summary: { rows: number; withErrors: number; newCases: number; existingCases: number; newPayments: number; existingPayments: number };
};

async function importContext(db: Db, scope: FeeScope) {
  const [places, agencies] = await Promise.all([
    db.select({ id: jurisdictions.id, name: jurisdictions.name, county: jurisdictions.county, state: jurisdictions.state }).from(jurisdictions),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.type, "law_enforcement")),
  ]);
  return { jurisdictions: places.filter((j) => mayRecordIn(scope, j)).map(({ id, name }) => ({ id, name })), agencies };
}

type KnownCase = Pick<FeeCaseRow, "id" | "jurisdictionId" | "offense" | "dispositionDate" | "assessedCents"> & { record: boolean };
type KnownPayment = { id: string; receivedOn: string; cents: number };

const keyOf = (court: string, caseNumber: string) => `${court.toLowerCase()}|${caseNumber.toUpperCase()}`;
const paymentKey = (caseId: string, reference: string, cents: number) => `${caseId}|${cents < 0 ? "-" : "+"}${reference}`;

/**
 * The file's cases already recorded, among those the caller sees (a case outside their scope is never
 * described to them), and those cases' payments by receipt number.
 */
async function existing(db: Db, scope: FeeScope, rows: ImportRow[]) {
  const facts = rows.flatMap((r) => (r.feeCase ? [r.feeCase] : []));
  const cases = new Map<string, KnownCase>();
  const payments = new Map<string, KnownPayment>();
  if (facts.length === 0) return { cases, payments };
  const found = await db
    .select({
      id: feeCases.id,
      court: feeCases.court,
      caseNumber: feeCases.caseNumber,
      jurisdictionId: feeCases.jurisdictionId,
      offense: feeCases.offense,
      dispositionDate: feeCases.dispositionDate,
      assessedCents: feeCases.assessedCents,
      county: jurisdictions.county,
      state: jurisdictions.state,
      arrestingAgencyId: feeCases.arrestingAgencyId,
      recordedByOrganizationId: feeCases.recordedByOrganizationId,
    })
    .from(feeCases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
    .where(
      and(
        feeScopeCondition(scope),
        inArray(sql`lower(${feeCases.court})`, [...new Set(facts.map((f) => f.court.toLowerCase()))]),
        inArray(sql`upper(${feeCases.caseNumber})`, [...new Set(facts.map((f) => f.caseNumber.toUpperCase()))]),
      ),
    );
  for (const c of found) {
    const access = feeCaseAccess(scope, { jurisdiction: { county: c.county, state: c.state }, arrestingAgencyId: c.arrestingAgencyId, recordedByOrganizationId: c.recordedByOrganizationId });
    cases.set(keyOf(c.court, c.caseNumber), { id: c.id, jurisdictionId: c.jurisdictionId, offense: c.offense, dispositionDate: c.dispositionDate, assessedCents: c.assessedCents, record: access.record });
  }
  const ids = [...cases.values()].map((c) => c.id);
  if (ids.length) {
    const paid = await db.select({ id: feePayments.id, feeCaseId: feePayments.feeCaseId, reference: feePayments.reference, receivedOn: feePayments.receivedOn, cents: feePayments.cents }).from(feePayments).where(inArray(feePayments.feeCaseId, ids));
    for (const p of paid) if (p.reference) payments.set(paymentKey(p.feeCaseId, p.reference, p.cents), { id: p.id, receivedOn: p.receivedOn, cents: p.cents });
  }
  return { cases, payments };
}

/** What the file says about a case that Clearway holds otherwise: each difference, as a row error. */
function differences(known: KnownCase, file: ImportFeeCase): { field: ImportFieldKey; message: string }[] {
  const out: { field: ImportFieldKey; message: string }[] = [];
  const says = (field: ImportFieldKey, what: string, ours: string, theirs: string) => out.push({ field, message: `Clearway has this case's ${what} as ${ours}; the file says ${theirs}. Correct the file or the case before importing.` });
  if (known.jurisdictionId !== file.jurisdictionId) out.push({ field: "jurisdiction", message: "Clearway has this case in another jurisdiction than the file says. Correct the file or the case before importing." });
  if (known.offense !== file.offense) says("offense", "offense", FEE_OFFENSE_RCW[known.offense], FEE_OFFENSE_RCW[file.offense]);
  if (known.dispositionDate !== file.dispositionDate) says("dispositionDate", "disposition date", formatCalendarDate(known.dispositionDate), formatCalendarDate(file.dispositionDate));
  const fileAssessed = file.notImposed ? 0 : file.assessedCents;
  if (known.assessedCents !== fileAssessed) says("assessed", "fee imposed", formatCents(known.assessedCents), formatCents(fileAssessed));
  return out;
}

async function plan(db: Db, scope: FeeScope, csv: string, mapping: ImportMapping | undefined): Promise<ImportPreview & { valid: ImportRow[] }> {
  const empty = { rows: 0, withErrors: 0, newCases: 0, existingCases: 0, newPayments: 0, existingPayments: 0 };
  const parsed = parseCsv(csv);
  if ("error" in parsed) return { headers: [], mapping: {}, mappingErrors: {}, fileError: parsed.error, rows: [], summary: empty, valid: [] };
  const chosen = mapping ?? suggestMapping(parsed.headers);
  const mappingErrors = checkMapping(chosen, parsed.headers);
  if (Object.keys(mappingErrors).length > 0) return { headers: parsed.headers, mapping: chosen, mappingErrors, fileError: null, rows: [], summary: empty, valid: [] };

  const rows = validateRows(parsed, chosen, await importContext(db, scope));
  const known = await existing(db, scope, rows);
  const seenCases = new Set<string>();
  /** positive payments of the file by case and receipt, for the reversals after them */
  const filePayments = new Set<string>();
  // The case as the file names it, also on a row whose case has errors (so the person can find it).
  const cell = (index: number, field: "court" | "caseNumber") => {
    const column = chosen[field] ? parsed.headers.indexOf(chosen[field]!) : -1;
    return column < 0 ? "" : (parsed.rows[index]?.[column] ?? "").trim().slice(0, 60);
  };
  const plans: RowPlan[] = rows.map((row, index) => {
    const errors = [...row.errors];
    const found = row.feeCase ? known.cases.get(row.caseKey) : undefined;
    if (found && !found.record) errors.push({ field: "caseNumber", message: "This case is recorded where you cannot record payments." });
    if (found && row.feeCase && !seenCases.has(row.caseKey)) errors.push(...differences(found, row.feeCase));
    const caseAction = row.feeCase && !seenCases.has(row.caseKey) ? (found ? "exists" : "create") : null;
    if (row.feeCase) seenCases.add(row.caseKey);

    let paymentAction: RowPlan["paymentAction"] = null;
    const payment = row.payment;
    if (payment) {
      const recorded = found ? known.payments.get(paymentKey(found.id, payment.reference, payment.cents)) : undefined;
      if (recorded && (recorded.cents !== payment.cents || recorded.receivedOn !== payment.receivedOn)) {
        errors.push({
          field: "paymentAmount",
          message: `Receipt ${payment.reference.slice(0, 30)} is recorded on this case as ${formatCents(recorded.cents)} on ${formatCalendarDate(recorded.receivedOn)}; the file says ${formatCents(payment.cents)} on ${formatCalendarDate(payment.receivedOn)}.`,
        });
      } else if (recorded) paymentAction = "exists";
      else {
        paymentAction = "create";
        if (payment.cents < 0) {
          const reversible = (found && known.payments.has(paymentKey(found.id, payment.reference, 1))) || filePayments.has(`${row.caseKey}|${payment.reference}`);
          if (!reversible) errors.push({ field: "paymentReceipt", message: "A reversal carries the receipt number of the payment it reverses; no payment with this receipt number is on this case." });
        }
      }
      if (payment.cents > 0) filePayments.add(`${row.caseKey}|${payment.reference}`);
    }
    return { line: row.line, errors, caseAction, paymentAction, caseLabel: [cell(index, "court"), cell(index, "caseNumber")].filter(Boolean).join(" · ") };
  });
  const count = summarize(rows);
  const withErrors = plans.filter((p) => p.errors.length > 0).length;
  return {
    headers: parsed.headers,
    mapping: chosen,
    mappingErrors,
    fileError: null,
    rows: plans,
    summary: {
      rows: count.rows,
      withErrors,
      newCases: plans.filter((p) => p.caseAction === "create").length,
      existingCases: plans.filter((p) => p.caseAction === "exists").length,
      newPayments: plans.filter((p) => p.errors.length === 0 && p.paymentAction === "create").length,
      existingPayments: plans.filter((p) => p.paymentAction === "exists").length,
    },
    valid: withErrors === 0 ? rows : [],
  };
}

/**
 * A case recorded by an office the caller cannot see (court and case number are one case everywhere):
 * the import stops on its line instead of describing that case.
 */
async function insertOrExplain<T>(line: number, insert: () => Promise<T>): Promise<T> {
  try {
    return await insert();
  } catch (error) {
    if (!isUniqueViolation(error, "fee_cases_court_case_key")) throw error;
    const message = `Line ${line}: this court and case number is already recorded by another office, which records its payments. Nothing was imported.`;
    throw new AppError("invalid", message, { csv: [message] });
  }
}

/** What the file would do, row by row. Saves nothing. */
export async function previewImport(me: SessionUser, raw: unknown): Promise<ImportPreview> {
  assertCan(me, "fees.record");
  const input = parseInput(importRequestSchema, raw);
  const db = getDb();
  const { valid: _valid, ...preview } = await plan(db, await loadFeeScope(db, me), input.csv, input.mapping as ImportMapping | undefined);
  return preview;
}

/**
 * Writes the file, all of it or nothing: refused (with the preview) while any row has an error. Cases
 * and payments already recorded are left as they are, so a second import of the same file adds nothing.
 */
export async function commitImport(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ casesCreated: number; paymentsCreated: number }> {
  assertCan(me, "fees.record");
  const input = parseInput(commitImportSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return idempotent(db, me, "fees.commitImport", input, async (tx) => {
    const preview = await plan(tx, scope, input.csv, input.mapping as ImportMapping);
    if (preview.fileError || Object.keys(preview.mappingErrors).length > 0 || preview.summary.withErrors > 0) {
      const message = "The file has rows with errors, so nothing was imported. Preview it again to see them.";
      throw new AppError("invalid", message, { csv: [message] });
    }
    const caseIds = new Map<string, string>();
    const createdCases: string[] = [];
    const createdPayments: string[] = [];
    for (const row of preview.valid) {
      const facts = row.feeCase!;
      let caseId = caseIds.get(row.caseKey);
      if (!caseId) {
        const found = await tx
          .select({ id: feeCases.id, county: jurisdictions.county, state: jurisdictions.state, arrestingAgencyId: feeCases.arrestingAgencyId, recordedByOrganizationId: feeCases.recordedByOrganizationId })
          .from(feeCases)
          .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
          .where(and(sql`lower(${feeCases.court}) = ${facts.court.toLowerCase()}`, sql`upper(${feeCases.caseNumber}) = ${facts.caseNumber.toUpperCase()}`))
          .limit(1);
        if (found[0]) {
          // Only a case the importer may record on is added to; any other stops the import on its line.
          const access = feeCaseAccess(scope, { jurisdiction: { county: found[0].county, state: found[0].state }, arrestingAgencyId: found[0].arrestingAgencyId, recordedByOrganizationId: found[0].recordedByOrganizationId });
          if (!access.record) {
            const message = `Line ${row.line}: this court and case number is already recorded by another office, which records its payments. Nothing was imported.`;
            throw new AppError("invalid", message, { csv: [message] });
          }
          caseId = found[0].id;
        }
        else {
          const created = await insertOrExplain(row.line, () =>
            tx
              .insert(feeCases)
              .values({
                jurisdictionId: facts.jurisdictionId,
                court: facts.court,
                caseNumber: facts.caseNumber,
                offense: facts.offense,
                disposition: facts.disposition,
                dispositionDate: facts.dispositionDate,
                priors: facts.priors,
                arrestingAgencyId: facts.arrestingAgencyId,
                statutoryCents: statutoryFeeCents(facts.offense, facts.priors),
                assessedCents: facts.notImposed ? 0 : facts.assessedCents,
                inabilityToPayFinding: facts.inabilityToPayFinding,
                recordedByOrganizationId: me.organizationId,
                createdBy: me.id,
                updatedBy: me.id,
              })
              .returning({ id: feeCases.id }),
          );
          caseId = created[0]!.id;
          createdCases.push(caseId);
        }
        caseIds.set(row.caseKey, caseId);
      }
      if (!row.payment) continue;
      const payment = row.payment;
      const same = await tx
        .select({ id: feePayments.id })
        .from(feePayments)
        .where(and(eq(feePayments.feeCaseId, caseId), eq(feePayments.reference, payment.reference), payment.cents < 0 ? sql`${feePayments.cents} < 0` : sql`${feePayments.cents} > 0`))
        .limit(1);
      if (same[0]) continue;
      const [current] = await tx.select().from(feeCases).where(eq(feeCases.id, caseId)).for("update").limit(1);
      let reversesPaymentId: string | null = null;
      if (payment.cents < 0) {
        const [original] = await tx
          .select({ id: feePayments.id })
          .from(feePayments)
          .where(and(eq(feePayments.feeCaseId, caseId), eq(feePayments.reference, payment.reference), sql`${feePayments.cents} > 0`))
          .limit(1);
        reversesPaymentId = original?.id ?? null;
      }
      try {
        const { paymentId } = await applyPayment(tx, current!, { receivedOn: payment.receivedOn, cents: payment.cents, reference: payment.reference, source: "import", reversesPaymentId }, me.id);
        createdPayments.push(paymentId);
      } catch (error) {
        if (error instanceof AppError) {
          const message = `Line ${row.line}: ${error.fieldErrors ? Object.values(error.fieldErrors).flat()[0] : error.message} Nothing was imported.`;
          throw new AppError("invalid", message, { csv: [message] });
        }
        throw error;
      }
    }
    await recordAudit(tx, {
      actor: auditActor(me),
      action: "fee_case.imported",
      meta,
      details: { feeCaseIds: createdCases, paymentIds: createdPayments, rows: preview.summary.rows },
    });
    const casesCreated = createdCases.length;
    const paymentsCreated = createdPayments.length;
    return { casesCreated, paymentsCreated };
  });
}
