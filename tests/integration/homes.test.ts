import { and, eq, inArray, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle, Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { notifications, referrals } from "../../db/schema/referrals";
import { users } from "../../db/schema/users";
import type { SessionUser } from "../../lib/auth/sessions";
import { getAdvocateDay } from "../../lib/home/advocate-day";
import { getAttorneyToday } from "../../lib/home/attorney-today";
import { getReferralInbox } from "../../lib/home/inbox";
import { getLeadToday } from "../../lib/home/lead-today";
import { navHoldings } from "../../lib/home/nav-holdings";
import { getProsecutorToday } from "../../lib/home/prosecutor-today";
import { visitHome } from "../../lib/home/visit";
import { newIdempotencyKey } from "../../lib/idempotency";
import { countUnreadNotifications } from "../../lib/notifications/queries";
import { notificationSubject } from "../../lib/notifications/subjects";
import { createReferral, transitionReferral } from "../../lib/referrals/commands";
import { createRelease } from "../../lib/releases/commands";
import { createSurvivor, requestTransfer } from "../../lib/survivors/commands";
import { assignAttorney, attestConflict, openMatter } from "../../lib/vacatur/commands";
import { recordNotice, recordPosition } from "../../lib/vacatur/matter-work";
import { addConviction } from "../../lib/vacatur/records";
import { openTestDatabase } from "./support/database";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { as, useDatabase } from "./support/matrix/request";
import { day, giveRelease, matterVersion, matterWorld, moveMatter, prostitutionConviction } from "./support/matter-world";

// Every role lands on today's work (issue 12): each home's query returns the caller's records and
// never another organization's, "answered since your last visit" moves with the visit, notifications
// stop counting as new once what they asked for is done, and the bell's count route wants a session.

// The count route reads the session through Auth.js's cookie reader and the database handle: stood in
// for as in the authorization matrix (a real session row, resolved by the real lib/auth/session).
vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);

let handle: DatabaseHandle;
let db: Db;
beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  useDatabase(handle);
});
afterAll(async () => {
  await handle.close();
});

const DAY_MS = 86_400_000;

async function intake(me: SessionUser) {
  const created = await createSurvivor(me, { idempotencyKey: newIdempotencyKey(), preferredName: unique("Robin"), legalName: unique("Robin Legal"), intakeDate: "2026-10-01", duplicateDecision: "create_anyway" }, meta, db);
  if (created.status !== "created") throw new Error("intake stopped");
  return created.id;
}

const refer = (me: SessionUser, survivorId: string, to: string) =>
  createReferral(me, { idempotencyKey: newIdempotencyKey(), survivorId, toOrganizationId: to, service: "housing", urgency: "soon", reason: "Needs housing", mode: "anonymous", send: true }, meta, db);

/** Two agencies, a housing partner (two staff) and another partner, with one survivor for each of three advocates. */
async function partnership() {
  const agency = await makeOrganization(db, { type: "service_provider" });
  const otherAgency = await makeOrganization(db, { type: "service_provider" });
  const shelter = await makeOrganization(db, { type: "service_provider" });
  const otherShelter = await makeOrganization(db, { type: "service_provider" });
  await db.update(organizations).set({ services: ["housing"] }).where(inArray(organizations.id, [shelter.id, otherShelter.id]));
  const person = async (role: SessionUser["role"], organizationId: string) => ({ ...(await signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId }))), organizationName: "Org" });
  const w = {
    agency,
    otherAgency,
    shelter,
    otherShelter,
    advocate: await person("advocate", agency.id),
    colleague: await person("advocate", agency.id),
    outsider: await person("advocate", otherAgency.id),
    staff: await person("partner", shelter.id),
    staff2: await person("partner", shelter.id),
    otherStaff: await person("partner", otherShelter.id),
  };
  const survivorId = await intake(w.advocate);
  const colleagueSurvivorId = await intake(w.colleague);
  const outsiderSurvivorId = await intake(w.outsider);
  return { ...w, survivorId, colleagueSurvivorId, outsiderSurvivorId };
}

async function sentDaysAgo(referralId: string, days: number) {
  await db.update(referrals).set({ sentAt: new Date(Date.now() - days * DAY_MS) }).where(eq(referrals.id, referralId));
}

describe("an advocate's day", () => {
  it("lists what needs them from their own caseload only: overdue referrals, releases expiring, transfer requests", async () => {
    const w = await partnership();
    const mine = await refer(w.advocate, w.survivorId, w.shelter.id);
    const colleagues = await refer(w.colleague, w.colleagueSurvivorId, w.shelter.id);
    const outsiders = await refer(w.outsider, w.outsiderSurvivorId, w.shelter.id);
    const fresh = await refer(w.advocate, w.survivorId, w.otherShelter.id);
    for (const id of [mine.id, colleagues.id, outsiders.id]) await sentDaysAgo(id, 20);

    const release = (me: SessionUser, survivorId: string, expiresIn: number) =>
      createRelease(me, { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: w.shelter.id, categories: ["identity_contact"], purpose: "Housing", form: "written", signedOn: day(-1), expiresOn: day(expiresIn), servicesNotConditioned: true }, meta, db);
    const soon = await release(w.advocate, w.survivorId, 5);
    await release(w.advocate, w.survivorId, 40);
    await release(w.colleague, w.colleagueSurvivorId, 3);
    await release(w.outsider, w.outsiderSurvivorId, 3);

    // The colleague asks to take the advocate's survivor over.
    await requestTransfer(w.colleague, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, requestedFor: w.colleague.id, reason: "Speaks the survivor's language" }, meta, db);

    const day1 = await getAdvocateDay(w.advocate, null, db);
    expect(day1.overdueReferrals.items.map((r) => r.id)).toEqual([mine.id]);
    expect(day1.overdueReferrals.count).toBe(1);
    expect(day1.overdueReferrals.items.map((r) => r.id)).not.toContain(fresh.id);
    expect(day1.expiringReleases.items.map((r) => r.id)).toEqual([soon.id]);
    expect(day1.transferRequests.items).toEqual([expect.objectContaining({ survivorId: w.survivorId, mine: false, toMe: false, canOpen: true })]);

    // The colleague sees their own request, about a survivor they cannot open; nothing of the advocate's referrals.
    const colleagueDay = await getAdvocateDay(w.colleague, null, db);
    expect(colleagueDay.transferRequests.items).toEqual([expect.objectContaining({ mine: true, toMe: true, canOpen: false })]);
    expect(colleagueDay.overdueReferrals.items.map((r) => r.id)).toEqual([colleagues.id]);

    // Another agency's advocate: only their own.
    const outsiderDay = await getAdvocateDay(w.outsider, null, db);
    expect(outsiderDay.overdueReferrals.items.map((r) => r.id)).toEqual([outsiders.id]);
    expect(outsiderDay.transferRequests.count).toBe(0);
    expect(outsiderDay.expiringReleases.items.every((r) => r.survivorId === w.outsiderSurvivorId)).toBe(true);
  });

  it("shows referrals answered since the last visit, and not again after the next one", async () => {
    const w = await partnership();
    expect(await visitHome(w.advocate, db)).toBeNull();
    const first = await refer(w.advocate, w.survivorId, w.shelter.id);
    await transitionReferral(w.staff, { id: first.id, version: 1, action: "accept" }, meta, db);
    const other = await refer(w.outsider, w.outsiderSurvivorId, w.shelter.id);
    await transitionReferral(w.staff, { id: other.id, version: 1, action: "accept" }, meta, db);

    const since = await visitHome(w.advocate, db);
    expect(since).toBeInstanceOf(Date);
    const seen = await getAdvocateDay(w.advocate, since, db);
    expect(seen.answeredReferrals.items.map((r) => [r.id, r.status])).toEqual([[first.id, "accepted"]]);

    const second = await refer(w.advocate, w.survivorId, w.shelter.id);
    await transitionReferral(w.staff, { id: second.id, version: 1, action: "decline", declineReason: "no_capacity", note: "Full this month" }, meta, db);
    const next = await getAdvocateDay(w.advocate, await visitHome(w.advocate, db), db);
    expect(next.answeredReferrals.items.map((r) => [r.id, r.status])).toEqual([[second.id, "declined"]]);
    const [stamped] = await db.select({ at: users.lastHomeVisitAt }).from(users).where(eq(users.id, w.advocate.id));
    expect(stamped!.at!.getTime()).toBeGreaterThan(since!.getTime());
  });

  it("lists its survivors' hearings and the matters that wait on the advocate, never another advocate's", async () => {
    const m = await matterWorld(db);
    await giveRelease(db, m.advocate, m.survivorId, m.legal.id, ["identity_contact", "criminal_court"]);
    const conviction = await addConviction(m.advocate, prostitutionConviction(m.survivorId), meta, db);
    const { id } = await openMatter(m.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: m.survivorId, convictionIds: [conviction.id], legalOrganizationId: m.legal.id }, meta, db);
    await assignAttorney(m.legalLead, { id, version: 1, attorneyId: m.attorney.id }, meta, db);
    await attestConflict(m.attorney, { id, version: 2, decision: "no_conflict" }, meta, db);
    for (const action of ["start_screening", "start_drafting", "send_for_review"]) await moveMatter(db, m.attorney, id, action);

    const reviewing = await getAdvocateDay(m.advocate, null, db);
    expect(reviewing.waitingMatters.items).toEqual([expect.objectContaining({ id, status: "survivor_review", waitsFor: "survivor_review" })]);
    expect((await getAdvocateDay(m.colleague, null, db)).waitingMatters.count).toBe(0);

    await moveMatter(db, m.attorney, id, "file", { filedOn: day(0), court: "Seattle Municipal Court", caseNumber: "26-VAC-0101" });
    await moveMatter(db, m.attorney, id, "set_hearing", { hearingDate: day(6), hearingTime: "09:30", place: "Courtroom 1002" });
    const filed = await getAdvocateDay(m.advocate, null, db);
    expect(filed.waitingMatters.count).toBe(0);
    expect(filed.upcomingHearings.items).toEqual([expect.objectContaining({ matterId: id, court: "Seattle Municipal Court" })]);
    expect((await getAdvocateDay(m.colleague, null, db)).upcomingHearings.count).toBe(0);
  });
});

describe("a partner's inbox", () => {
  it("puts unanswered referrals first, new ones before those already seen, with days waiting; never another organization's", async () => {
    const w = await partnership();
    const old = await refer(w.advocate, w.survivorId, w.shelter.id);
    await sentDaysAgo(old.id, 9);
    const answered = await refer(w.advocate, w.survivorId, w.shelter.id);
    await transitionReferral(w.staff, { id: answered.id, version: 1, action: "accept" }, meta, db);
    const elsewhere = await refer(w.advocate, w.survivorId, w.otherShelter.id);

    expect(await visitHome(w.staff, db)).toBeNull();
    const firstLook = await getReferralInbox(w.staff, null, db);
    expect(firstLook.items.map((r) => r.id)).toEqual([old.id, answered.id]);
    expect(firstLook.items[0]).toMatchObject({ daysWaiting: expect.any(Number), isNew: true, overdue: true });
    expect(firstLook.items[0]!.daysWaiting).toBeGreaterThanOrEqual(8);
    expect(firstLook.items[1]).toMatchObject({ status: "accepted", daysWaiting: null, isNew: false });

    const since = await visitHome(w.staff, db);
    const newer = await refer(w.colleague, w.colleagueSurvivorId, w.shelter.id);
    const later = await getReferralInbox(w.staff, since, db);
    expect(later.items.map((r) => r.id)).toEqual([newer.id, old.id, answered.id]);
    expect(later).toMatchObject({ unanswered: 2, newCount: 1, overdue: 1, total: 3 });
    expect(later.items.map((r) => r.isNew)).toEqual([true, false, false]);

    const other = await getReferralInbox(w.otherStaff, null, db);
    expect(other.items.map((r) => r.id)).toEqual([elsewhere.id]);
  });
});

describe("an attorney's, a prosecutor's and a legal lead's day", () => {
  it("gives each their own matters: the attorney's by due date, the office's awaiting a position, the lead's waiting for an attorney", async () => {
    const m = await matterWorld(db);
    await giveRelease(db, m.advocate, m.survivorId, m.legal.id, ["identity_contact", "criminal_court"]);
    const first = await addConviction(m.advocate, prostitutionConviction(m.survivorId), meta, db);
    const second = await addConviction(m.advocate, prostitutionConviction(m.survivorId, { caseNumber: "SMC-700001" }), meta, db);
    const open = (convictionId: string) => openMatter(m.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: m.survivorId, convictionIds: [convictionId], legalOrganizationId: m.legal.id }, meta, db);
    const a = await open(first.id);
    const b = await open(second.id);

    // The legal lead: both wait for an attorney, beside each attorney's open-matter count; nobody else's lead sees them.
    const waiting = await getLeadToday(m.legalLead, db);
    expect(waiting.waitingMatters?.items.map((x) => x.id)).toEqual([a.id, b.id]);
    expect(waiting.waitingMatters?.attorneys).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: m.attorney.id, openMatters: 0 }), expect.objectContaining({ id: m.orgAttorney.id, openMatters: 0 })]),
    );
    expect(waiting.waitingMatters?.attorneys.map((x) => x.id)).not.toContain(m.outsideAttorney.id);
    const otherLead = await signedIn(db, await makeUser(db, { secondFactor: true, role: "program_lead", organizationId: m.otherLegal.id }));
    expect((await getLeadToday(otherLead, db)).waitingMatters?.count).toBe(0);
    expect((await getLeadToday(m.lead, db)).waitingMatters).toBeNull();

    await assignAttorney(m.legalLead, { id: a.id, version: 1, attorneyId: m.attorney.id }, meta, db);
    const after = await getLeadToday(m.legalLead, db);
    expect(after.waitingMatters?.items.map((x) => x.id)).toEqual([b.id]);
    expect(after.waitingMatters?.attorneys.find((x) => x.id === m.attorney.id)?.openMatters).toBe(1);

    // The attorney: the conflict check first; once cleared, the next due date shows.
    const pending = await getAttorneyToday(m.attorney, db);
    expect(pending.matters).toEqual([expect.objectContaining({ id: a.id, conflictCheck: true, nextDate: null })]);
    await attestConflict(m.attorney, { id: a.id, version: 2, decision: "no_conflict" }, meta, db);
    for (const action of ["start_screening", "start_drafting", "send_for_review"]) await moveMatter(db, m.attorney, a.id, action);
    await moveMatter(db, m.attorney, a.id, "file", { filedOn: day(-1), court: "Seattle Municipal Court", caseNumber: "26-VAC-0202" });
    const due = await getAttorneyToday(m.attorney, db);
    // Filed without notice: the prosecutor-notice task was due on the filing day, and is past due.
    expect(due.matters).toEqual([expect.objectContaining({ id: a.id, conflictCheck: false, nextDate: day(-1), nextDateKind: "prosecutor_notice", nextDateState: "past_due" })]);
    expect(due).toMatchObject({ total: 1, pastDue: 1, conflictChecks: 0 });
    expect((await getAttorneyToday(m.orgAttorney, db)).total).toBe(0);
    expect((await getAttorneyToday(m.outsideAttorney, db)).total).toBe(0);

    // The prosecutor: noticed, position unknown; another office sees nothing; once the position is in, it leaves the list.
    expect((await getProsecutorToday(m.prosecutor, db)).count).toBe(0);
    await recordNotice(m.attorney, { id: a.id, version: (await matterVersion(db, a.id)).version, prosecutorOfficeId: m.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Counsel" }, meta, db);
    const awaiting = await getProsecutorToday(m.prosecutor, db);
    expect(awaiting.items).toEqual([expect.objectContaining({ id: a.id, noticeOn: day(0), daysSinceNotice: 0, court: "Seattle Municipal Court" })]);
    expect((await getProsecutorToday(m.otherProsecutor, db)).count).toBe(0);
    await recordPosition(m.prosecutor, { id: a.id, version: (await matterVersion(db, a.id)).version, position: "no_objection" }, meta, db);
    expect((await getProsecutorToday(m.prosecutor, db)).count).toBe(0);
  });
});

describe("a prosecutor's day in order", () => {
  it("lists the office's matters awaiting a position soonest hearing first, then the longest noticed, each once", async () => {
    const m = await matterWorld(db);
    await giveRelease(db, m.advocate, m.survivorId, m.legal.id, ["identity_contact", "criminal_court"]);
    const noticed = async (caseNumber: string, noticeOffset: number, hearingOffset: number | null) => {
      const conviction = await addConviction(m.advocate, prostitutionConviction(m.survivorId, { caseNumber }), meta, db);
      const { id } = await openMatter(m.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: m.survivorId, convictionIds: [conviction.id], legalOrganizationId: m.legal.id }, meta, db);
      await assignAttorney(m.legalLead, { id, version: 1, attorneyId: m.attorney.id }, meta, db);
      await attestConflict(m.attorney, { id, version: 2, decision: "no_conflict" }, meta, db);
      for (const action of ["start_screening", "start_drafting", "send_for_review"]) await moveMatter(db, m.attorney, id, action);
      await moveMatter(db, m.attorney, id, "file", { filedOn: day(noticeOffset), court: "Seattle Municipal Court", caseNumber: `${caseNumber}-V` });
      await recordNotice(m.attorney, { id, version: (await matterVersion(db, id)).version, prosecutorOfficeId: m.office.id, noticeOn: day(noticeOffset), noticeMethod: "email", noticeGivenBy: "Counsel" }, meta, db);
      if (hearingOffset !== null) await moveMatter(db, m.attorney, id, "set_hearing", { hearingDate: day(hearingOffset), hearingTime: "09:30", place: "Courtroom 1002" });
      return id;
    };
    const latest = await noticed("SMC-810001", -1, null);
    const later = await noticed("SMC-810002", -2, 20);
    const oldest = await noticed("SMC-810003", -8, null);
    const soonest = await noticed("SMC-810004", -3, 10);

    const today = await getProsecutorToday(m.prosecutor, db);
    expect(today.count).toBe(4);
    expect(today.items.map((x) => x.id)).toEqual([soonest, later, oldest, latest]);
    expect(today.items[0]!.nextHearing).not.toBeNull();
    expect(today.items[2]!.nextHearing).toBeNull();
    expect((await getProsecutorToday(m.otherProsecutor, db)).count).toBe(0);
  });
});

describe("notifications acted on", () => {
  const unreadWith = async (userId: string, subject: string) =>
    db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), eq(notifications.subject, subject), isNull(notifications.readAt)));

  it("stop counting as new once the matter is assigned, for every lead who was asked", async () => {
    const m = await matterWorld(db);
    const secondLead = await signedIn(db, await makeUser(db, { secondFactor: true, role: "program_lead", organizationId: m.legal.id }));
    await giveRelease(db, m.advocate, m.survivorId, m.legal.id, ["identity_contact", "criminal_court"]);
    const conviction = await addConviction(m.advocate, prostitutionConviction(m.survivorId), meta, db);
    const { id } = await openMatter(m.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: m.survivorId, convictionIds: [conviction.id], legalOrganizationId: m.legal.id }, meta, db);
    const subject = notificationSubject.assignAttorney(id);
    expect(await unreadWith(m.legalLead.id, subject)).toHaveLength(1);
    expect(await countUnreadNotifications(secondLead, db)).toBe(1);

    await assignAttorney(m.legalLead, { id, version: 1, attorneyId: m.attorney.id }, meta, db);
    expect(await unreadWith(m.legalLead.id, subject)).toHaveLength(0);
    expect(await countUnreadNotifications(m.legalLead, db)).toBe(0);
    expect(await countUnreadNotifications(secondLead, db)).toBe(0);
    // The attorney's own request (confirm no conflict) is new until they answer it.
    expect(await unreadWith(m.attorney.id, notificationSubject.attestConflict(id))).toHaveLength(1);
    await attestConflict(m.attorney, { id, version: 2, decision: "no_conflict" }, meta, db);
    expect(await countUnreadNotifications(m.attorney, db)).toBe(0);
  });

  it("stop counting as new once the referral is answered, for every recipient staff member, and nobody else's are touched", async () => {
    const w = await partnership();
    const { id } = await refer(w.advocate, w.survivorId, w.shelter.id);
    const elsewhere = await refer(w.advocate, w.survivorId, w.otherShelter.id);
    const subject = notificationSubject.answerReferral(id);
    expect(await unreadWith(w.staff.id, subject)).toHaveLength(1);
    expect(await unreadWith(w.staff2.id, subject)).toHaveLength(1);

    await transitionReferral(w.staff2, { id, version: 1, action: "accept" }, meta, db);
    expect(await countUnreadNotifications(w.staff, db)).toBe(0);
    expect(await countUnreadNotifications(w.staff2, db)).toBe(0);
    expect(await unreadWith(w.otherStaff.id, notificationSubject.answerReferral(elsewhere.id))).toHaveLength(1);
    // The advocate is told of the answer: that one is new.
    expect(await countUnreadNotifications(w.advocate, db)).toBe(1);

    // A withdrawal settles the request to answer, and is itself news to the recipients.
    await transitionReferral(w.advocate, { id: elsewhere.id, version: 1, action: "withdraw", note: "Found a bed elsewhere" }, meta, db);
    expect(await unreadWith(w.otherStaff.id, notificationSubject.answerReferral(elsewhere.id))).toHaveLength(0);
    expect(await countUnreadNotifications(w.otherStaff, db)).toBe(1);
  });
});

describe("the bell's count route", () => {
  it("refuses without a session, and gives each person their own count without counting as activity", async () => {
    const { GET } = await import("../../app/(app)/notifications/count/route");
    const w = await partnership();
    await refer(w.advocate, w.survivorId, w.shelter.id);

    as(null);
    const refused = await GET();
    expect(refused.status).toBe(401);
    expect(refused.headers.get("Cache-Control")).toBe("no-store");
    expect(await refused.json()).toEqual({ error: "unauthorized" });

    as(w.staff.sessionId);
    const { userSessions } = await import("../../db/schema/auth");
    const seenBefore = new Date(Date.now() - 60_000);
    await db.update(userSessions).set({ lastSeenAt: seenBefore }).where(eq(userSessions.id, w.staff.sessionId));
    const mine = await GET();
    expect(mine.status).toBe(200);
    expect(mine.headers.get("Cache-Control")).toBe("no-store");
    expect(await mine.json()).toEqual({ unread: 1 });
    const [session] = await db.select({ lastSeenAt: userSessions.lastSeenAt }).from(userSessions).where(eq(userSessions.id, w.staff.sessionId));
    expect(session!.lastSeenAt.getTime()).toBe(seenBefore.getTime());

    as(w.otherStaff.sessionId);
    expect(await (await GET()).json()).toEqual({ unread: 0 });
  });
});

describe("the navigation", () => {
  it("offers Survivors to a prosecutor only once a survivor is shared with their office", async () => {
    const m = await matterWorld(db);
    expect(await navHoldings(m.prosecutor, db)).toEqual({ sharedSurvivors: false });
    await giveRelease(db, m.advocate, m.survivorId, m.office.id, ["criminal_court"]);
    expect(await navHoldings(m.prosecutor, db)).toEqual({ sharedSurvivors: true });
    expect(await navHoldings(m.otherProsecutor, db)).toEqual({ sharedSurvivors: false });
  });
});

