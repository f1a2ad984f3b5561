import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { users } from "../../../db/schema/users";
import { vacaturMatters } from "../../../db/schema/vacatur";
import { openMatterCondition } from "../access";

// How many open matters each attorney carries, shown beside the choice of whom to assign (the matter
// page, the legal lead's dashboard). Only ever asked about the caller's own organization's attorneys:
// another organization's workload is its own business.

/** Open matters per attorney (0 for one with none). One grouped count on the attorney index. */
export async function openMatterCounts(db: Db, attorneyIds: readonly string[]): Promise<Map<string, number>> {
  const ids = [...new Set(attorneyIds)];
  const counts = new Map(ids.map((id) => [id, 0]));
  if (!ids.length) return counts;
  const rows = await db
    .select({ attorneyId: vacaturMatters.attorneyId, n: count() })
    .from(vacaturMatters)
    .where(and(inArray(vacaturMatters.attorneyId, ids), openMatterCondition))
    .groupBy(vacaturMatters.attorneyId);
  for (const row of rows) if (row.attorneyId) counts.set(row.attorneyId, row.n);
  return counts;
}

export type AttorneyChoice = { id: string; name: string; organizationName: string; openMatters: number | null };

/** The active attorneys of one legal organization (the same choice as the matter page gives its lead), with their open-matter counts. */
export async function attorneysWithLoad(db: Db, organizationId: string): Promise<Omit<AttorneyChoice, "organizationName">[]> {
  const attorneys = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.role, "attorney"), eq(users.active, true)))
    .orderBy(asc(users.name))
    .limit(500);
  const counts = await openMatterCounts(db, attorneys.map((a) => a.id));
  return attorneys.map((a) => ({ ...a, openMatters: counts.get(a.id) ?? 0 }));
}
