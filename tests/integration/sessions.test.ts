import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { secondFactorRequirements, userSessions } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { endOtherSessions } from "../../lib/account/commands";
import { ROLES } from "../../lib/auth/roles";
import { resolveSession, startSession } from "../../lib/auth/sessions";
import { setUserActive, updateUser } from "../../lib/users/commands";
import { openPrivateTestDatabase } from "./support/database";
import { makeUser, meta, signedIn } from "./support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openPrivateTestDatabase();
  // These tests are about a session's lifetime; the second factor's own gate (a role that requires it
  // holds a session without one at its setup) is tested in two-factor.test.ts.
  await handle.db
    .insert(secondFactorRequirements)
    .values(ROLES.filter((role) => role !== "admin").map((role) => ({ role, required: false })));
});
afterAll(async () => {
  await handle.close();
});

const idleMinutes = 30;
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);

describe("sessions", () => {
  it("stay active with activity and end after 30 idle minutes, recording why", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    const start = new Date();
    const sessionId = await startSession(handle.db, { userId: user.id, now: start, maxHours: 12, ip: null, userAgent: null });

    // Active at 29 minutes: allowed, and the activity moves the idle clock.
    const at29 = await resolveSession(handle.db, sessionId, { now: at(start, 29), idleMinutes });
    expect(at29).toMatchObject({ status: "active", user: { id: user.id, role: "advocate" } });
    expect((await resolveSession(handle.db, sessionId, { now: at(start, 58), idleMinutes })).status).toBe("active");

    // Then 31 minutes of nothing.
    expect(await resolveSession(handle.db, sessionId, { now: at(start, 58 + 31), idleMinutes })).toEqual({ status: "ended", reason: "idle_timeout" });
    // It stays ended, even if the clock were to go back.
    expect(await resolveSession(handle.db, sessionId, { now: at(start, 60), idleMinutes })).toEqual({ status: "ended", reason: "idle_timeout" });
    const ended = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, user.id));
    expect(ended.filter((e) => e.action === "auth.session_ended").map((e) => e.details)).toEqual([{ reason: "idle_timeout", sessionId }]);
  });

  it("end at the absolute limit however active they are", async () => {
    const user = await makeUser(handle.db, { role: "attorney" });
    const start = new Date();
    const sessionId = await startSession(handle.db, { userId: user.id, now: start, maxHours: 1, ip: null, userAgent: null });
    for (let m = 20; m < 60; m += 20) expect((await resolveSession(handle.db, sessionId, { now: at(start, m), idleMinutes })).status).toBe("active");
    expect(await resolveSession(handle.db, sessionId, { now: at(start, 61), idleMinutes })).toEqual({ status: "ended", reason: "expired" });
  });

  it("end at once when an admin deactivates the user or changes their role", async () => {
    const admin = await signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
    const person = await makeUser(handle.db, { role: "advocate" });
    const first = await signedIn(handle.db, person);
    const second = await signedIn(handle.db, person);
    const check = (id: string) => resolveSession(handle.db, id, { now: new Date(), idleMinutes });
    expect((await check(first.sessionId)).status).toBe("active");

    await setUserActive(admin, { id: person.id, version: person.version, active: false }, meta, handle.db);
    expect(await check(first.sessionId)).toEqual({ status: "ended", reason: "deactivated" });
    expect(await check(second.sessionId)).toEqual({ status: "ended", reason: "deactivated" });

    const other = await makeUser(handle.db, { role: "program_lead" });
    const session = await signedIn(handle.db, other);
    await updateUser(admin, { id: other.id, version: other.version, name: other.name, email: other.email, role: "partner", organizationId: other.organizationId }, meta, handle.db);
    expect(await check(session.sessionId)).toEqual({ status: "ended", reason: "role_changed" });
  });

  it("are refused for a user deactivated directly in the database, even before any session row is touched", async () => {
    const person = await makeUser(handle.db, { role: "partner" });
    const session = await signedIn(handle.db, person);
    await handle.db.update(users).set({ active: false }).where(eq(users.id, person.id));
    expect(await resolveSession(handle.db, session.sessionId, { now: new Date(), idleMinutes })).toEqual({ status: "ended", reason: "deactivated" });
  });

  it("can all be ended except the current one by their owner", async () => {
    const person = await makeUser(handle.db, { role: "advocate" });
    const here = await signedIn(handle.db, person);
    const elsewhere = await signedIn(handle.db, person);
    expect(await endOtherSessions(here, meta, handle.db)).toBe(1);
    const rows = await handle.db.select().from(userSessions).where(eq(userSessions.userId, person.id));
    expect(rows.find((r) => r.id === here.sessionId)?.endedAt).toBeNull();
    expect(rows.find((r) => r.id === elsewhere.sessionId)?.endReason).toBe("revoked");
  });

  it("reject ids that were never issued", async () => {
    expect(await resolveSession(handle.db, "00000000-0000-4000-8000-000000000000", { now: new Date(), idleMinutes })).toEqual({ status: "ended", reason: "missing" });
    expect(await resolveSession(handle.db, "'; drop table users; --", { now: new Date(), idleMinutes })).toEqual({ status: "ended", reason: "missing" });
  });
});
