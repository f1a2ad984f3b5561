import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { signInThrottles, userSessions } from "../../db/schema/auth";
import { idempotencyKeys } from "../../db/schema/idempotency";
import { organizations } from "../../db/schema/organizations";
import { notifications, referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { endSession, startSession } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { newIdempotencyKey } from "../../lib/idempotency";
import { createBoss, type BossTarget } from "../../lib/jobs/boss";
import { notifyOverdueReferrals } from "../../lib/jobs/overdue-referrals";
import { notifyReleaseExpiry } from "../../lib/jobs/release-expiry";
import { purgeExpiredRecords, RETENTION } from "../../lib/jobs/retention";
import { JOBS, jobSendOptions, registerJobs } from "../../lib/jobs/schedule";
import { notificationSubject } from "../../lib/notifications/subjects";
import { createReferral, transitionReferral } from "../../lib/referrals/commands";
import { createRelease } from "../../lib/releases/commands";
import { createSurvivor } from "../../lib/survivors/commands";
import { backend, openPrivateTestDatabase } from "./support/database";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";

// The background jobs (lib/jobs): their handlers called directly at a fixed moment, then pg-boss itself
// running them. A database of the file's own: the jobs act on every row of their tables.

let handle: DatabaseHandle & { url: string | null };
beforeAll(async () => {
  handle = await openPrivateTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const NOW = new Date();
const DAY_MS = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY_MS);
const pacificDay = (offsetDays: number) => pacificToday(new Date(NOW.getTime() + offsetDays * DAY_MS));

describe("the purge job", () => {
  it("deletes sessions ended or expired past the grace, used form keys and dead sign-in counters, in batches, and audits the counts", async () => {
    const db = handle.db;
    const user = await makeUser(db, { role: "advocate" });
    const session = (start: Date, maxHours = 12) => startSession(db, { userId: user.id, now: start, maxHours, ip: null, userAgent: null });

    const endedLongAgo = await session(ago(40));
    await endSession(db, endedLongAgo, "sign_out", ago(40));
    // Never ended (nobody came back, so only its expiry says it is over): purged with the one above.
    await session(ago(40));
    const endedLately = await session(ago(3));
    await endSession(db, endedLately, "idle_timeout", ago(3)); // within the grace: the audit trail may still point at it
    const live = await session(new Date(NOW.getTime() - 3_600_000));
    // A live session stays, however old it is (here: a day-long one started just before the grace).
    const oldButLive = await session(ago(RETENTION.sessionDays + 0.5), 24 * (RETENTION.sessionDays + 1));

    // 2,100 used keys from before the window (more than two batches), one fresh key.
    await db.execute(sql`insert into idempotency_keys (user_id, key, scope, request_hash, result, created_at)
      select ${user.id}::uuid, gen_random_uuid(), 'test.create', 'hash', '{"value":{"id":"x"}}'::jsonb, ${ago(10).toISOString()}::timestamptz
      from generate_series(1, 2100)`);
    const freshKey = newIdempotencyKey();
    await db.insert(idempotencyKeys).values({ userId: user.id, key: freshKey, scope: "test.create", requestHash: "hash", createdAt: ago(1 / 24) });

    const counter = (key: string, windowStartedAt: Date, lockedUntil: Date | null) =>
      db.insert(signInThrottles).values({ key, userId: user.id, attempts: 5, windowStartedAt, lockedUntil, updatedAt: windowStartedAt });
    await counter("old-lock", ago(3), new Date(ago(3).getTime() + 15 * 60_000));
    await counter("old-window", ago(2), null);
    await counter("locked-now", new Date(NOW.getTime() - 5 * 60_000), new Date(NOW.getTime() + 10 * 60_000));
    await counter("window-ended-lately", new Date(NOW.getTime() - 2 * 3_600_000), null);

    const counts = await purgeExpiredRecords(db, NOW);
    expect(counts).toEqual({ sessions: 2, idempotencyKeys: 2100, signInCounters: 2 });

    const sessionsLeft = (await db.select({ id: userSessions.id }).from(userSessions).where(eq(userSessions.userId, user.id))).map((r) => r.id);
    expect(sessionsLeft.sort()).toEqual([endedLately, live, oldButLive].sort());
    expect((await db.select({ key: idempotencyKeys.key }).from(idempotencyKeys).where(eq(idempotencyKeys.userId, user.id))).map((r) => r.key)).toEqual([freshKey]);
    expect((await db.select({ key: signInThrottles.key }).from(signInThrottles).where(eq(signInThrottles.userId, user.id))).map((r) => r.key).sort()).toEqual(["locked-now", "window-ended-lately"]);

    const audited = await db.select().from(auditEvents).where(eq(auditEvents.action, "system.retention_purged"));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: null, targetId: null, details: { sessions: 2, idempotencyKeys: 2100, signInCounters: 2, sessionDays: RETENTION.sessionDays } });

    // Run again: nothing left to purge, and nothing said about it.
    expect(await purgeExpiredRecords(db, NOW)).toEqual({ sessions: 0, idempotencyKeys: 0, signInCounters: 0 });
    expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "system.retention_purged"))).toHaveLength(1);
  });
});

/** An agency's advocate with a survivor, and a shelter whose staff receive referrals. */
async function world() {
  const db = handle.db;
  const agency = await makeOrganization(db, { type: "service_provider", name: unique("Agency") });
  const shelter = await makeOrganization(db, { type: "service_provider", name: unique("Shelter") });
  await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, shelter.id));
  const advocate = { ...(await signedIn(db, await makeUser(db, { role: "advocate", organizationId: agency.id }))), organizationName: agency.name };
  const shelterStaff = await signedIn(db, await makeUser(db, { role: "partner", organizationId: shelter.id }));
  const preferredName = unique("Robin");
  const created = await createSurvivor(
    advocate,
    { idempotencyKey: newIdempotencyKey(), preferredName, legalName: unique("Robin Legal"), phone: "206-555-0199", intakeDate: pacificDay(-60), duplicateDecision: "create_anyway" },
    meta,
    db,
  );
  if (created.status !== "created") throw new Error("intake stopped");
  return { agency, shelter, advocate, shelterStaff, survivorId: created.id, preferredName };
}

async function noticesAbout(subject: string) {
  return handle.db.select().from(notifications).where(eq(notifications.subject, subject));
}

describe("the overdue-referral job", () => {
  it("tells both sides once per overdue referral, however often it runs, and the answer settles it", async () => {
    const db = handle.db;
    const w = await world();
    const refer = () =>
      createReferral(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: w.shelter.id, service: "housing", urgency: "soon", reason: "Needs housing", notes: null, mode: "anonymous", send: true }, meta, db);
    const overdue = await refer();
    const fresh = await refer();
    await db.update(referrals).set({ sentAt: ago(10) }).where(eq(referrals.id, overdue.id));

    expect(await notifyOverdueReferrals(db, NOW)).toEqual({ notified: 1 });
    const subject = notificationSubject.overdueReferral(overdue.id);
    const notices = await noticesAbout(subject);
    expect(notices.map((n) => n.userId).sort()).toEqual([w.advocate.id, w.shelterStaff.id].sort());
    expect(await noticesAbout(notificationSubject.overdueReferral(fresh.id))).toEqual([]);
    for (const notice of notices) {
      expect(notice.href).toBe(`/referrals/${overdue.id}`);
      expect(notice.text).toContain(notice.userId === w.advocate.id ? w.shelter.name : w.agency.name);
      expect(notice.text).not.toContain(w.preferredName);
      expect(notice.text).not.toContain("Robin");
    }

    // Again, and two runs at once (two instances): nothing more.
    expect(await notifyOverdueReferrals(db, NOW)).toEqual({ notified: 0 });
    const second = await refer();
    await db.update(referrals).set({ sentAt: ago(9) }).where(eq(referrals.id, second.id));
    const together = await Promise.all([notifyOverdueReferrals(db, NOW), notifyOverdueReferrals(db, NOW)]);
    expect(together.map((r) => r.notified).sort()).toEqual([0, 1]);
    expect(await noticesAbout(subject)).toHaveLength(2);
    expect(await noticesAbout(notificationSubject.overdueReferral(second.id))).toHaveLength(2);

    // The shelter answers: the notices stop counting as new, for both sides.
    await transitionReferral(w.shelterStaff, { id: overdue.id, version: 1, action: "accept" }, meta, db);
    expect((await noticesAbout(subject)).every((n) => n.readAt !== null)).toBe(true);
    expect((await noticesAbout(notificationSubject.overdueReferral(second.id))).every((n) => n.readAt === null)).toBe(true);
    expect(await notifyOverdueReferrals(db, NOW)).toEqual({ notified: 0 });
  });
});

describe("the release-expiry job", () => {
  it("tells the advocate once when a release is about to expire and once when it has, and skips lapses long past", async () => {
    const db = handle.db;
    const w = await world();
    const give = () =>
      createRelease(
        w.advocate,
        { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, recipientOrganizationId: w.shelter.id, categories: ["referral_details"], purpose: "Housing referral", form: "written", signedOn: pacificDay(-1), expiresOn: pacificDay(60), servicesNotConditioned: true },
        meta,
        db,
      );
    const setDates = (id: string, signedOn: string, expiresOn: string) => db.update(releases).set({ signedOn, expiresOn }).where(eq(releases.id, id));
    const soon = await give();
    await setDates(soon.id, pacificDay(-30), pacificDay(10));
    const later = await give(); // expires in 60 days: not yet
    const longGone = await give();
    await setDates(longGone.id, pacificDay(-120), pacificDay(-30));

    expect(await notifyReleaseExpiry(db, NOW)).toEqual({ expiring: 1, expired: 0 });
    const expiring = await noticesAbout(notificationSubject.renewRelease(soon.id));
    expect(expiring.map((n) => n.userId)).toEqual([w.advocate.id]);
    expect(expiring[0]!.href).toBe(`/survivors/${w.survivorId}`);
    expect(expiring[0]!.text).toContain(w.shelter.name);
    expect(expiring[0]!.text).not.toContain(w.preferredName);
    expect(await noticesAbout(notificationSubject.renewRelease(later.id))).toEqual([]);
    expect(await notifyReleaseExpiry(db, NOW)).toEqual({ expiring: 0, expired: 0 });

    // Its last day passes.
    await setDates(soon.id, pacificDay(-30), pacificDay(-2));
    expect(await notifyReleaseExpiry(db, NOW)).toEqual({ expiring: 0, expired: 1 });
    const expired = await noticesAbout(notificationSubject.releaseExpired(soon.id));
    expect(expired.map((n) => n.userId)).toEqual([w.advocate.id]);
    expect(expired[0]!.text).toMatch(/expired/);
    expect(expired[0]!.text).not.toContain(w.preferredName);
    // The reminder to renew is moot now.
    expect((await noticesAbout(notificationSubject.renewRelease(soon.id))).every((n) => n.readAt !== null)).toBe(true);
    expect(await notifyReleaseExpiry(db, NOW)).toEqual({ expiring: 0, expired: 0 });
    expect(await noticesAbout(notificationSubject.releaseExpired(longGone.id))).toEqual([]);
  });
});

describe("pg-boss", () => {
  const target = (): BossTarget => (backend === "postgres" ? { kind: "postgres", url: handle.url! } : { kind: "pglite", db: handle.db });
  // Two instances of the app, as far as the queue can tell: two pg-boss instances on one database.
  const fast = { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1, maintenanceIntervalSeconds: 60 };
  let bosses: PgBoss[] = [];
  beforeAll(async () => {
    bosses = [createBoss(target(), fast), createBoss(target(), fast)];
    for (const boss of bosses) await boss.start();
  }, 60_000);
  afterAll(async () => {
    for (const boss of bosses) await boss.stop({ graceful: false });
  });

  const jobsOf = async (name: string) =>
    queryRows<{ state: string }>(handle.db, sql`select state::text as state from pgboss.job where name = ${name}`);

  it("installs its own schema and runs Clearway's queues on it: a job sent to the purge queue is run", async () => {
    const boss = bosses[0]!;
    await registerJobs(boss, () => handle.db, { pollingIntervalSeconds: 0.5 });
    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => s.name).sort()).toEqual(JOBS.map((j) => j.name).sort());
    expect(schedules.every((s) => (s as unknown as { timezone: string }).timezone === "America/Los_Angeles")).toBe(true);

    const id = await boss.send("retention-purge", {}, jobSendOptions("retention-purge"));
    expect(id).toEqual(expect.any(String));
    await vi.waitFor(async () => expect((await boss.getJobById("retention-purge", id!))?.state).toBe("completed"), { timeout: 20_000, interval: 250 });
    await boss.offWork("retention-purge");
    for (const job of JOBS) await boss.offWork(job.name);
  });

  it("runs a scheduled job once, and a job two instances send with the same singleton key once", async () => {
    const [first, second] = bosses as [PgBoss, PgBoss];
    const name = `test-tick-${randomBytes(3).toString("hex")}`;
    const runs: string[] = [];
    await first.createQueue(name, { name, policy: "stately" });
    // Every minute: the tick of the current minute is due at once.
    await first.schedule(name, "* * * * *", {}, jobSendOptions(name));
    await first.work(name, { pollingIntervalSeconds: 0.5 }, async ([job]) => void runs.push(`first:${job!.id}`));
    await second.work(name, { pollingIntervalSeconds: 0.5 }, async ([job]) => void runs.push(`second:${job!.id}`));
    await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 20_000, interval: 250 });
    await first.unschedule(name);

    // Both instances send the same job at once: one is queued, the other refused by its singleton key.
    const sent = await Promise.all([first.send(name, { n: 1 }, { singletonKey: "purge-now", singletonSeconds: 600 }), second.send(name, { n: 2 }, { singletonKey: "purge-now", singletonSeconds: 600 })]);
    expect(sent.filter((id) => id !== null)).toHaveLength(1);
    await vi.waitFor(() => expect(runs).toHaveLength(2), { timeout: 20_000, interval: 250 });
    // Both workers kept polling for a while longer; nothing ran twice.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(runs).toHaveLength(2);
    expect(new Set(runs.map((r) => r.split(":")[1])).size).toBe(2);
    expect(await jobsOf(name)).toHaveLength(2);
    expect((await jobsOf(name)).every((j) => j.state === "completed")).toBe(true);
    await first.offWork(name);
    await second.offWork(name);
  });
});
