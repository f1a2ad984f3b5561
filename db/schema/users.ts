import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { APPROVAL_REASONS, APPROVAL_STATUSES } from "../../lib/users/approval-rules";
import { roleEnum } from "./enums";
import { organizations } from "./organizations";

export const approvalStatusEnum = pgEnum("user_approval_status", APPROVAL_STATUSES);
export const approvalReasonEnum = pgEnum("user_approval_reason", APPROVAL_REASONS);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // stored trimmed and lower-cased; the unique index makes look-ups exact
    email: text().notNull(),
    name: text().notNull(),
    role: roleEnum().notNull(),
    organizationId: uuid().references(() => organizations.id),
    passwordHash: text().notNull(),
    // set when an admin chose the password (a new account or a reset): the user must pick their own
    mustChangePassword: boolean().notNull().default(false),
    passwordChangedAt: timestamp({ withTimezone: true }),
    lastSignInAt: timestamp({ withTimezone: true }),
    // when this person last opened their home ("my day"): what changed since is marked new there
    lastHomeVisitAt: timestamp({ withTimezone: true }),
    active: boolean().notNull().default(true),
    // The second factor (lib/account/two-factor.ts): the TOTP secret, encrypted like other sensitive
    // fields (lib/crypto/fields.ts, bound to this row and column); when it took effect; and the last
    // time step a code was accepted for, so a code works once.
    totpSecret: text(),
    totpEnabledAt: timestamp({ withTimezone: true }),
    totpLastStep: bigint({ mode: "number" }),
    // When an administrator last reset this account's second factor (lib/users/second-factor-reset.ts):
    // the person is told when they next sign in, until they set it up again.
    secondFactorResetAt: timestamp({ withTimezone: true }),
    // Whether a program lead of the organization let this account in (lib/users/approval.ts). No
    // default: every insert states it, so an account can never be let in by forgetting to ask.
    approvalStatus: approvalStatusEnum().notNull(),
    approvalReason: approvalReasonEnum(),
    approvalRequestedAt: timestamp({ withTimezone: true }),
    // the administrator whose change asked for approval (no FK, like updatedBy)
    approvalRequestedBy: uuid(),
    approvalDecidedAt: timestamp({ withTimezone: true }),
    // the program lead who approved or declined; null when approved as an organization's first lead
    approvalDecidedBy: uuid(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    index("users_organization_idx").on(t.organizationId),
    index("users_role_idx").on(t.role),
    index("users_name_idx").on(sql`lower(${t.name})`),
    check("users_email_normalized", sql`${t.email} = lower(btrim(${t.email}))`),
    // every role but admin works for an organization
    check("users_organization_required", sql`${t.role} = 'admin' or ${t.organizationId} is not null`),
    check(
      "users_approval_requested",
      sql`${t.approvalStatus} = 'approved' or (${t.approvalReason} is not null and ${t.approvalRequestedAt} is not null)`,
    ),
    // a program lead's list of accounts waiting for them
    index("users_approval_waiting_idx").on(t.organizationId, t.approvalRequestedAt).where(sql`${t.approvalStatus} <> 'approved'`),
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;

// "<name> became program lead of <organization> on <date> without approval, because the organization
// had no other program lead": shown on the organization's admin page and on its members' home pages.
export const firstLeadAnnouncements = pgTable(
  "first_lead_announcements",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    reason: approvalReasonEnum().notNull(),
    // the administrator whose change made them lead
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("first_lead_announcements_organization_idx").on(t.organizationId, t.createdAt),
    index("first_lead_announcements_user_idx").on(t.userId),
    index("first_lead_announcements_created_by_idx").on(t.createdBy),
  ],
);

export type FirstLeadAnnouncementRow = typeof firstLeadAnnouncements.$inferSelect;
