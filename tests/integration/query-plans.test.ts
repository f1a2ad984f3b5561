import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle, Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { resolveSession } from "../../lib/auth/sessions";
import { getReferralInbox } from "../../lib/home/inbox";
import { getLeadToday } from "../../lib/home/lead-today";
import { newIdempotencyKey } from "../../lib/idempotency";
import { listAuditEvents } from "../../lib/audit/queries";
import { createReferral } from "../../lib/referrals/commands";
import { countOverdueReferrals, getReferral, listReferralCounterparts, listReferrals, listSurvivorReferrals } from "../../lib/referrals/queries";
import { parseReferralFilters } from "../../lib/referrals/schema";
import { getDashboard } from "../../lib/reports/dashboard";
import { getFunderReport } from "../../lib/reports/funder-report";
import { lastCompleteQuarter } from "../../lib/reports/pmt";
import { parseDashboardParams } from "../../lib/reports/schema";
import { pacificToday } from "../../lib/format";
import { addNote } from "../../lib/survivors/commands";
import { listAccessLog } from "../../lib/survivors/queries/access-log";
import { listAdvocateOptions, listOpenTransferRequests, listSurvivors } from "../../lib/survivors/queries/caseload";
import { getSurvivorPage } from "../../lib/survivors/queries/record";
import { listSurvivorServices } from "../../lib/survivors/queries/services";
import { survivorFiltersSchema } from "../../lib/survivors/schema";
import { recordService } from "../../lib/survivors/services-commands";
import { addMatterNote, logHours } from "../../lib/vacatur/matter-work";
import { getCourtRecords } from "../../lib/vacatur/queries/court-records";
import { listHearings, listHearingsInMonth } from "../../lib/vacatur/queries/hearings";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { listMatters, listSurvivorMatters } from "../../lib/vacatur/queries/matters";
import { matterFiltersSchema } from "../../lib/vacatur/schema";
import { openTestDatabase } from "./support/database";
import { makeOrganization, makeUser, meta, signedIn } from "./support/factories";
import { assignedMatter, day, moveMatter } from "./support/matter-world";

// Issue 13: every query a main page runs uses an index for its filter, join and sort, so the page stays
// fast with a big partnership's years of data. The test calls the real query functions with a drizzle
// database whose logger records each statement and its parameters, then asks PostgreSQL for the plan of
// each (EXPLAIN, nothing executed) with sequential scans switched off: a Seq Scan that still appears is
// one the planner had no index to avoid, which is what a missing index looks like at scale. (With a
// small data set the planner would rightly prefer a sequential scan everywhere; switching it off keeps
// the test small and fast and still fails when an index is missing.) PostgreSQL only: the plans are
// PostgreSQL's, and this file is left out of the PGlite project in vitest.config.ts.

/** Tables that grow with the partnership's years of casework; a full scan of any of them fails the test. */
const LARGE_TABLES = new Set([
  "survivors",
  "survivor_events",
  "survivor_notes",
  "survivor_shares",
  "service_events",
  "releases",
  "referrals",
  "referral_events",
  "vacatur_matters",
  "convictions",
  "matter_convictions",
  "matter_hearings",
  "matter_notes",
  "matter_tasks",
  "post_order_checks",
  "prosecutor_communications",
  "pro_bono_hours",
  "audit_events",
  "audit_event_survivors",
  "notifications",
  "user_sessions",
  "idempotency_keys",
]);

/**
 * Full scans that are the right plan, each with its reason. Keep this short: every entry is a page that
 * reads a whole table at any scale.
 */
const ALLOWED_SCANS: { page: string; table: string; why: string }[] = [
  {
    page: "dashboard (partnership)",
    table: "vacatur_matters",
    why: "the partnership's pipeline and period flow count every organization's open matters and every matter opened, filed or ordered in the period: a large share of the table, which a scan reads faster than three index ranges",
  },
];

type Captured = { label: string; query: string; params: unknown[] };
type PlanNode = { "Node Type": string; "Relation Name"?: string; Plans?: PlanNode[] };

let handle: DatabaseHandle;
let client: Sql;
const captured: Captured[] = [];
let label = "";

/** The same connection pool, through a drizzle database that records every statement it sends. */
function recordingDb(): Db {
  return drizzle({ client, casing: "snake_case", logger: { logQuery: (query, params) => void captured.push({ label, query, params }) } });
}

async function page(name: string, run: (db: Db) => Promise<unknown>): Promise<void> {
  label = name;
  await run(recordingDb());
  label = "";
}

function seqScans(node: PlanNode, found: string[] = []): string[] {
  if (node["Node Type"] === "Seq Scan" && node["Relation Name"] && LARGE_TABLES.has(node["Relation Name"])) found.push(node["Relation Name"]);
  for (const child of node.Plans ?? []) seqScans(child, found);
  return found;
}

/** Statements a plan means something for: reads and writes, not transaction control or lock calls. */
function explainable(query: string): boolean {
  return /^\s*(select|with|insert|update|delete)\b/i.test(query) && !/^\s*select pg_advisory/i.test(query);
}

beforeAll(async () => {
  handle = await openTestDatabase();
  client = (handle.db as unknown as { $client: Sql }).$client;
  const db = handle.db;

  // A partnership with one of everything the pages show: a survivor with notes, services, a referral
  // and a vacatur matter (conviction, hearing, hours, a note), its leads, its attorney and an admin.
  const w = await assignedMatter(db);
  const shelter = await makeOrganization(db, { type: "service_provider" });
  await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, shelter.id));
  const shelterLead = await signedIn(db, await makeUser(db, { role: "program_lead", organizationId: shelter.id }));
  const admin = await signedIn(db, await makeUser(db, { role: "admin", organizationId: null }));
  await addNote(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: "Called about housing" }, meta, db);
  await recordService(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, category: "personal_advocacy", occurredOn: day(0), minutes: "30" }, meta, db);
  const referral = await createReferral(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: shelter.id, service: "housing", urgency: "soon", reason: "Needs housing.", mode: "anonymous", send: true }, meta, db);
  await moveMatter(db, w.attorney, w.matterId, "start_screening");
  await moveMatter(db, w.attorney, w.matterId, "start_drafting");
  await moveMatter(db, w.attorney, w.matterId, "send_for_review");
  await moveMatter(db, w.attorney, w.matterId, "file", { filedOn: day(0), court: "Seattle Municipal Court", caseNumber: "26-VAC-0042" });
  await moveMatter(db, w.attorney, w.matterId, "set_hearing", { hearingDate: day(14), hearingTime: "09:30", place: "Courtroom 1002" });
  await addMatterNote(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "Client prefers mornings" }, meta, db);
  await logHours(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "2", activity: "drafting" }, meta, db);

  const today = pacificToday();
  const caseload = survivorFiltersSchema.parse({});
  const dashboard = parseDashboardParams({}, today).filters!;
  const idle = { now: new Date(), idleMinutes: 30 };

  // Each main page's reads, as its route calls them (app/(app)/...), plus the session check every request makes.
  await page("session check", (d) => resolveSession(d, w.advocate.sessionId, idle));
  await page("caseload (advocate)", (d) => listSurvivors(w.advocate, caseload, 1, "managed", d));
  await page("caseload (lead)", (d) => listSurvivors(w.lead, { ...caseload, sort: "intake_newest" }, 1, "managed", d));
  await page("caseload (released)", (d) => listSurvivors(w.attorney, caseload, 1, "released", d));
  await page("caseload options", (d) => Promise.all([listAdvocateOptions(w.lead, d), listOpenTransferRequests(w.lead, d)]));
  await page("survivor page", (d) => getSurvivorPage(w.advocate, w.survivorId, meta, {}, d));
  await page("survivor page (released)", (d) => getSurvivorPage(w.attorney, w.survivorId, meta, {}, d));
  await page("survivor sections", (d) => Promise.all([listSurvivorReferrals(w.advocate, w.survivorId, d), listSurvivorMatters(w.advocate, w.survivorId, d)]));
  await page("survivor court records", (d) => getCourtRecords(w.advocate, w.survivorId, meta, d));
  await page("survivor services", (d) => listSurvivorServices(w.advocate, w.survivorId, {}, d));
  await page("survivor access log", (d) => listAccessLog(w.advocate, w.survivorId, {}, d));
  await page("referrals list (sender)", (d) => listReferrals(w.advocate, parseReferralFilters({}).filters, 1, d));
  await page("referrals list (recipient)", (d) => listReferrals(shelterLead, parseReferralFilters({ status: "all" }).filters, 1, d));
  await page("referrals counts", (d) => Promise.all([countOverdueReferrals(w.advocate, d), listReferralCounterparts(w.advocate, d)]));
  await page("referrals inbox", (d) => getReferralInbox(shelterLead, null, d));
  await page("referral page", (d) => getReferral(shelterLead, referral.id, meta, d));
  await page("matters list (attorney)", (d) => listMatters(w.attorney, matterFiltersSchema.parse({}), 1, d));
  await page("matters list (lead)", (d) => listMatters(w.legalLead, matterFiltersSchema.parse({ scope: "organization", status: "all" }), 1, d));
  await page("matter page", (d) => getMatterPage(w.attorney, w.matterId, meta, d));
  await page("hearings", (d) => Promise.all([listHearings(w.attorney, "upcoming", 1, d), listHearings(w.attorney, "past", 1, d), listHearingsInMonth(w.attorney, today.slice(0, 7), d)]));
  await page("audit trail", (d) => listAuditEvents(admin, {}, {}, d));
  await page("audit trail (one person)", (d) => listAuditEvents(admin, { user: w.advocate.id }, {}, d));
  await page("lead's home", (d) => getLeadToday(w.legalLead, d));
  await page("dashboard (service lead)", (d) => getDashboard(w.lead, dashboard, d));
  await page("dashboard (partnership)", (d) => getDashboard(w.lead, { ...dashboard, scope: "partnership" }, d));
  await page("dashboard (legal lead)", (d) => getDashboard(w.legalLead, dashboard, d));
  await page("funder report", (d) => getFunderReport(w.lead, lastCompleteQuarter(today), meta, "page", d));
});

afterAll(async () => {
  await handle.close();
});

describe("query plans of the main pages", () => {
  it("captured the pages' statements", () => {
    const labels = new Set(captured.map((c) => c.label));
    expect(labels.size).toBeGreaterThan(20);
    expect(captured.filter((c) => explainable(c.query)).length).toBeGreaterThan(60);
  });

  it("no statement scans a large table from end to end", async () => {
    const problems: string[] = [];
    // One transaction, so SET LOCAL holds for every EXPLAIN and ends with it (nothing leaks into the pool).
    await client.begin(async (tx) => {
      await tx`set local enable_seqscan = off`;
      for (const { label: name, query, params } of captured.filter((c) => explainable(c.query))) {
        const [row] = await tx.unsafe(`explain (format json) ${query}`, params as never[]);
        const plan = (row!["QUERY PLAN"] as { Plan: PlanNode }[])[0]!.Plan;
        const allowed = (table: string) => ALLOWED_SCANS.some((a) => a.page === name && a.table === table);
        for (const table of seqScans(plan).filter((t) => !allowed(t))) problems.push(`${name}: Seq Scan on ${table} in\n    ${query.slice(0, 400)}`);
      }
    });
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
});
