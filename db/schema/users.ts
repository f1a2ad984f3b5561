import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";
import { organizations } from "./organizations";

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
    active: boolean().notNull().default(true),
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
  ],
);

export type UserRow = typeof users.$inferSelect;
export type NewUserRow = typeof users.$inferInsert;
