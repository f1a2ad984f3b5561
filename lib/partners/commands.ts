import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { describeChanges } from "../audit/record";
import { assertCan, canEditPartnerProfile } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import type { RequestMeta } from "../request-meta";
import { parseInput } from "../validation";
import { writeVersioned } from "../versioned-write";
import { partnerProfileSchema, type PartnerProfileInput } from "./schema";

const FIELDS = ["services", "countiesServed", "languages", "eligibilityNotes", "intakeContact", "capacity"] as const;

/** An organization's own staff (partner staff, program lead) or an admin updates its directory entry. */
export async function updatePartnerProfile(me: SessionUser, input: PartnerProfileInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "partners.view");
  const data = parseInput(partnerProfileSchema, input);
  if (!canEditPartnerProfile(me, data.id)) throw new AppError("forbidden");
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(organizations).where(eq(organizations.id, data.id)).limit(1);
    if (!current) throw new AppError("not_found");
    const changes = describeChanges(current, data, FIELDS);
    const changed = Object.keys(changes).length > 0;
    return writeVersioned(tx, organizations, {
      noun: "directory entry",
      current,
      expectedVersion: data.version,
      actor: me,
      changes: changed
        ? {
            services: data.services,
            countiesServed: data.countiesServed,
            languages: data.languages,
            eligibilityNotes: data.eligibilityNotes,
            intakeContact: data.intakeContact,
            capacity: data.capacity,
            ...(changes.capacity || current.capacityUpdatedAt === null ? { capacityUpdatedAt: new Date() } : {}),
          }
        : null,
      audit: { action: "organization.profile_updated", target: { type: "organization", id: current.id }, meta, details: { changes } },
    });
  });
}
