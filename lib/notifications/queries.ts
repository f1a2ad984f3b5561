import { and, count, desc, eq, isNull } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { notifications } from "../../db/schema/referrals";
import type { SessionUser } from "../auth/sessions";
import { offsetFor, PAGE_SIZE, toPage, type Page } from "../pagination";

// Each person reads only their own notifications; no permission beyond being signed in is needed.

export async function countUnreadNotifications(me: SessionUser, db: Db = getDb()): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, me.id), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

type NotificationItem = { id: string; text: string; href: string; createdAt: Date; unread: boolean };

export async function listNotifications(me: SessionUser, page: number, db: Db = getDb()): Promise<Page<NotificationItem>> {
  const where = eq(notifications.userId, me.id);
  const [rows, [totals]] = await Promise.all([
    db
      .select({ id: notifications.id, text: notifications.text, href: notifications.href, createdAt: notifications.createdAt, readAt: notifications.readAt })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(PAGE_SIZE)
      .offset(offsetFor(page)),
    db.select({ total: count() }).from(notifications).where(where),
  ]);
  return toPage(
    rows.map(({ readAt, ...row }) => ({ ...row, unread: readAt === null })),
    totals?.total ?? 0,
    page,
  );
}
