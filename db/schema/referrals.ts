import { sql, type SQL } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { declineReasonEnum, referralStatusEnum, serviceEnum, urgencyEnum } from "./enums";
import { organizations } from "./organizations";
import { releases } from "./releases";
import { survivors } from "./survivors";
import { users } from "./users";

// A referral of one survivor to one organization for one service. `identified` says whether it
// carries identifying details (then an active release to the recipient covering identity and contact
// and referral details is required, and checked again at every view); otherwise the recipient sees
// the client code and the need only. Reason and notes are encrypted like other survivor text.
export const referrals = pgTable(
  "referrals",
  {
    id: uuid().primaryKey(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    fromOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    toOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    service: serviceEnum().notNull(),
    urgency: urgencyEnum().notNull(),
    reasonEnc: text().notNull(),
    notesEnc: text(),
    identified: boolean().notNull(),
    // the release relied on when it was sent identified (for the audit trail)
    releaseId: uuid().references(() => releases.id),
    status: referralStatusEnum().notNull().default("draft"),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    // when the recipient answered (accepted or declined): "days from sent to answered"
    answeredAt: timestamp({ withTimezone: true }),
    // whole Pacific calendar days from sent to answered, kept by the database so the dashboard's median
    // (lib/reports) does not convert two timestamps of every referral of a year at each view
    answerDays: integer().generatedAlwaysAs(
      (): SQL => sql`(${referrals.answeredAt} at time zone 'America/Los_Angeles')::date - (${referrals.sentAt} at time zone 'America/Los_Angeles')::date`,
    ),
    // a declined referral's reason as a countable choice; the words stay in the event's note
    declineReason: declineReasonEnum(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    // a recipient's referrals by status: waiting ones oldest sent first, answered ones latest change
    // first, each in the inbox's exact order and read from the index alone (lib/home/inbox.ts)
    index("referrals_to_idx").on(t.toOrganizationId, t.status, t.sentAt, t.statusChangedAt.desc().nullsFirst(), t.id),
    index("referrals_to_changed_idx").on(t.toOrganizationId, t.status, t.statusChangedAt.desc().nullsFirst(), t.id),
    // the survivor last: a sending side's count by status checks each row's caseload from the index alone
    index("referrals_from_idx").on(t.fromOrganizationId, t.status, t.createdAt, t.survivorId),
    // the sending side's list, newest change first: walked in its order, each row's status and
    // survivor checked from the index itself (the list's filter, the caseload it must belong to)
    index("referrals_from_changed_idx").on(t.fromOrganizationId, t.statusChangedAt, t.id, t.status, t.survivorId),
    // the sending side's overdue ones (sent, unanswered since before a day), with the survivor to check against a caseload
    index("referrals_from_unanswered_idx").on(t.fromOrganizationId, t.sentAt, t.survivorId).where(sql`${t.status} = 'sent'`),
    index("referrals_created_by_idx").on(t.createdBy, t.createdAt),
    index("referrals_survivor_idx").on(t.survivorId, t.createdAt),
    // the dashboard's referrals of a period (lib/reports), counted from the index alone; the survivor
    // last, so a county filter joins survivors from the index too
    index("referrals_report_idx").on(t.sentAt, t.fromOrganizationId, t.toOrganizationId, t.status, t.service, t.declineReason, t.answerDays, t.survivorId),
    // ...and the same counted for one organization (a lead's own scope), one index per side: the
    // referrals it sent and those it received, without reading every organization's referrals of the period
    index("referrals_from_report_idx").on(t.fromOrganizationId, t.sentAt, t.toOrganizationId, t.status, t.service, t.declineReason, t.answerDays, t.survivorId),
    index("referrals_to_report_idx").on(t.toOrganizationId, t.sentAt, t.fromOrganizationId, t.status, t.service, t.declineReason, t.answerDays, t.survivorId),
    // the overdue look-up: sent and unanswered, oldest first
    index("referrals_sent_idx").on(t.sentAt).where(sql`${t.status} = 'sent'`),
    // An advocate's day (lib/home/advocate-day.ts): the organization's referrals answered since the last
    // visit, read from the index alone and matched against the advocate's survivors (survivor_id last).
    index("referrals_from_answered_idx").on(t.fromOrganizationId, t.answeredAt, t.survivorId),
    check("referrals_decline_reason_when_declined", sql`(${t.status} = 'declined') = (${t.declineReason} is not null)`),
  ],
);

export type ReferralRow = typeof referrals.$inferSelect;

/** Every status change of a referral: who, when, from what to what, and the note (encrypted). */
export const referralEvents = pgTable(
  "referral_events",
  {
    id: uuid().primaryKey(),
    referralId: uuid()
      .notNull()
      .references(() => referrals.id),
    fromStatus: referralStatusEnum(),
    toStatus: referralStatusEnum().notNull(),
    actorUserId: uuid()
      .notNull()
      .references(() => users.id),
    actorOrganizationId: uuid().references(() => organizations.id),
    noteEnc: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("referral_events_referral_idx").on(t.referralId, t.occurredAt)],
);

/** In-app notifications. Their text never names a survivor or carries identifying details. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    text: text().notNull(),
    href: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp({ withTimezone: true }),
    // what the notification asks for ("matter.assign:<id>", "referral.answer:<id>"): once that is done,
    // by whoever, every notification about it stops counting as new
    subject: text(),
  },
  (t) => [
    index("notifications_subject_idx").on(t.subject).where(sql`${t.readAt} is null and ${t.subject} is not null`),
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
