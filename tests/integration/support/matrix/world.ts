import { randomBytes } from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../../../db/client";
import { allocationPolicies, feeCases, jurisdictions, operations } from "../../../../db/schema/fees";
import { organizations } from "../../../../db/schema/organizations";
import { KING_COUNTY_DEFAULT_POLICY } from "../../../../lib/fees/allocation";
import { notifications } from "../../../../db/schema/referrals";
import { releases } from "../../../../db/schema/releases";
import { matterHearings, proBonoHours } from "../../../../db/schema/vacatur";
import { startSession, type SessionUser } from "../../../../lib/auth/sessions";
import { pacificToday } from "../../../../lib/format";
import { createReferral } from "../../../../lib/referrals/commands";
import { createRelease, revokeRelease } from "../../../../lib/releases/commands";
import { addNote, createSurvivor, requestTransfer } from "../../../../lib/survivors/commands";
import { recordService } from "../../../../lib/survivors/services-commands";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "../../../../lib/vacatur/commands";
import { addCommunication, addMatterNote, logHours, recordNotice } from "../../../../lib/vacatur/matter-work";
import { addConviction, addLaterConviction, addPendingCharge } from "../../../../lib/vacatur/records";
import type { AddConvictionInput } from "../../../../lib/vacatur/schema";
import { makeOrganization, makeUser, meta, signedIn } from "../factories";
import { newIdempotencyKey } from "../../../../lib/idempotency";

// The world every cell of the authorization matrix runs in: two agencies, two legal organizations,
// two prosecuting offices, two partner organizations and an admin, and one survivor S of agency A
// with everything the app can hold about a person: notes, releases, court records, a vacatur matter M
// far along its road, and an identified referral F. Every text that would identify S or M carries
// this world's tag, so a page or answer that shows it is caught by a plain text search.

export const CAST = ["A1", "A2", "LA", "B1", "LB", "T1", "T2", "LL", "U1", "P1", "Q1", "R1", "R2", "E1", "admin"] as const;
export type Member = (typeof CAST)[number];
/** Who makes a call: a member of the cast, or nobody signed in. */
export type Caller = Member | "anonymous";

// The cast:
//   A1     advocate of agency A, assigned to S
//   A2     advocate of agency A, not assigned to S
//   LA     program lead of agency A
//   B1     advocate of agency B
//   LB     program lead of agency B
//   T1     attorney of legal organization L, assigned to M, conflict cleared
//   T2     attorney of legal organization L, not assigned
//   LL     program lead of legal organization L
//   U1     attorney of legal organization L2
//   P1     prosecutor of office P, noticed on M
//   Q1     prosecutor of office P2
//   R1     partner staff of R, which received the referral F
//   R2     partner staff of R2
//   E1     law-enforcement staff of police agency E, which hosted operation O and arrested the buyer of fee case FC
//   admin  administrator
//
// The demand side lives apart: jurisdiction J (in King County, as every organization here but P2, which
// is in Pierce), operation O and fee case FC. None of it points to S, M or F.

export const RELEASE_STATES = ["all releases live", "release to L revoked", "release to L expired", "release to R revoked"] as const;
export type ReleaseState = (typeof RELEASE_STATES)[number];

/** The texts that identify S, M and F; a cell fails when one it must not show appears. */
export type Markers = {
  clientCode: string;
  preferredName: string;
  legalName: string;
  caseNote: string;
  courtName: string;
  convictionCaseNumber: string;
  filingCaseNumber: string;
  hearingPlace: string;
  agencyStatusNote: string;
  attorneyNote: string;
  hoursDescription: string;
  referralReason: string;
  referralNote: string;
};
export type Marker = keyof Markers;

export type World = {
  tag: string;
  state: ReleaseState;
  orgs: { A: string; B: string; L: string; L2: string; P: string; P2: string; R: string; R2: string; E: string };
  people: Record<Member, SessionUser>;
  survivorId: string;
  matterId: string;
  referralId: string;
  convictionId: string;
  /** a second conviction, in no matter (for opening one) */
  spareConvictionId: string;
  pendingChargeId: string;
  hearingId: string;
  /** T1's pro bono hours on M */
  hoursEntryId: string;
  /** a service A1 recorded for S */
  serviceEventId: string;
  transferRequestId: string;
  releaseToL: string;
  releaseToR: string;
  releaseToP: string;
  /** one of A1's notifications (about M) */
  notificationId: string;
  /** the demand side: a jurisdiction in King County, E's operation there and a fee case that followed it */
  jurisdictionId: string;
  operationId: string;
  feeCaseId: string;
  markers: Markers;
  /**
   * Sessions of agency A's advocates that passed the password only: one waiting for the account's
   * second factor, one whose role requires a second factor the account has not set up.
   */
  gated: { verify: string; setup: string };
  /** every id of the world, for scoping the row snapshot */
  ids: string[];
};

export function day(offset: number): string {
  return pacificToday(new Date(Date.now() + offset * 86_400_000));
}

function conviction(survivorId: string, courtName: string, caseNumber: string, overrides: Partial<AddConvictionInput> = {}): AddConvictionInput {
  return {
    idempotencyKey: newIdempotencyKey(),
    survivorId,
    courtType: "municipal",
    courtName,
    courtLocality: "Tumwater",
    caseNumber,
    prosecutingAuthority: "city_attorney",
    prosecutingOffice: "Tumwater City Attorney",
    counts: [
      { count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" },
      { count: 2, offense: "Theft 3", citation: "RCW 9A.56.050", offenseClass: "gross_misdemeanor", category: "other", enhancement: "none" },
    ],
    disposition: "guilty_plea",
    dispositionDate: "2016-03-14",
    sentencingDate: "2016-03-14",
    cvpaStatus: "paid",
    restitutionOrder: "none",
    source: "court_docket",
    verifiedOn: day(-20),
    ...overrides,
  };
}

export async function buildWorld(db: Db, state: ReleaseState): Promise<World> {
  const tag = randomBytes(4).toString("hex");
  const org = async (key: string, type: "service_provider" | "legal_aid" | "prosecutor_office" | "law_enforcement") => (await makeOrganization(db, { type, name: `${key} ${tag}` })).id;
  const orgs = {
    A: await org("Agency A", "service_provider"),
    B: await org("Agency B", "service_provider"),
    L: await org("Legal L", "legal_aid"),
    L2: await org("Legal L2", "legal_aid"),
    P: await org("Office P", "prosecutor_office"),
    P2: await org("Office P2", "prosecutor_office"),
    R: await org("Partner R", "service_provider"),
    R2: await org("Partner R2", "service_provider"),
    E: await org("Police E", "law_enforcement"),
  };
  await db.update(organizations).set({ county: "Pierce" }).where(eq(organizations.id, orgs.P2));
  await db.update(organizations).set({ services: ["housing", "legal"] }).where(eq(organizations.id, orgs.R));
  await db.update(organizations).set({ services: ["housing", "legal"] }).where(eq(organizations.id, orgs.R2));

  // Everyone has two-step sign-in set up and has passed it this session, as their roles require.
  const person = async (role: SessionUser["role"], organizationId: string | null) => signedIn(db, await makeUser(db, { role, organizationId, secondFactor: true }));
  const people: Record<Member, SessionUser> = {
    A1: await person("advocate", orgs.A),
    A2: await person("advocate", orgs.A),
    LA: await person("program_lead", orgs.A),
    B1: await person("advocate", orgs.B),
    LB: await person("program_lead", orgs.B),
    T1: await person("attorney", orgs.L),
    T2: await person("attorney", orgs.L),
    LL: await person("program_lead", orgs.L),
    U1: await person("attorney", orgs.L2),
    P1: await person("prosecutor", orgs.P),
    Q1: await person("prosecutor", orgs.P2),
    R1: await person("partner", orgs.R),
    R2: await person("partner", orgs.R2),
    E1: await person("law_enforcement", orgs.E),
    admin: await person("admin", null),
  };
  const { A1, T1, LL, P1 } = people;
  const passwordOnly = async (secondFactor: boolean) =>
    startSession(db, { userId: (await makeUser(db, { role: "advocate", organizationId: orgs.A, secondFactor })).id, now: new Date(), maxHours: 12, ip: "127.0.0.1", userAgent: "vitest" });
  const gated = { verify: await passwordOnly(true), setup: await passwordOnly(false) };

  const markers: Omit<Markers, "clientCode"> = {
    preferredName: `Marigold ${tag}`,
    legalName: `Juniper Quill ${tag}`,
    caseNote: `case-note-${tag}`,
    courtName: `Tumwater ${tag} Municipal Court`,
    convictionCaseNumber: `MX-${tag}-1`,
    filingCaseNumber: `VAC-${tag}-9`,
    hearingPlace: `Courtroom ${tag}, 555 Capitol Way`,
    agencyStatusNote: `paused-at-survivors-wish-${tag}`,
    attorneyNote: `privileged-${tag}`,
    hoursDescription: `hours-${tag}`,
    referralReason: `referral-reason-${tag}`,
    referralNote: `referral-note-${tag}`,
  };

  const intake = await createSurvivor(
    A1,
    {
      idempotencyKey: newIdempotencyKey(),
      preferredName: markers.preferredName,
      legalName: markers.legalName,
      phone: "+1 360 555 0142",
      intakeDate: day(-60),
      victimizationTypes: ["sex_trafficking"],
      contactChannels: ["phone_call"],
      codeWord: `code-${tag}`,
      duplicateDecision: "create_anyway",
    },
    meta,
    db,
  );
  if (intake.status !== "created") throw new Error("the matrix world's intake stopped at a duplicate check");
  const survivorId = intake.id;
  await addNote(A1, { idempotencyKey: newIdempotencyKey(), survivorId, kind: "contact", contactDate: day(-50), body: markers.caseNote }, meta, db);
  const serviceEventId = (await recordService(A1, { idempotencyKey: newIdempotencyKey(), survivorId, category: "emotional_support_safety", occurredOn: day(-50), minutes: 45 }, meta, db)).id;

  const release = async (recipient: string, categories: string[]) =>
    (
      await createRelease(
        A1,
        { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: recipient, categories: categories as never, purpose: `Matrix ${tag}`, form: "written", signedOn: day(-30), expiresOn: day(60), servicesNotConditioned: true },
        meta,
        db,
      )
    ).id;
  const releaseToL = await release(orgs.L, ["identity_contact", "criminal_court"]);
  const releaseToR = await release(orgs.R, ["identity_contact", "referral_details"]);
  const releaseToP = await release(orgs.P, ["criminal_court"]);

  const convictionId = (await addConviction(A1, conviction(survivorId, markers.courtName, markers.convictionCaseNumber), meta, db)).id;
  const spareConvictionId = (await addConviction(A1, conviction(survivorId, markers.courtName, `${markers.convictionCaseNumber}b`, { dispositionDate: "2017-05-02", sentencingDate: "2017-05-02" }), meta, db)).id;
  const pendingChargeId = (await addPendingCharge(A1, { idempotencyKey: newIdempotencyKey(), survivorId, jurisdiction: "washington", court: markers.courtName, offense: "Loitering", prostitution: false }, meta, db)).id;
  await addLaterConviction(A1, { idempotencyKey: newIdempotencyKey(), survivorId, convictedOn: day(-400), jurisdiction: "other_state", description: `Trespass ${tag}` }, meta, db);

  // M: opened toward L, assigned to T1, conflict cleared, filed, noticed to P, a hearing set, an
  // attorney note and hours, then put on hold by the agency at the survivor's wish (with its note).
  const matterId = (await openMatter(A1, { idempotencyKey: newIdempotencyKey(), survivorId, convictionIds: [convictionId], legalOrganizationId: orgs.L }, meta, db)).id;
  let version = (await assignAttorney(LL, { id: matterId, version: 1, attorneyId: T1.id }, meta, db)).version;
  version = (await attestConflict(T1, { id: matterId, version, decision: "no_conflict" }, meta, db)).version;
  const move = async (me: SessionUser, action: string, facts: Record<string, unknown> = {}) => {
    version = (await transitionMatter(me, { id: matterId, version, action: action as never, ...facts }, meta, db)).version;
  };
  await move(T1, "start_screening");
  await move(T1, "start_drafting");
  await move(T1, "send_for_review");
  await move(T1, "file", { filedOn: day(-3), court: markers.courtName, caseNumber: markers.filingCaseNumber });
  version = (await recordNotice(T1, { id: matterId, version, prosecutorOfficeId: orgs.P, noticeOn: day(-2), noticeMethod: "email", noticeGivenBy: `Attorney ${tag}` }, meta, db)).version;
  await move(T1, "set_hearing", { hearingDate: day(20), hearingTime: "09:30", place: markers.hearingPlace });
  await addMatterNote(T1, { idempotencyKey: newIdempotencyKey(), matterId, body: markers.attorneyNote }, meta, db);
  await logHours(T1, { idempotencyKey: newIdempotencyKey(), matterId, workedOn: day(-2), hours: "1.5", activity: "drafting", description: markers.hoursDescription }, meta, db);
  await addCommunication(P1, { idempotencyKey: newIdempotencyKey(), matterId, occurredOn: day(-1), channel: "email", summary: `Office P reviewing ${tag}` }, meta, db);
  await move(A1, "hold", { note: markers.agencyStatusNote });
  const [hearing] = await db.select({ id: matterHearings.id }).from(matterHearings).where(eq(matterHearings.matterId, matterId));
  const [hoursEntry] = await db.select({ id: proBonoHours.id }).from(proBonoHours).where(eq(proBonoHours.matterId, matterId));

  const referralId = (
    await createReferral(A1, { idempotencyKey: newIdempotencyKey(), survivorId, toOrganizationId: orgs.R, service: "housing", urgency: "soon", reason: markers.referralReason, notes: markers.referralNote, mode: "identified", send: true }, meta, db)
  ).id;

  const transferRequestId = (await requestTransfer(A1, { idempotencyKey: newIdempotencyKey(), survivorId, requestedFor: people.A2.id, reason: `Caseload ${tag}` }, meta, db)).id;
  const [notification] = await db.select({ id: notifications.id }).from(notifications).where(eq(notifications.userId, A1.id)).orderBy(desc(notifications.createdAt)).limit(1);
  if (!notification) throw new Error("the matrix world expected a notification for A1");

  if (state === "release to L revoked") await revokeRelease(A1, { id: releaseToL, version: 1, survivorId, method: "oral_phone", note: `Matrix ${tag}` }, meta, db);
  if (state === "release to R revoked") await revokeRelease(A1, { id: releaseToR, version: 1, survivorId, method: "written" }, meta, db);
  if (state === "release to L expired") {
    // No form can record a release already expired; the clock is moved in the database instead.
    await db.update(releases).set({ signedOn: day(-120), expiresOn: day(-1) }).where(and(eq(releases.id, releaseToL), eq(releases.survivorId, survivorId)));
  }

  // The demand side, written directly: its commands are cells of their own.
  const [jurisdiction] = await db.insert(jurisdictions).values({ name: `Juris ${tag}`, kind: "city", county: "King", ownPolice: true }).returning({ id: jurisdictions.id });
  await db.insert(allocationPolicies).values({ jurisdictionId: jurisdiction!.id, effectiveFrom: "2013-07-28", lines: [...KING_COUNTY_DEFAULT_POLICY.lines] });
  const operationStart = new Date(Date.now() - 30 * 86_400_000);
  const [operation] = await db
    .insert(operations)
    .values({ name: `Op ${tag}`, agencyId: orgs.E, jurisdictionId: jurisdiction!.id, type: "web_reverse_sting", startsAt: operationStart, endsAt: new Date(operationStart.getTime() + 5 * 3_600_000), calls: 40, arrivals: 6, arrests: 5 })
    .returning({ id: operations.id });
  const [feeCase] = await db
    .insert(feeCases)
    .values({
      jurisdictionId: jurisdiction!.id,
      court: `Court ${tag}`,
      caseNumber: `FC-${tag}`,
      offense: "patronizing",
      disposition: "conviction",
      dispositionDate: day(-20),
      statutoryCents: 150_000,
      assessedCents: 150_000,
      arrestingAgencyId: orgs.E,
      operationId: operation!.id,
      recordedByOrganizationId: orgs.P,
      johnSchoolProgram: `School ${tag}`,
      johnSchoolSessions: 10,
      johnSchoolSessionFeeCents: 6_000,
    })
    .returning({ id: feeCases.id });

  const { clientCode } = intake;
  const world: Omit<World, "ids"> = {
    tag,
    state,
    orgs,
    people,
    survivorId,
    matterId,
    referralId,
    convictionId,
    spareConvictionId,
    pendingChargeId,
    hearingId: hearing!.id,
    hoursEntryId: hoursEntry!.id,
    serviceEventId,
    transferRequestId,
    releaseToL,
    releaseToR,
    releaseToP,
    notificationId: notification.id,
    jurisdictionId: jurisdiction!.id,
    operationId: operation!.id,
    feeCaseId: feeCase!.id,
    markers: { clientCode, ...markers },
    gated,
  };
  const ids = [
    ...Object.values(orgs),
    ...Object.values(people).map((p) => p.id),
    survivorId,
    matterId,
    referralId,
    convictionId,
    spareConvictionId,
    pendingChargeId,
    hearing!.id,
    hoursEntry!.id,
    serviceEventId,
    transferRequestId,
    releaseToL,
    releaseToR,
    releaseToP,
    jurisdiction!.id,
    operation!.id,
    feeCase!.id,
  ];
  return { ...world, ids };
}
