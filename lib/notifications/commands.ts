import { and, eq, inArray, isNull } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { notifications } from "../../db/schema/referrals";
import { users } from "../../db/schema/users";
import type { Role } from "../auth/roles";
import type { SessionUser } from "../auth/sessions";
import { isUuid } from "../validation";
import type { NotificationSubject } from "./subjects";

// In-app notifications. The text is written by the caller and must never name a survivor or carry
// an identifying detail: organizations, services and client codes only.

/**
 * Queues one notification per user (inside the caller's transaction). `subject`: what it asks the
 * reader to do (./subjects.ts), so that doing it settles the notification for everyone who got it.
 */
export async function notify(db: Db, userIds: readonly string[], text: string, href: string, subject: NotificationSubject | null = null): Promise<void> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return;
  await db.insert(notifications).values(unique.map((userId) => ({ userId, text, href, subject })));
}

/**
 * The thing a notification asked for is done (a matter assigned, a referral answered): every unread
 * notification about it, whoever received it, stops counting as new. Call it inside the transaction
 * that does the thing.
 */
export async function settleNotifications(db: Db, subject: NotificationSubject): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.subject, subject), isNull(notifications.readAt)));
}

/** The active, approved people of an organization in these roles (who gets told about a new referral). */
export async function activeStaffOf(db: Db, organizationId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.organizationId, organizationId), eq(users.active, true), eq(users.approvalStatus, "approved"), inArray(users.role, [...roles])));
  return rows.map((r) => r.id);
}

export async function markAllNotificationsRead(me: SessionUser, db: Db = getDb()): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.userId, me.id), isNull(notifications.readAt)));
}

/** Marks one of the caller's own notifications read and returns where it points (null: not theirs). */
export async function openNotification(me: SessionUser, id: string, db: Db = getDb()): Promise<string | null> {
  if (!isUuid(id)) return null;
  const [row] = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, id), eq(notifications.userId, me.id)))
    .returning({ href: notifications.href });
  // Only ever redirect inside Clearway.
  return row && row.href.startsWith("/") && !row.href.startsWith("//") ? row.href : null;
}
