import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../../../db/client";
import { feeCases, jurisdictions, operations } from "../../../../db/schema/fees";
import { organizations } from "../../../../db/schema/organizations";
import { referrals } from "../../../../db/schema/referrals";
import { releases } from "../../../../db/schema/releases";
import { survivorLegalHolds, survivors } from "../../../../db/schema/survivors";
import { users } from "../../../../db/schema/users";
import { convictions, matterHearings, vacaturMatters } from "../../../../db/schema/vacatur";
import type { ErrorCode } from "../../../../lib/errors";
import { encryptField } from "../../../../lib/crypto/fields";
import { holdReasonContext } from "../../../../lib/retention/scope";
import { PASSWORD } from "../factories";
import { currentDb } from "./request";
import { FC_RECORDERS, FEE_RECORDERS, J_EDITORS, legalReleaseLive, O_RECORDERS, OWNERS } from "./expectations";
import { day, type Caller, type Member, type ReleaseState, type World } from "./world";

// Every exported server action, with the hostile call each member of the cast could make: the
// input names S, M, F or another organization's people. All inputs are here, in one place, so a
// change to a form's schema is one edit. `refused` says who must be refused in which release state;
// the others may make the call and are not cells.

export type ActionEntry = {
  /** "lib/<area>/actions.ts#<export>" */
  key: string;
  input: (w: World, read: Read) => Promise<Record<string, unknown>> | Record<string, unknown>;
  refused: (who: Member, state: ReleaseState) => boolean;
  /** a refusal that names the hostile field, accepted besides not_found and forbidden */
  orInvalid?: string;
  /** who may call it signed out; the default is nobody (a redirect to sign-in) */
  signedOut?: { expect: ErrorCode };
  /** someone allowed makes the same call (with all releases live) and it succeeds: the input is right */
  control?: { as: Caller; input?: ActionEntry["input"]; answer?: string };
};

/** Reads a record's current version at call time, so a refusal is never just a stale form. */
export type Read = {
  version: (what: "survivor" | "matter" | "hearing" | "conviction" | "referral" | "release" | "user" | "organization" | "feeCase" | "operation" | "jurisdiction", id: string) => Promise<number>;
};

export function reader(db: Db): Read {
  const tables = {
    survivor: survivors,
    matter: vacaturMatters,
    hearing: matterHearings,
    conviction: convictions,
    referral: referrals,
    release: releases,
    user: users,
    organization: organizations,
    feeCase: feeCases,
    operation: operations,
    jurisdiction: jurisdictions,
  };
  return {
    async version(what, id) {
      const table = tables[what];
      const [row] = await db.select({ version: table.version }).from(table).where(eq(table.id, id));
      if (!row) throw new Error(`no ${what} ${id}`);
      return row.version;
    },
  };
}

/** Creates carry an idempotency key minted with the form (issue 10); a fresh one per call. */
const creating = <T extends Record<string, unknown>>(input: T) => ({ ...input, idempotencyKey: randomUUID() });

// (not the new account's name: a password containing it is refused before any permission question)
const INTRUDER_PASSWORD = "a long unrelated passphrase";

const nobody = () => false;
const unless =
  (...allowed: Member[]) =>
  (who: Member) =>
    !allowed.includes(who);
const notOwner = (who: Member) => !OWNERS.includes(who);
/** Court records: the survivor's side, and M's attorney while the release to L covers them. */
const notRecordEditor = (who: Member, state: ReleaseState) => !(OWNERS.includes(who) || (who === "T1" && legalReleaseLive(state)));
/** M's legal work: its assigned attorney, while the release to L is in effect. */
const notMattersAttorney = (who: Member, state: ReleaseState) => !(who === "T1" && legalReleaseLive(state));
/** M's legal work that its organization's program lead shares: notes, hours, communications. */
const notLegalSide = (who: Member, state: ReleaseState) => !((who === "T1" || who === "LL") && legalReleaseLive(state));

function convictionInput(w: World) {
  return {
    courtType: "district",
    courtName: `Intruder court ${w.tag}`,
    courtLocality: "Olympia",
    caseNumber: `INTRUDER-${w.tag}`,
    prosecutingAuthority: "county_prosecutor",
    prosecutingOffice: `Intruder office ${w.tag}`,
    counts: [{ count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" }],
    disposition: "guilty_plea",
    dispositionDate: "2018-01-10",
    source: "survivor",
  };
}

/** An operation's facts as its forms send them, at E's place in J. */
function operationFacts(w: World) {
  return {
    name: `Intruder op ${w.tag}`,
    agencyId: w.orgs.E,
    partnerAgencyIds: [],
    jurisdictionId: w.jurisdictionId,
    type: "street_reverse_sting",
    startDate: day(-3),
    startTime: "20:00",
    endDate: day(-3),
    endTime: "23:30",
    staffHours: "",
    calls: 12,
    arrivals: 3,
    arrests: 2,
    vehiclesImpounded: 0,
    peopleContacted: 1,
    kitsGiven: 2,
    referralsToServices: 1,
    notes: null,
  };
}

function jurisdictionProfile(w: World) {
  return { name: `Intruder place ${w.tag}`, kind: "city", state: "WA", county: "King", ownPolice: true, population: "1000", tactics: ["buyer_arrests"], keyPartners: null, narrative: null };
}

const notAmong = (members: readonly Member[]) => (who: Member) => !members.includes(who);

export const ACTIONS: ActionEntry[] = [
  // --- one's own account and session: no one else's record can be named; signed out, sign in first
  {
    key: "lib/account/actions.ts#changePasswordAction",
    refused: nobody,
    input: () => ({ currentPassword: PASSWORD, newPassword: "another long password 43", confirmPassword: "another long password 43" }),
    control: { as: "A1" },
  },
  { key: "lib/account/actions.ts#endOtherSessionsAction", refused: nobody, input: () => ({}), control: { as: "A1" } },
  // Two-step sign-in: one's own account only (success is in two-factor.test.ts, which has the codes).
  { key: "lib/account/actions.ts#confirmEnrolmentAction", refused: nobody, input: () => ({ code: "123456", enrolment: "not-a-sealed-secret" }) },
  { key: "lib/account/actions.ts#renewRecoveryCodesAction", refused: nobody, input: () => ({ code: "123456" }) },
  { key: "lib/account/actions.ts#trustThisDeviceAction", refused: nobody, input: () => ({}) },
  { key: "lib/account/actions.ts#verifySecondFactorAction", refused: nobody, input: () => ({ code: "123456" }) },
  { key: "lib/account/actions.ts#keepAliveAction", refused: nobody, input: () => ({}), control: { as: "A1" } },
  { key: "lib/notifications/actions.ts#markAllNotificationsReadAction", refused: nobody, input: () => ({}), control: { as: "A1" } },
  { key: "lib/auth/actions.ts#signOutAction", refused: nobody, input: () => ({}), control: { as: "A1", answer: "redirect → /sign-in?reason=signed-out" } },
  {
    // Signing in as A1 without A1's password; with it, the same call signs A1 in.
    key: "lib/auth/actions.ts#signInAction",
    refused: nobody,
    input: (w) => ({ email: w.people.A1.email, password: "not the right password at all" }),
    signedOut: { expect: "invalid" },
    control: { as: "anonymous", input: (w) => ({ email: w.people.A1.email, password: PASSWORD }), answer: "redirect → /" },
  },

  // --- administration: admins only
  {
    key: "lib/users/actions.ts#createUserAction",
    refused: unless("admin"),
    input: (w) =>
      creating({ name: `Intruder ${w.tag}`, email: `intruder-${w.tag}@example.test`, role: "program_lead", organizationId: w.orgs.A, password: INTRUDER_PASSWORD, confirmPassword: INTRUDER_PASSWORD }),
    control: { as: "admin" },
  },
  {
    key: "lib/users/actions.ts#updateUserAction",
    refused: unless("admin"),
    input: async (w, read) => ({ id: w.people.A1.id, version: await read.version("user", w.people.A1.id), name: w.people.A1.name, email: w.people.A1.email, role: "program_lead", organizationId: w.orgs.A }),
    control: { as: "admin" },
  },
  {
    key: "lib/users/actions.ts#setUserActiveAction",
    refused: unless("admin"),
    input: async (w, read) => ({ id: w.people.A1.id, version: await read.version("user", w.people.A1.id), active: false }),
    control: { as: "admin" },
  },
  {
    key: "lib/audit/chain-actions.ts#verifyAuditChainAction",
    refused: unless("admin"),
    input: () => ({}),
    control: { as: "admin" },
  },
  {
    key: "lib/users/actions.ts#resetUserPasswordAction",
    refused: unless("admin"),
    input: (w) => ({ id: w.people.A1.id, password: INTRUDER_PASSWORD, confirmPassword: INTRUDER_PASSWORD }),
    control: { as: "admin" },
  },
  {
    // (A1 has two-step sign-in set up, as every member of the cast)
    key: "lib/users/actions.ts#resetSecondFactorAction",
    refused: unless("admin"),
    input: (w) => ({ id: w.people.A1.id }),
    control: { as: "admin" },
  },
  {
    key: "lib/users/actions.ts#setSecondFactorRequirementsAction",
    refused: unless("admin"),
    input: () => ({ required: { program_lead: true, advocate: false, attorney: false, prosecutor: false, partner: false, law_enforcement: false } }),
    control: { as: "admin" },
  },
  // --- account approval: a program lead of the account's own organization only, never an admin
  {
    key: "lib/users/actions.ts#decideApprovalAction",
    refused: unless("LA"),
    input: async (w, read) => ({ id: w.people.A1.id, version: await read.version("user", w.people.A1.id), decision: "decline" }),
  },
  {
    key: "lib/organizations/actions.ts#createOrganizationAction",
    refused: unless("admin"),
    input: (w) => creating({ name: `Intruder org ${w.tag}`, type: "service_provider", county: null, services: [] }),
    control: { as: "admin" },
  },
  {
    key: "lib/organizations/actions.ts#updateOrganizationAction",
    refused: unless("admin"),
    input: async (w, read) => ({ id: w.orgs.A, version: await read.version("organization", w.orgs.A), name: `Renamed ${w.tag}`, type: "service_provider", county: null, services: [] }),
    control: { as: "admin" },
  },
  {
    key: "lib/organizations/actions.ts#updateRetentionSettingsAction",
    refused: unless("admin"),
    input: async (w, read) => ({ id: w.orgs.A, version: await read.version("organization", w.orgs.A), recordRetentionYears: 1, auditRetentionYears: 1 }),
    control: { as: "admin" },
  },
  // --- legal holds on S (retention, issue 15): a program lead of S's own organization only
  {
    key: "lib/retention/actions.ts#placeLegalHoldAction",
    refused: unless("LA"),
    input: (w) => ({ survivorId: w.survivorId, reason: `Intruder hold ${w.tag}` }),
    control: { as: "LA" },
  },
  {
    key: "lib/retention/actions.ts#releaseLegalHoldAction",
    refused: unless("LA"),
    input: (w) => ({ survivorId: w.survivorId }),
    // S is held first (in the cell's own transaction, rolled back with it), so there is a hold to release.
    control: {
      as: "LA",
      input: async (w) => {
        const id = randomUUID();
        await currentDb().insert(survivorLegalHolds).values({ id, survivorId: w.survivorId, organizationId: w.orgs.A, reasonEnc: encryptField("Matrix hold", holdReasonContext(id)), heldBy: w.people.LA.id });
        return { survivorId: w.survivorId };
      },
    },
  },
  {
    key: "lib/organizations/actions.ts#setOrganizationActiveAction",
    refused: unless("admin"),
    input: async (w, read) => ({ id: w.orgs.A, version: await read.version("organization", w.orgs.A), active: false }),
    control: { as: "admin" },
  },
  {
    // R's directory entry: R's own staff (and admins) keep it.
    key: "lib/partners/actions.ts#updatePartnerProfileAction",
    refused: unless("R1", "admin"),
    input: async (w, read) => ({ id: w.orgs.R, version: await read.version("organization", w.orgs.R), services: ["housing"], countiesServed: [], languages: [], capacity: "not_accepting" }),
    control: { as: "R1" },
  },

  // --- S's record: the survivor's side only
  {
    // Advocates always take their own intakes; a lead naming another organization's advocate, or
    // anyone who does no intakes, is refused.
    key: "lib/survivors/actions.ts#createSurvivorAction",
    refused: unless("A1", "A2", "LA", "B1"),
    orInvalid: "assignedAdvocateId",
    input: (w) => creating({ preferredName: `Intruder ${w.tag}`, intakeDate: day(-1), assignedAdvocateId: w.people.A1.id, duplicateDecision: "create_anyway" }),
    control: { as: "LA" },
  },
  { key: "lib/survivors/actions.ts#openDuplicateAction", refused: notOwner, input: (w) => ({ survivorId: w.survivorId }), control: { as: "A1" } },
  {
    key: "lib/survivors/actions.ts#updateSurvivorAction",
    refused: notOwner,
    input: async (w, read) => ({ id: w.survivorId, version: await read.version("survivor", w.survivorId), preferredName: `Renamed ${w.tag}` }),
    control: { as: "A1" },
  },
  {
    key: "lib/survivors/actions.ts#changeSurvivorStatusAction",
    refused: notOwner,
    input: async (w, read) => ({ id: w.survivorId, version: await read.version("survivor", w.survivorId), status: "closed", closedReason: "survivor_request" }),
    control: { as: "A1" },
  },
  {
    key: "lib/survivors/actions.ts#reassignSurvivorAction",
    refused: unless("LA"),
    input: async (w, read) => ({ id: w.survivorId, version: await read.version("survivor", w.survivorId), advocateId: w.people.A2.id }),
    control: { as: "LA" },
  },
  {
    // No control: S already has its one open transfer request (a database rule), so nobody may ask again.
    key: "lib/survivors/actions.ts#requestTransferAction",
    refused: notOwner,
    input: (w) => creating({ survivorId: w.survivorId, requestedFor: null, reason: `Intruder ${w.tag}` }),
  },
  { key: "lib/survivors/actions.ts#declineTransferAction", refused: unless("LA"), input: (w) => ({ id: w.transferRequestId }), control: { as: "LA" } },
  {
    key: "lib/survivors/actions.ts#setSurvivorShareAction",
    refused: unless("LA"),
    input: (w) => ({ survivorId: w.survivorId, userId: w.people.A2.id, share: true }),
    control: { as: "LA" },
  },
  {
    key: "lib/survivors/actions.ts#addNoteAction",
    refused: notOwner,
    input: (w) => creating({ survivorId: w.survivorId, kind: "contact", contactDate: day(-1), body: `Intruder ${w.tag}` }),
    control: { as: "A1" },
  },
  {
    key: "lib/survivors/services-actions.ts#recordServiceAction",
    refused: notOwner,
    input: (w) => creating({ survivorId: w.survivorId, category: "emotional_support_safety", occurredOn: null, minutes: 30 }),
    control: { as: "A1" },
  },
  {
    // A service recorded in error: removed by whoever recorded it (A1) or the agency's program lead.
    key: "lib/survivors/services-actions.ts#removeServiceAction",
    refused: notOwner,
    input: (w) => ({ id: w.serviceEventId }),
    control: { as: "A1" },
  },
  {
    key: "lib/releases/actions.ts#createReleaseAction",
    refused: notOwner,
    input: (w) =>
      creating({
        survivorId: w.survivorId,
        recipientOrganizationId: w.orgs.B,
        categories: ["identity_contact", "criminal_court", "case_notes", "referral_details"],
        purpose: `Intruder ${w.tag}`,
        form: "written",
        signedOn: day(-1),
        expiresOn: day(60),
        servicesNotConditioned: true,
      }),
    control: { as: "A1" },
  },
  {
    // The release to P is in effect in every release state, so revoking it is always a change.
    key: "lib/releases/actions.ts#revokeReleaseAction",
    refused: notOwner,
    input: async (w, read) => ({ id: w.releaseToP, version: await read.version("release", w.releaseToP), survivorId: w.survivorId, method: "written" }),
    control: { as: "A1" },
  },

  // --- referrals
  {
    key: "lib/referrals/actions.ts#createReferralAction",
    refused: notOwner,
    input: (w) => creating({ survivorId: w.survivorId, toOrganizationId: w.orgs.R2, service: "housing", reason: `Intruder ${w.tag}`, mode: "anonymous", send: true }),
    control: { as: "A1" },
  },
  {
    // Answering F is R's; a lapsed release hides who it is about, not the referral.
    key: "lib/referrals/actions.ts#transitionReferralAction",
    refused: unless("A1", "LA", "R1"),
    input: async (w, read) => ({ id: w.referralId, version: await read.version("referral", w.referralId), action: "accept" }),
    control: { as: "R1" },
  },

  // --- S's court records
  { key: "lib/vacatur/actions.ts#addConvictionAction", refused: notRecordEditor, input: (w) => creating({ survivorId: w.survivorId, ...convictionInput(w) }), control: { as: "T1" } },
  {
    key: "lib/vacatur/actions.ts#updateConvictionAction",
    refused: notRecordEditor,
    input: async (w, read) => ({ id: w.convictionId, version: await read.version("conviction", w.convictionId), ...convictionInput(w) }),
    control: { as: "T1" },
  },
  {
    key: "lib/vacatur/actions.ts#addPendingChargeAction",
    refused: notRecordEditor,
    input: (w) => creating({ survivorId: w.survivorId, jurisdiction: "washington", court: `Intruder court ${w.tag}`, offense: "Intrusion", prostitution: false }),
    control: { as: "T1" },
  },
  { key: "lib/vacatur/actions.ts#resolvePendingChargeAction", refused: notRecordEditor, input: (w) => ({ id: w.pendingChargeId, resolvedOn: day(-1) }), control: { as: "T1" } },
  {
    key: "lib/vacatur/actions.ts#addLaterConvictionAction",
    refused: notRecordEditor,
    input: (w) => creating({ survivorId: w.survivorId, convictedOn: day(-10), jurisdiction: "washington", description: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },

  // --- the vacatur matter M
  {
    key: "lib/vacatur/actions.ts#openMatterAction",
    refused: notOwner,
    input: (w) => creating({ survivorId: w.survivorId, convictionIds: [w.spareConvictionId], legalOrganizationId: w.orgs.L }),
    control: { as: "A1" },
  },
  {
    // The survivor's lead may assign; so may L's lead while the release to L is in effect.
    key: "lib/vacatur/actions.ts#assignAttorneyAction",
    refused: (who, state) => !(who === "LA" || (who === "LL" && legalReleaseLive(state))),
    input: async (w, read) => ({ id: w.matterId, version: await read.version("matter", w.matterId), attorneyId: w.people.T2.id }),
    control: { as: "LL" },
  },
  {
    // M's conflict check is done, so no one may attest now (no control); T1 is a cell once suspended.
    key: "lib/vacatur/actions.ts#attestConflictAction",
    refused: (who, state) => !(who === "T1" && legalReleaseLive(state)),
    input: async (w, read) => ({ id: w.matterId, version: await read.version("matter", w.matterId), decision: "no_conflict" }),
  },
  {
    // M is on hold at the survivor's wish: the survivor's side, or its attorney while released, may resume it.
    key: "lib/vacatur/actions.ts#transitionMatterAction",
    refused: (who, state) => !(OWNERS.includes(who) || (who === "T1" && legalReleaseLive(state))),
    input: async (w, read) => ({ id: w.matterId, version: await read.version("matter", w.matterId), action: "resume" }),
    control: { as: "T1" },
  },
  {
    key: "lib/vacatur/actions.ts#recordConclusionAction",
    refused: notMattersAttorney,
    input: async (w, read) => ({ matterId: w.matterId, version: await read.version("matter", w.matterId), convictionId: w.convictionId, conclusion: "eligible", route: "rcw_9_96_080", note: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },
  {
    // Noticing another office would open M to it.
    key: "lib/vacatur/actions.ts#recordNoticeAction",
    refused: notMattersAttorney,
    input: async (w, read) => ({ id: w.matterId, version: await read.version("matter", w.matterId), prosecutorOfficeId: w.orgs.P2, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },
  {
    // Who applies (RCW 9.96.060(7)): the survivor's side, and M's attorney while the release to L is in effect.
    key: "lib/vacatur/actions.ts#recordApplicantAction",
    refused: (who, state) => !(OWNERS.includes(who) || (who === "T1" && legalReleaseLive(state))),
    input: async (w, read) => ({ id: w.matterId, version: await read.version("matter", w.matterId), homicideFamilyApplicant: "on" }),
    control: { as: "T1" },
  },
  {
    key: "lib/vacatur/actions.ts#recordPositionAction",
    refused: (who, state) => !(who === "P1" || (who === "T1" && legalReleaseLive(state))),
    input: async (w, read) => ({ id: w.matterId, version: await read.version("matter", w.matterId), position: "objects" }),
    control: { as: "P1" },
  },
  {
    key: "lib/vacatur/actions.ts#addCommunicationAction",
    refused: (who, state) => who !== "P1" && notLegalSide(who, state),
    input: (w) => creating({ matterId: w.matterId, occurredOn: day(0), channel: "email", summary: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },
  {
    key: "lib/vacatur/actions.ts#logHoursAction",
    refused: notLegalSide,
    input: (w) => creating({ matterId: w.matterId, workedOn: day(0), hours: "1", activity: "court", description: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },
  {
    // Correcting or removing hours: only their author (T1), within 30 days, while the release to L is in effect.
    key: "lib/vacatur/actions.ts#correctHoursAction",
    refused: notMattersAttorney,
    input: (w) => ({ id: w.hoursEntryId, version: 1, workedOn: day(-1), hours: "9", activity: "court", description: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },
  {
    key: "lib/vacatur/actions.ts#removeHoursAction",
    refused: notMattersAttorney,
    input: (w) => ({ id: w.hoursEntryId, version: 1 }),
    control: { as: "T1" },
  },
  {
    // The rate L's hours are valued at: L's program lead only.
    key: "lib/vacatur/actions.ts#setHourlyRateAction",
    refused: unless("LL"),
    input: () => ({ rate: "1", version: 0 }),
    control: { as: "LL" },
  },
  {
    // Post-order steps: the survivor's side and M's attorney; M has no order yet, so there is no control.
    key: "lib/vacatur/actions.ts#recordChecklistAction",
    refused: (who, state) => !(OWNERS.includes(who) || (who === "T1" && legalReleaseLive(state))),
    input: (w) => creating({ matterId: w.matterId, step: "survivor_told", doneOn: day(0), note: `Intruder ${w.tag}` }),
  },
  {
    // Privileged notes (like hours and communications): M's attorney and L's program lead, only while released.
    key: "lib/vacatur/actions.ts#addMatterNoteAction",
    refused: notLegalSide,
    input: (w) => creating({ matterId: w.matterId, body: `Intruder ${w.tag}` }),
    control: { as: "T1" },
  },
  // M's hearing: only M's attorney changes it. M is on hold, so even T1's call is refused (no control).
  {
    key: "lib/vacatur/hearing-actions.ts#editHearingAction",
    refused: notMattersAttorney,
    input: async (w, read) => ({ id: w.hearingId, version: await read.version("hearing", w.hearingId), hearingDate: day(21), hearingTime: "10:00", place: `Intruder ${w.tag}` }),
  },
  {
    key: "lib/vacatur/hearing-actions.ts#continueHearingAction",
    refused: notMattersAttorney,
    input: async (w, read) => creating({ id: w.hearingId, version: await read.version("hearing", w.hearingId), hearingDate: day(40), hearingTime: "10:00", place: `Intruder ${w.tag}` }),
  },
  {
    key: "lib/vacatur/hearing-actions.ts#cancelHearingAction",
    refused: notMattersAttorney,
    input: async (w, read) => ({ id: w.hearingId, version: await read.version("hearing", w.hearingId) }),
  },

  // --- the demand side (issue 14): fee cases in King County's scope, E's operations, King County's jurisdictions
  {
    // Q1's office is in Pierce County: it may record fee cases, but not in J.
    key: "lib/fees/actions.ts#createFeeCaseAction",
    refused: notAmong(FC_RECORDERS),
    orInvalid: "jurisdictionId",
    input: (w) =>
      creating({
        jurisdictionId: w.jurisdictionId,
        court: `Intruder court ${w.tag}`,
        caseNumber: `INTR-${w.tag}`,
        offense: "patronizing",
        disposition: "conviction",
        dispositionDate: day(-10),
        priors: 0,
        arrestingAgencyId: w.orgs.E,
        operationId: w.operationId,
        internetAdCount: 0,
        depictionCount: 0,
        impounded: false,
        notImposed: false,
        assessed: "1500",
        inabilityToPayFinding: false,
        johnSchool: false,
      }),
    control: { as: "P1" },
  },
  {
    key: "lib/fees/actions.ts#amendFeeCaseAction",
    refused: notAmong(FC_RECORDERS),
    input: async (w, read) => ({
      id: w.feeCaseId,
      version: await read.version("feeCase", w.feeCaseId),
      jurisdictionId: w.jurisdictionId,
      court: `Court ${w.tag}`,
      caseNumber: `FC-${w.tag}`,
      offense: "patronizing",
      disposition: "conviction",
      dispositionDate: day(-20),
      priors: 1,
      arrestingAgencyId: w.orgs.E,
      operationId: w.operationId,
      internetAdCount: 0,
      depictionCount: 0,
      impounded: false,
      notImposed: false,
      assessed: "2500",
      inabilityToPayFinding: false,
      johnSchool: false,
    }),
    control: { as: "P1" },
  },
  {
    key: "lib/fees/actions.ts#recordPaymentAction",
    refused: notAmong(FC_RECORDERS),
    input: (w) => creating({ feeCaseId: w.feeCaseId, receivedOn: day(-1), amount: "100", reference: `R-${w.tag}` }),
    control: { as: "P1" },
  },
  {
    key: "lib/fees/actions.ts#changeFeeStatusAction",
    refused: notAmong(FC_RECORDERS),
    input: async (w, read) => ({ id: w.feeCaseId, version: await read.version("feeCase", w.feeCaseId), status: "payment_plan", planMonthly: "125", planFirstDueOn: day(10) }),
    control: { as: "LA" },
  },
  {
    key: "lib/fees/actions.ts#recordJohnSchoolSessionAction",
    refused: notAmong(FC_RECORDERS),
    input: (w) => creating({ feeCaseId: w.feeCaseId, attendedOn: day(-1), feePaid: true }),
    control: { as: "P1" },
  },
  {
    // A preview saves nothing and shows only what the file holds: anyone who records fee cases may ask.
    key: "lib/fees/actions.ts#previewImportAction",
    refused: notAmong(FEE_RECORDERS),
    input: (w) => ({ csv: `Court,Case No,Jurisdiction\nIntruder court ${w.tag},INTR-1,Juris ${w.tag}\n` }),
    control: { as: "P1" },
  },
  {
    // Q1 may import, but J is not among the jurisdictions it records in: every row is an error and nothing is written.
    key: "lib/fees/actions.ts#commitImportAction",
    refused: notAmong(FC_RECORDERS),
    orInvalid: "csv",
    input: (w) =>
      creating({
        csv: `Court,Case No,Jurisdiction,Offense,Disposition,Disposition Date,Fee Assessed\nIntruder court ${w.tag},INTR-${w.tag},Juris ${w.tag},9A.88.110,Conviction,${day(-10)},1500\n`,
        mapping: { court: "Court", caseNumber: "Case No", jurisdiction: "Jurisdiction", offense: "Offense", disposition: "Disposition", dispositionDate: "Disposition Date", assessed: "Fee Assessed" },
      }),
    control: { as: "P1" },
  },
  {
    key: "lib/operations/actions.ts#createOperationAction",
    refused: notAmong(O_RECORDERS),
    input: (w) => creating(operationFacts(w)),
    control: { as: "E1" },
  },
  {
    key: "lib/operations/actions.ts#updateOperationAction",
    refused: notAmong(O_RECORDERS),
    input: async (w, read) => ({ id: w.operationId, version: await read.version("operation", w.operationId), ...operationFacts(w) }),
    control: { as: "E1" },
  },
  {
    key: "lib/jurisdictions/actions.ts#createJurisdictionAction",
    refused: notAmong(J_EDITORS),
    input: (w) => creating(jurisdictionProfile(w)),
    control: { as: "LA" },
  },
  {
    key: "lib/jurisdictions/actions.ts#updateJurisdictionAction",
    refused: notAmong(J_EDITORS),
    input: async (w, read) => ({ id: w.jurisdictionId, version: await read.version("jurisdiction", w.jurisdictionId), ...jurisdictionProfile(w), name: `Juris ${w.tag}` }),
    control: { as: "LA" },
  },
  {
    // A jurisdiction's split is its council's decision, recorded by an administrator: no recipient sets its own share.
    key: "lib/jurisdictions/actions.ts#setAllocationPolicyAction",
    refused: notAmong(["admin"]),
    input: (w) =>
      creating({
        jurisdictionId: w.jurisdictionId,
        effectiveFrom: day(1),
        lines: [
          { label: "Prevention", category: "prevention", percent: "60" },
          { label: "Police", category: "enforcement", percent: "38" },
          { label: "Commerce", category: "commerce", percent: "2" },
        ],
      }),
    control: { as: "admin" },
  },
];
