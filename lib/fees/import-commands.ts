import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb, type Db } from "../../db/client";
import { feeCases, feePayments, jurisdictions } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { idempotent } from "../idempotency";
import type { RequestMeta } from "../request-meta";
import { idempotencyKey, parseInput } from "../validation";
import { feeCaseAccess, loadFeeScope, mayRecordIn, type FeeScope } from "./access";
import { applyPayment } from "./commands";
import { checkMapping, IMPORT_FIELDS, parseCsv, suggestMapping, summarize, validateRows, type ImportMapping, type ImportRow } from "./import";
import { statutoryFeeCents } from "./statute";

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
    db.select({ id: jurisdictions.id, name: jurisdictions.name, county: jurisdictions.county }).from(jurisdictions),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.type, "law_enforcement")),
  ]);
  return { jurisdictions: places.filter((j) => mayRecordIn(scope, j)).map(({ id, name }) => ({ id, name })), agencies };
}

/** The cases and payments of the file already recorded, and whether the caller may record on each case. */
async function existing(db: Db, scope: FeeScope, rows: ImportRow[]) {
  const keys = [...new Set(rows.filter((r) => r.feeCase).map((r) => r.caseKey))];
  if (keys.length === 0) return { cases: new Map<string, { id: string; record: boolean }>(), payments: new Set<string>() };
  const found = await db
    .select({ id: feeCases.id, key: sql<string>`lower(${feeCases.court}) || '|' || upper(${feeCases.caseNumber})`, county: jurisdictions.county, arrestingAgencyId: feeCases.arrestingAgencyId, recordedByOrganizationId: feeCases.recordedByOrganizationId })
    .from(feeCases)
    .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
    .where(inArray(sql`lower(${feeCases.court}) || '|' || upper(${feeCases.caseNumber})`, keys));
  const cases = new Map(found.map((c) => [c.key, { id: c.id, record: feeCaseAccess(scope, { jurisdictionCounty: c.county, arrestingAgencyId: c.arrestingAgencyId, recordedByOrganizationId: c.recordedByOrganizationId }).record }]));
  const ids = [...cases.values()].map((c) => c.id);
  const paid = ids.length ? await db.select({ feeCaseId: feePayments.feeCaseId, reference: feePayments.reference }).from(feePayments).where(inArray(feePayments.feeCaseId, ids)) : [];
  return { cases, payments: new Set(paid.map((p) => `${p.feeCaseId}|${p.reference}`)) };
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
  // The case as the file names it, also on a row whose case has errors (so the person can find it).
  const cell = (index: number, field: "court" | "caseNumber") => {
    const column = chosen[field] ? parsed.headers.indexOf(chosen[field]!) : -1;
    return column < 0 ? "" : (parsed.rows[index]?.[column] ?? "").trim().slice(0, 60);
  };
  const plans: RowPlan[] = rows.map((row, index) => {
    const errors = [...row.errors];
    const found = known.cases.get(row.caseKey);
    if (found && !found.record) errors.push({ field: "caseNumber", message: "This case is already recorded where you cannot record payments." });
    const caseAction = row.feeCase && !seenCases.has(row.caseKey) ? (found ? "exists" : "create") : null;
    if (row.feeCase) seenCases.add(row.caseKey);
    const paymentAction = row.payment ? (found && known.payments.has(`${found.id}|${row.payment.reference}`) ? "exists" : "create") : null;
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
    let casesCreated = 0;
    let paymentsCreated = 0;
    for (const row of preview.valid) {
      const facts = row.feeCase!;
      let caseId = caseIds.get(row.caseKey);
      if (!caseId) {
        const [found] = await tx
          .select({ id: feeCases.id })
          .from(feeCases)
          .where(and(sql`lower(${feeCases.court}) = ${facts.court.toLowerCase()}`, sql`upper(${feeCases.caseNumber}) = ${facts.caseNumber.toUpperCase()}`))
          .limit(1);
        if (found) caseId = found.id;
        else {
          const [created] = await tx
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
            .returning({ id: feeCases.id });
          caseId = created!.id;
          casesCreated += 1;
        }
        caseIds.set(row.caseKey, caseId);
      }
      if (!row.payment) continue;
      const [already] = await tx
        .select({ id: feePayments.id })
        .from(feePayments)
        .where(and(eq(feePayments.feeCaseId, caseId), eq(feePayments.reference, row.payment.reference)))
        .limit(1);
      if (already) continue;
      const [current] = await tx.select().from(feeCases).where(eq(feeCases.id, caseId)).for("update").limit(1);
      if (current!.assessedCents === 0) throw new AppError("invalid", `Line ${row.line}: the judgment on this case imposed no fee, so no payment can be recorded on it.`);
      try {
        await applyPayment(tx, current!, { receivedOn: row.payment.receivedOn, cents: row.payment.cents, reference: row.payment.reference, source: "import" }, me.id);
      } catch (error) {
        if (error instanceof AppError) throw new AppError("invalid", `Line ${row.line}: ${error.fieldErrors ? Object.values(error.fieldErrors).flat()[0] : error.message} Nothing was imported.`);
        throw error;
      }
      paymentsCreated += 1;
    }
    await recordAudit(tx, { actor: auditActor(me), action: "fee_case.imported", meta, details: { cases: casesCreated, payments: paymentsCreated, rows: preview.summary.rows } });
    return { casesCreated, paymentsCreated };
  });
}
