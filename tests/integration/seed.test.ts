import { and, count, eq, isNull, notInArray, sql } from "drizzle-orm";
import { releases } from "../../db/schema/releases";
import { serviceEvents, survivorNotes, survivors } from "../../db/schema/survivors";
import { getFunderReport } from "../../lib/reports/funder-report";
import { lastCompleteQuarter } from "../../lib/reports/pmt";
import { pacificToday } from "../../lib/format";
import { expiresSoon, releaseStatus } from "../../lib/releases/rules";
import { listSurvivors } from "../../lib/survivors/queries/caseload";
import { notifications, referrals } from "../../db/schema/referrals";
import { REFERRAL_STATUSES } from "../../lib/referrals/constants";
import { getReferral, listReferrals } from "../../lib/referrals/queries";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "../../db/demo";
import { seedDemoData } from "../../db/seed";
import { authenticate } from "../../lib/auth/authenticate";
import { roleFitsOrganization } from "../../lib/auth/policy";
import { makeUser } from "./support/factories";
import { convictions, vacaturMatters } from "../../db/schema/vacatur";
import { listMatters, listUpcomingHearings } from "../../lib/vacatur/queries/matters";

// Always on a database of its own (in-memory PGlite): seeding needs an empty one.
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
});
afterAll(async () => {
  await handle.close();
});

describe("the demo partnership", () => {
  it("is created once, with one account per role in fitting organizations, all signing in with the demo password", async () => {
    expect(await seedDemoData(handle.db)).toBe("seeded");
    expect(await seedDemoData(handle.db)).toBe("already-seeded");
    expect(await handle.db.select().from(organizations)).toHaveLength(DEMO_ORGANIZATIONS.length);
    expect(await handle.db.select().from(users)).toHaveLength(DEMO_ACCOUNTS.length);

    const rows = await handle.db.select({ email: users.email, role: users.role, type: organizations.type, org: organizations.name }).from(users).leftJoin(organizations, eq(organizations.id, users.organizationId));
    for (const row of rows) expect(roleFitsOrganization(row.role, row.type ?? null)).toBe(true);
    expect(rows.find((r) => r.email === "attorney@clearway.test")?.org).toBe("Legal Hope");
    expect(rows.find((r) => r.email === "advocate2@clearway.test")?.org).toBe(rows.find((r) => r.email === "advocate@clearway.test")?.org);

    for (const account of DEMO_ACCOUNTS) {
      const outcome = await authenticate(handle.db, { email: account.email, password: DEMO_PASSWORD }, { ip: null, userAgent: null }, { sessionMaxHours: 12 });
      expect(outcome.ok, account.email).toBe(true);
    }
  });

  it("has a fictional caseload over both advocates, with notes, releases (some expiring soon, one revoked) and varied statuses", async () => {
    // The Organization for Prostitution Survivors' caseload; Stolen Youth keeps a smaller one of its own.
    const [opsLead] = await handle.db.select().from(users).where(eq(users.email, "lead@clearway.test"));
    const everyone = await handle.db.select().from(survivors);
    const rows = everyone.filter((r) => r.organizationId === opsLead!.organizationId);
    expect(rows.length).toBe(40);
    expect(everyone.length).toBeGreaterThan(rows.length);
    expect(new Set(rows.map((r) => r.assignedAdvocateId)).size).toBe(2);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(["active", "inactive", "closed"]));
    const [notes] = await handle.db.select({ n: count() }).from(survivorNotes);
    expect(notes!.n).toBeGreaterThanOrEqual(40);

    const today = pacificToday();
    const all = await handle.db.select().from(releases);
    expect(all.filter((r) => r.revokedAt)).toHaveLength(1);
    expect(all.filter((r) => expiresSoon(r, today)).length).toBeGreaterThanOrEqual(2);
    expect(all.filter((r) => releaseStatus(r, today) === "expired").length).toBeGreaterThanOrEqual(1);

    // Legal Hope's lead sees exactly the survivors released to Legal Hope today; its attorney only those
    // of them whose open matter is assigned to him, conflict cleared.
    const [lead, attorney] = await Promise.all(
      ["legal-lead@clearway.test", "attorney@clearway.test"].map(async (email) => (await handle.db.select().from(users).where(eq(users.email, email)))[0]!),
    );
    const as = (user: typeof lead) => ({ ...user!, organizationName: null, sessionId: "test" });
    const shared = await listSurvivors(as(lead), { status: "all", sort: "name" }, 1, "released", handle.db);
    const legalHope = lead!.organizationId;
    const released = new Set(all.filter((r) => r.recipientOrganizationId === legalHope && releaseStatus(r, today) === "active").map((r) => r.survivorId));
    expect(new Set(shared.items.map((s) => s.id))).toEqual(released);
    const onMatters = await handle.db
      .select({ survivorId: vacaturMatters.survivorId })
      .from(vacaturMatters)
      .where(and(eq(vacaturMatters.attorneyId, attorney!.id), eq(vacaturMatters.conflictStatus, "cleared"), notInArray(vacaturMatters.status, ["closed", "withdrawn"])));
    const mine = await listSurvivors(as(attorney), { status: "all", sort: "name" }, 1, "released", handle.db);
    const expected = new Set(onMatters.map((m) => m.survivorId).filter((id) => released.has(id)));
    expect(expected.size).toBeGreaterThan(0);
    expect(new Set(mine.items.map((s) => s.id))).toEqual(expected);
  });

  it("has referrals in every status among the demo organizations, including overdue ones and a declined one with its reason", async () => {
    const rows = await handle.db.select().from(referrals);
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(REFERRAL_STATUSES));
    const [lead] = await handle.db.select().from(users).where(eq(users.email, "lead@clearway.test"));
    const me = { ...lead!, organizationName: null, sessionId: "test" };
    const overdue = await listReferrals(me, { status: "all", overdue: true }, 1, handle.db);
    expect(overdue.items.length).toBeGreaterThanOrEqual(2);
    const declined = rows.find((r) => r.status === "declined")!;
    const [partner] = await handle.db.select().from(users).where(eq(users.email, "partner@clearway.test"));
    const detail = await getReferral({ ...partner!, organizationName: null, sessionId: "test" }, declined.id, null, handle.db);
    expect(detail.events.at(-1)?.note).toMatch(/full until January/);
  });

  it("has vacatur matters across the stages, a legacy 9.96.070 entry, an ineligible-for-now case, upcoming hearings and a granted matter mid-verification", async () => {
    const rows = await handle.db.select().from(vacaturMatters);
    const statuses = new Set(rows.map((r) => r.status));
    for (const status of ["referred", "screening", "records_requested", "ineligible_now", "drafting", "survivor_review", "filed", "hearing_set", "order_transmitted", "on_hold_by_survivor"]) {
      expect(statuses.has(status as never), status).toBe(true);
    }
    expect(rows.find((r) => r.status === "ineligible_now")!.revisitOn! > pacificToday()).toBe(true);
    expect((await handle.db.select().from(convictions)).some((c) => c.citedRoute === "RCW 9.96.070")).toBe(true);
    const [attorney] = await handle.db.select().from(users).where(eq(users.email, "attorney@clearway.test"));
    const hearings = await listUpcomingHearings({ ...attorney!, organizationName: null, sessionId: "test" }, 1, handle.db);
    expect(hearings.items.length).toBeGreaterThanOrEqual(2);
    const [prosecutor] = await handle.db.select().from(users).where(eq(users.email, "prosecutor@clearway.test"));
    const noticed = await listMatters({ ...prosecutor!, organizationName: null, sessionId: "test" }, { status: "all", scope: "mine", stale: false }, 1, handle.db);
    expect(noticed.items.map((m) => m.status)).toEqual(["hearing_set"]);
    // The attorney's desk: a past-due deadline on the list, and a hearing the court continued.
    const desk = await listMatters({ ...attorney!, organizationName: null, sessionId: "test" }, { status: "open", scope: "mine", stale: false }, 1, handle.db);
    expect(desk.items[0]).toMatchObject({ pastDue: true, nextDateKind: "prosecutor_notice" });
    expect(hearings.items.some((h) => h.hearingStatus === "continued" && h.continuedToStartsAt)).toBe(true);
  });

  it("lists, for every demo conviction, its prosecuting authority in the directory, so any matter can be noticed (Kent, Des Moines and Pierce County included)", async () => {
    const offices = await handle.db.select({ name: organizations.name }).from(organizations).where(eq(organizations.type, "prosecutor_office"));
    const directory = new Set(offices.map((o) => o.name));
    const prosecuting = new Set((await handle.db.select({ office: convictions.prosecutingOffice }).from(convictions)).map((c) => c.office));
    expect(prosecuting.has("Kent City Attorney's Office")).toBe(true);
    for (const office of prosecuting) expect(directory.has(office), office).toBe(true);
    expect(directory.has("Des Moines City Attorney's Office")).toBe(true);
  });

  it("has services spread over the 18 months of intakes, so the lead's funder report for the last complete quarter has figures", async () => {
    const months = await handle.db.selectDistinct({ month: sql<string>`to_char(${serviceEvents.occurredOn}, 'YYYY-MM')` }).from(serviceEvents);
    expect(months.length).toBeGreaterThanOrEqual(12);
    const [lead] = await handle.db.select().from(users).where(eq(users.email, "lead@clearway.test"));
    const report = await getFunderReport({ ...lead!, organizationName: null, sessionId: "test" }, lastCompleteQuarter(pacificToday()), null, "page", handle.db);
    expect(report.individuals.total).toBeGreaterThanOrEqual(5);
    expect(report.individuals.new).toBeGreaterThanOrEqual(1);
    expect(report.services.reduce((sum, s) => sum + s.services, 0)).toBeGreaterThanOrEqual(report.individuals.total);
  });

  it("leaves each person's bell with only their latest few notifications new, not 18 months of them", async () => {
    const rows = await handle.db.select({ userId: notifications.userId, n: count() }).from(notifications).where(isNull(notifications.readAt)).groupBy(notifications.userId);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.n).toBeLessThanOrEqual(3);
    const [all] = await handle.db.select({ total: count() }).from(notifications);
    expect(all!.total).toBeGreaterThan(rows.length * 3);
  });

  it("is never mixed into a database that already has real accounts", async () => {
    const other = openDatabase({ dataDir: "memory://" });
    try {
      await migrateDatabase(other);
      await makeUser(other.db, { role: "admin" });
      expect(await seedDemoData(other.db)).toBe("has-other-accounts");
      expect(await other.db.select().from(organizations)).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});
