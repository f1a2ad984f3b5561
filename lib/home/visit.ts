import "server-only";
import { eq, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { users } from "../../db/schema/users";
import type { SessionUser } from "../auth/sessions";

/**
 * Someone opens their home: returns when they last did (null: never) and notes now, so what changed
 * in between can be shown as new. One statement that locks the row, reads the previous visit and
 * writes this one, so two tabs opened at once do not both miss (or both re-show) the same news: the
 * second waits for the first and reads the visit it wrote. One round trip, where a transaction took
 * four (begin, read, write, commit) before the page could ask for anything. Activity, not a change to
 * a record: not audited.
 */
export async function visitHome(me: SessionUser, db: Db = getDb(), now = new Date()): Promise<Date | null> {
  const previous = db.select({ id: users.id, at: users.lastHomeVisitAt }).from(users).where(eq(users.id, me.id)).for("update").as("previous");
  const [row] = await db
    .update(users)
    .set({ lastHomeVisitAt: now })
    .from(previous)
    .where(eq(users.id, previous.id))
    .returning({ at: sql<Date | null>`${previous.at}`.mapWith(users.lastHomeVisitAt) });
  return row?.at ?? null;
}
