import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Enhancement, OffenseCategory, OffenseClass } from "../../lib/vacatur/constants";
import {
  communicationChannelEnum,
  conflictStatusEnum,
  courtTypeEnum,
  cvpaStatusEnum,
  dispositionEnum,
  hearingStatusEnum,
  hourActivityEnum,
  jurisdictionEnum,
  matterStatusEnum,
  noticeMethodEnum,
  postOrderStepEnum,
  prosecutingAuthorityEnum,
  prosecutorPositionEnum,
  recordSourceEnum,
  restitutionStatusEnum,
  taskKindEnum,
} from "./enums";
import { organizations } from "./organizations";
import { releases } from "./releases";
import { survivors } from "./survivors";
import { users } from "./users";

// Court records and vacatur matters (DOMAIN.md §6.1). Case numbers are encrypted like other
// identifying fields (a case number finds the person in the public court index); offenses, courts and
// dates stay readable so the screen, the lists and the reports can use them.

export type ConvictionCount = {
  count: number;
  offense: string;
  citation: string;
  offenseClass: OffenseClass;
  category: OffenseCategory;
  enhancement: Enhancement;
};

/** One conviction (a case in one court), with its counts. */
export const convictions = pgTable(
  "convictions",
  {
    id: uuid().primaryKey(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    courtType: courtTypeEnum().notNull(),
    courtName: text().notNull(),
    /** the county (superior and district courts) or city (municipal courts) */
    courtLocality: text().notNull(),
    caseNumberEnc: text().notNull(),
    prosecutingAuthority: prosecutingAuthorityEnum().notNull(),
    prosecutingOffice: text().notNull(),
    counts: jsonb().$type<ConvictionCount[]>().notNull(),
    disposition: dispositionEnum().notNull(),
    dispositionDate: date({ mode: "string" }).notNull(),
    sentencingDate: date({ mode: "string" }),
    confinementReleaseDate: date({ mode: "string" }),
    supervisionEndDate: date({ mode: "string" }),
    dischargeDate: date({ mode: "string" }),
    cvpaAmountCents: integer(),
    cvpaStatus: cvpaStatusEnum().notNull(),
    restitutionStatus: restitutionStatusEnum().notNull(),
    source: recordSourceEnum().notNull(),
    verifiedOn: date({ mode: "string" }),
    /** the vacatur statute the paperwork named (e.g. the repealed RCW 9.96.070), kept as given */
    citedRoute: text(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
    version: integer().notNull().default(1),
  },
  (t) => [index("convictions_survivor_idx").on(t.survivorId, t.dispositionDate)],
);
export type ConvictionRow = typeof convictions.$inferSelect;

/** Charges still open anywhere; the statutes test them (9.96.080(2)(b), 9.94A.648). */
export const pendingCharges = pgTable(
  "pending_charges",
  {
    id: uuid().primaryKey().defaultRandom(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    jurisdiction: jurisdictionEnum().notNull(),
    court: text().notNull(),
    offense: text().notNull(),
    citation: text(),
    prostitution: boolean().notNull(),
    filedOn: date({ mode: "string" }),
    resolvedOn: date({ mode: "string" }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pending_charges_survivor_idx").on(t.survivorId)],
);

/** Convictions after the ones being vacated, anywhere (the lookback tests). */
export const laterConvictions = pgTable(
  "later_convictions",
  {
    id: uuid().primaryKey().defaultRandom(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    convictedOn: date({ mode: "string" }).notNull(),
    jurisdiction: jurisdictionEnum().notNull(),
    description: text().notNull(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("later_convictions_survivor_idx").on(t.survivorId)],
);

/** A vacatur matter: one survivor, the convictions to vacate, and the petition's road through court. */
export const vacaturMatters = pgTable(
  "vacatur_matters",
  {
    id: uuid().primaryKey(),
    survivorId: uuid()
      .notNull()
      .references(() => survivors.id),
    /** the survivor's organization, which opened the matter */
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    legalOrganizationId: uuid().references(() => organizations.id),
    attorneyId: uuid().references(() => users.id),
    conflictStatus: conflictStatusEnum(),
    conflictAttestedAt: timestamp({ withTimezone: true }),
    /** the release relied on when the matter was given to the legal organization */
    releaseId: uuid().references(() => releases.id),
    status: matterStatusEnum().notNull().default("referred"),
    heldFromStatus: matterStatusEnum(),
    statusChangedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastActivityAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    revisitOn: date({ mode: "string" }),
    /** why the matter is ineligible for now (the blocker and what would clear it), encrypted */
    blockerEnc: text(),
    /** the note given with the latest move (why it was held, continued, withdrawn), encrypted */
    statusNoteEnc: text(),
    filedOn: date({ mode: "string" }),
    filingCourt: text(),
    filingCaseNumberEnc: text(),
    prosecutorOfficeId: uuid().references(() => organizations.id),
    noticeOn: date({ mode: "string" }),
    noticeMethod: noticeMethodEnum(),
    noticeGivenBy: text(),
    prosecutorPosition: prosecutorPositionEnum().notNull().default("unknown"),
    positionRecordedAt: timestamp({ withTimezone: true }),
    orderOn: date({ mode: "string" }),
    /** "convictionId:count" keys the order granted (granted, partially granted) or denied */
    orderCounts: jsonb().$type<string[]>(),
    openedBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    index("vacatur_matters_survivor_idx").on(t.survivorId),
    index("vacatur_matters_legal_idx").on(t.legalOrganizationId, t.status, t.lastActivityAt),
    index("vacatur_matters_attorney_idx").on(t.attorneyId, t.status, t.lastActivityAt),
    index("vacatur_matters_prosecutor_idx").on(t.prosecutorOfficeId, t.lastActivityAt).where(sql`${t.noticeOn} is not null`),
  ],
);
export type MatterRow = typeof vacaturMatters.$inferSelect;

/** The convictions a matter covers, each with the attorney's own conclusion. */
export const matterConvictions = pgTable(
  "matter_convictions",
  {
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    convictionId: uuid()
      .notNull()
      .references(() => convictions.id),
    conclusion: text({ enum: ["eligible", "not_eligible", "needs_more"] }),
    conclusionRoute: text(),
    conclusionNoteEnc: text(),
    concludedBy: uuid().references(() => users.id),
    concludedAt: timestamp({ withTimezone: true }),
    rulesetVersion: text(),
    /**
     * Whether the matter is open (not closed or withdrawn): kept equal to vacatur_matters.status by
     * triggers, so a partial unique index can allow one open matter per conviction.
     */
    open: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.matterId, t.convictionId] }),
    index("matter_convictions_conviction_idx").on(t.convictionId),
    uniqueIndex("matter_convictions_one_open_matter").on(t.convictionId).where(sql`${t.open}`),
  ],
);

/**
 * Every date the court set for a matter's hearing. A continued hearing is kept and names the hearing
 * that replaced it; a cancelled one is kept too. Edits are versioned (lib/versioned-write.ts).
 */
export const matterHearings = pgTable(
  "matter_hearings",
  {
    id: uuid().primaryKey().defaultRandom(),
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    place: text().notNull(),
    status: hearingStatusEnum().notNull().default("scheduled"),
    /** the hearing of the same matter this one was continued to (set exactly when status is "continued") */
    continuedToId: uuid(),
    createdBy: uuid()
      .notNull()
      .references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    index("matter_hearings_matter_idx").on(t.matterId, t.startsAt),
    index("matter_hearings_starts_idx").on(t.startsAt),
    index("matter_hearings_continued_to_idx").on(t.continuedToId),
    // The successor is a hearing of the same matter: a composite key the foreign key below points at.
    unique("matter_hearings_id_matter_key").on(t.id, t.matterId),
    foreignKey({ name: "matter_hearings_continued_to_fk", columns: [t.continuedToId, t.matterId], foreignColumns: [t.id, t.matterId] }),
    check("matter_hearings_continued_names_successor", sql`(${t.status} = 'continued') = (${t.continuedToId} is not null)`),
    check("matter_hearings_not_continued_to_itself", sql`${t.continuedToId} is distinct from ${t.id}`),
  ],
);
export type HearingRow = typeof matterHearings.$inferSelect;

/** Attorney notes: privileged, read only by attorneys of the assigned legal organization. Encrypted. */
export const matterNotes = pgTable(
  "matter_notes",
  {
    id: uuid().primaryKey(),
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    authorOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    bodyEnc: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("matter_notes_matter_idx").on(t.matterId, t.createdAt)],
);

export const proBonoHours = pgTable(
  "pro_bono_hours",
  {
    id: uuid().primaryKey().defaultRandom(),
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    attorneyId: uuid()
      .notNull()
      .references(() => users.id),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    workedOn: date({ mode: "string" }).notNull(),
    /** hundredths of an hour, so totals add exactly */
    hundredths: integer().notNull(),
    activity: hourActivityEnum().notNull(),
    description: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("pro_bono_hours_matter_idx").on(t.matterId, t.workedOn), index("pro_bono_hours_org_idx").on(t.organizationId, t.workedOn)],
);

export const postOrderChecks = pgTable(
  "post_order_checks",
  {
    id: uuid().primaryKey().defaultRandom(),
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    step: postOrderStepEnum().notNull(),
    doneOn: date({ mode: "string" }).notNull(),
    recordedBy: uuid()
      .notNull()
      .references(() => users.id),
    note: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("post_order_checks_step_key").on(t.matterId, t.step)],
);

export const prosecutorCommunications = pgTable(
  "prosecutor_communications",
  {
    id: uuid().primaryKey(),
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    occurredOn: date({ mode: "string" }).notNull(),
    channel: communicationChannelEnum().notNull(),
    summaryEnc: text().notNull(),
    authorId: uuid()
      .notNull()
      .references(() => users.id),
    authorOrganizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("prosecutor_communications_matter_idx").on(t.matterId, t.occurredOn)],
);

export const matterTasks = pgTable(
  "matter_tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    matterId: uuid()
      .notNull()
      .references(() => vacaturMatters.id),
    kind: taskKindEnum().notNull(),
    dueOn: date({ mode: "string" }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
    completedBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("matter_tasks_open_idx").on(t.matterId).where(sql`${t.completedAt} is null`)],
);
