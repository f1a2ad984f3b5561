import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
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
    // Retention (issue 15), set by an admin: a closed survivor record is purged this many years after it
    // was closed, and the audit events of this organization's staff this many years after they happened
    // (lib/retention/rules.ts: the defaults and bounds, which the checks below repeat).
    recordRetentionYears: integer().notNull().default(7),
    auditRetentionYears: integer().notNull().default(7),
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
    check("organizations_record_retention_range", sql`${t.recordRetentionYears} between 1 and 50`),
    check("organizations_audit_retention_range", sql`${t.auditRetentionYears} between 1 and 50`),
  ],
);

export type OrganizationRow = typeof organizations.$inferSelect;
export type NewOrganizationRow = typeof organizations.$inferInsert;
