import "server-only";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "../db/client";
import { survivors } from "../db/schema/survivors";
import { can } from "./auth/policy";
import type { SessionUser } from "./auth/sessions";
import { AppError } from "./errors";
import { loadReferral } from "./referrals/access";
import { loadSurvivorOncePerRequest } from "./survivors/access";
import { loadMatter } from "./vacatur/access";

// What a record's pages are called in the browser's title (tabs, history, bookmarks): the client code,
// which every page of the record shows its reader anyway, never a name. Each answer comes from the
// record's own access function, like the page's: for a record the caller cannot open there is no
// name (null), so a not-found page never says which record it was.

function notFoundAsNull(error: unknown): null {
  if (error instanceof AppError && error.code === "not_found") return null;
  throw error;
}

async function clientCodeOf(db: Db, survivorId: string): Promise<string | null> {
  const [row] = await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, survivorId)).limit(1);
  return row?.clientCode ?? null;
}

/** The client code naming a survivor's pages, when the caller may open the record (survivorAccess). */
export async function survivorTitle(me: SessionUser | null, id: string, db: Db = getDb()): Promise<string | null> {
  if (!me || !can(me, "survivors.view")) return null;
  const loaded = await loadSurvivorOncePerRequest(me, id, db).catch(notFoundAsNull);
  return loaded?.row.clientCode ?? null;
}

/** The client code naming a vacatur matter's page, when the caller may open the matter (matterAccess). */
export async function matterTitle(me: SessionUser | null, id: string, db: Db = getDb()): Promise<string | null> {
  if (!me || !can(me, "matters.view")) return null;
  const loaded = await loadMatter(db, me, id).catch(notFoundAsNull);
  return loaded ? clientCodeOf(db, loaded.row.survivorId) : null;
}

/** The client code naming a referral's page, when the caller may open the referral (referralAccess). */
export async function referralTitle(me: SessionUser | null, id: string, db: Db = getDb()): Promise<string | null> {
  if (!me || !can(me, "referrals.view")) return null;
  const loaded = await loadReferral(db, me, id).catch(notFoundAsNull);
  return loaded ? clientCodeOf(db, loaded.row.survivorId) : null;
}
