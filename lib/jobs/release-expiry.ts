import { addDays, format, parseISO } from "date-fns";
import { and, asc, eq, gt, gte, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { survivors } from "../../db/schema/survivors";
import { vacaturMatters } from "../../db/schema/vacatur";
import { formatCalendarDate, pacificToday } from "../format";
import { activeStaffOf, notify, settleNotifications } from "../notifications/commands";
import { notificationSubject, type NotificationSubject } from "../notifications/subjects";
import { expiredReleaseCondition, expiringSoonReleaseCondition, loadLiveReleases } from "../releases/queries";
import { matterSuspension, openMatterCondition } from "../vacatur/access";
import { alreadyTold } from "./notices";

// Release expiry notices: the survivor's advocate, and whoever recorded the release, are told once
// when a release enters the "expiring soon" window the pages show (expiringSoonReleaseCondition, the
// advocate's day list) and once when it has expired. When the lapse suspends a vacatur matter of the
// recipient legal organization, its program leads and the assigned attorney are told as a revocation
// tells them (lib/releases/commands.ts). Once each, as for overdue referrals: under a lock on the
// release's row, looking for the notice its recorder (always told) got.

/**
 * An expiry further back than this is not announced any more: the job runs daily, so this only
 * covers days it did not run, and its first run does not announce every release that ever lapsed.
 */
export const EXPIRED_NOTICE_DAYS = 7;
const BATCH = 200;
const NO_ID = "00000000-0000-0000-0000-000000000000";

type Kind = "expiring" | "expired";

export async function notifyReleaseExpiry(db: Db, now = new Date()): Promise<{ expiring: number; expired: number }> {
  const today = pacificToday(now);
  const oldest = format(addDays(parseISO(today), -EXPIRED_NOTICE_DAYS), "yyyy-MM-dd");
  return {
    expiring: await notifyAll(db, "expiring", expiringSoonReleaseCondition(today), today),
    expired: await notifyAll(db, "expired", and(expiredReleaseCondition(today), gte(releases.expiresOn, oldest))!, today),
  };
}

function subjectOf(kind: Kind, releaseId: string): NotificationSubject {
  return kind === "expiring" ? notificationSubject.renewRelease(releaseId) : notificationSubject.releaseExpired(releaseId);
}

async function notifyAll(db: Db, kind: Kind, condition: SQL, today: string): Promise<number> {
  let notified = 0;
  let after = NO_ID;
  for (;;) {
    const page = await db
      .select({ id: releases.id, createdBy: releases.createdBy })
      .from(releases)
      .where(and(condition, gt(releases.id, after)))
      .orderBy(asc(releases.id))
      .limit(BATCH);
    if (page.length === 0) return notified;
    after = page[page.length - 1]!.id;
    const told = await alreadyTold(db, page.map((r) => ({ userId: r.createdBy, subject: subjectOf(kind, r.id) })));
    for (const release of page) {
      if (told.has(subjectOf(kind, release.id))) continue;
      if (await notifyOne(db, kind, condition, release.id, today)) notified += 1;
    }
    if (page.length < BATCH) return notified;
  }
}

async function notifyOne(db: Db, kind: Kind, condition: SQL, releaseId: string, today: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    // A parallel run, or a revocation being recorded, waits on this lock (and this run on theirs).
    const [row] = await tx
      .select({
        id: releases.id,
        survivorId: releases.survivorId,
        createdBy: releases.createdBy,
        expiresOn: releases.expiresOn,
        recipientOrganizationId: releases.recipientOrganizationId,
      })
      .from(releases)
      .where(and(eq(releases.id, releaseId), condition))
      .for("update");
    if (!row) return false;
    const subject = subjectOf(kind, row.id);
    if ((await alreadyTold(tx, [{ userId: row.createdBy, subject }])).size > 0) return false;

    const [about] = await tx
      .select({ clientCode: survivors.clientCode, advocateId: survivors.assignedAdvocateId, recipientName: organizations.name })
      .from(survivors)
      .innerJoin(organizations, eq(organizations.id, row.recipientOrganizationId))
      .where(eq(survivors.id, row.survivorId));
    if (!about) return false;

    // The client code, the organization and the date only: never a survivor's name.
    const on = formatCalendarDate(row.expiresOn);
    const href = `/survivors/${row.survivorId}`;
    const advocates = [row.createdBy, about.advocateId];
    if (kind === "expiring") {
      await notify(tx, advocates, `The release of ${about.clientCode}'s information to ${about.recipientName} ends on ${on}. Record a new one if the sharing should go on.`, href, subject);
      return true;
    }
    await settleNotifications(tx, notificationSubject.renewRelease(row.id));
    await notify(tx, advocates, `The release of ${about.clientCode}'s information to ${about.recipientName} expired on ${on}: ${about.recipientName} no longer sees what it covered.`, href, subject);
    await notifySuspendedMatters(tx, { id: row.survivorId, clientCode: about.clientCode }, row.recipientOrganizationId, today, subject);
    return true;
  });
}

/** The recipient legal organization's leads and assigned attorneys, for each open matter the lapse suspends. */
async function notifySuspendedMatters(tx: Db, survivor: { id: string; clientCode: string }, organizationId: string, today: string, subject: NotificationSubject) {
  const matters = await tx
    .select({ id: vacaturMatters.id, legalOrganizationId: vacaturMatters.legalOrganizationId, attorneyId: vacaturMatters.attorneyId })
    .from(vacaturMatters)
    .where(and(eq(vacaturMatters.survivorId, survivor.id), eq(vacaturMatters.legalOrganizationId, organizationId), openMatterCondition));
  if (matters.length === 0) return;
  const live = await loadLiveReleases(tx, survivor.id, today);
  const suspended = matters.filter((m) => matterSuspension(m, live));
  if (suspended.length === 0) return;
  const leads = await activeStaffOf(tx, organizationId, ["program_lead"]);
  for (const matter of suspended) {
    const text = `The release behind the vacatur matter for ${survivor.clientCode} expired: your organization's work on it is suspended until a new release is recorded.`;
    await notify(tx, [...leads, ...(matter.attorneyId ? [matter.attorneyId] : [])], text, `/matters/${matter.id}`, subject);
  }
}
