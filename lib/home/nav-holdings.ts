import "server-only";
import { getDb, type Db } from "../../db/client";
import { survivors } from "../../db/schema/survivors";
import { can, type NavHoldings } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { releasedSurvivors } from "../survivors/access";

// What the navigation needs to know besides permissions (lib/auth/policy.ts navigationFor): whether a
// link's page would hold anything for this person. Asked once per page by the shell, so each answer
// is a single EXISTS on an index, and asked only of those for whom the answer can differ.

export async function navHoldings(me: SessionUser, db: Db = getDb()): Promise<NavHoldings> {
  // Someone who manages survivors always has the survivors area; someone who may not open it never does.
  if (!can(me, "survivors.view") || can(me, "survivors.manage")) return { sharedSurvivors: false };
  const shared = await db.select({ id: survivors.id }).from(survivors).where(releasedSurvivors(me)).limit(1);
  return { sharedSurvivors: shared.length > 0 };
}
