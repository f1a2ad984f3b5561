import { sql } from "drizzle-orm";
import { QueryBuilder } from "drizzle-orm/pg-core";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { matterHearings, postOrderChecks, proBonoHours, proBonoRates, vacaturMatters } from "../../db/schema/vacatur";
import { currentHours } from "../vacatur/hours";

// The allow-list of what lib/reports may read: the ONLY file of lib/reports that imports db/schema
// (eslint.config.mjs enforces it). Every other file of the room queries these subqueries, which carry
// de-identified columns only: organizations, dates, statuses, enums and ids used for counting and
// joining. Never an identity field (the *Enc ciphertexts, the *Index blind indexes, search tokens), a
// survivor's name or client code, a note, a case number or a free-text reason. Staff and organization
// names are here on purpose: a lead's caseload is read per advocate of their own organization, and
// partners by name. PostgreSQL inlines these subqueries, so they cost nothing.
// tests/unit/reports-columns.test.ts checks the list against the identity fields.
// (Inside these subqueries drizzle writes column names unqualified: a correlated subquery names its
// outer column in full.)

const qb = new QueryBuilder({ casing: "snake_case" });

/** Survivors: owner, county, intake, source, status and the answers of the demographic questions. */
export const reportSurvivors = qb
  .select({
    id: survivors.id,
    organizationId: survivors.organizationId,
    assignedAdvocateId: survivors.assignedAdvocateId,
    county: survivors.county,
    intakeDate: survivors.intakeDate,
    referralSource: survivors.referralSource,
    victimizationTypes: survivors.victimizationTypes,
    genderIdentity: sql<string>`${survivors.demographics} ->> 'genderIdentity'`.as("gender_identity"),
    raceEthnicity: sql<string>`${survivors.demographics} ->> 'raceEthnicity'`.as("race_ethnicity"),
    ageBand: sql<string>`${survivors.demographics} ->> 'ageBand'`.as("age_band"),
    status: survivors.status,
    statusChangedAt: survivors.statusChangedAt,
  })
  .from(survivors)
  .as("report_survivors");

/** Releases: whose, to whom, until when, and whether revoked (not what they cover or why). */
export const reportReleases = qb
  .select({ survivorId: releases.survivorId, organizationId: releases.organizationId, signedOn: releases.signedOn, expiresOn: releases.expiresOn, revokedAt: releases.revokedAt })
  .from(releases)
  .as("report_releases");

/** Referrals: parties, service, status, its dates and the counted decline reason (never the reason or notes). */
export const reportReferrals = qb
  .select({
    id: referrals.id,
    survivorId: referrals.survivorId,
    fromOrganizationId: referrals.fromOrganizationId,
    toOrganizationId: referrals.toOrganizationId,
    service: referrals.service,
    status: referrals.status,
    sentAt: referrals.sentAt,
    answeredAt: referrals.answeredAt,
    answerDays: referrals.answerDays,
    declineReason: referrals.declineReason,
  })
  .from(referrals)
  .as("report_referrals");

/**
 * Vacatur matters: parties, stage, dates, and two figures derived here so no report reads a matter's
 * order itself: the order's outcome and how many convictions it vacated. An order was granted (in full
 * or in part) when the matter stands granted or after (transmitted, verified), or was closed after a
 * post-order verification, which only a granted order can have (lib/vacatur/machine.ts); otherwise,
 * denied.
 */
export const reportMatters = qb
  .select({
    id: vacaturMatters.id,
    survivorId: vacaturMatters.survivorId,
    organizationId: vacaturMatters.organizationId,
    legalOrganizationId: vacaturMatters.legalOrganizationId,
    attorneyId: vacaturMatters.attorneyId,
    prosecutorOfficeId: vacaturMatters.prosecutorOfficeId,
    noticeOn: vacaturMatters.noticeOn,
    status: vacaturMatters.status,
    openedAt: sql<Date>`${vacaturMatters.createdAt}`.as("opened_at"),
    lastActivityAt: vacaturMatters.lastActivityAt,
    filedOn: vacaturMatters.filedOn,
    orderOn: vacaturMatters.orderOn,
    orderGranted: sql<boolean | null>`case when ${vacaturMatters.orderOn} is null then null
      when ${vacaturMatters.status} in ('granted', 'partially_granted', 'order_transmitted', 'verified') then true
      when ${vacaturMatters.status} = 'closed' then exists (select 1 from ${postOrderChecks} as poc where poc.matter_id = ${sql.raw('"vacatur_matters"."id"')})
      else false end`.as("order_granted"),
    orderConvictions: sql<number>`(select count(distinct split_part(k, ':', 1))::int from jsonb_array_elements_text(coalesce(${vacaturMatters.orderCounts}, '[]'::jsonb)) as k)`.as(
      "order_convictions",
    ),
  })
  .from(vacaturMatters)
  .as("report_matters");

/** Hearings: which matter, when, and whether they stand. */
export const reportHearings = qb
  .select({ matterId: matterHearings.matterId, startsAt: matterHearings.startsAt, status: matterHearings.status })
  .from(matterHearings)
  .as("report_hearings");

/** Pro bono hours that count (lib/vacatur/hours.ts currentHours): matter, legal organization, date, amount. */
export const reportHours = qb
  .select({ matterId: proBonoHours.matterId, organizationId: proBonoHours.organizationId, workedOn: proBonoHours.workedOn, hundredths: proBonoHours.hundredths })
  .from(proBonoHours)
  .where(currentHours())
  .as("report_hours");

export const reportRates = qb.select({ organizationId: proBonoRates.organizationId, hourlyRateCents: proBonoRates.hourlyRateCents }).from(proBonoRates).as("report_rates");

/** Staff: who advocates and attorneys are, by name, for their own lead. */
export const reportStaff = qb.select({ id: users.id, name: users.name, organizationId: users.organizationId }).from(users).as("report_staff");

export const reportOrganizations = qb.select({ id: organizations.id, name: organizations.name, type: organizations.type }).from(organizations).as("report_organizations");

/** Every subquery of the allow-list, for the test that checks its columns. */
export const REPORT_SOURCES = { reportSurvivors, reportReleases, reportReferrals, reportMatters, reportHearings, reportHours, reportRates, reportStaff, reportOrganizations };
