import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { userRecoveryCodes, userSessions } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { confirmEnrolment, renewRecoveryCodes, startEnrolment, totpSecretOf, verifySecondFactor } from "../../lib/account/two-factor";
import { authenticate, LOCKOUT_POLICY } from "../../lib/auth/authenticate";
import { resolveSession, type SessionUser } from "../../lib/auth/sessions";
import { AppError } from "../../lib/errors";
import { openTestDatabase } from "./support/database";
import { makeUser, PASSWORD, signedIn } from "./support/factories";

// Two-step sign-in: a TOTP secret set up and confirmed, the session gate it puts in front of
// everything, one-time codes (TOTP steps and recovery codes), and wrong codes counting toward the
// account's lockout.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const meta = () => ({ ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" });
const idle = { idleMinutes: 30 };
/** The code an authenticator app shows `seconds` from now. */
const codeAt = (secret: string, seconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + seconds });

/** A user with two-step sign-in set up (through the real commands), and the recovery codes shown. */
async function enrolled() {
  const user = await makeUser(handle.db, { role: "advocate" });
  const me = await signedIn(handle.db, user);
  const enrolment = await startEnrolment(me);
  // The code of the step before (as an app a few seconds slow would show), so the current step is still free.
  const { recoveryCodes } = await confirmEnrolment(me, { code: await codeAt(enrolment.secret, -30), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db);
  return { user, me, secret: enrolment.secret, recoveryCodes };
}

/** Signs in with the password: the new session, as the gate sees it. */
async function passwordStep(email: string) {
  const outcome = await authenticate(handle.db, { email, password: PASSWORD }, meta(), { sessionMaxHours: 12 });
  if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
  const check = await resolveSession(handle.db, outcome.user.sessionId, { now: new Date(), ...idle });
  return { sessionId: outcome.user.sessionId, check, me: "user" in check ? (check.user as SessionUser) : null };
}

describe("setting up two-step sign-in", () => {
  it("takes effect only when a code from the new secret is confirmed; the secret is stored encrypted, the recovery codes hashed", async () => {
    const user = await makeUser(handle.db, { role: "attorney" });
    const me = await signedIn(handle.db, user);
    const enrolment = await startEnrolment(me);
    expect(enrolment.uri).toContain(`secret=${enrolment.secret}`);
    expect(enrolment.qrSvg).toMatch(/^<svg/);
    // Shown, not yet in effect.
    const [before] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(before!.totpEnabledAt).toBeNull();

    // A wrong code, or the wrong password, beside its field; still nothing in effect.
    await expect(confirmEnrolment(me, { code: "000000", currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db)).rejects.toMatchObject({ fieldErrors: { code: [expect.stringContaining("does not match")] } });
    await expect(confirmEnrolment(me, { code: await codeAt(enrolment.secret), currentPassword: "not the password", enrolment: enrolment.enrolment }, meta(), handle.db)).rejects.toMatchObject({
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    // A sealed secret from another session is refused.
    const other = await signedIn(handle.db, user);
    await expect(confirmEnrolment(other, { code: await codeAt(enrolment.secret), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db)).rejects.toMatchObject({ code: "conflict" });

    const { recoveryCodes } = await confirmEnrolment(me, { code: await codeAt(enrolment.secret), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    const [after] = await handle.db.select().from(users).where(eq(users.id, user.id));
    expect(after!.totpEnabledAt).not.toBeNull();
    expect(after!.totpSecret).not.toContain(enrolment.secret);
    expect(after!.totpSecret).toMatch(/^v1\./);
    expect(await totpSecretOf(handle.db, user.id)).toBe(enrolment.secret);
    const stored = await handle.db.select().from(userRecoveryCodes).where(eq(userRecoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) expect(stored.map((s) => s.codeHash)).not.toContain(code);

    // The session that set it up has passed it; the other session of the account now has to.
    expect((await resolveSession(handle.db, me.sessionId, { now: new Date(), ...idle })).status).toBe("active");
    expect((await resolveSession(handle.db, other.sessionId, { now: new Date(), ...idle })).status).toBe("second_factor");
    const [event] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.second_factor_enrolled")));
    expect(event!.details).toEqual({});
    // Once on, the same setup page cannot tie the account to another phone.
    await expect(confirmEnrolment(me, { code: await codeAt(enrolment.secret, 30), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta(), handle.db)).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("signing in with a second factor", () => {
  it("holds the session at the second step until a code is given, and a code works once", async () => {
    const { user, secret } = await enrolled();
    const first = await passwordStep(user.email);
    expect(first.check.status).toBe("second_factor");

    const code = await codeAt(secret);
    await expect(verifySecondFactor(first.me!, { code }, meta(), handle.db)).resolves.toMatchObject({ method: "totp" });
    expect((await resolveSession(handle.db, first.sessionId, { now: new Date(), ...idle })).status).toBe("active");

    // The same code again, for another sign-in within its window: refused.
    const second = await passwordStep(user.email);
    await expect(verifySecondFactor(second.me!, { code }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    expect((await resolveSession(handle.db, second.sessionId, { now: new Date(), ...idle })).status).toBe("second_factor");
    // The next step's code (an app a little fast) is accepted.
    await expect(verifySecondFactor(second.me!, { code: await codeAt(secret, 30) }, meta(), handle.db)).resolves.toMatchObject({ method: "totp" });
  });

  it("takes each recovery code once, in any case and spacing", async () => {
    const { user, recoveryCodes } = await enrolled();
    const first = await passwordStep(user.email);
    const typed = recoveryCodes[3]!.toUpperCase().replaceAll("-", " ");
    await expect(verifySecondFactor(first.me!, { code: typed }, meta(), handle.db)).resolves.toEqual({ method: "recovery_code", recoveryCodesLeft: 9 });
    const second = await passwordStep(user.email);
    await expect(verifySecondFactor(second.me!, { code: recoveryCodes[3]! }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    await expect(verifySecondFactor(second.me!, { code: recoveryCodes[4]! }, meta(), handle.db)).resolves.toEqual({ method: "recovery_code", recoveryCodesLeft: 8 });
  });

  it("counts wrong codes toward the account's lockout, and checks no code while locked", async () => {
    const { user, secret } = await enrolled();
    const pending = await passwordStep(user.email);
    for (let i = 0; i < LOCKOUT_POLICY.maxFailures; i += 1) {
      await expect(verifySecondFactor(pending.me!, { code: "123456" }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    }
    // Locked: even the right code is refused, and so is the password.
    await expect(verifySecondFactor(pending.me!, { code: await codeAt(secret) }, meta(), handle.db)).rejects.toMatchObject({ fieldErrors: { code: [expect.stringContaining("Try again in")] } });
    expect(await authenticate(handle.db, { email: user.email, password: PASSWORD }, meta(), { sessionMaxHours: 12 })).toMatchObject({ reason: "locked" });
    expect((await resolveSession(handle.db, pending.sessionId, { now: new Date(), ...idle })).status).toBe("second_factor");
    const failures = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.second_factor_failed")));
    expect(failures.length).toBe(LOCKOUT_POLICY.maxFailures + 1);
  });

  it("does not let the password wipe the count of wrong codes: four wrong, sign in again, one more locks", async () => {
    const { user, secret } = await enrolled();
    const first = await passwordStep(user.email);
    for (let i = 0; i < LOCKOUT_POLICY.maxFailures - 1; i += 1) {
      await expect(verifySecondFactor(first.me!, { code: "654321" }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    }
    const again = await passwordStep(user.email);
    expect(again.check.status).toBe("second_factor");
    await expect(verifySecondFactor(again.me!, { code: "654321" }, meta(), handle.db)).rejects.toMatchObject({ fieldErrors: { code: [expect.stringContaining("Too many")] } });
    await expect(verifySecondFactor(again.me!, { code: await codeAt(secret) }, meta(), handle.db)).rejects.toMatchObject({ fieldErrors: { code: [expect.stringContaining("Try again in")] } });
  });

  it("refuses a code for a session that is not waiting for one", async () => {
    const { me, secret } = await enrolled();
    await expect(verifySecondFactor(me, { code: await codeAt(secret) }, meta(), handle.db)).rejects.toMatchObject({ code: "conflict" });
  });

  it("lets one of two requests with the same code through, never both", async () => {
    const { user, secret } = await enrolled();
    const [a, b] = [await passwordStep(user.email), await passwordStep(user.email)];
    const code = await codeAt(secret);
    const outcomes = await Promise.allSettled([verifySecondFactor(a.me!, { code }, meta(), handle.db), verifySecondFactor(b.me!, { code }, meta(), handle.db)]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
  });

  it("lets an account without a second factor straight in where its role does not require one", async () => {
    const user = await makeUser(handle.db, { role: "law_enforcement" });
    expect((await passwordStep(user.email)).check.status).toBe("active");
  });

  it("makes new recovery codes only for a current code (wrong ones counted), and the old ones stop working", async () => {
    const { user, me, secret, recoveryCodes } = await enrolled();
    await expect(renewRecoveryCodes(me, { code: recoveryCodes[0]! }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    const counted = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.second_factor_failed")));
    expect(counted).toHaveLength(1);
    const { recoveryCodes: fresh } = await renewRecoveryCodes(me, { code: await codeAt(secret) }, meta(), handle.db);
    expect(fresh).toHaveLength(10);
    const pending = await passwordStep(user.email);
    await expect(verifySecondFactor(pending.me!, { code: recoveryCodes[1]! }, meta(), handle.db)).rejects.toBeInstanceOf(AppError);
    await expect(verifySecondFactor(pending.me!, { code: fresh[1]! }, meta(), handle.db)).resolves.toMatchObject({ method: "recovery_code" });
    const [session] = await handle.db.select().from(userSessions).where(eq(userSessions.id, pending.sessionId));
    expect(session!.secondFactorAt).not.toBeNull();
  });
});
