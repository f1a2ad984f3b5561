import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { userSessions } from "../../db/schema/auth";
import { notifications } from "../../db/schema/referrals";
import { firstLeadAnnouncements, users } from "../../db/schema/users";
import { vacaturMatters } from "../../db/schema/vacatur";
import { authenticate } from "../../lib/auth/authenticate";
import { signInErrorMessage } from "../../lib/auth/messages";
import { resolveSession, startSession, type SessionUser } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { createRelease } from "../../lib/releases/commands";
import { createSurvivor } from "../../lib/survivors/commands";
import { decideApproval, organizationHoldsSurvivorData } from "../../lib/users/approval";
import { getOrganizationApprovals, listFirstLeadNotices, listWaitingApprovals } from "../../lib/users/approval-queries";
import { createUser, resetUserPassword, setUserActive, updateUser } from "../../lib/users/commands";
import { getUserDetail, listUsers } from "../../lib/users/queries";
import { newIdempotencyKey } from "../../lib/idempotency";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, PASSWORD, signedIn, unique } from "./support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const signInOptions = { sessionMaxHours: 12 };
const INITIAL = "an initial password 2026";

async function admin(): Promise<SessionUser> {
  return signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
}

/** A service organization that holds survivor data: an approved lead and advocate, and one survivor. */
async function agencyWithSurvivor(options: { lead?: boolean } = {}) {
  const db = handle.db;
  const agency = await makeOrganization(db, { type: "service_provider" });
  const advocate = await signedIn(db, await makeUser(db, { role: "advocate", organizationId: agency.id }));
  const lead = options.lead === false ? null : await signedIn(db, await makeUser(db, { role: "program_lead", organizationId: agency.id }));
  const intake = await createSurvivor(
    advocate,
    { idempotencyKey: newIdempotencyKey(), preferredName: unique("Robin"), legalName: "Robin Q. Example", intakeDate: "2026-10-01", victimizationTypes: ["sex_trafficking"], duplicateDecision: "create_anyway" },
    meta,
    db,
  );
  if (intake.status !== "created") throw new Error("intake stopped");
  return { agency, advocate, lead, survivorId: intake.id };
}

async function row(id: string) {
  const [found] = await handle.db.select().from(users).where(eq(users.id, id));
  return found!;
}

async function actionsFor(userId: string) {
  const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, userId)).orderBy(auditEvents.id);
  return events.map((e) => e.action);
}

async function notificationsOf(userId: string) {
  return handle.db.select().from(notifications).where(eq(notifications.userId, userId));
}

function newAccount(role: SessionUser["role"], organizationId: string | null, name = unique("Person")) {
  return { idempotencyKey: newIdempotencyKey(), name, email: `${unique(role)}@example.test`, role, organizationId, password: INITIAL, confirmPassword: INITIAL };
}

async function signIn(email: string, password = INITIAL) {
  return authenticate(handle.db, { email, password }, meta, signInOptions);
}

describe("which organizations hold survivor data", () => {
  it("one that owns survivors, is named by a release, or is a matter's legal organization or noticed prosecuting office", async () => {
    const db = handle.db;
    const { agency, advocate, survivorId } = await agencyWithSurvivor();
    const partner = await makeOrganization(db, { type: "service_provider" });
    const legal = await makeOrganization(db, { type: "legal_aid" });
    const office = await makeOrganization(db, { type: "prosecutor_office" });
    const unnoticedOffice = await makeOrganization(db, { type: "prosecutor_office" });
    const empty = await makeOrganization(db, { type: "service_provider" });

    expect(await organizationHoldsSurvivorData(db, partner.id)).toBe(false);
    await createRelease(
      advocate,
      { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: partner.id, categories: ["referral_details"], purpose: "Housing referral", form: "written", signedOn: pacificToday(), expiresOn: pacificToday(new Date(Date.now() + 30 * 86_400_000)), servicesNotConditioned: true },
      meta,
      db,
    );
    const matter = { survivorId, organizationId: agency.id, openedBy: advocate.id };
    await db.insert(vacaturMatters).values({ id: randomUUID(), ...matter, legalOrganizationId: legal.id });
    await db.insert(vacaturMatters).values({ id: randomUUID(), ...matter, prosecutorOfficeId: office.id, noticeOn: pacificToday() });
    await db.insert(vacaturMatters).values({ id: randomUUID(), ...matter, prosecutorOfficeId: unnoticedOffice.id });

    const holds = async (id: string) => organizationHoldsSurvivorData(db, id);
    expect([await holds(agency.id), await holds(partner.id), await holds(legal.id), await holds(office.id)]).toEqual([true, true, true, true]);
    expect([await holds(unnoticedOffice.id), await holds(empty.id)]).toEqual([false, false]);
  });
});

describe("an account an admin creates in an organization holding survivor data", () => {
  it("waits for a program lead: the right password gets the waiting message, a wrong one the usual one; the lead is told", async () => {
    const { agency, lead } = await agencyWithSurvivor();
    const me = await admin();
    const input = newAccount("advocate", agency.id);
    const { id } = await createUser(me, input, meta, handle.db);

    expect(await row(id)).toMatchObject({ approvalStatus: "pending", approvalReason: "created", approvalRequestedBy: me.id, approvalDecidedAt: null });
    expect(await actionsFor(id)).toEqual(["user.created", "user.approval_requested"]);
    const [told] = await notificationsOf(lead!.id);
    expect(told!.text).toBe(`${input.name} (Advocate) is waiting for a program lead to approve their account at ${agency.name}.`);

    const waiting = await signIn(input.email);
    expect(waiting).toEqual({ ok: false, reason: "awaiting_approval", organizationName: agency.name });
    expect(signInErrorMessage("awaiting_approval", { organizationName: agency.name }).message).toBe(
      `Your account is waiting for a program lead of ${agency.name} to approve it. You can sign in once they have.`,
    );
    expect(await signIn(input.email, "not the password at all")).toEqual({ ok: false, reason: "invalid" });
    const failures = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, id), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(failures.map((e) => (e.details as { reason: string }).reason)).toEqual(["approval_pending", "wrong_password"]);
    expect(await handle.db.select().from(userSessions).where(eq(userSessions.userId, id))).toHaveLength(0);

    // The lead sees it on their home, approves, and the person signs in.
    const [listed] = await listWaitingApprovals(lead!, handle.db);
    expect(listed).toMatchObject({ id, name: input.name, role: "advocate", reason: "created", requestedByName: me.name });
    const before = await row(id);
    await decideApproval(lead!, { id, version: before.version, decision: "approve" }, meta, handle.db);
    expect(await row(id)).toMatchObject({ approvalStatus: "approved", approvalDecidedBy: lead!.id, version: before.version + 1, updatedBy: lead!.id });
    expect((await actionsFor(id)).slice(-1)).toEqual(["user.approved"]);
    expect(await listWaitingApprovals(lead!, handle.db)).toEqual([]);
    expect((await notificationsOf(me.id)).map((n) => n.text)).toEqual([`${lead!.name} approved the account of ${input.name} at ${lead!.organizationName ?? "their organization"}.`]);
    expect((await signIn(input.email)).ok).toBe(true);
  });

  it("an organization holding no survivor data needs no approval, even for a program lead", async () => {
    const me = await admin();
    const fresh = await makeOrganization(handle.db, { type: "service_provider" });
    const advocate = newAccount("advocate", fresh.id);
    const lead = newAccount("program_lead", fresh.id);
    const a = await createUser(me, advocate, meta, handle.db);
    const l = await createUser(me, lead, meta, handle.db);
    expect((await row(a.id)).approvalStatus).toBe("approved");
    expect(await actionsFor(a.id)).toEqual(["user.created"]);
    expect(await actionsFor(l.id)).toEqual(["user.created"]);
    expect(await handle.db.select().from(firstLeadAnnouncements).where(eq(firstLeadAnnouncements.organizationId, fresh.id))).toHaveLength(0);
    expect((await signIn(advocate.email)).ok).toBe(true);
    expect((await signIn(lead.email)).ok).toBe(true);
  });
});

describe("an admin's change to an existing account puts it up for approval again", () => {
  it("moving someone into the organization signs them out, and no session of theirs is honoured while they wait", async () => {
    const { agency } = await agencyWithSurvivor();
    const me = await admin();
    const elsewhere = await makeOrganization(handle.db, { type: "service_provider" });
    const person = await makeUser(handle.db, { role: "advocate", organizationId: elsewhere.id });
    const session = await signedIn(handle.db, person);

    await updateUser(me, { id: person.id, version: person.version, name: person.name, email: person.email, role: "advocate", organizationId: agency.id }, meta, handle.db);
    expect(await row(person.id)).toMatchObject({ approvalStatus: "pending", approvalReason: "organization_changed" });
    expect((await resolveSession(handle.db, session.sessionId, { now: new Date(), idleMinutes: 30 })).status).toBe("ended");
    // A session row made any other way is refused too, and ended with the reason.
    const sneaked = await startSession(handle.db, { userId: person.id, now: new Date(), maxHours: 12, ip: null, userAgent: null });
    expect(await resolveSession(handle.db, sneaked, { now: new Date(), idleMinutes: 30 })).toEqual({ status: "ended", reason: "approval_required" });
    expect(await signIn(person.email, PASSWORD)).toMatchObject({ ok: false, reason: "awaiting_approval" });
    expect(await actionsFor(person.id)).toContain("user.approval_requested");
  });

  it("a role change to any survivor-facing role waits; a change to administrator needs no approval", async () => {
    const { agency } = await agencyWithSurvivor();
    const me = await admin();
    const person = await makeUser(handle.db, { role: "advocate", organizationId: agency.id });
    await updateUser(me, { id: person.id, version: 1, name: person.name, email: person.email, role: "program_lead", organizationId: agency.id }, meta, handle.db);
    expect(await row(person.id)).toMatchObject({ approvalStatus: "pending", approvalReason: "role_changed", version: 2 });

    await updateUser(me, { id: person.id, version: 2, name: person.name, email: person.email, role: "admin", organizationId: agency.id }, meta, handle.db);
    expect(await row(person.id)).toMatchObject({ approvalStatus: "approved", approvalReason: null });
    expect((await actionsFor(person.id)).filter((a) => a.startsWith("user.approval"))).toEqual(["user.approval_requested", "user.approval_cleared"]);

    // A name change alone asks nothing.
    const other = await makeUser(handle.db, { role: "advocate", organizationId: agency.id });
    await updateUser(me, { id: other.id, version: 1, name: "Renamed " + other.name, email: other.email, role: "advocate", organizationId: agency.id }, meta, handle.db);
    expect((await row(other.id)).approvalStatus).toBe("approved");
  });

  it("a password reset waits: the new password gets the waiting message until a lead approves", async () => {
    const { agency, lead } = await agencyWithSurvivor();
    const me = await admin();
    const person = await makeUser(handle.db, { role: "advocate", organizationId: agency.id });
    await resetUserPassword(me, { id: person.id, password: "taken over password", confirmPassword: "taken over password" }, meta, handle.db);
    expect(await row(person.id)).toMatchObject({ approvalStatus: "pending", approvalReason: "password_reset" });
    expect(await actionsFor(person.id)).toEqual(["user.password_reset", "user.approval_requested"]);
    expect(await signIn(person.email, "taken over password")).toMatchObject({ ok: false, reason: "awaiting_approval" });
    await decideApproval(lead!, { id: person.id, version: (await row(person.id)).version, decision: "approve" }, meta, handle.db);
    expect((await signIn(person.email, "taken over password")).ok).toBe(true);
  });

  it("reactivation waits", async () => {
    const { agency } = await agencyWithSurvivor();
    const me = await admin();
    const person = await makeUser(handle.db, { role: "partner", organizationId: agency.id });
    await setUserActive(me, { id: person.id, version: 1, active: false }, meta, handle.db);
    await setUserActive(me, { id: person.id, version: 2, active: true }, meta, handle.db);
    expect(await row(person.id)).toMatchObject({ active: true, approvalStatus: "pending", approvalReason: "reactivated" });
    expect((await actionsFor(person.id)).slice(-2)).toEqual(["user.reactivated", "user.approval_requested"]);
    expect(await signIn(person.email, PASSWORD)).toMatchObject({ ok: false, reason: "awaiting_approval" });
  });
});

describe("who may decide", () => {
  it("not a lead of another organization, a lead who is waiting, the person themself, or an admin: refused, nothing changes", async () => {
    const db = handle.db;
    const { agency, lead } = await agencyWithSurvivor();
    const me = await admin();
    const waiting = await createUser(me, newAccount("advocate", agency.id), meta, db);
    const waitingLead = await createUser(me, newAccount("program_lead", agency.id), meta, db);
    const otherAgency = await agencyWithSurvivor();
    const agencyAdmin = await signedIn(db, await makeUser(db, { role: "admin", organizationId: agency.id }));
    const pendingLeadSession = await signedIn(db, await row(waitingLead.id));
    const before = await row(waiting.id);
    const beforeLead = await row(waitingLead.id);

    const attempt = (who: SessionUser, id: string, version: number) => decideApproval(who, { id, version, decision: "approve" }, meta, db);
    expect((await refusal(attempt(otherAgency.lead!, waiting.id, before.version))).code).toBe("not_found");
    expect((await refusal(attempt(pendingLeadSession, waiting.id, before.version))).code).toBe("forbidden");
    const self = await refusal(attempt(pendingLeadSession, waitingLead.id, beforeLead.version));
    expect(self.code).toBe("forbidden");
    expect(self.message).toMatch(/your own account/);
    expect((await refusal(attempt(me, waiting.id, before.version))).code).toBe("forbidden");
    expect((await refusal(attempt(agencyAdmin, waiting.id, before.version))).code).toBe("forbidden");
    // The person waiting, even if they held a session, cannot approve themself.
    const waitingSession = await signedIn(db, before);
    expect((await refusal(attempt(waitingSession, waiting.id, before.version))).code).toBe("forbidden");

    expect(await row(waiting.id)).toEqual(before);
    expect(await row(waitingLead.id)).toEqual(beforeLead);
    const decided = await db.select().from(auditEvents).where(and(inArray(auditEvents.targetId, [waiting.id, waitingLead.id]), inArray(auditEvents.action, ["user.approved", "user.approval_declined"])));
    expect(decided).toHaveLength(0);
    expect(await listWaitingApprovals(otherAgency.lead!, db)).toEqual([]);
    expect((await listWaitingApprovals(lead!, db)).map((w) => w.id).sort()).toEqual([waiting.id, waitingLead.id].sort());
  });

  it("a decision on an out-of-date page is refused, naming who changed the account", async () => {
    const { agency, lead } = await agencyWithSurvivor();
    const me = await admin();
    const { id } = await createUser(me, newAccount("advocate", agency.id), meta, handle.db);
    const opened = await row(id);
    await updateUser(me, { id, version: opened.version, name: "Corrected Name", email: opened.email, role: "advocate", organizationId: agency.id }, meta, handle.db);
    const after = await row(id);
    const stale = await refusal(decideApproval(lead!, { id, version: opened.version, decision: "approve" }, meta, handle.db));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toContain(me.name);
    expect(stale.message).toMatch(/Nothing was saved/);
    expect(await row(id)).toEqual(after);
  });

  it("a decline keeps the account out, says so at sign-in and shows the admin who declined", async () => {
    const { agency, lead } = await agencyWithSurvivor();
    const me = await admin();
    const input = newAccount("partner", agency.id);
    const { id } = await createUser(me, input, meta, handle.db);
    await decideApproval(lead!, { id, version: (await row(id)).version, decision: "decline" }, meta, handle.db);

    expect(await row(id)).toMatchObject({ approvalStatus: "declined", approvalDecidedBy: lead!.id });
    expect((await actionsFor(id)).slice(-1)).toEqual(["user.approval_declined"]);
    expect(await signIn(input.email)).toEqual({ ok: false, reason: "approval_declined", organizationName: agency.name });
    expect(signInErrorMessage("approval_declined", { organizationName: agency.name }).message).toMatch(new RegExp(`program lead of ${agency.name} declined this account`));
    const detail = await getUserDetail(me, id, handle.db);
    expect(detail.approval).toMatchObject({ status: "declined", decidedByName: lead!.name, reason: "created" });
    expect((await listUsers(me, { status: "all", approval: "declined", organizationId: agency.id }, 1, handle.db)).items.map((u) => u.id)).toEqual([id]);

    // Declined is final for the lead; an admin asks again with a reset.
    const again = await refusal(decideApproval(lead!, { id, version: (await row(id)).version, decision: "approve" }, meta, handle.db));
    expect(again.code).toBe("conflict");
    await resetUserPassword(me, { id, password: INITIAL, confirmPassword: INITIAL }, meta, handle.db);
    expect(await row(id)).toMatchObject({ approvalStatus: "pending", approvalReason: "password_reset" });
  });
});

describe("an organization's first program lead", () => {
  it("needs no approval when nobody could give it, and is announced to the admin and every member", async () => {
    const db = handle.db;
    const { agency, advocate } = await agencyWithSurvivor({ lead: false });
    const me = await admin();
    const input = newAccount("program_lead", agency.id, unique("Dana"));
    const { id } = await createUser(me, input, meta, db);

    expect(await row(id)).toMatchObject({ approvalStatus: "approved", approvalReason: "created", approvalDecidedBy: null });
    expect(await actionsFor(id)).toEqual(["user.created", "user.approved_as_first_lead"]);
    const [announced] = await db.select().from(firstLeadAnnouncements).where(eq(firstLeadAnnouncements.userId, id));
    expect(announced).toMatchObject({ organizationId: agency.id, createdBy: me.id, reason: "created" });

    const text = (await notificationsOf(advocate.id)).map((n) => n.text);
    expect(text).toHaveLength(1);
    expect(text[0]).toMatch(new RegExp(`^${input.name} became program lead of ${agency.name} on .+ without approval, as the organization's first program lead\\.$`));
    expect((await listFirstLeadNotices(advocate, db)).map((n) => n.name)).toEqual([input.name]);
    const approvals = await getOrganizationApprovals(me, agency.id, db);
    expect(approvals.firstLeads.map((n) => n.name)).toEqual([input.name]);
    expect(approvals.approvers).toBe(1);
    expect((await signIn(input.email)).ok).toBe(true);

    // The second lead waits for the first, who approves.
    const first = await signedIn(db, await row(id));
    const second = await createUser(me, newAccount("program_lead", agency.id), meta, db);
    expect((await row(second.id)).approvalStatus).toBe("pending");
    expect((await getOrganizationApprovals(me, agency.id, db)).waiting.map((w) => w.id)).toEqual([second.id]);
    await decideApproval(first, { id: second.id, version: (await row(second.id)).version, decision: "approve" }, meta, db);
    expect((await row(second.id)).approvalStatus).toBe("approved");
  });

  it("resetting the only lead's password does not let them back in: a second administrator must confirm, never the one who reset it", async () => {
    const db = handle.db;
    const { agency, lead, advocate } = await agencyWithSurvivor();
    const me = await admin();
    const other = await admin();
    await resetUserPassword(me, { id: lead!.id, password: INITIAL, confirmPassword: INITIAL }, meta, db);
    expect(await row(lead!.id)).toMatchObject({ approvalStatus: "pending", approvalReason: "password_reset", approvalRequestedBy: me.id });
    expect((await signIn(lead!.email)).ok).toBe(false);
    expect(await listFirstLeadNotices(advocate, db)).toEqual([]);
    // The other administrators are told a second one must confirm.
    expect((await notificationsOf(other.id)).map((n) => n.text).join("\n")).toMatch(/A second administrator must confirm/);

    // The administrator who reset it cannot confirm it themself.
    const before = await row(lead!.id);
    expect((await getUserDetail(me, lead!.id, db)).approval).toMatchObject({ approvers: 0, canConfirm: false });
    expect((await refusal(decideApproval(me, { id: lead!.id, version: before.version, decision: "approve" }, meta, db))).code).toBe("forbidden");
    expect(await row(lead!.id)).toEqual(before);

    expect((await getUserDetail(other, lead!.id, db)).approval).toMatchObject({ approvers: 0, canConfirm: true });
    await decideApproval(other, { id: lead!.id, version: before.version, decision: "approve" }, meta, db);
    expect(await row(lead!.id)).toMatchObject({ approvalStatus: "approved", approvalDecidedBy: other.id });
    expect((await signIn(lead!.email)).ok).toBe(true);
    expect(await actionsFor(lead!.id)).toEqual(expect.arrayContaining(["user.password_reset", "user.approval_requested", "user.approved"]));

    // With another lead, a reset waits for that lead, and no administrator may step in.
    const second = await signedIn(db, await makeUser(db, { role: "program_lead", organizationId: agency.id }));
    await resetUserPassword(me, { id: lead!.id, password: INITIAL, confirmPassword: INITIAL }, meta, db);
    expect(await row(lead!.id)).toMatchObject({ approvalStatus: "pending", approvalReason: "password_reset" });
    expect((await listWaitingApprovals(second, db)).map((w) => w.id)).toEqual([lead!.id]);
    expect((await refusal(decideApproval(other, { id: lead!.id, version: (await row(lead!.id)).version, decision: "approve" }, meta, db))).code).toBe("forbidden");
  });

  it("resetting each lead in turn, or replacing a lead who left, never makes anyone a first lead", async () => {
    const db = handle.db;
    const { agency, lead } = await agencyWithSurvivor();
    const me = await admin();
    const second = await signedIn(db, await makeUser(db, { role: "program_lead", organizationId: agency.id }));
    await resetUserPassword(me, { id: lead!.id, password: INITIAL, confirmPassword: INITIAL }, meta, db);
    await resetUserPassword(me, { id: second.id, password: INITIAL, confirmPassword: INITIAL }, meta, db);
    expect((await row(lead!.id)).approvalStatus).toBe("pending");
    expect((await row(second.id)).approvalStatus).toBe("pending");

    const replacement = await createUser(me, newAccount("program_lead", agency.id), meta, db);
    expect((await row(replacement.id)).approvalStatus).toBe("pending");
    expect(await db.select().from(firstLeadAnnouncements).where(eq(firstLeadAnnouncements.organizationId, agency.id))).toEqual([]);
  });

  it("six leads created at once: only one is the first, the others wait", async () => {
    const { agency } = await agencyWithSurvivor({ lead: false });
    const me = await admin();
    const created = await Promise.all([0, 1, 2, 3, 4, 5].map(() => createUser(me, newAccount("program_lead", agency.id), meta, handle.db)));
    const statuses = await Promise.all(created.map(async (c) => (await row(c.id)).approvalStatus));
    expect(statuses.filter((s) => s === "approved")).toHaveLength(1);
    expect(statuses.filter((s) => s === "pending")).toHaveLength(5);
    expect(await handle.db.select().from(firstLeadAnnouncements).where(eq(firstLeadAnnouncements.organizationId, agency.id))).toHaveLength(1);
  });
});
