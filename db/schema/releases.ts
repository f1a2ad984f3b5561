import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { releaseCategoryEnum, releaseFormEnum, revocationMethodEnum } from "./enums";
import { organizations } from "./organizations";
import { survivors } from "./survivors";
import { users } from "./users";

// A release of information: one survivor, one recipient organization, chosen categories, a purpose,
// and a required expiry (RCW 70.123.076). Revocation takes effect the moment it is recorded.
// Whether it is active is computed from the dates and revokedAt at the moment of use, never stored.
export const releases = pgTable(
  "releases",
  {
    id: uuid().primaryKey().defaultRandom(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    // the organization that took the release (the survivor's record owner)
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    recipientOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    categories: releaseCategoryEnum().array().notNull(),
    purpose: text().notNull(),
    form: releaseFormEnum().notNull(),
    signedOn: date({ mode: "string" }).notNull(),
    expiresOn: date({ mode: "string" }).notNull(),
    servicesNotConditioned: boolean().notNull(),
    copyProvided: boolean().notNull().default(false),
    guardianName: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revokedAt: timestamp({ withTimezone: true }),
    revokedBy: uuid().references(() => users.id),
    revocationMethod: revocationMethodEnum(),
    revocationNote: text(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    index("releases_survivor_idx").on(t.survivorId, t.signedOn),
    index("releases_recipient_idx").on(t.recipientOrganizationId, t.survivorId).where(sql`${t.revokedAt} is null`),
    // releases about to expire (the dashboard's next 14 days, an advocate's day)
    index("releases_expiry_idx").on(t.expiresOn).where(sql`${t.revokedAt} is null`),
    check("releases_expiry_after_signing", sql`${t.expiresOn} >= ${t.signedOn}`),
    check("releases_categories_present", sql`cardinality(${t.categories}) > 0`),
    check("releases_acknowledged", sql`${t.servicesNotConditioned}`),
    check(
      "releases_revocation_complete",
      sql`(${t.revokedAt} is null) = (${t.revokedBy} is null) and (${t.revokedAt} is null) = (${t.revocationMethod} is null)`,
    ),
  ],
);

export type ReleaseRow = typeof releases.$inferSelect;
