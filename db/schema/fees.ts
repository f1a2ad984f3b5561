import { sql } from "drizzle-orm";
import { bigint, boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { FEE_CASE_STATUSES, JURISDICTION_KINDS, LEDGER_KINDS, OPERATION_TYPES, PAYMENT_SOURCES, type DemandTactic } from "../../lib/fees/constants";
import type { AllocationLine } from "../../lib/fees/allocation";
import { FEE_DISPOSITIONS, FEE_OFFENSES } from "../../lib/fees/statute";
import { organizations } from "./organizations";
import { users } from "./users";

// The demand side: sex buyers' fee cases, the money they pay and where it goes, and the jurisdictions
// it is paid to (DOMAIN.md §3). These tables have no column that could name or point to a survivor,
// and nothing that reads a survivor reads them (lib/fees is its own room). Money is integer cents.

export const jurisdictionKindEnum = pgEnum("jurisdiction_kind", JURISDICTION_KINDS);
export const feeOffenseEnum = pgEnum("fee_offense", FEE_OFFENSES);
export const feeDispositionEnum = pgEnum("fee_disposition", FEE_DISPOSITIONS);
export const feeCaseStatusEnum = pgEnum("fee_case_status", FEE_CASE_STATUSES);
export const paymentSourceEnum = pgEnum("payment_source", PAYMENT_SOURCES);
export const ledgerKindEnum = pgEnum("ledger_kind", LEDGER_KINDS);
export const operationTypeEnum = pgEnum("operation_type", OPERATION_TYPES);

/**
 * A county, or a city that provides its own law enforcement: whose treasurer receives a fee is decided
 * by where the offense occurred (RCW 9A.88.120(3)). Its profile (tactics, partners, narrative) is kept
 * by program leads, versioned like every record.
 */
export const jurisdictions = pgTable(
  "jurisdictions",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    kind: jurisdictionKindEnum().notNull(),
    state: text().notNull().default("WA"),
    /** the county it lies in (a county's own name for a county) */
    county: text(),
    /** a city that provides its own police: its treasurer, not the county's, receives the fees */
    ownPolice: boolean().notNull().default(false),
    population: integer(),
    tactics: text().array().$type<DemandTactic[]>().notNull().default(sql`'{}'::text[]`),
    keyPartners: text(),
    narrative: text(),
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid(),
  },
  (t) => [uniqueIndex("jurisdictions_name_state_key").on(sql`lower(${t.name})`, t.state), index("jurisdictions_county_idx").on(t.county)],
);

/**
 * How a jurisdiction splits what it collects (the statute's floor plus a local split on top). The
 * policy in force on a day is the newest one whose effectiveFrom is on or before it; a change is a new
 * row, so the split of past payments never moves.
 */
export const allocationPolicies = pgTable(
  "allocation_policies",
  {
    id: uuid().primaryKey().defaultRandom(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    effectiveFrom: date({ mode: "string" }).notNull(),
    lines: jsonb().$type<AllocationLine[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [uniqueIndex("allocation_policies_jurisdiction_from_key").on(t.jurisdictionId, t.effectiveFrom)],
);

/**
 * A law-enforcement operation against demand (a reverse sting, outreach, massage-business enforcement)
 * and what came of it, in counts. A person in the life who accepts help gets an ordinary survivor record
 * whose intake source is the operation; nothing here points to it.
 */
export const operations = pgTable(
  "operations",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /** the hosting agency */
    agencyId: uuid()
      .notNull()
      .references(() => organizations.id),
    partnerAgencyIds: uuid().array().notNull().default(sql`'{}'::uuid[]`),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    type: operationTypeEnum().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    /** officer hours worked, when known (the operation's length is endsAt - startsAt) */
    staffHours: integer(),
    calls: integer().notNull().default(0),
    arrivals: integer().notNull().default(0),
    arrests: integer().notNull().default(0),
    vehiclesImpounded: integer().notNull().default(0),
    peopleContacted: integer().notNull().default(0),
    kitsGiven: integer().notNull().default(0),
    referralsToServices: integer().notNull().default(0),
    notes: text(),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid(),
  },
  (t) => [
    index("operations_agency_idx").on(t.agencyId, t.startsAt),
    index("operations_jurisdiction_idx").on(t.jurisdictionId, t.startsAt),
    index("operations_partners_idx").using("gin", t.partnerAgencyIds),
    check("operations_times_check", sql`${t.endsAt} > ${t.startsAt}`),
    check(
      "operations_counts_check",
      sql`${t.calls} >= 0 and ${t.arrivals} >= 0 and ${t.arrests} >= 0 and ${t.vehiclesImpounded} >= 0 and ${t.peopleContacted} >= 0 and ${t.kitsGiven} >= 0 and ${t.referralsToServices} >= 0 and coalesce(${t.staffHours}, 0) >= 0`,
    ),
  ],
);

/** One buyer's case that triggers the fee: a conviction, deferral or diversion for an offense of RCW 9A.88.120 or 9.68A.105. */
export const feeCases = pgTable(
  "fee_cases",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** where the offense occurred: its treasurer receives the fee */
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    court: text().notNull(),
    caseNumber: text().notNull(),
    offense: feeOffenseEnum().notNull(),
    disposition: feeDispositionEnum().notNull(),
    dispositionDate: date({ mode: "string" }).notNull(),
    /** prior convictions, deferrals or diversions for this offense */
    priors: integer().notNull().default(0),
    /** the law-enforcement agency that made the arrest (an organization of type law_enforcement) */
    arrestingAgencyId: uuid().references(() => organizations.id),
    /** the operation whose arrest led to the case, if any */
    operationId: uuid().references(() => operations.id),
    /** RCW 9.68A.106: an internet advertisement was instrumental (count of offenses) */
    internetAdCount: integer().notNull().default(0),
    /** RCW 9.68A.107: depictions possessed (count) */
    depictionCount: integer().notNull().default(0),
    /** RCW 9A.88.140 vehicle impound fine, if the vehicle was impounded */
    impoundFineCents: integer(),
    /** the fee the statute sets for the offense and priors, as the judgment should state it */
    statutoryCents: integer().notNull(),
    /** what the court imposed; below statutoryCents only with the inability-to-pay finding */
    assessedCents: integer().notNull(),
    inabilityToPayFinding: boolean().notNull().default(false),
    status: feeCaseStatusEnum().notNull().default("assessed"),
    /** a payment plan's monthly amount and first due date (RCW 9.94A.760; district and municipal courts' plans) */
    planMonthlyCents: integer(),
    planFirstDueOn: date({ mode: "string" }),
    /** court-ordered offender education (john school): program, sessions ordered, the fee per session, sessions attended, completed */
    johnSchoolProgram: text(),
    johnSchoolSessions: integer(),
    johnSchoolSessionFeeCents: integer(),
    /** the days of the sessions attended, one each (a session is never counted, or its fee taken, twice) */
    johnSchoolSessionDates: date({ mode: "string" }).array().notNull().default(sql`'{}'::date[]`),
    johnSchoolCompletedOn: date({ mode: "string" }),
    /** the organization whose staff recorded it (a prosecutor's office, a program, or none for an admin) */
    recordedByOrganizationId: uuid().references(() => organizations.id),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid(),
  },
  (t) => [
    // One fee case per court case: importing the clerk's report twice finds the same row.
    uniqueIndex("fee_cases_court_case_key").on(sql`lower(${t.court})`, sql`upper(${t.caseNumber})`),
    index("fee_cases_jurisdiction_date_idx").on(t.jurisdictionId, t.dispositionDate),
    index("fee_cases_agency_idx").on(t.arrestingAgencyId, t.dispositionDate),
    index("fee_cases_disposition_date_idx").on(t.dispositionDate, t.id),
    index("fee_cases_operation_idx").on(t.operationId),
    index("fee_cases_recorded_by_idx").on(t.recordedByOrganizationId),
    index("fee_cases_status_idx").on(t.status, t.dispositionDate),
    check("fee_cases_amounts_check", sql`${t.assessedCents} >= 0 and ${t.statutoryCents} >= 0 and ${t.assessedCents} <= ${t.statutoryCents}`),
    check("fee_cases_counts_check", sql`${t.priors} >= 0 and ${t.internetAdCount} >= 0 and ${t.depictionCount} >= 0`),
  ],
);

/** Money the clerk received on a fee case. Never changed: a reversal is a payment with negative cents. */
export const feePayments = pgTable(
  "fee_payments",
  {
    id: uuid().primaryKey().defaultRandom(),
    feeCaseId: uuid()
      .notNull()
      .references(() => feeCases.id),
    receivedOn: date({ mode: "string" }).notNull(),
    cents: integer().notNull(),
    /** the clerk's receipt number: a payment imported twice is the same payment (a reversal may repeat its payment's) */
    reference: text(),
    /** a reversal (negative cents) names the payment it reverses, whose split it undoes */
    reversesPaymentId: uuid().references((): AnyPgColumn => feePayments.id),
    source: paymentSourceEnum().notNull().default("manual"),
    createdBy: uuid().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("fee_payments_case_idx").on(t.feeCaseId, t.receivedOn),
    index("fee_payments_received_idx").on(t.receivedOn),
    uniqueIndex("fee_payments_reference_key").on(t.feeCaseId, t.reference, sql`(${t.cents} < 0)`).where(sql`${t.reference} is not null`),
    index("fee_payments_reverses_idx").on(t.reversesPaymentId),
    check("fee_payments_cents_check", sql`${t.cents} <> 0`),
    check("fee_payments_reversal_check", sql`(${t.cents} < 0) = (${t.reversesPaymentId} is not null)`),
  ],
);

/**
 * The money's own ledger: each payment, the share of it each recipient of the jurisdiction's policy
 * receives, and each remittance. Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE, as for the
 * audit trail); a correction is a new entry.
 */
export const feeLedgerEntries = pgTable(
  "fee_ledger_entries",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    recordedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** the day the money moved (a payment's received date) */
    entryDate: date({ mode: "string" }).notNull(),
    jurisdictionId: uuid()
      .notNull()
      .references(() => jurisdictions.id),
    kind: ledgerKindEnum().notNull(),
    feeCaseId: uuid().references(() => feeCases.id),
    paymentId: uuid().references(() => feePayments.id),
    policyId: uuid().references(() => allocationPolicies.id),
    /** the policy line an allocation or remittance is for ("providers", "commerce") */
    recipientKey: text(),
    recipientLabel: text(),
    /** prevention | commerce | enforcement | other_local */
    recipientCategory: text(),
    cents: bigint({ mode: "number" }).notNull(),
    createdBy: uuid().references(() => users.id),
  },
  (t) => [
    index("fee_ledger_jurisdiction_date_idx").on(t.jurisdictionId, t.entryDate),
    index("fee_ledger_payment_idx").on(t.paymentId),
    index("fee_ledger_case_idx").on(t.feeCaseId, t.kind),
    index("fee_ledger_policy_idx").on(t.policyId),
  ],
);

export type JurisdictionRow = typeof jurisdictions.$inferSelect;
export type OperationRow = typeof operations.$inferSelect;
export type FeeCaseRow = typeof feeCases.$inferSelect;
export type FeePaymentRow = typeof feePayments.$inferSelect;
