import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb } from "../../db/client";
import { allocationPolicies, feeLedgerEntries, jurisdictions } from "../../db/schema/fees";
import { formatCalendarDate } from "../format";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { loadFeeScope } from "../fees/access";
import { idempotent } from "../idempotency";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { mayEditJurisdiction } from "./access";
import { allocationPolicySchema, createJurisdictionSchema, toPolicy, updateJurisdictionSchema } from "./schema";

const DUPLICATE = { name: ["A jurisdiction with this name is already listed in this state."] };

export async function createJurisdiction(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ id: string }> {
  assertCan(me, "jurisdictions.edit");
  const input = parseInput(createJurisdictionSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  if (!mayEditJurisdiction(me, scope, input)) throw new AppError("invalid", undefined, { county: ["You can add jurisdictions only in your organization's county."] });
  return idempotent(db, me, "jurisdictions.create", input, async (tx) => {
    const { idempotencyKey: _key, ...values } = input;
    try {
      const [row] = await tx.insert(jurisdictions).values({ ...values, updatedBy: me.id }).returning({ id: jurisdictions.id });
      await recordAudit(tx, { actor: auditActor(me), action: "jurisdiction.created", target: { type: "jurisdiction", id: row!.id }, meta });
      return { id: row!.id };
    } catch (error) {
      if (isUniqueViolation(error, "jurisdictions_name_state_key")) throw new AppError("invalid", undefined, DUPLICATE);
      throw error;
    }
  });
}

export async function updateJurisdiction(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ version: number }> {
  assertCan(me, "jurisdictions.edit");
  const input = parseInput(updateJurisdictionSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, input.id)).limit(1);
    if (!current) throw new AppError("not_found");
    if (!mayEditJurisdiction(me, scope, current)) throw new AppError("forbidden");
    // Where a jurisdiction lies decides who sees its cases: only an administrator moves it.
    if (me.role !== "admin" && (input.county !== current.county || input.state !== current.state)) {
      throw new AppError("invalid", undefined, { county: ["Only an administrator changes a jurisdiction's county or state: it decides who sees its fee cases."] });
    }
    const { id: _id, version: _version, ...edited } = input;
    const fields = (Object.keys(edited) as (keyof typeof edited)[]).filter((key) => JSON.stringify(edited[key]) !== JSON.stringify(current[key]));
    const changes = fields.length ? Object.fromEntries(fields.map((key) => [key, edited[key]])) : null;
    try {
      const { version } = await writeVersioned(tx, jurisdictions, {
        noun: "jurisdiction profile",
        current,
        expectedVersion: input.version,
        actor: me,
        changes,
        audit: { action: "jurisdiction.updated", target: { type: "jurisdiction", id: current.id }, meta, details: { fields } },
      });
      return { version };
    } catch (error) {
      if (isUniqueViolation(error, "jurisdictions_name_state_key")) throw new AppError("invalid", undefined, DUPLICATE);
      throw error;
    }
  });
}

/**
 * A new allocation policy from a day on. Payments already recorded keep the split they were recorded
 * under (the ledger never changes); payments received from that day on are split under this one.
 */
export async function setAllocationPolicy(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ id: string }> {
  assertCan(me, "jurisdictions.edit");
  // The split is the jurisdiction's decision (its council's), recorded by an administrator: a program
  // lead of a provider that receives a share never sets it.
  if (me.role !== "admin") throw new AppError("forbidden");
  const input = parseInput(allocationPolicySchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return idempotent(db, me, "jurisdictions.setAllocationPolicy", input, async (tx) => {
    const [jurisdiction] = await tx.select().from(jurisdictions).where(eq(jurisdictions.id, input.jurisdictionId)).limit(1);
    if (!jurisdiction) throw new AppError("not_found");
    if (!mayEditJurisdiction(me, scope, jurisdiction)) throw new AppError("forbidden");
    // The ledger never changes: a policy cannot reach back over money already split.
    const [latest] = await tx.select({ day: sql<string | null>`max(${feeLedgerEntries.entryDate})::text` }).from(feeLedgerEntries).where(eq(feeLedgerEntries.jurisdictionId, jurisdiction.id));
    if (latest?.day && input.effectiveFrom <= latest.day) {
      throw new AppError("invalid", undefined, {
        effectiveFrom: [`Money received up to ${formatCalendarDate(latest.day)} is already split under the policy of its day. Choose a day after it.`],
      });
    }
    const policy = toPolicy(input.lines);
    try {
      const [row] = await tx
        .insert(allocationPolicies)
        .values({ jurisdictionId: jurisdiction.id, effectiveFrom: input.effectiveFrom, lines: [...policy.lines], createdBy: me.id })
        .returning({ id: allocationPolicies.id });
      await recordAudit(tx, { actor: auditActor(me), action: "allocation_policy.created", target: { type: "jurisdiction", id: jurisdiction.id }, meta, details: { policyId: row!.id } });
      return { id: row!.id };
    } catch (error) {
      if (isUniqueViolation(error, "allocation_policies_jurisdiction_from_key")) {
        throw new AppError("invalid", undefined, { effectiveFrom: ["A policy already takes effect on this day. Choose another day: a policy is never changed once set."] });
      }
      throw error;
    }
  });
}
