import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, auditEventSurvivors } from "../../db/schema/audit";
import { survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { proBonoHours } from "../../db/schema/vacatur";
import type { SessionUser } from "../../lib/auth/sessions";
import { newIdempotencyKey } from "../../lib/idempotency";
import { correctHours, removeHours, setHourlyRate } from "../../lib/vacatur/hours-commands";
import { logHours } from "../../lib/vacatur/matter-work";
import { getHoursReport } from "../../lib/vacatur/queries/hours";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { meta } from "./support/factories";
import { as, useDatabase } from "./support/matrix/request";
import { assignedMatter, day } from "./support/matter-world";

// Pro bono hours after issue 11: their author corrects or removes them for 30 days (the original is
// kept, and only current entries count), and the legal organization's lead downloads a period as CSV,
// valued at the organization's hourly rate. The CSV route is called in-process like the authorization
// matrix does, with a real session; only the framework's edges are stood in for.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
});
afterAll(async () => {
  await handle.close();
});

type World = Awaited<ReturnType<typeof assignedMatter>>;

async function log(me: SessionUser, w: World, hours: string, workedOn = day(-2), activity: "drafting" | "court" = "drafting") {
  await logHours(me, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn, hours, activity }, meta, handle.db);
  const [entry] = await handle.db.select().from(proBonoHours).where(and(eq(proBonoHours.matterId, w.matterId), eq(proBonoHours.attorneyId, me.id))).orderBy(desc(proBonoHours.createdAt)).limit(1);
  return entry!;
}

async function entry(id: string) {
  const [row] = await handle.db.select().from(proBonoHours).where(eq(proBonoHours.id, id));
  return row!;
}

/** Moves an entry's first logging back in time. */
async function loggedDaysAgo(id: string, days: number) {
  await handle.db.update(proBonoHours).set({ loggedAt: new Date(Date.now() - days * 86_400_000) }).where(eq(proBonoHours.id, id));
}

async function download(me: SessionUser | null, query: Record<string, string>) {
  const { GET } = await import("../../app/(app)/matters/hours/export/route");
  as(me?.sessionId ?? null, "/matters/hours/export");
  const response = await GET(new Request(`http://localhost/matters/hours/export?${new URLSearchParams(query)}`));
  return { status: response.status, headers: response.headers, text: (await response.text()).replace(/^\uFEFF/, "") };
}

const lines = (csv: string) => csv.trim().split("\r\n");

describe("correcting and removing pro bono hours", () => {
  it("lets the author correct an entry within 30 days: the correction counts, the original is kept and the audit names ids only", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const original = await log(w.attorney, w, "2");
    await loggedDaysAgo(original.id, 29);

    const { id } = await correctHours(w.attorney, { id: original.id, version: original.version, workedOn: day(-3), hours: "1.25", activity: "court", description: "Continuance" }, meta, db);

    const kept = await entry(original.id);
    expect(kept).toMatchObject({ hundredths: 200, activity: "drafting", removedAt: null, version: original.version + 1 });
    expect(kept.supersededAt).toBeInstanceOf(Date);
    const correction = await entry(id);
    expect(correction).toMatchObject({ correctsId: original.id, hundredths: 125, activity: "court", workedOn: day(-3), attorneyId: w.attorney.id });
    // The 30 days still run from the first logging: a correction does not start them again.
    expect(correction.loggedAt.getTime()).toBe(kept.loggedAt.getTime());

    const page = await getMatterPage(w.attorney, w.matterId, meta, db);
    expect(page.hours!.totalHundredths).toBe(125);
    expect(page.hours!.entries).toMatchObject([{ id, hundredths: 125, corrected: true }]);
    expect((await getHoursReport(w.legalLead, { from: null, to: null }, db)).totalHundredths).toBe(125);

    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "matter.hours_corrected"), eq(auditEvents.targetId, w.matterId)));
    expect(event!.details).toEqual({ survivorId: w.survivorId, hoursEntryId: original.id, correctionId: id, fields: ["workedOn", "hundredths", "activity", "description"] });

    // The superseded entry cannot be corrected again (the correction can).
    expect((await refusal(correctHours(w.attorney, { id: original.id, version: kept.version, workedOn: day(-3), hours: "3", activity: "court" }, meta, db))).code).toBe("conflict");
  });

  it("refuses on day 31, refuses anyone but the author, and changes nothing", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const mine = await log(w.attorney, w, "2");
    const change = { workedOn: day(-2), hours: "5", activity: "court" as const };

    await loggedDaysAgo(mine.id, 31);
    const late = await refusal(correctHours(w.attorney, { id: mine.id, version: mine.version, ...change }, meta, db));
    expect(late.code).toBe("conflict");
    expect(late.message).toMatch(/30 days after they are logged/);
    expect((await refusal(removeHours(w.attorney, { id: mine.id, version: mine.version }, meta, db))).code).toBe("conflict");
    // Just short of 30 days: still open.
    await handle.db.update(proBonoHours).set({ loggedAt: new Date(Date.now() - 30 * 86_400_000 + 60_000) }).where(eq(proBonoHours.id, mine.id));
    const before = await entry(mine.id);

    // The legal organization's lead sees the entry but did not log it; another attorney of the organization
    // is not on the matter; an attorney of another organization has nothing to do with it.
    const lead = await refusal(correctHours(w.legalLead, { id: mine.id, version: mine.version, ...change }, meta, db));
    expect(lead.code).toBe("forbidden");
    expect(lead.message).toMatch(/Only the attorney who logged these hours/);
    expect((await refusal(removeHours(w.legalLead, { id: mine.id, version: mine.version }, meta, db))).code).toBe("forbidden");
    expect((await refusal(correctHours(w.orgAttorney, { id: mine.id, version: mine.version, ...change }, meta, db))).code).toBe("not_found");
    expect((await refusal(removeHours(w.outsideAttorney, { id: mine.id, version: mine.version }, meta, db))).code).toBe("not_found");
    expect(await entry(mine.id)).toEqual(before);
    expect((await getHoursReport(w.legalLead, { from: null, to: null }, db)).totalHundredths).toBe(200);

    await removeHours(w.attorney, { id: mine.id, version: mine.version }, meta, db);
  });

  it("takes removed hours out of every total and keeps the entry, marked removed by its author", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const kept = await log(w.attorney, w, "1.5");
    const removed = await log(w.attorney, w, "2", day(-1), "court");
    await removeHours(w.attorney, { id: removed.id, version: removed.version }, meta, db);

    expect(await entry(removed.id)).toMatchObject({ hundredths: 200, removedBy: w.attorney.id, supersededAt: null });
    const page = await getMatterPage(w.legalLead, w.matterId, meta, db);
    expect(page.hours).toMatchObject({ totalHundredths: 150, entries: [{ id: kept.id }] });
    const report = await getHoursReport(w.attorney, { from: null, to: null }, db);
    expect(report).toMatchObject({ totalHundredths: 150, byActivity: [{ activity: "drafting", hundredths: 150 }] });
    expect(report.byAttorney[0]).toMatchObject({ entries: 1 });
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "matter.hours_removed"), eq(auditEvents.targetId, w.matterId)));
    expect(events.map((e) => e.details)).toEqual([{ survivorId: w.survivorId, hoursEntryId: removed.id }]);
  });

  it("holds the rules in the database too: only the author removes, a correction stays on its entry's matter and author", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const other = await assignedMatter(db);
    const mine = await log(w.attorney, w, "1");
    const elsewhere = await log(other.attorney, other, "1");
    await expect(db.update(proBonoHours).set({ removedAt: new Date(), removedBy: w.legalLead.id }).where(eq(proBonoHours.id, mine.id))).rejects.toThrow();
    const stray = { matterId: w.matterId, attorneyId: w.attorney.id, organizationId: w.legal.id, workedOn: day(-1), hundredths: 100, activity: "court" as const };
    await expect(db.insert(proBonoHours).values({ ...stray, correctsId: elsewhere.id })).rejects.toThrow();
    await expect(db.insert(proBonoHours).values({ ...stray, attorneyId: w.orgAttorney.id, correctsId: mine.id })).rejects.toThrow();
    expect(await entry(mine.id)).toMatchObject({ removedAt: null, supersededAt: null });
  });
});

describe("the hours CSV", () => {
  it("gives the legal organization's lead every attorney's current hours of the period, valued at its rate to the cent, with a total", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    await setHourlyRate(w.legalLead, { rate: "$175.50", version: 0 }, meta, db);
    await log(w.attorney, w, "0.33", day(-3));
    await log(w.legalLead, w, "2", day(-2), "court");
    const gone = await log(w.attorney, w, "4", day(-2));
    await removeHours(w.attorney, { id: gone.id, version: gone.version }, meta, db);
    await log(w.attorney, w, "8", day(-40)); // before the period
    const [{ clientCode }] = (await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, w.survivorId))) as [{ clientCode: string }];

    const csv = await download(w.legalLead, { from: day(-10), to: day(0) });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="pro-bono-hours_${day(-10)}_to_${day(0)}.csv"`);
    expect(lines(csv.text)).toEqual([
      "Date,Attorney,Matter (client code),Activity,Hours,Value at $175.50/hour",
      `${day(-3)},${w.attorney.name},${clientCode},Drafting,0.33,57.92`, // 0.33 h × $175.50 = $57.915
      `${day(-2)},${w.legalLead.name},${clientCode},Court appearance,2.00,351.00`,
      "Total,,,,2.33,408.92",
    ]);
    expect(csv.text).not.toMatch(/Robin|555-0142/);
    // Audited like every list's export: the period and how many entries, and the survivor on the Access tab.
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.downloaded"), eq(auditEvents.actorUserId, w.legalLead.id)));
    expect(event).toMatchObject({ targetType: "organization", targetId: w.legal.id, details: { list: "hours", filter: { scope: "organization", from: day(-10), to: day(0) }, rows: 2, complete: true } });
    expect(await db.select({ survivorId: auditEventSurvivors.survivorId }).from(auditEventSurvivors).where(eq(auditEventSurvivors.auditEventId, event!.id))).toEqual([{ survivorId: w.survivorId }]);
  });

  it("gives an attorney their own hours only, at the default rate until the lead sets one", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    await log(w.attorney, w, "1.5", day(-1));
    await log(w.legalLead, w, "3", day(-1));
    const csv = await download(w.attorney, {});
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toContain('filename="pro-bono-hours_all-time.csv"');
    const rows = lines(csv.text);
    expect(rows[0]).toContain("Value at $250.00/hour");
    expect(rows.slice(1)).toEqual([expect.stringMatching(new RegExp(`,${w.attorney.name},.*,1\\.50,375\\.00$`)), "Total,,,,1.50,375.00"]);
  });

  it("refuses those who keep no hours, and a From date after the To date", async () => {
    const w = await assignedMatter(handle.db);
    await log(w.attorney, w, "1");
    for (const outsider of [w.prosecutor, w.advocate]) {
      const refused = await download(outsider, {});
      expect(refused.status).toBe(403);
      expect(refused.text).not.toContain(w.attorney.name);
    }
    // The survivor agency's lead keeps no hours: an empty file, nothing of the legal organization's.
    const agency = await download(w.lead, {});
    expect(lines(agency.text)).toHaveLength(2);
    expect(agency.text).not.toContain(w.attorney.name);

    const backwards = await download(w.legalLead, { from: day(0), to: day(-5) });
    expect(backwards.status).toBe(400);
    expect(backwards.text).toMatch(/To: The To date is before the From date/);
    const garbled = await download(w.legalLead, { from: "2026-02-30" });
    expect(garbled.status).toBe(400);
    expect(garbled.text).toMatch(/^From: /);
  });

  it("writes a name that looks like a spreadsheet formula as text", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    await db.update(users).set({ name: '=HYPERLINK("http://evil.example","x")' }).where(eq(users.id, w.attorney.id));
    await db.update(users).set({ name: "-2+3" }).where(eq(users.id, w.legalLead.id));
    await log(w.attorney, w, "1");
    await log(w.legalLead, w, "1");
    const csv = await download(w.legalLead, {});
    expect(csv.text).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csv.text).toContain(",'-2+3,");
    expect(csv.text).not.toMatch(/(^|,)[=+\-@]/m);
  });

  it("lets only a legal organization's lead set the rate, in dollars, versioned", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    for (const who of [w.attorney, w.lead, w.prosecutor]) expect((await refusal(setHourlyRate(who, { rate: "300", version: 0 }, meta, db))).code).toBe("forbidden");
    const bad = await refusal(setHourlyRate(w.legalLead, { rate: "lots", version: 0 }, meta, db));
    expect(bad).toMatchObject({ code: "invalid", fieldErrors: { rate: [expect.stringMatching(/dollars an hour/)] } });
    expect((await refusal(setHourlyRate(w.legalLead, { rate: "0", version: 0 }, meta, db))).fieldErrors?.rate).toBeDefined();
    expect(await setHourlyRate(w.legalLead, { rate: "1,200", version: 0 }, meta, db)).toEqual({ version: 1 });
    // A second form opened before the first save is stale.
    expect((await refusal(setHourlyRate(w.legalLead, { rate: "90", version: 0 }, meta, db))).code).toBe("conflict");
    expect(await setHourlyRate(w.legalLead, { rate: "90", version: 1 }, meta, db)).toEqual({ version: 2 });
    await log(w.attorney, w, "1");
    expect(lines((await download(w.attorney, {})).text)[0]).toContain("Value at $90.00/hour");
  });
});
