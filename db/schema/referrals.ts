import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { referralStatusEnum, serviceEnum, urgencyEnum } from "./enums";
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
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    index("referrals_to_idx").on(t.toOrganizationId, t.status, t.sentAt),
    index("referrals_from_idx").on(t.fromOrganizationId, t.status, t.createdAt),
    index("referrals_created_by_idx").on(t.createdBy, t.createdAt),
    index("referrals_survivor_idx").on(t.survivorId, t.createdAt),
    // the overdue look-up: sent and unanswered, oldest first
    index("referrals_sent_idx").on(t.sentAt).where(sql`${t.status} = 'sent'`),
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
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
