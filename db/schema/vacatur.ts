import { sql } from "drizzle-orm";
import { boolean, check, date, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import type { Enhancement, OffenseCategory, OffenseClass, RestitutionEntry } from "../../lib/vacatur/constants";
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
  restitutionOrderEnum,
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
    /** whether restitution was ordered; when it was, `restitution` lists each payee and whether it is paid */
    restitutionOrder: restitutionOrderEnum().notNull().default("unknown"),
    restitution: jsonb().$type<RestitutionEntry[]>().notNull().default([]),
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
  (t) => [
    index("convictions_survivor_idx").on(t.survivorId, t.dispositionDate),
    // Entries exactly when restitution was ordered: "none ordered" with an unpaid entry would hide an obligation.
    check("convictions_restitution_entries", sql`jsonb_typeof(${t.restitution}) = 'array' and ((${t.restitutionOrder} = 'ordered') = (jsonb_array_length(${t.restitution}) > 0))`),
  ],
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
    /**
     * The applicant is a family member applying for a survivor who died as a victim of homicide, to vacate
     * their prostitution conviction (RCW 9.96.060(7)); the screen shows that route only when this is set.
     */
    homicideFamilyApplicant: boolean().notNull().default(false),
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
    // The opening organization's matters: a lead's "organization" list and the dashboard's own figures
    // (tests/integration/query-plans.test.ts found both scanning every matter without it).
    index("vacatur_matters_organization_idx").on(t.organizationId, t.status, t.lastActivityAt),
    index("vacatur_matters_legal_idx").on(t.legalOrganizationId, t.status, t.lastActivityAt),
    // an attorney's matters in their organization (every attorney scope names both), by status
    index("vacatur_matters_attorney_idx").on(t.attorneyId, t.legalOrganizationId, t.status, t.lastActivityAt),
    index("vacatur_matters_prosecutor_idx").on(t.prosecutorOfficeId, t.lastActivityAt).where(sql`${t.noticeOn} is not null`),
    // A legal lead's day: the organization's matters waiting for an attorney, oldest first, and their
    // count from the index alone (status last, for the open-matter filter).
    index("vacatur_matters_unassigned_idx").on(t.legalOrganizationId, t.createdAt, t.id, t.status).where(sql`${t.attorneyId} is null`),
    // A prosecutor's day: the office's matters awaiting its position, longest noticed first, and their
    // count read from the index alone (status last, for the open-matter filter).
    index("vacatur_matters_awaiting_position_idx").on(t.prosecutorOfficeId, t.prosecutorPosition, t.noticeOn, t.id, t.status).where(sql`${t.noticeOn} is not null`),
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
    /** the hearing of the same matter this one was continued to: only on a continued hearing, and null while the court has not set the new date */
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
    check("matter_hearings_successor_only_when_continued", sql`${t.continuedToId} is null or ${t.status} = 'continued'`),
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

/**
 * Pro bono hours, one row per entry as logged. An entry is never overwritten: its author corrects it
 * (a new row that `correctsId` it, the old one marked superseded) or removes it (removedAt/removedBy),
 * within 30 days of first logging it. Totals and reports count current rows only (lib/vacatur/hours.ts).
 */
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
    /** when the entry was first logged; a correction carries its original's, so the 30 days run from the first logging */
    loggedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** the entry this one corrects: same matter, same author (a foreign key below) */
    correctsId: uuid(),
    /** set when a correction replaced this entry */
    supersededAt: timestamp({ withTimezone: true }),
    removedAt: timestamp({ withTimezone: true }),
    removedBy: uuid().references(() => users.id),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [
    index("pro_bono_hours_matter_idx").on(t.matterId, t.workedOn),
    index("pro_bono_hours_org_idx").on(t.organizationId, t.workedOn),
    // the dashboard's hours of a period (lib/reports reportHours: entries that count), summed from the index alone
    index("pro_bono_hours_report_idx").on(t.workedOn, t.organizationId, t.matterId, t.hundredths).where(sql`${t.supersededAt} is null and ${t.removedAt} is null`),
    // The target of the composite foreign key: a correction names an entry of its own matter and author.
    unique("pro_bono_hours_entry_key").on(t.id, t.matterId, t.attorneyId),
    foreignKey({ name: "pro_bono_hours_corrects_fk", columns: [t.correctsId, t.matterId, t.attorneyId], foreignColumns: [t.id, t.matterId, t.attorneyId] }),
    // An entry is corrected at most once; a later correction corrects the correction.
    uniqueIndex("pro_bono_hours_corrected_once").on(t.correctsId),
    // Only the author removes their entry.
    check("pro_bono_hours_removed_by_author", sql`(${t.removedAt} is null and ${t.removedBy} is null) or (${t.removedAt} is not null and ${t.removedBy} = ${t.attorneyId})`),
    check("pro_bono_hours_superseded_or_removed", sql`${t.supersededAt} is null or ${t.removedAt} is null`),
    check("pro_bono_hours_hundredths_range", sql`${t.hundredths} between 1 and 2400`),
  ],
);
export type ProBonoHoursRow = typeof proBonoHours.$inferSelect;

/**
 * The hourly rate a legal organization values its pro bono hours at in the CSV for bar and funder
 * reports, set by its program lead (without a row, lib/vacatur/hours.ts's default applies).
 */
export const proBonoRates = pgTable(
  "pro_bono_rates",
  {
    id: uuid().primaryKey().defaultRandom(),
    organizationId: uuid()
      .notNull()
      .references(() => organizations.id),
    hourlyRateCents: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex("pro_bono_rates_organization_key").on(t.organizationId), check("pro_bono_rates_positive", sql`${t.hourlyRateCents} between 1 and 200000`)],
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
  // All of a matter's tasks (its page lists done ones too), and its open notice task alone: the matter
  // list asks every matter in its scope for that one, and on the first index each ask read the
  // matter's done task from the table to learn it was done (about half of the list's time at scale).
  (t) => [
    index("matter_tasks_matter_idx").on(t.matterId),
    index("matter_tasks_open_notice_idx").on(t.matterId, t.dueOn).where(sql`${t.kind} = 'prosecutor_notice' and ${t.completedAt} is null`),
  ],
);
