import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per create a form submitted: the key the form was rendered with, claimed in the create's
 * own transaction (lib/idempotency.ts). A double click, a retry or a resubmit after Back with the same
 * key gets the stored result instead of a second record. Keyed by user, so one person's key can never
 * answer for another's.
 */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id),
    key: uuid().notNull(),
    /** which command claimed the key (a key is for one form) */
    scope: text().notNull(),
    /** keyed hash of the parsed input without the key: the same key with another form's input is refused */
    requestHash: text().notNull(),
    /** the command's result, as its caller received it; written in the claiming transaction */
    result: jsonb().$type<{ value?: unknown }>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // created_at: for a later purge of old keys.
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index("idempotency_keys_created_idx").on(t.createdAt)],
);
export type IdempotencyKeyRow = typeof idempotencyKeys.$inferSelect;
