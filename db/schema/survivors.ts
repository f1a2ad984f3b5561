import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import type { AgencyMention, AgeBand, ContactChannel, GenderIdentity, RaceEthnicity } from "../../lib/survivors/constants";
import { noteKindEnum, noteVisibilityEnum, referralSourceEnum, roleEnum, serviceCategoryEnum, survivorStatusEnum } from "./enums";
import { organizations } from "./organizations";
import { users } from "./users";

export type SafeContactPlan = {
  channels: ContactChannel[];
  safeTimes: string | null;
  mayIdentifyAgency: AgencyMention;
};

export type Demographics = {
  genderIdentity: GenderIdentity;
  raceEthnicity: RaceEthnicity;
  ageBand: AgeBand;
};

// A survivor's record, owned by the organization that did the intake. Columns ending in "Enc" hold
// AES-256-GCM ciphertext written by lib/crypto/fields.ts (never plaintext); the *Index columns are
// keyed hashes for exact look-ups. The id is chosen by the application so it can be bound into each
// ciphertext before the insert.
export const survivors = pgTable(
  "survivors",
  {
    id: uuid().primaryKey(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    clientCode: text().notNull(),
    preferredName: text().notNull(),
    // normalized preferred name (lib/crypto/fields.ts normalizeName) for sorting and close matches
    preferredNameKey: text().notNull(),
    pronouns: text(),
    legalNameEnc: text(),
    aliasesEnc: text(),
    dateOfBirthEnc: text(),
    phoneEnc: text(),
    emailEnc: text(),
    addressEnc: text(),
    acpParticipant: boolean().notNull().default(false),
    legalNameIndex: text(),
    identityIndex: text(),
    // blind indexes of the normalized legal name and each alias, for duplicate checks
    nameIndexes: text().array().notNull().default(sql`'{}'::text[]`),
    // keyed hashes of normalized search tokens (legal first and last name, each alias and its words, date
    // of birth; lib/survivors/search.ts): search by any of them without plaintext identity in the database.
    // Hashed with the owning organization's id: a record moved to another organization needs new tokens.
    // null until computed (rows from before the column are filled at start-up)
    searchTokens: text().array(),
    county: text(),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    interpreterNeeded: boolean().notNull().default(false),
    intakeDate: date({ mode: "string" }).notNull(),
    referralSource: referralSourceEnum(),
    victimizationTypes: text().array().notNull().default(sql`'{}'::text[]`),
    demographics: jsonb().$type<Demographics>().notNull(),
    safeContact: jsonb().$type<SafeContactPlan>().notNull(),
    codeWordEnc: text(),
    doNotContactEnc: text(),
    assignedAdvocateId: uuid()
      .notNull()
      .references(() => users.id),
    status: survivorStatusEnum().notNull().default("active"),
    closedReason: text(),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    uniqueIndex("survivors_client_code_key").on(t.clientCode),
    // Caseload and organization lists: filter by owner, order by name, then id for a stable page.
    // The name is ordered in the "C" collation (bytewise; keys are already normalized), so the same
    // index also serves a name-prefix search (LIKE 'x%') as a range, whatever the database's collation.
    index("survivors_advocate_list_idx").on(t.assignedAdvocateId, sql`${t.preferredNameKey} collate "C"`, t.id),
    index("survivors_org_list_idx").on(t.organizationId, sql`${t.preferredNameKey} collate "C"`, t.id),
    // an advocate's caseload as a set of ids, read from the index alone (managedSurvivorIdIn)
    index("survivors_managed_idx").on(t.assignedAdvocateId, t.organizationId, t.id),
    index("survivors_org_intake_idx").on(t.organizationId, t.intakeDate),
    // the partnership's intakes of a period and active caseloads (lib/reports): counted from the index alone
    index("survivors_intake_idx").on(t.intakeDate, t.organizationId, t.referralSource),
    // the dashboard's county filter (lib/reports): referrals, matters and releases join the county's
    // survivors, read from this index alone instead of the whole table
    index("survivors_county_idx").on(t.county, t.id),
    index("survivors_active_caseload_idx").on(t.organizationId, t.assignedAdvocateId).where(sql`${t.status} = 'active'`),
    index("survivors_org_updated_idx").on(t.organizationId, t.updatedAt),
    index("survivors_identity_idx").on(t.organizationId, t.identityIndex),
    index("survivors_legal_name_idx").on(t.organizationId, t.legalNameIndex),
    index("survivors_name_indexes_idx").using("gin", t.nameIndexes),
    index("survivors_search_tokens_idx").using("gin", t.searchTokens),
    // the records whose tokens start-up still has to fill (lib/survivors/search-backfill.ts): empty once filled
    index("survivors_search_tokens_missing_idx").on(t.id).where(sql`${t.searchTokens} is null`),
    // client-code prefix search (LIKE 'CW-2026-0%'), whatever the database's collation
    index("survivors_client_code_prefix_idx").on(t.clientCode.op("text_pattern_ops")),
    // Retention (lib/retention): an organization's closed records by closing time, for the purge and the
    // program lead's preview of what is due.
    index("survivors_closed_idx").on(t.organizationId, t.statusChangedAt, t.id).where(sql`${t.status} = 'closed'`),
  ],
);

export type SurvivorRow = typeof survivors.$inferSelect;

/** Year-by-year counters behind client codes (CW-2026-00042). */
export const clientCodeCounters = pgTable("client_code_counters", {
  year: integer().primaryKey(),
  last: integer().notNull(),
});

/** Advocates a program lead has shared a survivor with, besides the assigned advocate. */
export const survivorShares = pgTable(
  "survivor_shares",
  {
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    grantedBy: uuid()
      .notNull()
      .references(() => users.id),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.survivorId, t.userId] }), index("survivor_shares_user_idx").on(t.userId)],
);

/** The survivor's timeline: one row per thing that happened, with who and when; never sensitive values. */
export const survivorEvents = pgTable(
  "survivor_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    kind: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid().references(() => users.id),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("survivor_events_survivor_idx").on(t.survivorId, t.id),
    // The funder report's vacatur work in a quarter: events of a few kinds in a date range.
    index("survivor_events_kind_idx").on(t.kind, t.occurredAt),
  ],
);

// Notes are never edited: a correction is a new row in the same thread with the next revision, and
// the earlier one is marked superseded. The body is encrypted (notes often hold identifying detail).
export const survivorNotes = pgTable(
  "survivor_notes",
  {
    id: uuid().primaryKey(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    threadId: uuid().notNull(),
    revision: integer().notNull(),
    kind: noteKindEnum().notNull(),
    visibility: noteVisibilityEnum().notNull(),
    contactDate: date({ mode: "string" }).notNull(),
    bodyEnc: text().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    // who wrote it, as they were then: privilege differs for community advocates and attorneys (RCW 5.60.060)
    authorRole: roleEnum().notNull(),
    authorOrganizationId: uuid().references(() => organizations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    supersededAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("survivor_notes_thread_revision_key").on(t.threadId, t.revision),
    index("survivor_notes_survivor_idx").on(t.survivorId, t.createdAt),
  ],
);

/** An advocate's request that their lead move a survivor to another advocate (or to themselves). */
export const transferRequests = pgTable(
  "transfer_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    requestedBy: uuid()
      .notNull()
      .references(() => users.id),
    // the advocate who should take the case; null lets the lead choose
    requestedFor: uuid().references(() => users.id),
    reason: text().notNull(),
    status: text({ enum: ["open", "completed", "declined"] }).notNull().default("open"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedBy: uuid().references(() => users.id),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index("transfer_requests_open_idx").on(t.organizationId, t.status, t.createdAt),
    index("transfer_requests_survivor_idx").on(t.survivorId),
    // One request waits for the program lead at a time, however many advocates ask at once.
    uniqueIndex("transfer_requests_one_open").on(t.survivorId).where(sql`${t.status} = 'open'`),
  ],
);

/**
 * A service given to a survivor (VOCA PMT categories, lib/survivors/services.ts): what, when, by whom, for
 * how long. The funder report counts these with referrals sent and vacatur work. A mistaken entry is
 * removed (kept, marked), never edited.
 */
export const serviceEvents = pgTable(
  "service_events",
  {
    id: uuid().primaryKey(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    // the organization that gave the service (the staff member's, at the time)
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    category: serviceCategoryEnum().notNull(),
    occurredOn: date({ mode: "string" }).notNull(),
    staffUserId: uuid()
      .notNull()
      .references(() => users.id),
    minutes: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp({ withTimezone: true }),
    removedBy: uuid().references(() => users.id),
  },
  (t) => [
    index("service_events_survivor_idx").on(t.survivorId, t.occurredOn),
    index("service_events_org_idx").on(t.organizationId, t.occurredOn),
    check("service_events_minutes_range", sql`${t.minutes} is null or ${t.minutes} between 1 and 1440`),
    check("service_events_removed_together", sql`(${t.removedAt} is null) = (${t.removedBy} is null)`),
  ],
);

export type ServiceEventRow = typeof serviceEvents.$inferSelect;

/**
 * A legal hold on a survivor record (issue 15): while one is open (not released), the retention purge
 * never removes the record. Placed and released by a program lead of the owning organization; kept
 * after release, so the record shows who held it, when and why. The reason may cite a subpoena or a
 * court case, so it is encrypted like other case text (lib/crypto/encrypted-columns.ts).
 */
export const survivorLegalHolds = pgTable(
  "survivor_legal_holds",
  {
    id: uuid().primaryKey(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    reasonEnc: text().notNull(),
    heldAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    heldBy: uuid()
      .notNull()
      .references(() => users.id),
    releasedAt: timestamp({ withTimezone: true }),
    releasedBy: uuid().references(() => users.id),
  },
  (t) => [
    // One open hold per record, however many leads click at once.
    uniqueIndex("survivor_legal_holds_one_open").on(t.survivorId).where(sql`${t.releasedAt} is null`),
    index("survivor_legal_holds_survivor_idx").on(t.survivorId, t.heldAt),
    // An organization's open holds (the lead's retention page lists them all).
    index("survivor_legal_holds_open_idx").on(t.organizationId, t.survivorId).where(sql`${t.releasedAt} is null`),
    check("survivor_legal_holds_released_together", sql`(${t.releasedAt} is null) = (${t.releasedBy} is null)`),
  ],
);

export type SurvivorLegalHoldRow = typeof survivorLegalHolds.$inferSelect;
