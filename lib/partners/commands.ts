import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { auditActor, describeChanges, recordAudit } from "../audit/record";
import { assertCan, canEditPartnerProfile } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { parseInput, staleVersionError } from "../validation";
import { partnerProfileSchema, type PartnerProfileInput } from "./schema";

const FIELDS = ["services", "countiesServed", "languages", "eligibilityNotes", "intakeContact", "capacity"] as const;

/** An organization's own staff (partner staff, program lead) or an admin updates its directory entry. */
export async function updatePartnerProfile(me: SessionUser, input: PartnerProfileInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "partners.view");
  const data = parseInput(partnerProfileSchema, input);
  if (!canEditPartnerProfile(me, data.id)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organizations).where(eq(organizations.id, data.id)).for("update").limit(1);
    if (!current) throw new AppError("not_found");
    if (current.version !== data.version) {
      const [by] = current.updatedBy ? await tx.select({ name: users.name }).from(users).where(eq(users.id, current.updatedBy)).limit(1) : [];
      throw staleVersionError("directory entry", by?.name ?? null, current.updatedAt);
    }
    const changes = describeChanges(current, data, FIELDS);
    if (Object.keys(changes).length === 0) return { version: current.version };
    const now = new Date();
    const [row] = await tx
      .update(organizations)
      .set({
        services: data.services,
        countiesServed: data.countiesServed,
        languages: data.languages,
        eligibilityNotes: data.eligibilityNotes,
        intakeContact: data.intakeContact,
        capacity: data.capacity,
        ...(changes.capacity || current.capacityUpdatedAt === null ? { capacityUpdatedAt: now } : {}),
        version: current.version + 1,
        updatedAt: now,
        updatedBy: me.id,
      })
      .where(and(eq(organizations.id, current.id), eq(organizations.version, current.version)))
      .returning({ version: organizations.version });
    if (!row) throw staleVersionError("directory entry", null, now);
    await recordAudit(tx, { actor: auditActor(me), action: "organization.profile_updated", target: { type: "organization", id: current.id }, meta, details: { changes } });
    return { version: row.version };
  });
}
