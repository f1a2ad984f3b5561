import { and, eq, exists, gte, isNull, lte, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { releases } from "../../db/schema/releases";
import { survivors, survivorShares, type SurvivorRow } from "../../db/schema/survivors";
import { RELEASE_RECIPIENT_ROLES, survivorAccess, type ActiveRelease, type SurvivorAccess, type SurvivorAccessSubject } from "../auth/policy";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import { isUuid } from "../validation";

// The data layer's side of the survivor policy (lib/auth/policy.ts survivorAccess): load what the
// policy needs about one record, or build the SQL condition that lists exactly the records it allows.
// Both answer "not found" for a record the caller may not see, so existence never leaks.

/** Active releases of one survivor (not revoked, signed on or before today, expiring today or later). */
export async function activeReleasesOf(db: Db, survivorId: string, today = pacificToday()): Promise<ActiveRelease[]> {
  return db
    .select({ id: releases.id, recipientOrganizationId: releases.recipientOrganizationId, categories: releases.categories })
    .from(releases)
    .where(and(eq(releases.survivorId, survivorId), isNull(releases.revokedAt), lte(releases.signedOn, today), gte(releases.expiresOn, today)));
}

export type LoadedSurvivor = { row: SurvivorRow; access: SurvivorAccess; activeReleases: ActiveRelease[] };

/**
 * Loads a survivor and decides the caller's access, or throws not_found. With `forUpdate`, the row is
 * locked for the rest of the transaction (pass the transaction as db). With `manage`, read-only
 * access (a release) is also not found: commands refuse exactly like pages do.
 */
export async function loadSurvivor(
  db: Db,
  me: SurvivorAccessSubject,
  id: string,
  options: { forUpdate?: boolean; manage?: boolean } = {},
): Promise<LoadedSurvivor> {
  if (!isUuid(id) || me.role === "admin" || !me.organizationId) throw new AppError("not_found");
  const query = db.select().from(survivors).where(eq(survivors.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  const [shared, activeReleases] = await Promise.all([
    row.organizationId === me.organizationId && me.role === "advocate"
      ? db
          .select({ userId: survivorShares.userId })
          .from(survivorShares)
          .where(and(eq(survivorShares.survivorId, id), eq(survivorShares.userId, me.id)))
          .limit(1)
      : Promise.resolve([]),
    activeReleasesOf(db, id),
  ]);
  const access = survivorAccess(me, row, { sharedWithMe: shared.length > 0, activeReleases });
  if (!access || (options.manage && !access.manage)) throw new AppError("not_found");
  return { row, access, activeReleases };
}

/**
 * The SQL condition on `survivors` for the records this user manages (survivorAccess kinds
 * "caseload" and "organization"): an advocate's caseload and shares, a program lead's organization.
 */
export function managedSurvivors(me: SurvivorAccessSubject): SQL {
  if (me.role === "admin" || !me.organizationId) return sql`false`;
  const orgId = me.organizationId;
  if (me.role === "program_lead") return eq(survivors.organizationId, orgId);
  if (me.role === "advocate") {
    // "assigned to me OR shared with me", written as IN so each side can use its own index.
    return and(
      eq(survivors.organizationId, orgId),
      or(
        eq(survivors.assignedAdvocateId, me.id),
        sql`${survivors.id} in (select ${survivorShares.survivorId} from ${survivorShares} where ${survivorShares.userId} = ${me.id})`,
      ),
    )!;
  }
  return sql`false`;
}

/**
 * The SQL condition for records another organization shared with this user's organization under a
 * release active today (survivorAccess kind "release").
 */
export function releasedSurvivors(me: SurvivorAccessSubject, today = pacificToday()): SQL {
  if (!me.organizationId || !RELEASE_RECIPIENT_ROLES.includes(me.role)) return sql`false`;
  const organizationId = me.organizationId;
  return and(
    ne(survivors.organizationId, organizationId),
    exists(
      sql`(select 1 from ${releases} where ${releases.survivorId} = ${survivors.id}
        and ${releases.recipientOrganizationId} = ${organizationId} and ${releases.revokedAt} is null
        and ${releases.signedOn} <= ${today} and ${releases.expiresOn} >= ${today})`,
    ),
  )!;
}
