import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { capacityEnum, organizationTypeEnum, serviceEnum } from "./enums";

export const organizations = pgTable(
  "organizations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    type: organizationTypeEnum().notNull(),
    // null: serves the whole state (e.g. the Department of Commerce)
    county: text(),
    services: serviceEnum().array().notNull().default(sql`'{}'::service[]`),
    // The partner directory's profile, kept by the organization itself (or an admin).
    countiesServed: text().array().notNull().default(sql`'{}'::text[]`),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    eligibilityNotes: text(),
    intakeContact: text(),
    capacity: capacityEnum().notNull().default("accepting"),
    capacityUpdatedAt: timestamp({ withTimezone: true }),
    active: boolean().notNull().default(true),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    // who saved last, so a stale save can be told who changed the record (no FK: users reference organizations)
    updatedBy: uuid(),
  },
  (t) => [
    uniqueIndex("organizations_name_key").on(sql`lower(${t.name})`),
    index("organizations_type_idx").on(t.type),
    index("organizations_active_idx").on(t.active),
    index("organizations_services_idx").using("gin", t.services),
  ],
);

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganizationRow = typeof organizations.$inferInsert;
