import { and, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { notifications } from "../../db/schema/referrals";

// What the notice jobs (overdue referrals, release expiry) share. A notice is sent once: each job
// checks, under a lock on the record it is about, whether a person who is always told got it already.
// The look-up goes by user (notifications_user_idx), since no index holds the subject of read notices.

/** The subjects among these that their user was already notified about (read or not). */
export async function alreadyTold(db: Db, pairs: readonly { userId: string; subject: string }[]): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await db
    .select({ userId: notifications.userId, subject: notifications.subject })
    .from(notifications)
    .where(and(inArray(notifications.userId, [...new Set(pairs.map((p) => p.userId))]), inArray(notifications.subject, pairs.map((p) => p.subject))));
  const wanted = new Set(pairs.map((p) => `${p.userId} ${p.subject}`));
  return new Set(rows.filter((r) => wanted.has(`${r.userId} ${r.subject}`)).map((r) => r.subject!));
}
