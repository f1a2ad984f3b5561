import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "../../../db/client";
import { serviceEvents } from "../../../db/schema/survivors";
import { users } from "../../../db/schema/users";
import { auditActor, recordAudit } from "../../audit/record";
import { assertCan } from "../../auth/policy";
import type { SessionUser } from "../../auth/sessions";
import { offsetFor, toPage, type Page } from "../../pagination";
import type { RequestMeta } from "../../request-meta";
import { AppError } from "../../errors";
import { loadSurvivorOncePerRequest } from "../access";
import { mayRemoveService, type ServiceCategory } from "../services";

// The services given to one survivor, newest first, for those who manage the survivor. Removed
// entries are kept in the table but not listed (the timeline tells when and by whom they were removed).

export type ServiceItem = {
  id: string;
  category: ServiceCategory;
  occurredOn: string;
  minutes: number | null;
  staffName: string;
  createdAt: Date;
  canRemove: boolean;
};

export type SurvivorServices = Page<ServiceItem> & { survivorId: string; clientCode: string; preferredName: string };

/**
 * A page of the survivor's current services. With `meta`, the read is audited as a view of the record
 * (the services page); without, the caller has audited the view already (the survivor page's section).
 */
export async function listSurvivorServices(
  me: SessionUser,
  survivorId: string,
  options: { page?: number; pageSize?: number; meta?: RequestMeta | null } = {},
  db: Db = getDb(),
): Promise<SurvivorServices> {
  assertCan(me, "survivors.manage");
  // The survivor page's title asked the same already: one load per request.
  const { row, access } = await loadSurvivorOncePerRequest(me, survivorId, db);
  if (!access.manage) throw new AppError("not_found");
  const page = options.page ?? 1;
  const pageSize = options.pageSize ?? 25;
  const current = and(eq(serviceEvents.survivorId, row.id), isNull(serviceEvents.removedAt));
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: serviceEvents.id,
        category: serviceEvents.category,
        occurredOn: serviceEvents.occurredOn,
        minutes: serviceEvents.minutes,
        staffUserId: serviceEvents.staffUserId,
        organizationId: serviceEvents.organizationId,
        staffName: users.name,
        createdAt: serviceEvents.createdAt,
      })
      .from(serviceEvents)
      .innerJoin(users, eq(users.id, serviceEvents.staffUserId))
      .where(current)
      .orderBy(desc(serviceEvents.occurredOn), desc(serviceEvents.createdAt), desc(serviceEvents.id))
      .limit(pageSize)
      .offset(offsetFor(page, pageSize)),
    db.select({ n: count() }).from(serviceEvents).where(current),
  ]);
  if (options.meta !== undefined) {
    await recordAudit(db, { actor: auditActor(me), action: "survivor.viewed", target: { type: "survivor", id: row.id }, meta: options.meta, details: { access: access.kind } });
  }
  const items = rows.map(({ staffUserId, organizationId, ...item }) => ({ ...item, canRemove: mayRemoveService(me, { staffUserId, organizationId }) }));
  return { ...toPage(items, total?.n ?? 0, page, pageSize), survivorId: row.id, clientCode: row.clientCode, preferredName: row.preferredName };
}
