import { and, count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle, Db } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { serviceEvents, survivorEvents } from "../../db/schema/survivors";
import type { SessionUser } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { newIdempotencyKey } from "../../lib/idempotency";
import { createReferral } from "../../lib/referrals/commands";
import { getFunderReport, type Figure, type FunderReport } from "../../lib/reports/funder-report";
import type { FiscalQuarter } from "../../lib/reports/pmt";
import { createSurvivor } from "../../lib/survivors/commands";
import type { IntakeInput } from "../../lib/survivors/schema";
import { listSurvivorServices } from "../../lib/survivors/queries/services";
import type { ServiceCategory } from "../../lib/survivors/services";
import { recordService, removeService } from "../../lib/survivors/services-commands";
import { assignAttorney, attestConflict, openMatter } from "../../lib/vacatur/commands";
import { logHours } from "../../lib/vacatur/matter-work";
import { addConviction } from "../../lib/vacatur/records";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { as, useDatabase } from "./support/matrix/request";
import { giveRelease, prostitutionConviction } from "./support/matter-world";

// Service events and the quarterly funder report (VOCA PMT) against a hand-built partnership whose
// figures were worked out by hand below. The CSV route is called in-process with a real session, like
// the authorization matrix does; only the framework's edges are stood in for.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);

let handle: DatabaseHandle;
let db: Db;
let w: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  useDatabase(handle);
  w = await buildWorld();
});
afterAll(async () => {
  await handle.close();
});

const FY2026_Q3: FiscalQuarter = { fiscalYear: 2026, quarter: 3 }; // Apr 1 – Jun 30, 2026; the fiscal year began Oct 1, 2025

async function intake(me: SessionUser, details: Partial<IntakeInput> = {}) {
  const result = await createSurvivor(me, { idempotencyKey: newIdempotencyKey(), preferredName: unique("Sky"), intakeDate: "2025-06-01", duplicateDecision: "create_anyway", ...details }, meta, db);
  if (result.status !== "created") throw new Error("intake stopped");
  return result.id;
}

function serve(me: SessionUser, survivorId: string, category: ServiceCategory, occurredOn: string | null, minutes: number | null = null) {
  return recordService(me, { idempotencyKey: newIdempotencyKey(), survivorId, category, occurredOn, minutes }, meta, db);
}

/** A referral sent by `me`, moved to the instant given (the command stamps now). */
async function referAt(me: SessionUser, survivorId: string, to: string, sentAt: string) {
  const { id } = await createReferral(me, { idempotencyKey: newIdempotencyKey(), survivorId, toOrganizationId: to, service: "housing", urgency: "routine", reason: "Needs housing.", mode: "anonymous", send: true }, meta, db);
  await db.update(referrals).set({ sentAt: new Date(sentAt) }).where(eq(referrals.id, id));
}

async function buildWorld() {
  const agency = await makeOrganization(db, { type: "service_provider" });
  const otherAgency = await makeOrganization(db, { type: "service_provider" });
  const legal = await makeOrganization(db, { type: "legal_aid" });
  const partnerOrg = await makeOrganization(db, { type: "service_provider" });
  await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, partnerOrg.id));
  const person = async (role: SessionUser["role"], organizationId: string | null) => signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId }));
  const people = {
    A1: await person("advocate", agency.id),
    A2: await person("advocate", agency.id),
    LA: await person("program_lead", agency.id),
    B1: await person("advocate", otherAgency.id),
    LB: await person("program_lead", otherAgency.id),
    T1: await person("attorney", legal.id),
    LL: await person("program_lead", legal.id),
    R1: await person("partner", partnerOrg.id),
    admin: await person("admin", null),
  };
  const { A1, LA, B1, T1, LL } = people;

  // S1 new in Q3: two emotional-support services (one by the lead).
  const S1 = await intake(A1, { genderIdentity: "woman", raceEthnicity: "white", ageBand: "25_34", victimizationTypes: ["sex_trafficking"] });
  await serve(A1, S1, "emotional_support_safety", "2026-04-10", 30);
  await serve(LA, S1, "emotional_support_safety", "2026-05-01");
  // S2 continuing in Q3: first served in Q2 (information & referral, which Q3 does not count), demographics unanswered.
  const S2 = await intake(A1);
  await serve(A1, S2, "information_referral", "2026-02-01");
  await serve(A1, S2, "personal_advocacy", "2026-05-05");
  // S3 served the last day of FY2025 and the first day of Q3: new in FY2026's Q3 (the new year starts afresh).
  const S3 = await intake(A1, { genderIdentity: "man", raceEthnicity: "black_african_american", ageBand: "18_24", victimizationTypes: ["labor_trafficking", "domestic_violence"] });
  await serve(A1, S3, "shelter_housing", "2025-09-30");
  await serve(A1, S3, "shelter_housing", "2026-04-01");
  // S4 only referred, at 8 pm Pacific on June 30 (already July 1 in UTC): information & referral in Q3.
  const S4 = await intake(A1, { genderIdentity: "nonbinary", raceEthnicity: "hispanic_latino", ageBand: "35_49", victimizationTypes: ["sex_trafficking"] });
  await referAt(A1, S4, partnerOrg.id, "2026-07-01T03:00:00Z");
  // S5 referred at 1 am Pacific on July 1 and served July 2: Q4, not Q3.
  const S5 = await intake(A1, { genderIdentity: "woman", victimizationTypes: ["stalking"] });
  await referAt(A1, S5, partnerOrg.id, "2026-07-01T08:00:00Z");
  await serve(A1, S5, "emotional_support_safety", "2026-07-02");
  // S6's only service was recorded in error and removed.
  const S6 = await intake(A1, { genderIdentity: "woman", victimizationTypes: ["stalking"] });
  const mistaken = await serve(A1, S6, "emotional_support_safety", "2026-05-01");
  await removeService(A1, { id: mistaken.id }, meta, db);
  // S7: the agency gathers the court record and opens a vacatur matter (May 1); Legal Hope's attorney
  // logs hours (May 2). Each organization counts its own people's work as justice assistance.
  const S7 = await intake(A1, { victimizationTypes: ["sex_trafficking"] });
  await giveRelease(db, A1, S7, legal.id, ["identity_contact", "criminal_court"]);
  const conviction = await addConviction(A1, prostitutionConviction(S7), meta, db);
  const { id: matterId } = await openMatter(A1, { idempotencyKey: newIdempotencyKey(), survivorId: S7, convictionIds: [conviction.id], legalOrganizationId: legal.id }, meta, db);
  await assignAttorney(LL, { id: matterId, version: 1, attorneyId: T1.id }, meta, db);
  await attestConflict(T1, { id: matterId, version: 2, decision: "no_conflict" }, meta, db);
  await db.update(survivorEvents).set({ occurredAt: new Date("2026-05-01T19:00:00Z") }).where(eq(survivorEvents.survivorId, S7));
  await logHours(T1, { idempotencyKey: newIdempotencyKey(), matterId, workedOn: "2026-05-02", hours: "2", activity: "drafting" }, meta, db);
  // Another agency's survivor, served in Q3 by that agency.
  const SB = await intake(B1, { genderIdentity: "woman" });
  await serve(B1, SB, "emotional_support_safety", "2026-05-01");

  return { agency, otherAgency, legal, partnerOrg, people, survivors: { S1, S2, S3, S4, S5, S6, S7, SB } };
}

const byValue = (figures: Figure[]) => Object.fromEntries(figures.filter((f) => f.count > 0).map((f) => [f.value, f.count]));
const services = (report: FunderReport) => Object.fromEntries(report.services.filter((s) => s.services > 0).map((s) => [s.category, [s.services, s.individuals]]));

describe("the funder report (VOCA PMT) of a quarter", () => {
  it("gives the agency's hand-computed figures: individuals, new and continuing, demographics of new individuals only, victimization types, services by category", async () => {
    const report = await getFunderReport(w.people.LA, FY2026_Q3, meta, "page", db);
    expect(report.organizationName).toBe(w.agency.name);
    expect(report.bounds).toEqual({ fiscalYearStart: "2025-10-01", start: "2026-04-01", end: "2026-06-30" });
    // S1, S2, S3, S4, S7; not S5 (July), S6 (removed), nor the other agency's survivor
    expect(report.individuals).toEqual({ total: 5, new: 4, continuing: 1, recordElsewhere: 0 });
    // new: S1, S3, S4 and S7 (unanswered); S2 is continuing, so its "not reported" is not counted
    expect(byValue(report.newDemographics.genderIdentity)).toEqual({ woman: 1, man: 1, nonbinary: 1, not_reported: 1 });
    expect(byValue(report.newDemographics.raceEthnicity)).toEqual({ white: 1, black_african_american: 1, hispanic_latino: 1, not_reported: 1 });
    expect(byValue(report.newDemographics.ageBand)).toEqual({ "25_34": 1, "18_24": 1, "35_49": 1, not_reported: 1 });
    for (const set of Object.values(report.newDemographics)) expect(set.reduce((sum, f) => sum + f.count, 0)).toBe(4);
    // everyone served (S2 has none recorded); a person may count under several types
    expect(byValue(report.victimizationTypes)).toEqual({ sex_trafficking: 3, labor_trafficking: 1, domestic_violence: 1, not_reported: 1 });
    expect(report.victimizationTypes.find((f) => f.value === "not_reported")?.label).toBe("Not reported");
    // [services, individuals]; S7's court record and matter opening on one day are one day of work
    expect(services(report)).toEqual({
      emotional_support_safety: [2, 1],
      personal_advocacy: [1, 1],
      shelter_housing: [1, 1],
      information_referral: [1, 1],
      justice_assistance: [1, 1],
    });
    expect(report.services.map((s) => s.category)).toEqual(["information_referral", "personal_advocacy", "emotional_support_safety", "shelter_housing", "justice_assistance"]);
  });

  it("counts the legal organization's own work on another organization's survivor without reading that survivor's demographics", async () => {
    const report = await getFunderReport(w.people.LL, FY2026_Q3, meta, "page", db);
    expect(report.individuals).toEqual({ total: 1, new: 1, continuing: 0, recordElsewhere: 1 });
    expect(byValue(report.newDemographics.genderIdentity)).toEqual({ not_reported: 1 });
    expect(byValue(report.victimizationTypes)).toEqual({ not_reported: 1 });
    // the hours; assigning the attorney and the conflict check are not services
    expect(services(report)).toEqual({ justice_assistance: [1, 1] });
  });

  it("places each service in its own quarter: a referral sent after midnight Pacific on July 1 is the next quarter's, and a new fiscal year starts everyone as new", async () => {
    const q4 = await getFunderReport(w.people.LA, { fiscalYear: 2026, quarter: 4 }, meta, "page", db);
    expect(q4.individuals).toEqual({ total: 1, new: 1, continuing: 0, recordElsewhere: 0 });
    expect(services(q4)).toEqual({ information_referral: [1, 1], emotional_support_safety: [1, 1] });
    const fy2025q4 = await getFunderReport(w.people.LA, { fiscalYear: 2025, quarter: 4 }, meta, "page", db);
    expect(fy2025q4.individuals).toMatchObject({ total: 1, new: 1 });
    expect(byValue(fy2025q4.newDemographics.genderIdentity)).toEqual({ man: 1 });
  });

  it("is each organization's own: the other agency's lead sees only its survivor", async () => {
    const report = await getFunderReport(w.people.LB, FY2026_Q3, meta, "page", db);
    expect(report.individuals).toEqual({ total: 1, new: 1, continuing: 0, recordElsewhere: 0 });
    expect(services(report)).toEqual({ emotional_support_safety: [1, 1] });
  });

  it("is audited with the quarter and its form, and refused to every role but program leads", async () => {
    await getFunderReport(w.people.LA, FY2026_Q3, meta, "csv", db);
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.actorUserId, w.people.LA.id), eq(auditEvents.action, "report.funder_generated"))).orderBy(desc(auditEvents.id)).limit(1);
    expect(event).toMatchObject({ targetType: "organization", targetId: w.agency.id, details: { quarter: "FY2026-Q3", format: "csv" } });
    for (const who of ["A1", "T1", "R1", "admin"] as const) {
      expect((await refusal(getFunderReport(w.people[who], FY2026_Q3, meta, "page", db))).code, who).toBe("forbidden");
    }
  });
});

async function download(me: SessionUser, query: Record<string, string>) {
  const { GET } = await import("../../app/(app)/reports/funder/csv/route");
  as(me.sessionId, "/reports/funder/csv");
  const response = await GET(new Request(`http://localhost/reports/funder/csv?${new URLSearchParams(query)}`));
  return { status: response.status, headers: response.headers, text: (await response.text()).replace(/^\uFEFF/, "") };
}

describe("the funder report's CSV", () => {
  it("holds aggregate rows only (section, item, count), with the page's figures", async () => {
    const csv = await download(w.people.LA, { fy: "2026", q: "3" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-disposition")).toBe('attachment; filename="funder-report_FY2026-Q3.csv"');
    const rows = csv.text.trim().split("\r\n").map((line) => line.split(","));
    expect(rows[0]).toEqual(["Section", "Item", "Count"]);
    expect(rows.slice(1).every((r) => r.length === 3 && /^\d+$/.test(r[2]!))).toBe(true);
    const find = (section: string, item: string) => rows.find((r) => r[0] === section && r[1] === item)?.[2];
    expect(find("Individuals served", "Total individuals served")).toBe("5");
    expect(find("Individuals served", "New (first served this fiscal year)")).toBe("4");
    expect(find("Gender identity (new individuals)", "Not reported")).toBe("1");
    expect(find("Services provided (count)", "Emotional support & safety")).toBe("2");
    expect(find("Individuals receiving the service", "Emotional support & safety")).toBe("1");
    // nothing of any survivor: no client code, no name
    expect(csv.text).not.toMatch(/CW-\d{4}-\d{5}/);
  });

  it("refuses advocates, attorneys and partners (403), and a quarter that is not one (400)", async () => {
    for (const who of ["A1", "T1", "R1"] as const) expect((await download(w.people[who], { fy: "2026", q: "3" })).status, who).toBe(403);
    const bad = await download(w.people.LA, { fy: "2026", q: "5" });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/Choose a quarter/);
  });
});

describe("recording and removing services", () => {
  const rowsOf = async (survivorId: string) => (await db.select({ n: count() }).from(serviceEvents).where(eq(serviceEvents.survivorId, survivorId)))[0]!.n;

  it("is for those who manage the survivor: another agency's advocate, an unassigned colleague and a partner are refused, and nothing is saved", async () => {
    const { S1 } = w.survivors;
    const before = await rowsOf(S1);
    expect((await refusal(serve(w.people.B1, S1, "emotional_support_safety", null))).code).toBe("not_found");
    expect((await refusal(serve(w.people.A2, S1, "emotional_support_safety", null))).code).toBe("not_found");
    expect((await refusal(serve(w.people.R1, S1, "emotional_support_safety", null))).code).toBe("forbidden");
    expect((await refusal(serve(w.people.T1, w.survivors.S7, "justice_assistance", null))).code).toBe("forbidden");
    expect(await rowsOf(S1)).toBe(before);
  });

  it("records today by default, once per key, with a timeline event and an audit event that holds the id only", async () => {
    const { S1 } = w.survivors;
    const key = newIdempotencyKey();
    const input = { idempotencyKey: key, survivorId: S1, category: "information_referral" as const, occurredOn: null, minutes: 15 };
    const first = await recordService(w.people.A1, input, meta, db);
    const again = await recordService(w.people.A1, input, meta, db);
    expect(again).toEqual(first);
    const rows = await db.select().from(serviceEvents).where(eq(serviceEvents.id, first.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ category: "information_referral", minutes: 15, staffUserId: w.people.A1.id, organizationId: w.agency.id, removedAt: null });
    expect(rows[0]!.occurredOn).toBe(pacificToday());
    // The same key with other values saves nothing new.
    expect((await refusal(recordService(w.people.A1, { ...input, category: "shelter_housing" }, meta, db))).code).toBe("already_saved");
    expect(await db.select().from(serviceEvents).where(and(eq(serviceEvents.survivorId, S1), eq(serviceEvents.category, "shelter_housing")))).toHaveLength(0);

    const [event] = await db.select().from(survivorEvents).where(and(eq(survivorEvents.survivorId, S1), eq(survivorEvents.kind, "service_recorded"))).orderBy(desc(survivorEvents.id)).limit(1);
    expect(event!.details).toMatchObject({ serviceEventId: first.id, category: "information_referral", minutes: 15 });
    const audits = await db.select().from(auditEvents).where(eq(auditEvents.action, "survivor.service_recorded")).orderBy(desc(auditEvents.id)).limit(1);
    expect(audits[0]).toMatchObject({ targetType: "survivor", targetId: S1, details: { serviceEventId: first.id } });
    expect(Object.keys(audits[0]!.details as object)).toEqual(["serviceEventId"]);
  });

  it("lets whoever recorded a service, or a program lead, remove it (kept, marked); others are refused; the list leaves it out", async () => {
    const { S1 } = w.survivors;
    const byLead = await serve(w.people.LA, S1, "personal_advocacy", "2026-11-02");
    const byAdvocate = await serve(w.people.A1, S1, "personal_advocacy", "2026-11-03");
    // the assigned advocate may not remove the lead's entry; nobody outside may remove anything
    expect((await refusal(removeService(w.people.A1, { id: byLead.id }, meta, db))).code).toBe("forbidden");
    expect((await refusal(removeService(w.people.A2, { id: byAdvocate.id }, meta, db))).code).toBe("not_found");
    expect((await refusal(removeService(w.people.B1, { id: byAdvocate.id }, meta, db))).code).toBe("not_found");
    expect((await refusal(removeService(w.people.R1, { id: byAdvocate.id }, meta, db))).code).toBe("forbidden");
    const [untouched] = await db.select().from(serviceEvents).where(eq(serviceEvents.id, byAdvocate.id));
    expect(untouched!.removedAt).toBeNull();

    const listed = await listSurvivorServices(w.people.A1, S1, {}, db);
    expect(listed.items.find((s) => s.id === byLead.id)?.canRemove).toBe(false);
    expect(listed.items.find((s) => s.id === byAdvocate.id)?.canRemove).toBe(true);

    await removeService(w.people.LA, { id: byAdvocate.id }, meta, db);
    const [removed] = await db.select().from(serviceEvents).where(eq(serviceEvents.id, byAdvocate.id));
    expect(removed!.removedBy).toBe(w.people.LA.id);
    expect(removed!.removedAt).toBeInstanceOf(Date);
    expect((await refusal(removeService(w.people.A1, { id: byAdvocate.id }, meta, db))).code).toBe("conflict");
    const after = await listSurvivorServices(w.people.A1, S1, {}, db);
    expect(after.items.map((s) => s.id)).not.toContain(byAdvocate.id);
    expect(after.items.map((s) => s.id)).toContain(byLead.id);
    expect((await refusal(listSurvivorServices(w.people.B1, S1, {}, db))).code).toBe("not_found");
  });
});
