import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { jurisdictions, operations } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { loadFeeScope } from "../fees/access";
import { pacificDateTime } from "../format";
import { idempotent } from "../idempotency";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { mayRecordOperationFor, operationAccess } from "./access";
import { createOperationSchema, updateOperationSchema } from "./schema";

// Operations' writes: the hosting agency's staff (or an admin) record and correct them. Counts only;
// an operation never names a person.

type Facts = { agencyId: string; partnerAgencyIds: string[]; jurisdictionId: string; startDate: string; startTime: string; endDate: string; endTime: string };

async function checkFacts(tx: Db, me: SessionUser, input: Facts) {
  if (!mayRecordOperationFor(me, input.agencyId)) throw new AppError("invalid", undefined, { agencyId: ["You can record operations only for your own agency."] });
  const ids = [input.agencyId, ...input.partnerAgencyIds];
  const agencies = await tx
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(inArray(organizations.id, ids), eq(organizations.type, "law_enforcement")));
  if (!agencies.some((a) => a.id === input.agencyId)) throw new AppError("invalid", undefined, { agencyId: ["Choose the hosting agency from the list."] });
  if (input.partnerAgencyIds.includes(input.agencyId) || input.partnerAgencyIds.some((id) => !agencies.some((a) => a.id === id))) {
    throw new AppError("invalid", undefined, { partnerAgencyIds: ["Choose partner agencies from the list, other than the hosting agency."] });
  }
  const [jurisdiction] = await tx.select({ id: jurisdictions.id }).from(jurisdictions).where(eq(jurisdictions.id, input.jurisdictionId)).limit(1);
  if (!jurisdiction) throw new AppError("invalid", undefined, { jurisdictionId: ["Choose the jurisdiction from the list."] });
  return { startsAt: pacificDateTime(input.startDate, input.startTime)!, endsAt: pacificDateTime(input.endDate, input.endTime)! };
}

export async function createOperation(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ id: string }> {
  assertCan(me, "operations.record");
  const input = parseInput(createOperationSchema, raw);
  const db = getDb();
  return idempotent(db, me, "operations.create", input, async (tx) => {
    const times = await checkFacts(tx, me, input);
    const { idempotencyKey: _key, startDate: _sd, startTime: _st, endDate: _ed, endTime: _et, ...values } = input;
    const [row] = await tx
      .insert(operations)
      .values({ ...values, ...times, createdBy: me.id, updatedBy: me.id })
      .returning({ id: operations.id });
    await recordAudit(tx, { actor: auditActor(me), action: "operation.created", target: { type: "operation", id: row!.id }, meta, details: { agencyId: input.agencyId } });
    return { id: row!.id };
  });
}

export async function updateOperation(me: SessionUser, raw: unknown, meta: RequestMeta | null = null): Promise<{ version: number }> {
  assertCan(me, "operations.record");
  const input = parseInput(updateOperationSchema, raw);
  const db = getDb();
  const scope = await loadFeeScope(db, me);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ operation: operations, jurisdiction: { county: jurisdictions.county, state: jurisdictions.state } })
      .from(operations)
      .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
      .where(eq(operations.id, input.id))
      .limit(1);
    if (!row) throw new AppError("not_found");
    const access = operationAccess(me, scope, { agencyId: row.operation.agencyId, partnerAgencyIds: row.operation.partnerAgencyIds, jurisdiction: row.jurisdiction });
    if (!access.see) throw new AppError("not_found");
    if (!access.record) throw new AppError("forbidden");
    const times = await checkFacts(tx, me, input);
    const { id: _id, version: _version, startDate: _sd, startTime: _st, endDate: _ed, endTime: _et, ...values } = input;
    const { version } = await writeVersioned(tx, operations, {
      noun: "operation",
      current: row.operation,
      expectedVersion: input.version,
      actor: me,
      changes: { ...values, ...times },
      audit: { action: "operation.updated", target: { type: "operation", id: row.operation.id }, meta },
    });
    return { version };
  });
}
