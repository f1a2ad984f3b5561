import { and, eq, sql } from "drizzle-orm";
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { signInThrottles, userSessions } from "../../db/schema/auth";
import { organizations } from "../../db/schema/organizations";
import { authenticate, LOCKOUT_POLICY, throttleKeyFor } from "../../lib/auth/authenticate";
import { backend, openTestDatabase } from "./support/database";
import { makeOrganization, makeUser, PASSWORD, unique } from "./support/factories";
import { inject } from "vitest";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const options = { sessionMaxHours: 12 };
// Each test signs in from an address of its own: these tests fail on purpose, many times, and failures
// are also counted per address (ADDRESS_POLICY, tested in sign-in-address-limits.test.ts).
const freshMeta = () => ({ ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" });
let meta = freshMeta();
beforeEach(() => {
  meta = freshMeta();
});
const minutes = (n: number, from = new Date()) => new Date(from.getTime() + n * 60_000);

async function eventsFor(userId: string) {
  return handle.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, userId)))
    .orderBy(auditEvents.id);
}

describe("authenticate", () => {
  it("signs in with the right password, opens a session and records the sign-in with IP and user agent", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    const outcome = await authenticate(handle.db, { email: user.email.toUpperCase(), password: PASSWORD }, meta, options);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.user).toMatchObject({ id: user.id, role: "advocate", organizationId: user.organizationId });

    const [session] = await handle.db.select().from(userSessions).where(eq(userSessions.id, outcome.user.sessionId));
    expect(session).toMatchObject({ userId: user.id, endedAt: null, ip: meta.ip, userAgent: meta.userAgent });
    expect(session!.expiresAt.getTime() - session!.createdAt.getTime()).toBe(12 * 3_600_000);

    const events = await eventsFor(user.id);
    expect(events.map((e) => e.action)).toEqual(["auth.sign_in"]);
    expect(events[0]).toMatchObject({ actorUserId: user.id, actorRole: "advocate", ip: meta.ip, userAgent: meta.userAgent });
  });

  it("gives the same refusal for a wrong password and an unknown email, and stores no typed email", async () => {
    const user = await makeUser(handle.db, { role: "attorney" });
    const wrong = await authenticate(handle.db, { email: user.email, password: "not the password" }, meta, options);
    const typed = `${unique("nobody")}@example.test`;
    const unknown = await authenticate(handle.db, { email: typed, password: "whatever it is" }, meta, options);
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });

    const [failure] = await eventsFor(user.id);
    expect(failure).toMatchObject({ action: "auth.sign_in_failed", actorUserId: null });
    expect(failure!.details).toMatchObject({ reason: "wrong_password", attempt: 1 });

    const raw = await handle.db.execute(sql`select details::text as d from audit_events where details->>'reason' = 'unknown_account'`);
    const texts = (raw as unknown as { rows?: { d: string }[] }).rows ?? (raw as unknown as { d: string }[]);
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.some((row) => row.d.includes(typed))).toBe(false);
  });

  it("takes about as long for an unknown email as for a known one", async () => {
    const user = await makeUser(handle.db, { role: "partner" });
    const time = async (email: string) => {
      const start = performance.now();
      await authenticate(handle.db, { email, password: "definitely wrong" }, meta, options);
      return performance.now() - start;
    };
    await time(user.email); // warm up
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(user.email));
      unknown.push(await time(`${unique("ghost")}@example.test`));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    // Both pay for a full argon2id verification (tens of milliseconds); a missing verification would be ~100x faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
    expect(median(unknown)).toBeLessThan(median(known) * 2.5);
  });

  it("locks the account on the fifth failure within 15 minutes and refuses even the right password while locked", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    const now = new Date();
    const outcomes = [];
    for (let i = 1; i <= LOCKOUT_POLICY.maxFailures; i++) {
      outcomes.push(await authenticate(handle.db, { email: user.email, password: `wrong ${i}` }, meta, { ...options, now: minutes(i, now) }));
    }
    expect(outcomes.slice(0, 4)).toEqual(Array(4).fill({ ok: false, reason: "invalid" }));
    expect(outcomes[4]).toEqual({ ok: false, reason: "locked", retryAfterMinutes: 15 });

    // The sixth attempt, with the right password, six minutes into the lock: still refused, no session.
    const sixth = await authenticate(handle.db, { email: user.email, password: PASSWORD }, meta, { ...options, now: minutes(11, now) });
    expect(sixth).toEqual({ ok: false, reason: "locked", retryAfterMinutes: 9 });
    expect(await handle.db.select().from(userSessions).where(eq(userSessions.userId, user.id))).toHaveLength(0);

    const actions = (await eventsFor(user.id)).map((e) => e.action);
    expect(actions.filter((a) => a === "auth.lockout")).toHaveLength(1);
    expect(actions.at(-1)).toBe("auth.sign_in_failed");

    // Fifteen minutes after the lock began, the right password works again and clears the counter.
    const later = await authenticate(handle.db, { email: user.email, password: PASSWORD }, meta, { ...options, now: minutes(5 + 15, now) });
    expect(later.ok).toBe(true);
    expect(await handle.db.select().from(signInThrottles).where(eq(signInThrottles.key, throttleKeyFor(user.email)))).toHaveLength(0);
  });

  it("counts failures per 15-minute window: four, then four more after the window, do not lock", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    const now = new Date();
    for (let i = 0; i < 4; i++) await authenticate(handle.db, { email: user.email, password: "wrong" }, meta, { ...options, now: minutes(i, now) });
    for (let i = 0; i < 4; i++) {
      const outcome = await authenticate(handle.db, { email: user.email, password: "wrong" }, meta, { ...options, now: minutes(20 + i, now) });
      expect(outcome).toEqual({ ok: false, reason: "invalid" });
    }
    const outcome = await authenticate(handle.db, { email: user.email, password: PASSWORD }, meta, { ...options, now: minutes(25, now) });
    expect(outcome.ok).toBe(true);
  });

  it("locks unknown emails exactly like known ones", async () => {
    const email = `${unique("ghost")}@example.test`;
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await authenticate(handle.db, { email, password: "guess" }, meta, options));
    expect(results[3]).toEqual({ ok: false, reason: "invalid" });
    expect(results[4]).toMatchObject({ ok: false, reason: "locked" });
    expect(results[5]).toMatchObject({ ok: false, reason: "locked" });
  });

  it("refuses parallel guesses beyond the limit without verifying them", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => authenticate(handle.db, { email: user.email, password: `guess ${i}` }, meta, options)),
    );
    const wrongPasswordEvents = (await eventsFor(user.id)).filter((e) => (e.details as { reason?: string }).reason === "wrong_password");
    expect(wrongPasswordEvents.length).toBeLessThanOrEqual(LOCKOUT_POLICY.maxFailures);
    expect(results.filter((r) => !r.ok && r.reason === "locked").length).toBeGreaterThanOrEqual(3);
  });

  it("keeps the counter in the database, so another app instance sees the lock", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    for (let i = 0; i < 5; i++) await authenticate(handle.db, { email: user.email, password: "wrong" }, meta, options);
    // A second instance: its own connection pool on Postgres (PGlite is single-process by design).
    const other = backend === "postgres" ? openDatabase({ databaseUrl: inject("postgresUrl"), poolMax: 1 }) : handle;
    try {
      const outcome = await authenticate(other.db, { email: user.email, password: PASSWORD }, meta, options);
      expect(outcome).toMatchObject({ ok: false, reason: "locked" });
    } finally {
      if (other !== handle) await other.close();
    }
  });

  it("refuses a deactivated account, and everyone at a deactivated organization, with the right password", async () => {
    const inactive = await makeUser(handle.db, { role: "advocate", active: false });
    expect(await authenticate(handle.db, { email: inactive.email, password: PASSWORD }, meta, options)).toEqual({ ok: false, reason: "inactive" });

    const org = await makeOrganization(handle.db);
    const member = await makeUser(handle.db, { role: "advocate", organizationId: org.id });
    await handle.db.update(organizations).set({ active: false }).where(eq(organizations.id, org.id));
    expect(await authenticate(handle.db, { email: member.email, password: PASSWORD }, meta, options)).toEqual({ ok: false, reason: "inactive" });
    expect(await handle.db.select().from(userSessions).where(eq(userSessions.userId, member.id))).toHaveLength(0);
  });
});
