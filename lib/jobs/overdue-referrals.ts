import { aliasedTable, and, asc, eq, gt } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { survivors } from "../../db/schema/survivors";
import { getEnv } from "../env";
import { activeStaffOf, notify } from "../notifications/commands";
import { notificationSubject } from "../notifications/subjects";
import { SERVICE_LABELS } from "../organizations/constants";
import { REFERRAL_RESPONDER_ROLES } from "../referrals/access";
import { overdueCondition } from "../referrals/queries";
import { alreadyTold } from "./notices";

// The overdue-referral notice: once a sent referral is overdue (lib/referrals/overdue.ts, the rule the
// pages show their badges by), both sides are told once, the recipient organization's staff that it
// waits for their answer and the referring advocates that it has none. The notices carry the subject
// overdueReferral, which the answer (or a withdrawal) settles (lib/referrals/commands.ts).
//
// Once per referral, however often the job runs and on however many instances: each referral is
// notified in its own transaction that first locks the referral's row and then looks for the notice
// its creator got (the creator is always told). A second run waits on that lock and then sees the
// first run's notices; an answer given meanwhile is seen too, and nothing is sent about it.

const BATCH = 200;
const NO_ID = "00000000-0000-0000-0000-000000000000";

export async function notifyOverdueReferrals(db: Db, now = new Date()): Promise<{ notified: number }> {
  const days = getEnv().referralOverdueBusinessDays;
  let notified = 0;
  let after = NO_ID;
  for (;;) {
    // The overdue referrals, a page at a time in id order.
    const page = await db
      .select({ id: referrals.id, createdBy: referrals.createdBy })
      .from(referrals)
      .where(and(overdueCondition(now), gt(referrals.id, after)))
      .orderBy(asc(referrals.id))
      .limit(BATCH);
    if (page.length === 0) return { notified };
    after = page[page.length - 1]!.id;
    const told = await alreadyTold(db, page.map((r) => ({ userId: r.createdBy, subject: notificationSubject.overdueReferral(r.id) })));
    for (const referral of page) {
      if (told.has(notificationSubject.overdueReferral(referral.id))) continue;
      if (await notifyOne(db, referral.id, now, days)) notified += 1;
    }
    if (page.length < BATCH) return { notified };
  }
}

const fromOrganization = aliasedTable(organizations, "from_org");
const toOrganization = aliasedTable(organizations, "to_org");

async function notifyOne(db: Db, referralId: string, now: Date, days: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The lock: a parallel run, or an answer being given, waits here (and this run waits on theirs).
    const [locked] = await tx.select({ id: referrals.id }).from(referrals).where(eq(referrals.id, referralId)).for("update");
    if (!locked) return false;
    const [row] = await tx
      .select({
        id: referrals.id,
        service: referrals.service,
        createdBy: referrals.createdBy,
        toOrganizationId: referrals.toOrganizationId,
        clientCode: survivors.clientCode,
        advocateId: survivors.assignedAdvocateId,
        fromName: fromOrganization.name,
        toName: toOrganization.name,
      })
      .from(referrals)
      .innerJoin(survivors, eq(survivors.id, referrals.survivorId))
      .innerJoin(fromOrganization, eq(fromOrganization.id, referrals.fromOrganizationId))
      .innerJoin(toOrganization, eq(toOrganization.id, referrals.toOrganizationId))
      .where(and(eq(referrals.id, referralId), overdueCondition(now)));
    if (!row) return false;
    const subject = notificationSubject.overdueReferral(row.id);
    if ((await alreadyTold(tx, [{ userId: row.createdBy, subject }])).size > 0) return false;

    // Organizations, the service and the client code only: never a survivor's name.
    const service = SERVICE_LABELS[row.service].toLowerCase();
    const href = `/referrals/${row.id}`;
    await notify(
      tx,
      await activeStaffOf(tx, row.toOrganizationId, REFERRAL_RESPONDER_ROLES),
      `A ${service} referral for ${row.clientCode} from ${row.fromName} has waited more than ${days} business days for your answer.`,
      href,
      subject,
    );
    await notify(tx, [row.createdBy, row.advocateId], `${row.toName} has not answered your ${service} referral for ${row.clientCode} in ${days} business days.`, href, subject);
    return true;
  });
}
