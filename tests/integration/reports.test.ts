import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle, Db } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { survivors } from "../../db/schema/survivors";
import { matterHearings, postOrderChecks, proBonoHours, proBonoRates, vacaturMatters } from "../../db/schema/vacatur";
import type { SessionUser } from "../../lib/auth/sessions";
import { addDays } from "../../lib/reports/period";
import { pacificToday } from "../../lib/format";
import { getEnv } from "../../lib/env";
import { getDashboard, getDashboardCsv, type Dashboard } from "../../lib/reports/dashboard";
import { clearDashboardCache } from "../../lib/reports/dashboard-cache";
import { parseDashboardParams, type DashboardFilters } from "../../lib/reports/schema";
import { listReferrals } from "../../lib/referrals/queries";
import { parseReferralFilters } from "../../lib/referrals/schema";
import type { AgeBand, GenderIdentity, RaceEthnicity, ReferralSource } from "../../lib/survivors/constants";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { as, useDatabase } from "./support/matrix/request";

// The lead's dashboard on a small world built by hand, each figure worked out on paper. The world lives
// in Garfield County and its period figures in federal FY2005 (October 2004 to September 2005), so that on
// the shared PostgreSQL database other test files' rows never fall in the same figures. The CSV route is
// called in-process with a real session, like the authorization matrix does.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);

const COUNTY = "Garfield";
let handle: DatabaseHandle;
let w: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  w = await buildWorld(handle.db);
});
afterAll(async () => {
  await handle.close();
});

type Person = { gender: GenderIdentity; race: RaceEthnicity; age: AgeBand };
const DAY = 86_400_000;

async function buildWorld(db: Db) {
  const agency = await makeOrganization(db, { type: "service_provider" });
  const youth = await makeOrganization(db, { type: "service_provider" });
  const legal = await makeOrganization(db, { type: "legal_aid" });
  const partnerOrg = await makeOrganization(db, { type: "service_provider" });
  const office = await makeOrganization(db, { type: "prosecutor_office" });
  const person = async (role: SessionUser["role"], organizationId: string | null) => signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId }));
  const people = {
    lead: await person("program_lead", agency.id),
    advocate: await person("advocate", agency.id),
    advocate2: await person("advocate", agency.id),
    youthLead: await person("program_lead", youth.id),
    youthAdvocate: await person("advocate", youth.id),
    legalLead: await person("program_lead", legal.id),
    attorney: await person("attorney", legal.id),
    partner: await person("partner", partnerOrg.id),
    prosecutor: await person("prosecutor", office.id),
    admin: await person("admin", null),
  };
  const survivor = async (
    organizationId: string,
    advocateId: string,
    s: { intake: string; source: ReferralSource | null; types: string[]; status?: "active" | "inactive" | "closed"; changed?: string } & Person,
  ) => {
    const id = randomUUID();
    await db.insert(survivors).values({
      id,
      organizationId,
      clientCode: unique("CW-T"),
      preferredName: "Test",
      preferredNameKey: "test",
      county: COUNTY,
      intakeDate: s.intake,
      referralSource: s.source,
      victimizationTypes: s.types,
      demographics: { genderIdentity: s.gender, raceEthnicity: s.race, ageBand: s.age },
      safeContact: { channels: [], safeTimes: null, mayIdentifyAgency: "not_asked" },
      assignedAdvocateId: advocateId,
      status: s.status ?? "active",
      statusChangedAt: new Date(`${s.changed ?? s.intake}T20:00:00Z`),
    });
    return id;
  };
  const { advocate, advocate2, youthAdvocate } = people;
  const a1 = await survivor(agency.id, advocate.id, { intake: "2004-11-10", source: "outreach", types: ["sex_trafficking"], gender: "woman", race: "white", age: "25_34" });
  const a2 = await survivor(agency.id, advocate.id, { intake: "2005-01-20", source: "law_enforcement_operation", types: ["sex_trafficking", "labor_trafficking"], gender: "man", race: "black_african_american", age: "18_24" });
  const a3 = await survivor(agency.id, advocate2.id, { intake: "2005-02-05", source: null, types: [], gender: "not_reported", race: "not_reported", age: "not_reported" });
  // closed before the period: not served in it
  await survivor(agency.id, advocate2.id, { intake: "2004-06-01", source: "hotline", types: ["commercial_sexual_exploitation"], status: "closed", changed: "2004-08-01", gender: "woman", race: "asian", age: "35_49" });
  // made inactive during the period: served in it, not in today's caseload
  const a5 = await survivor(agency.id, advocate.id, { intake: "2005-06-30", source: "outreach", types: ["sex_trafficking"], status: "inactive", changed: "2005-08-01", gender: "woman", race: "white", age: "25_34" });
  // taken in after the period: in today's caseload only
  await survivor(agency.id, advocate.id, { intake: "2006-01-01", source: "self", types: ["sex_trafficking"], gender: "woman", race: "white", age: "25_34" });
  // The youth organization's three survivors of labor trafficking: a count of 3 outside the agency.
  const youthPerson = { source: "outreach" as const, types: ["labor_trafficking"], gender: "woman" as const, race: "hispanic_latino" as const, age: "18_24" as const };
  const b1 = await survivor(youth.id, youthAdvocate.id, { intake: "2005-04-01", ...youthPerson });
  await survivor(youth.id, youthAdvocate.id, { intake: "2005-05-01", ...youthPerson });
  await survivor(youth.id, youthAdvocate.id, { intake: "2005-07-01", ...youthPerson });

  const today = pacificToday();
  await db.insert(releases).values({
    survivorId: a1,
    organizationId: agency.id,
    recipientOrganizationId: legal.id,
    categories: ["identity_contact"],
    purpose: "test",
    form: "written",
    signedOn: addDays(today, -80),
    expiresOn: addDays(today, 10),
    servicesNotConditioned: true,
    createdBy: advocate.id,
  });

  // Referrals (noon Pacific is 20:00 UTC in winter, 19:00 in summer).
  const referral = async (survivorId: string, from: string, to: string, r: { service: "employment" | "education" | "legal"; status: string; sent?: string; answered?: string; reason?: string }) =>
    db.insert(referrals).values({
      id: randomUUID(),
      survivorId,
      fromOrganizationId: from,
      toOrganizationId: to,
      service: r.service,
      urgency: "routine",
      reasonEnc: "not read by reports",
      identified: false,
      status: r.status as "sent",
      sentAt: r.sent ? new Date(r.sent) : null,
      answeredAt: r.answered ? new Date(r.answered) : null,
      declineReason: (r.reason as "no_capacity" | undefined) ?? null,
      createdBy: advocate.id,
    });
  await referral(a1, agency.id, partnerOrg.id, { service: "employment", status: "accepted", sent: "2005-01-10T20:00:00Z", answered: "2005-01-13T20:00:00Z" });
  await referral(a2, agency.id, partnerOrg.id, { service: "education", status: "declined", sent: "2005-02-01T20:00:00Z", answered: "2005-02-02T20:00:00Z", reason: "no_capacity" });
  await referral(a3, agency.id, legal.id, { service: "legal", status: "completed", sent: "2005-03-01T20:00:00Z", answered: "2005-03-08T20:00:00Z" });
  await referral(a5, agency.id, partnerOrg.id, { service: "employment", status: "sent", sent: "2005-07-01T19:00:00Z" });
  await referral(a2, agency.id, partnerOrg.id, { service: "employment", status: "withdrawn", sent: "2005-04-01T19:00:00Z" });
  await referral(a1, agency.id, partnerOrg.id, { service: "employment", status: "draft" });
  await referral(a1, agency.id, partnerOrg.id, { service: "employment", status: "accepted", sent: "2006-01-05T20:00:00Z", answered: "2006-01-06T20:00:00Z" });
  await referral(b1, youth.id, partnerOrg.id, { service: "employment", status: "accepted", sent: "2005-05-10T19:00:00Z", answered: "2005-05-12T19:00:00Z" });

  // Matters.
  const matter = async (survivorId: string, organizationId: string, m: { status: string; opened: string; filed?: string; order?: string; counts?: string[]; attorney?: boolean; staleDays?: number }) => {
    const id = randomUUID();
    await db.insert(vacaturMatters).values({
      id,
      survivorId,
      organizationId,
      legalOrganizationId: legal.id,
      attorneyId: m.attorney === false ? null : people.attorney.id,
      status: m.status as "referred",
      createdAt: new Date(`${m.opened}T19:00:00Z`),
      lastActivityAt: new Date(Date.now() - (m.staleDays ?? 0) * DAY),
      filedOn: m.filed ?? null,
      orderOn: m.order ?? null,
      orderCounts: m.counts ?? null,
      openedBy: advocate.id,
    });
    return id;
  };
  const [c1, c2, c3, c9] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  // granted (two convictions), verified and closed: opened→filed 57 days, filed→order 62
  const m1 = await matter(a1, agency.id, { status: "closed", opened: "2004-10-05", filed: "2004-12-01", order: "2005-02-01", counts: [`${c1}:1`, `${c1}:2`, `${c2}:1`] });
  await db.insert(postOrderChecks).values({ matterId: m1, step: "wsp_updated", doneOn: "2005-03-01", recordedBy: people.attorney.id });
  // denied: opened→filed 75, filed→order 45
  await matter(a2, agency.id, { status: "denied", opened: "2004-11-01", filed: "2005-01-15", order: "2005-03-01", counts: [`${c3}:1`] });
  // open, stale, a hearing in five days: opened→filed 92
  const m3 = await matter(a3, agency.id, { status: "hearing_set", opened: "2005-05-01", filed: "2005-08-01", staleDays: 40 });
  await db.insert(matterHearings).values({ matterId: m3, startsAt: new Date(Date.now() + 5 * DAY), place: "Courtroom", createdBy: people.attorney.id });
  // open, waiting for an attorney
  await matter(a5, agency.id, { status: "referred", opened: "2005-09-01", attorney: false });
  // the youth organization's, granted: filed→order 92
  await matter(b1, youth.id, { status: "order_transmitted", opened: "2005-01-01", filed: "2005-03-01", order: "2005-06-01", counts: [`${c9}:1`] });

  await db.insert(proBonoRates).values({ organizationId: legal.id, hourlyRateCents: 20_000 });
  const hours = (workedOn: string, hundredths: number, superseded = false) =>
    db.insert(proBonoHours).values({ matterId: m1, attorneyId: people.attorney.id, organizationId: legal.id, workedOn, hundredths, activity: "drafting", supersededAt: superseded ? new Date() : null });
  await hours("2005-01-10", 150);
  await hours("2005-02-01", 100);
  await hours("2005-01-11", 500, true);

  return { orgs: { agency, youth, legal, partnerOrg }, people, advocate, survivors: { a1 } };
}

function filters(query: Record<string, string>): DashboardFilters {
  const parsed = parseDashboardParams({ period: "FY2005", county: COUNTY, ...query }, pacificToday());
  expect(parsed.errors).toEqual({});
  return parsed.filters!;
}

/** The texts of a table's row (or its total row), as the page shows them and the CSV holds them. */
function row(dashboard: Dashboard, tableId: string, key: string): string[] {
  const table = dashboard.sections.flatMap((s) => s.tables).find((t) => t.id === tableId);
  expect(table, tableId).toBeDefined();
  const found = key === "total" ? table!.total : table!.rows.find((r) => r.key === key);
  expect(found, `${tableId} ${key}`).toBeTruthy();
  return found!.cells.map((c) => c.text);
}

describe("the lead's dashboard, for their own organization", () => {
  it("counts the service figures of the period worked out by hand", async () => {
    const d = await getDashboard(w.people.lead, filters({}), handle.db);
    expect(d.sections.map((s) => s.id)).toEqual(["service", "referrals", "vacatur"]);
    // served: a1, a2, a3, a5 (one closed before the period, one taken in after it)
    expect(row(d, "service-summary", "served")).toEqual(["4"]);
    expect(row(d, "service-summary", "intakes")).toEqual(["4"]);
    // today's caseload: a1, a2, a3 and the one taken in in 2006 (a5 is inactive)
    expect(row(d, "service-summary", "caseload")).toEqual(["4"]);
    expect(row(d, "service-summary", "expiring")).toEqual(["1"]);
    expect(row(d, "caseload", w.people.advocate.id)).toEqual(["3"]);
    expect(row(d, "caseload", w.people.advocate2.id)).toEqual(["1"]);
    expect(row(d, "intakes-by-month", "2004-11")).toEqual(["1"]);
    expect(row(d, "intakes-by-month", "2004-12")).toEqual(["0"]);
    expect(row(d, "intakes-by-month", "2005-06")).toEqual(["1"]);
    expect(row(d, "intake-source", "outreach")).toEqual(["2"]);
    expect(row(d, "intake-source", "law_enforcement_operation")).toEqual(["1"]);
    expect(row(d, "intake-source", "not_reported")).toEqual(["1"]);
    expect(row(d, "gender-identity", "woman")).toEqual(["2"]);
    expect(row(d, "gender-identity", "not_reported")).toEqual(["1"]);
    expect(row(d, "victimization", "sex_trafficking")).toEqual(["3"]);
    expect(row(d, "victimization", "labor_trafficking")).toEqual(["1"]);
    expect(row(d, "victimization", "not_reported")).toEqual(["1"]);
  });

  it("lists this quarter's months only as far as today: a month not begun is not a month of no intakes", async () => {
    const today = pacificToday();
    const parsed = parseDashboardParams({ county: COUNTY }, today);
    const d = await getDashboard(w.people.lead, parsed.filters!, handle.db);
    const months = d.sections.flatMap((section) => section.tables).find((t) => t.id === "intakes-by-month")!.rows.map((r) => r.key);
    expect(months.length).toBeGreaterThanOrEqual(1);
    expect(months.at(-1)).toBe(today.slice(0, 7));
  });

  it("counts referrals: by status and partner, the acceptance rate, the median days to an answer, overdue ones and decline reasons", async () => {
    const d = await getDashboard(w.people.lead, filters({}), handle.db);
    // sent in FY2005: accepted, declined, completed, sent, withdrawn (not the draft, not the one of 2006)
    expect(row(d, "referrals-summary", "sent")).toEqual(["5"]);
    expect(row(d, "referrals-summary", "answered")).toEqual(["3"]);
    expect(row(d, "referrals-summary", "accepted")).toEqual(["2"]);
    expect(row(d, "referrals-summary", "acceptance")).toEqual(["67%"]);
    // 3, 1 and 7 days: the median is 3
    expect(row(d, "referrals-summary", "days-to-answer")).toEqual(["3"]);
    expect(row(d, "referrals-summary", "overdue")).toEqual(["1"]);
    expect(row(d, "referrals-by-status", "withdrawn")).toEqual(["1"]);
    expect(row(d, "referrals-by-partner", w.orgs.partnerOrg.id)).toEqual(["4"]);
    expect(row(d, "referrals-by-partner", w.orgs.legal.id)).toEqual(["1"]);
    expect(row(d, "decline-reasons", "no_capacity")).toEqual(["1"]);
    expect(row(d, "referrals-by-status", "declined")).toEqual(["1"]);
    // with a county chosen no list holds the same referrals: no link
    expect(d.sections[1]!.tables.find((t) => t.id === "referrals-by-status")!.rows.every((r) => r.cells.every((c) => c.href === null))).toBe(true);
    // without one, the lead's own numbers link to the list behind them: the referrals sent in the period, the same ones
    const all = await getDashboard(w.people.lead, filters({ county: "" }), handle.db);
    const table = all.sections[1]!.tables.find((t) => t.id === "referrals-by-status")!;
    expect(table.rows.find((r) => r.key === "declined")!.cells[0]!.href).toBe("/referrals?status=declined&sentFrom=2004-10-01&sentTo=2005-09-30");
    const summary = all.sections[1]!.tables.find((t) => t.id === "referrals-summary")!;
    const sentHref = summary.rows.find((r) => r.key === "sent")!.cells[0]!.href!;
    const listed = parseReferralFilters(Object.fromEntries(new URL(sentHref, "http://x").searchParams));
    expect(listed.valid).toBe(true);
    expect((await listReferrals(w.people.lead, listed.filters, 1, handle.db)).total).toBe(5);
  });

  it("follows the vacatur pipeline: stages, waiting and stale matters, hearings, orders, grant rate, medians, convictions vacated and hours", async () => {
    const d = await getDashboard(w.people.lead, filters({}), handle.db);
    const figure = (key: string) => row(d, "vacatur-summary", key)[0];
    // open (not closed or withdrawn): the denied matter (until it is closed), the stale one and the waiting one
    expect(figure("open")).toBe("3");
    expect(figure("unassigned")).toBe("1");
    expect(figure("stale")).toBe("1");
    expect(figure("hearings")).toBe("1");
    expect(figure("opened")).toBe("4");
    expect(figure("filed")).toBe("3");
    expect(figure("orders")).toBe("2");
    expect(figure("granted")).toBe("1");
    expect(figure("denied")).toBe("1");
    expect(figure("grant-rate")).toBe("50%");
    // 57, 75, 92 → 75; 62, 45 → 53.5
    expect(figure("days-to-filed")).toBe("75");
    expect(figure("days-to-order")).toBe("53.5");
    expect(figure("vacated")).toBe("2");
    // 1.50 + 1.00 hours at $200 (the superseded entry does not count)
    expect(figure("hours")).toBe("2.50");
    expect(figure("value")).toBe("$500.00");
    expect(row(d, "matters-by-stage", "hearing_set")).toEqual(["1"]);
    expect(row(d, "matters-by-stage", "denied")).toEqual(["1"]);
    expect(row(d, "attorney-load", `organization:${w.orgs.legal.id}`)).toEqual(["3"]);
  });

  it("shows a legal organization's lead the vacatur part first, with each attorney's load", async () => {
    const d = await getDashboard(w.people.legalLead, filters({}), handle.db);
    expect(d.sections.map((s) => s.id)).toEqual(["vacatur", "referrals"]);
    // the attorney: the agency's denied and stale matters and the youth organization's transmitted order
    expect(row(d, "attorney-load", `attorney:${w.people.attorney.id}`)).toEqual(["3"]);
    expect(row(d, "attorney-load", "attorney:none")).toEqual(["1"]);
    // its own matters: the agency's four and the youth organization's one; granted m1 and the youth one
    expect(row(d, "vacatur-summary", "orders")).toEqual(["3"]);
    expect(row(d, "vacatur-summary", "grant-rate")).toEqual(["67%"]);
    // the referrals it received count as its own, as those an organization sent do: the agency's one for legal help
    expect(row(d, "referrals-summary", "sent")).toEqual(["1"]);
    expect(row(d, "referrals-by-partner", w.orgs.agency.id)).toEqual(["1"]);
    expect(row(d, "referrals-by-status", "completed")).toEqual(["1"]);
  });
});

describe("across the partnership", () => {
  it("shows another organization's count of 3 as 'fewer than 5', and what would give it away as 'not shown'", async () => {
    const d = await getDashboard(w.people.lead, filters({ scope: "partnership" }), handle.db);
    // labor trafficking: the agency's 1 (a2) and the youth organization's 3
    expect(row(d, "victimization", "labor_trafficking")).toEqual(["1", "fewer than 5", "not shown"]);
    expect(row(d, "service-summary", "served")).toEqual(["4", "fewer than 5", "not shown"]);
    // the youth organization's three are women: woman 2 + 3; the lone other cells hide nothing more
    expect(row(d, "gender-identity", "woman")).toEqual(["2", "fewer than 5", "not shown"]);
    expect(row(d, "caseload", w.orgs.youth.id)).toEqual(["fewer than 5"]);
    expect(row(d, "caseload", w.orgs.agency.id)).toEqual(["4"]);
    // a rate over one referral of another organization is not shown; the agency's own stays exact
    expect(row(d, "referrals-summary", "acceptance")).toEqual(["67%", "too few to show", "too few to show"]);
    expect(row(d, "vacatur-summary", "grant-rate")).toEqual(["50%", "too few to show", "too few to show"]);
  });

  it("shows the same count exactly to the lead of the organization it belongs to", async () => {
    const own = await getDashboard(w.people.youthLead, filters({}), handle.db);
    expect(row(own, "victimization", "labor_trafficking")).toEqual(["3"]);
    expect(row(own, "service-summary", "served")).toEqual(["3"]);
    const partnership = await getDashboard(w.people.youthLead, filters({ scope: "partnership" }), handle.db);
    // ...and to them the agency's single survivor of labor trafficking is the one hidden
    expect(row(partnership, "victimization", "labor_trafficking")).toEqual(["3", "fewer than 5", "not shown"]);
  });
});

describe("the CSV of a chart", () => {
  async function download(me: SessionUser, chart: string, query: Record<string, string>) {
    const { GET } = await import("../../app/(app)/dashboard/csv/[chart]/route");
    as(me.sessionId, `/dashboard/csv/${chart}`);
    const response = await GET(new Request(`http://localhost/dashboard/csv/${chart}?${new URLSearchParams(query)}`), { params: Promise.resolve({ chart }) });
    return { status: response.status, headers: response.headers, text: (await response.text()).replace(/^\uFEFF/, "") };
  }

  it("holds exactly the table the page shows, and is audited without any figure", async () => {
    const query = { period: "FY2005", county: COUNTY, scope: "partnership" };
    const { status, headers, text } = await download(w.people.lead, "victimization", query);
    expect(status).toBe(200);
    expect(headers.get("content-disposition")).toContain("clearway-dashboard_victimization_2004-10-01_to_2005-09-30_partnership_garfield-county.csv");
    const d = await getDashboard(w.people.lead, filters({ scope: "partnership" }), handle.db);
    const table = d.sections[0]!.tables.find((t) => t.id === "victimization")!;
    const expected = [[table.rowHeader, ...table.columns], ...table.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])].map((cells) => cells.join(","));
    expect(text.trim().split("\r\n")).toEqual(expected);
    expect(text).toContain("Labor trafficking,1,fewer than 5,not shown");
    const [event] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report.dashboard_downloaded"), eq(auditEvents.actorUserId, w.people.lead.id)));
    expect(event!.details).toEqual({ table: "victimization", from: "2004-10-01", to: "2005-09-30", scope: "partnership", county: COUNTY });
  });

  it("is refused a period that is not one, and a chart the lead's dashboard does not show", async () => {
    const reversed = await download(w.people.lead, "victimization", { period: "custom", from: "2005-03-01", to: "2005-02-01" });
    expect(reversed.status).toBe(400);
    expect(reversed.text).toMatch(/^To: The To date is before the From date/);
    expect((await download(w.people.lead, "no-such-chart", {})).status).toBe(404);
    // a legal organization's dashboard has no service part
    expect((await download(w.people.legalLead, "victimization", {})).status).toBe(404);
  });

  it("refuses everyone but program leads: the data, the CSV and the download route (which records the refusal)", async () => {
    const f = filters({ scope: "partnership" });
    for (const who of ["advocate", "attorney", "partner", "prosecutor", "admin"] as const) {
      const me = w.people[who];
      expect((await refusal(getDashboard(me, f, handle.db))).code, who).toBe("forbidden");
      expect((await refusal(getDashboardCsv(me, f, "victimization", meta, handle.db))).code, who).toBe("forbidden");
      const response = await download(me, "victimization", { period: "FY2005", county: COUNTY });
      expect(response.status, who).toBe(403);
      expect(response.text).not.toContain("trafficking");
    }
    const denials = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.actorUserId, w.people.advocate.id)));
    expect(denials.map((e) => e.details)).toContainEqual({ attempted: "reports.view", path: "/dashboard/csv/victimization" });
    const downloads = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "report.dashboard_downloaded"), eq(auditEvents.actorUserId, w.people.advocate.id)));
    expect(downloads).toHaveLength(0);
  });
});

describe("kept figures (lib/reports/dashboard-cache.ts)", () => {
  // August 2005: no referral of the world was sent in it, so one sent now is the only change.
  const august = () => filters({ period: "2005-08" });
  const sentInAugust = (d: Dashboard) => row(d, "referrals-summary", "sent");
  // The query counters below are spies on the database's execute: gone after each test, passed or not.
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function downloadSummary(me: SessionUser) {
    const { GET } = await import("../../app/(app)/dashboard/csv/[chart]/route");
    as(me.sessionId, "/dashboard/csv/referrals-summary");
    const response = await GET(new Request(`http://localhost/dashboard/csv/referrals-summary?${new URLSearchParams({ period: "2005-08", county: COUNTY })}`), {
      params: Promise.resolve({ chart: "referrals-summary" }),
    });
    expect(response.status).toBe(200);
    return (await response.text()).replace(/^\uFEFF/, "");
  }

  /** A table's lines as the CSV writes them, from the page's own figures. */
  function csvLines(d: Dashboard, tableId: string): string {
    const table = d.sections.flatMap((section) => section.tables).find((t) => t.id === tableId)!;
    return [[table.rowHeader, ...table.columns], ...table.rows.map((r) => [r.label, ...r.cells.map((c) => c.text)])].map((cells) => cells.join(",")).join("\r\n");
  }

  it("reads the kept figures again within five minutes without a query, the CSV holds them too, and cleared they are counted anew", async () => {
    clearDashboardCache(handle.db);
    const first = await getDashboard(w.people.lead, august(), handle.db);
    expect(sentInAugust(first)).toEqual(["0"]);
    const referralId = randomUUID();
    await handle.db.insert(referrals).values({
      id: referralId,
      survivorId: w.survivors.a1,
      fromOrganizationId: w.orgs.agency.id,
      toOrganizationId: w.orgs.partnerOrg.id,
      service: "employment",
      urgency: "routine",
      reasonEnc: "not read by reports",
      identified: false,
      status: "accepted",
      sentAt: new Date("2005-08-10T19:00:00Z"),
      answeredAt: new Date("2005-08-11T19:00:00Z"),
      createdBy: w.advocate.id,
    });
    try {
      const queries = vi.spyOn(handle.db, "execute");
      const second = await getDashboard(w.people.lead, august(), handle.db);
      expect(queries).not.toHaveBeenCalled();
      expect(second).toBe(first);
      expect(sentInAugust(second)).toEqual(["0"]);
      // The download reads the same entry: exactly what the page shows, not the referral sent since.
      expect((await downloadSummary(w.people.lead)).trim()).toBe(csvLines(first, "referrals-summary"));

      clearDashboardCache(handle.db);
      const fresh = await getDashboard(w.people.lead, august(), handle.db);
      expect(sentInAugust(fresh)).toEqual(["1"]);
      expect(fresh.asOf.getTime()).toBeGreaterThanOrEqual(first.asOf.getTime());
      const csv = await downloadSummary(w.people.lead);
      expect(csv.trim()).toBe(csvLines(fresh, "referrals-summary"));
      expect(csv).toContain("Referrals sent in the period,1");
    } finally {
      await handle.db.delete(referrals).where(eq(referrals.id, referralId));
      clearDashboardCache(handle.db);
    }
  });

  it("keeps one entry per organization, scope, period, county, threshold and day: another organization's lead never reads this one", async () => {
    const f = filters({ scope: "partnership" });
    const agency = await getDashboard(w.people.lead, f, handle.db);
    const youth = await getDashboard(w.people.youthLead, f, handle.db);
    expect(youth).not.toBe(agency);
    // each sees their own organization exact and the other's small count suppressed
    expect(row(agency, "victimization", "labor_trafficking")).toEqual(["1", "fewer than 5", "not shown"]);
    expect(row(youth, "victimization", "labor_trafficking")).toEqual(["3", "fewer than 5", "not shown"]);
    // another lead of the same organization reads the same entry
    const colleague = await signedIn(handle.db, await makeUser(handle.db, { secondFactor: true, role: "program_lead", organizationId: w.orgs.agency.id }));
    expect(await getDashboard(colleague, f, handle.db)).toBe(agency);
    for (const other of [filters({}), filters({ scope: "partnership", period: "FY2006" }), filters({ scope: "partnership", period: "2005-08" }), filters({ scope: "partnership", county: "" })]) {
      expect(await getDashboard(w.people.lead, other, handle.db)).not.toBe(agency);
    }
    expect(await getDashboard(w.people.lead, f, handle.db, new Date(Date.now() + DAY))).not.toBe(agency);
    const env = getEnv();
    const threshold = env.suppressionThreshold;
    env.suppressionThreshold = 7;
    try {
      const stricter = await getDashboard(w.people.lead, f, handle.db);
      expect(stricter).not.toBe(agency);
      expect(row(stricter, "victimization", "labor_trafficking")).toEqual(["1", "fewer than 7", "not shown"]);
    } finally {
      env.suppressionThreshold = threshold;
    }
    expect(await getDashboard(w.people.lead, f, handle.db)).toBe(agency);
  });

  it("checks access before the kept figures: a refused reader gets nothing, even of an entry just read", async () => {
    const f = filters({ scope: "partnership" });
    await getDashboard(w.people.lead, f, handle.db);
    const advocateOfAgency = w.people.advocate;
    expect((await refusal(getDashboard(advocateOfAgency, f, handle.db))).code).toBe("forbidden");
    expect((await refusal(getDashboardCsv(advocateOfAgency, f, "victimization", meta, handle.db))).code).toBe("forbidden");
  });

  it("counts again after a count that failed, and shares one count among readers who ask at once", async () => {
    clearDashboardCache(handle.db);
    const f = filters({ scope: "partnership", period: "2005-07" });
    const queries = vi.spyOn(handle.db, "execute");
    queries.mockRejectedValueOnce(new Error("connection lost"));
    await expect(getDashboard(w.people.lead, f, handle.db)).rejects.toThrow("connection lost");
    queries.mockClear();
    const [a, b] = await Promise.all([getDashboard(w.people.lead, f, handle.db), getDashboard(w.people.lead, f, handle.db)]);
    expect(a).toBe(b);
    const together = queries.mock.calls.length;
    clearDashboardCache(handle.db);
    queries.mockClear();
    await getDashboard(w.people.lead, f, handle.db);
    expect(together).toBe(queries.mock.calls.length);
  });

  it("audits every download, kept figures or not", async () => {
    const colleague = await signedIn(handle.db, await makeUser(handle.db, { secondFactor: true, role: "program_lead", organizationId: w.orgs.agency.id }));
    await downloadSummary(colleague);
    await downloadSummary(colleague);
    const downloads = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "report.dashboard_downloaded"), eq(auditEvents.actorUserId, colleague.id)));
    expect(downloads).toHaveLength(2);
  });
});
