import { aliasedTable, and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, sql, type SQL } from "drizzle-orm";
import { addDays, format, parseISO } from "date-fns";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { users } from "../../db/schema/users";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { pacificToday } from "../format";
import { EXPIRING_SOON_DAYS, type ReleaseCategory, type ReleaseForm, type ReleaseStatus, type RevocationMethod } from "./constants";
import { expiresSoon, liveReleases, releaseStatus, type LiveReleases, type ReleaseFacts } from "./rules";

// Reads of releases. Whether a release is in effect is decided at the moment of use (lib/releases/rules.ts
// releaseStatus); the SQL condition below is the same rule for list queries, and nowhere else spells it.

const factColumns = {
  id: releases.id,
  survivorId: releases.survivorId,
  recipientOrganizationId: releases.recipientOrganizationId,
  categories: releases.categories,
  signedOn: releases.signedOn,
  expiresOn: releases.expiresOn,
  revokedAt: releases.revokedAt,
};

/** A survivor's releases as they stand today: what every access decision about the survivor reads. */
export async function loadLiveReleases(db: Db, survivorId: string, today = pacificToday()): Promise<LiveReleases> {
  const rows: ReleaseFacts[] = await db.select(factColumns).from(releases).where(eq(releases.survivorId, survivorId));
  return liveReleases(rows, today);
}

/** The same for several survivors at once (lists): one query. */
export async function loadLiveReleasesOf(db: Db, survivorIds: readonly string[], today = pacificToday()): Promise<Map<string, LiveReleases>> {
  const ids = [...new Set(survivorIds)];
  const rows = ids.length ? await db.select(factColumns).from(releases).where(inArray(releases.survivorId, ids)) : [];
  const bySurvivor = new Map<string, ReleaseFacts[]>(ids.map((id) => [id, []]));
  for (const row of rows) bySurvivor.get(row.survivorId)?.push(row);
  return new Map([...bySurvivor].map(([id, list]) => [id, liveReleases(list, today)]));
}

/** The SQL condition for a release in effect today (releaseStatus "active"), for list scopes. */
export function activeReleaseCondition(today = pacificToday()): SQL {
  return and(isNull(releases.revokedAt), lte(releases.signedOn, today), gte(releases.expiresOn, today))!;
}

/** In effect today and ending within EXPIRING_SOON_DAYS (rules.ts expiresSoon), in SQL. */
export function expiringSoonReleaseCondition(today = pacificToday()): SQL {
  return and(activeReleaseCondition(today), lte(releases.expiresOn, format(addDays(parseISO(today), EXPIRING_SOON_DAYS), "yyyy-MM-dd")))!;
}

/** Past its expiry and never revoked (releaseStatus "expired"), in SQL. */
export function expiredReleaseCondition(today = pacificToday()): SQL {
  return and(isNull(releases.revokedAt), lt(releases.expiresOn, today))!;
}

export type ReleaseItem = {
  id: string;
  version: number;
  recipientOrganizationId: string;
  recipientName: string;
  categories: ReleaseCategory[];
  purpose: string;
  form: ReleaseForm;
  signedOn: string;
  expiresOn: string;
  status: ReleaseStatus;
  expiresSoon: boolean;
  copyProvided: boolean;
  guardianName: string | null;
  createdByName: string;
  revokedAt: Date | null;
  revokedByName: string | null;
  revocationMethod: RevocationMethod | null;
  revocationNote: string | null;
};

/** Every release of a survivor with its status today, for the survivor's own organization (the caller checked that). */
export async function listReleasesOf(db: Db, survivorId: string): Promise<ReleaseItem[]> {
  const creator = aliasedTable(users, "creator");
  const revoker = aliasedTable(users, "revoker");
  const rows: Omit<ReleaseItem, "status" | "expiresSoon">[] = await db
    .select({
      id: releases.id,
      version: releases.version,
      recipientOrganizationId: releases.recipientOrganizationId,
      recipientName: organizations.name,
      categories: releases.categories,
      purpose: releases.purpose,
      form: releases.form,
      signedOn: releases.signedOn,
      expiresOn: releases.expiresOn,
      copyProvided: releases.copyProvided,
      guardianName: releases.guardianName,
      createdByName: creator.name,
      revokedAt: releases.revokedAt,
      revokedByName: revoker.name,
      revocationMethod: releases.revocationMethod,
      revocationNote: releases.revocationNote,
    })
    .from(releases)
    .innerJoin(organizations, eq(organizations.id, releases.recipientOrganizationId))
    .innerJoin(creator, eq(creator.id, releases.createdBy))
    .leftJoin(revoker, eq(revoker.id, releases.revokedBy))
    .where(eq(releases.survivorId, survivorId))
    .orderBy(desc(releases.signedOn), desc(releases.createdAt))
    .limit(200);
  const today = pacificToday();
  return rows.map((r) => ({ ...r, status: releaseStatus(r, today), expiresSoon: expiresSoon(r, today) }));
}

type RecipientOption = { id: string; name: string };

/** Organizations a release can name: every active partner except the caller's own organization. */
export async function listRecipientOptions(me: SessionUser, db: Db = getDb()): Promise<RecipientOption[]> {
  assertCan(me, "survivors.manage");
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    // Police agencies never see a survivor here, so no release names one (lib/releases/commands.ts refuses it too).
    .where(and(eq(organizations.active, true), ne(organizations.type, "law_enforcement"), sql`${organizations.id} is distinct from ${me.organizationId}`))
    .orderBy(asc(organizations.name))
    .limit(1000);
}
