import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { users } from "./users";

export const SESSION_END_REASONS = [
  "sign_out",
  "idle_timeout",
  "expired",
  "deactivated",
  "role_changed",
  "organization_changed",
  "password_changed",
  "password_reset",
  "revoked",
  // an administrator's change put the account up for a program lead's approval (lib/users/approval.ts)
  "approval_required",
  // an administrator reset the account's second factor (lib/users/second-factor.ts)
  "second_factor_reset",
] as const;
export type SessionEndReason = (typeof SESSION_END_REASONS)[number];
export const sessionEndReasonEnum = pgEnum("session_end_reason", SESSION_END_REASONS);

// Auth.js keeps the session in a signed, encrypted JWT; this row is what makes that token revocable.
// The token carries only this row's id. Every request re-reads the row (one primary-key look-up joined
// to the user), so idle timeout, deactivation and role changes take effect on the next request, on
// every app instance.
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    endedAt: timestamp({ withTimezone: true }),
    endReason: sessionEndReasonEnum(),
    ip: text(),
    userAgent: text(),
    // When this session passed the second factor. Null on a session of an account with one: nothing
    // but the second-factor page is served to it until it is set (lib/auth/sessions.ts).
    secondFactorAt: timestamp({ withTimezone: true }),
    // Set when the password step was let through a locked account because the browser carried a
    // trusted-device cookie for it (lib/auth/trusted-device.ts): the sign_in_throttles key of that
    // device, on which this session's code attempts are counted instead of the account's.
    deviceThrottleKey: text(),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId, t.endedAt)],
);

// An account's recovery codes: ten, shown once when the second factor is set up, each good once.
// Stored as SHA-256 of the code (120 random bits each, so no slow hash is needed: ASVS 6.5.2).
export const userRecoveryCodes = pgTable(
  "user_recovery_codes",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    codeHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    usedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("user_recovery_codes_hash_key").on(t.userId, t.codeHash)],
);

// Failed sign-in attempts per account. Keyed by a keyed hash of the normalized email, so unknown
// emails are throttled exactly like known ones (no enumeration) and no typed email is stored.
// user_id is set when the email belongs to an account, so admins can see who is locked out.
export const signInThrottles = pgTable(
  "sign_in_throttles",
  {
    key: text().primaryKey(),
    userId: uuid().references(() => users.id),
    attempts: integer().notNull().default(0),
    windowStartedAt: timestamp({ withTimezone: true }).notNull(),
    lockedUntil: timestamp({ withTimezone: true }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_throttles_user_idx").on(t.userId, t.lockedUntil)],
);

export type UserSessionRow = typeof userSessions.$inferSelect;

// Which roles must use a second factor (ASVS 6.3.3): an administrator sets it per role on
// /admin/security; administrators themselves always must (the check below). A role without a row
// follows SECOND_FACTOR_REQUIRED_BY_DEFAULT (lib/auth/sessions.ts).
export const secondFactorRequirements = pgTable(
  "second_factor_requirements",
  {
    role: roleEnum().primaryKey(),
    required: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // the administrator who last changed it (no FK, like updatedBy elsewhere); null: the default
    updatedBy: uuid(),
  },
  (t) => [check("second_factor_requirements_admin", sql`${t.role} <> 'admin' or ${t.required}`)],
);
