import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { serviceEvents } from "../../db/schema/survivors";
import type { AuditAction } from "../audit/actions";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import { idempotent } from "../idempotency";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";
import { loadSurvivor } from "./access";
import { addSurvivorEvent } from "./commands";
import { mayRemoveService, type ServiceCategory } from "./services";
import { recordServiceSchema, removeServiceSchema, type RecordServiceInput, type RemoveServiceInput } from "./services-schema";

// Services given to a survivor (VOCA PMT categories), which the funder report counts. Recorded by the
// people who manage the survivor (survivorAccess: the assigned or shared advocate, the organization's
// program leads), on behalf of their own organization. A mistaken entry is removed, never edited or
// deleted: it stays in the table, marked removed, and leaves every count. Each write lands in the
// survivor's timeline (with the service) and the audit trail (ids only) in the same transaction.

export type RecordedService = { id: string; survivorId: string; category: ServiceCategory; occurredOn: string; minutes: number | null };

async function audit(tx: Db, me: SessionUser, action: AuditAction, survivorId: string, serviceEventId: string, meta: RequestMeta | null) {
  await recordAudit(tx, { actor: auditActor(me), action, target: { type: "survivor", id: survivorId }, meta, details: { serviceEventId } });
}

/** Records a service given today (or on the day given) by the caller. Idempotent: a double click records once. */
export async function recordService(me: SessionUser, input: RecordServiceInput, meta: RequestMeta | null, db: Db = getDb()): Promise<RecordedService> {
  assertCan(me, "survivors.manage");
  const data = parseInput(recordServiceSchema, input);
  return idempotent(db, me, "survivors.service", data, async (tx) => {
    const { row } = await loadSurvivor(tx, me, data.survivorId, { manage: true });
    // Managing a survivor means belonging to its organization (survivorAccess), which is whose service this is.
    const service: RecordedService = { id: randomUUID(), survivorId: row.id, category: data.category, occurredOn: data.occurredOn ?? pacificToday(), minutes: data.minutes };
    await tx.insert(serviceEvents).values({ ...service, organizationId: row.organizationId, staffUserId: me.id });
    await addSurvivorEvent(tx, row.id, "service_recorded", me.id, { serviceEventId: service.id, category: service.category, occurredOn: service.occurredOn, minutes: service.minutes });
    await audit(tx, me, "survivor.service_recorded", row.id, service.id, meta);
    return service;
  });
}

/**
 * Removes a service recorded in error: by the person who recorded it, or a program lead of the
 * organization, while they manage the survivor. A service of a survivor the caller may not manage is
 * not found, like the survivor.
 */
export async function removeService(me: SessionUser, input: RemoveServiceInput, meta: RequestMeta | null, db: Db = getDb()): Promise<{ survivorId: string }> {
  assertCan(me, "survivors.manage");
  const data = parseInput(removeServiceSchema, input);
  return db.transaction(async (tx) => {
    const [entry] = await tx.select().from(serviceEvents).where(eq(serviceEvents.id, data.id)).for("update").limit(1);
    if (!entry) throw new AppError("not_found");
    await loadSurvivor(tx, me, entry.survivorId, { manage: true });
    if (!mayRemoveService(me, entry)) throw new AppError("forbidden", "Only the person who recorded this service, or a program lead, can remove it.");
    if (entry.removedAt) throw new AppError("conflict", "This service was already removed. Reload the page to see the current list.");
    await tx.update(serviceEvents).set({ removedAt: new Date(), removedBy: me.id }).where(eq(serviceEvents.id, entry.id));
    await addSurvivorEvent(tx, entry.survivorId, "service_removed", me.id, { serviceEventId: entry.id, category: entry.category, occurredOn: entry.occurredOn });
    await audit(tx, me, "survivor.service_removed", entry.survivorId, entry.id, meta);
    return { survivorId: entry.survivorId };
  });
}
