import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { secondFactorRequirements, userRecoveryCodes, userSessions } from "../../db/schema/auth";
import { notifications } from "../../db/schema/referrals";
import { users } from "../../db/schema/users";
import { confirmEnrolment, secondFactorStatus, startEnrolment, verifySecondFactor } from "../../lib/account/two-factor";
import { authenticate, LOCKOUT_POLICY } from "../../lib/auth/authenticate";
import { resolveSession, type SessionUser } from "../../lib/auth/sessions";
import { trustedDeviceToken, withTrustedDeviceToken } from "../../lib/auth/trusted-device";
import { AppError } from "../../lib/errors";
import { newIdempotencyKey } from "../../lib/idempotency";
import { createSurvivor } from "../../lib/survivors/commands";
import { decideApproval } from "../../lib/users/approval";
import { listSecondFactorRequirements, resetSecondFactor, setSecondFactorRequirements } from "../../lib/users/second-factor";
import { openPrivateTestDatabase } from "./support/database";
import { makeOrganization, makeUser, PASSWORD, signedIn, unique } from "./support/factories";

// Which roles must use a second factor (set by an administrator, never off for administrators), the
// administrator's reset of someone's second factor (approved by their organization's lead, told at
// their next sign-in), and the trusted device that keeps a locked-out owner from being kept out.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openPrivateTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const meta = () => ({ ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" });
const idle = { idleMinutes: 30 };
const codeAt = (secret: string, seconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + seconds });
const everyRole = { program_lead: true, advocate: true, attorney: true, prosecutor: true, partner: true, law_enforcement: false };

async function passwordStep(email: string, options: { trustedDevice?: string | null; password?: string; ip?: string } = {}) {
  const outcome = await authenticate(
    handle.db,
    { email, password: options.password ?? PASSWORD },
    { ip: options.ip ?? meta().ip, userAgent: "vitest" },
    { sessionMaxHours: 12, trustedDevice: options.trustedDevice },
  );
  if (!outcome.ok) return { outcome, check: null, me: null };
  const check = await resolveSession(handle.db, outcome.user.sessionId, { now: new Date(), ...idle });
  return { outcome, check, me: "user" in check ? (check.user as SessionUser) : null };
}

/** A user with two-step sign-in set up (through the real enrolment); the code step it used is spent. */
async function enrolled(role: "advocate" | "attorney" = "advocate", organizationId?: string) {
  const user = await makeUser(handle.db, { role, ...(organizationId ? { organizationId } : {}) });
  const me = await signedIn(handle.db, user);
  const enrolment = await startEnrolment(me);
  await confirmEnrolment(me, { code: await codeAt(enrolment.secret, -30), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db);
  const [row] = await handle.db.select().from(users).where(eq(users.id, user.id));
  return { user: row!, me, secret: enrolment.secret };
}

async function admin() {
  return signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
}

async function lockOut(email: string) {
  for (let i = 0; i < LOCKOUT_POLICY.maxFailures; i++) await passwordStep(email, { password: `wrong guess ${i}` });
  const locked = await passwordStep(email);
  expect(locked.outcome).toMatchObject({ ok: false, reason: "locked" });
}

describe("roles that must use a second factor", () => {
  it("holds a session of a required role without one at its setup, and lets a role that does not require it in", async () => {
    const advocate = await makeUser(handle.db, { role: "advocate" });
    const police = await makeUser(handle.db, { role: "law_enforcement" });
    expect((await passwordStep(advocate.email)).check?.status).toBe("second_factor_setup");
    expect((await passwordStep(police.email)).check?.status).toBe("active");

    // Setting it up from that session lets it in, and nothing else was needed.
    const { me } = await passwordStep(advocate.email);
    const enrolment = await startEnrolment(me!);
    await confirmEnrolment(me!, { code: await codeAt(enrolment.secret), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db);
    expect((await resolveSession(handle.db, me!.sessionId, { now: new Date(), ...idle })).status).toBe("active");
  });

  it("an administrator changes it per role, in effect on the next request, audited; administrators always must", async () => {
    const me = await admin();
    const partner = await makeUser(handle.db, { role: "partner" });
    const { me: waiting } = await passwordStep(partner.email);
    expect((await resolveSession(handle.db, waiting!.sessionId, { now: new Date(), ...idle })).status).toBe("second_factor_setup");

    expect(await setSecondFactorRequirements(me, { required: { ...everyRole, partner: false } }, meta(), handle.db)).toEqual({ changed: ["partner"] });
    // The waiting session goes straight in now.
    expect((await resolveSession(handle.db, waiting!.sessionId, { now: new Date(), ...idle })).status).toBe("active");
    const listed = await listSecondFactorRequirements(me, handle.db);
    expect(listed.find((r) => r.role === "partner")).toMatchObject({ required: false, locked: false });
    expect(listed.find((r) => r.role === "admin")).toMatchObject({ required: true, locked: true });
    const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "security.second_factor_requirements_changed"));
    expect(event).toMatchObject({ actorUserId: me.id, details: { changed: [{ role: "partner", required: false }] } });

    // Saving the same again changes nothing and writes nothing.
    expect(await setSecondFactorRequirements(me, { required: { ...everyRole, partner: false } }, meta(), handle.db)).toEqual({ changed: [] });
    // Administrators: the form cannot name them, and the database refuses a row that would let them off.
    await expect(setSecondFactorRequirements(me, { required: { ...everyRole, admin: false } as never }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    await expect(handle.db.insert(secondFactorRequirements).values({ role: "admin", required: false })).rejects.toThrow();
    const anotherAdmin = await makeUser(handle.db, { role: "admin" });
    expect((await passwordStep(anotherAdmin.email)).check?.status).toBe("second_factor_setup");

    // Only administrators decide it.
    const lead = await signedIn(handle.db, await makeUser(handle.db, { role: "program_lead" }));
    await expect(setSecondFactorRequirements(lead, { required: everyRole }, meta(), handle.db)).rejects.toMatchObject({ code: "forbidden" });
    await expect(listSecondFactorRequirements(lead, handle.db)).rejects.toMatchObject({ code: "forbidden" });
    await setSecondFactorRequirements(me, { required: everyRole }, meta(), handle.db);
  });
});

describe("an administrator resets someone's second factor", () => {
  it("only with their organization lead's approval; the person is told and sets it up anew", async () => {
    const agency = await makeOrganization(handle.db, { type: "service_provider" });
    const lead = await signedIn(handle.db, await makeUser(handle.db, { role: "program_lead", organizationId: agency.id }));
    const { user, me: person } = await enrolled("advocate", agency.id);
    // The agency holds survivor data, so a lead must approve.
    const intake = await createSurvivor(
      person,
      { idempotencyKey: newIdempotencyKey(), preferredName: unique("Robin"), intakeDate: "2026-10-01", victimizationTypes: ["sex_trafficking"], duplicateDecision: "create_anyway" },
      meta(),
      handle.db,
    );
    expect(intake.status).toBe("created");
    const me = await admin();

    await resetSecondFactor(me, { id: user.id }, meta(), handle.db);
    const [after] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(after).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, approvalStatus: "pending", approvalReason: "second_factor_reset", version: user.version + 1 });
    expect(after!.secondFactorResetAt).not.toBeNull();
    expect(await handle.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id))).toHaveLength(0);
    const [session] = await handle.db.select().from(userSessions).where(eq(userSessions.id, person.sessionId));
    expect(session).toMatchObject({ endReason: "second_factor_reset" });
    const events = await handle.db.select({ action: auditEvents.action, actorId: auditEvents.actorUserId }).from(auditEvents).where(eq(auditEvents.targetId, user.id));
    expect(events).toEqual(expect.arrayContaining([{ action: "user.second_factor_reset", actorId: me.id }, { action: "user.approval_requested", actorId: me.id }]));

    // Not before the lead approves.
    expect((await passwordStep(user.email)).outcome).toEqual({ ok: false, reason: "awaiting_approval", organizationName: agency.name });
    await decideApproval(lead, { id: user.id, version: after!.version, decision: "approve" }, meta(), handle.db);

    // Then the password alone lets them only set it up again, where they are told.
    const { check, me: back } = await passwordStep(user.email);
    expect(check?.status).toBe("second_factor_setup");
    expect(await secondFactorStatus(back!, handle.db)).toMatchObject({ enabledAt: null, required: true, resetAt: after!.secondFactorResetAt });
    const told = await handle.db.select().from(notifications).where(eq(notifications.userId, user.id));
    expect(told.map((n) => n.text)).toEqual([expect.stringMatching(/^An administrator reset your two-step sign-in on /)]);
    const enrolment = await startEnrolment(back!);
    await confirmEnrolment(back!, { code: await codeAt(enrolment.secret), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db);
    expect((await secondFactorStatus(back!, handle.db)).resetAt).toBeNull();
  });

  it("of an administrator waits for a second administrator: never the one who reset it", async () => {
    const first = await admin();
    const second = await admin();
    // An administrator with two-step sign-in (as administrators must have).
    const adminAccount = await makeUser(handle.db, { role: "admin", secondFactor: true });
    await resetSecondFactor(first, { id: adminAccount.id }, meta(), handle.db);
    const [waiting] = await handle.db.select().from(users).where(eq(users.id, adminAccount.id));
    expect(waiting).toMatchObject({ approvalStatus: "pending", approvalReason: "second_factor_reset", approvalRequestedBy: first.id, totpEnabledAt: null });
    expect((await passwordStep(adminAccount.email)).outcome).toEqual({ ok: false, reason: "awaiting_approval", organizationName: null });
    // The one who reset it cannot confirm it; another administrator can.
    await expect(decideApproval(first, { id: adminAccount.id, version: waiting!.version, decision: "approve" }, meta(), handle.db)).rejects.toMatchObject({ code: "forbidden" });
    await decideApproval(second, { id: adminAccount.id, version: waiting!.version, decision: "approve" }, meta(), handle.db);
    expect((await passwordStep(adminAccount.email)).check?.status).toBe("second_factor_setup");
  });

  it("is refused for one's own account, for an account without one, and to anyone but an administrator", async () => {
    const me = await admin();
    const { user } = await enrolled("attorney");
    const plain = await makeUser(handle.db, { role: "attorney" });
    await expect(resetSecondFactor(me, { id: me.id }, meta(), handle.db)).rejects.toMatchObject({ code: "conflict" });
    await expect(resetSecondFactor(me, { id: plain.id }, meta(), handle.db)).rejects.toMatchObject({ code: "conflict" });
    const lead = await signedIn(handle.db, await makeUser(handle.db, { role: "program_lead", organizationId: user.organizationId }));
    await expect(resetSecondFactor(lead, { id: user.id }, meta(), handle.db)).rejects.toMatchObject({ code: "forbidden" });
    const [unchanged] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(unchanged!.totpEnabledAt).toEqual(user.totpEnabledAt);
  });
});

describe("a trusted device", () => {
  it("lets the owner of a locked account sign in, still asking for the code, while the lock holds for everyone else", async () => {
    const { user, secret } = await enrolled();
    const device = trustedDeviceToken(user.id, user);
    await lockOut(user.email);

    const { outcome, check, me } = await passwordStep(user.email, { trustedDevice: device });
    expect(outcome.ok).toBe(true);
    expect(check?.status).toBe("second_factor");
    // The code step counts on the device too, so the account's lock does not stop it.
    await expect(verifySecondFactor(me!, { code: await codeAt(secret, 30) }, meta(), handle.db)).resolves.toMatchObject({ method: "totp" });
    const [event] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.sign_in")));
    expect(event!.details).toMatchObject({ trustedDevice: true });

    // Without the cookie, or with it from another browser's cookie jar mixed in, the lock still holds.
    expect((await passwordStep(user.email)).outcome).toMatchObject({ ok: false, reason: "locked" });
    const shared = withTrustedDeviceToken(device, "00000000-0000-4000-8000-000000000000", trustedDeviceToken("00000000-0000-4000-8000-000000000000", { totpEnabledAt: new Date(), passwordChangedAt: null }));
    expect((await passwordStep(user.email, { trustedDevice: shared })).outcome.ok).toBe(true);
  });

  it("is bound to its account, expires after 30 days, and ends with a reset of the second factor or a change of password", async () => {
    const { user } = await enrolled();
    const other = await enrolled();
    await lockOut(user.email);
    const locked = { ok: false, reason: "locked" };
    // another account's device
    expect((await passwordStep(user.email, { trustedDevice: trustedDeviceToken(other.user.id, other.user) })).outcome).toMatchObject(locked);
    // tampered
    const good = trustedDeviceToken(user.id, user);
    expect((await passwordStep(user.email, { trustedDevice: `${good.slice(0, -2)}AA` })).outcome).toMatchObject(locked);
    // older than 30 days
    const old = trustedDeviceToken(user.id, user, new Date(Date.now() - 31 * 86_400_000));
    expect((await passwordStep(user.email, { trustedDevice: old })).outcome).toMatchObject(locked);
    // from before the second factor was set up again
    const before = trustedDeviceToken(user.id, { ...user, totpEnabledAt: new Date(user.totpEnabledAt!.getTime() - 1000) });
    expect((await passwordStep(user.email, { trustedDevice: before })).outcome).toMatchObject(locked);
    // from before the password was last changed
    const beforeChange = trustedDeviceToken(user.id, { ...user, passwordChangedAt: new Date(Date.now() - 86_400_000) });
    expect((await passwordStep(user.email, { trustedDevice: beforeChange })).outcome).toMatchObject(locked);
  });

  it("has its own limit: five wrong passwords from it lock the device, not the account", async () => {
    const { user } = await enrolled();
    const device = trustedDeviceToken(user.id, user);
    for (let i = 0; i < LOCKOUT_POLICY.maxFailures; i++) await passwordStep(user.email, { trustedDevice: device, password: `wrong ${i}` });
    expect((await passwordStep(user.email, { trustedDevice: device })).outcome).toMatchObject({ ok: false, reason: "locked" });
    // The account itself is not locked: the owner's other browsers still sign in.
    expect((await passwordStep(user.email)).outcome.ok).toBe(true);
  });
});
