import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents, auditEventSurvivors } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { matterHearings } from "../../db/schema/vacatur";
import { listAuditEvents } from "../../lib/audit/queries";
import { auditExport } from "../../lib/audit/export";
import type { SessionUser } from "../../lib/auth/sessions";
import { csvDateTime } from "../../lib/exports/csv";
import { exportStream, type CsvExport } from "../../lib/exports/export";
import { keysetAfter, keysetCursorSql, keysetOrder, type Cursor, type SortKey } from "../../lib/exports/keyset";
import { newIdempotencyKey } from "../../lib/idempotency";
import { pacificToday } from "../../lib/format";
import { PAGE_SIZE } from "../../lib/pagination";
import { createReferral } from "../../lib/referrals/commands";
import { referralsExport } from "../../lib/referrals/export";
import { listReferrals } from "../../lib/referrals/queries";
import { createSurvivor } from "../../lib/survivors/commands";
import { listAccessLog } from "../../lib/survivors/queries/access-log";
import { listSurvivors } from "../../lib/survivors/queries/caseload";
import { caseloadExport } from "../../lib/survivors/queries/caseload-export";
import { getSurvivorPage } from "../../lib/survivors/queries/record";
import type { SurvivorFilters } from "../../lib/survivors/schema";
import { sealSearch } from "../../lib/survivors/sealed-search";
import { listUsers } from "../../lib/users/queries";
import { hearingLocation } from "../../lib/vacatur/calendar";
import { openMatter } from "../../lib/vacatur/commands";
import { hearingsExport } from "../../lib/vacatur/queries/hearings-export";
import { listHearings } from "../../lib/vacatur/queries/hearings";
import { listMatters } from "../../lib/vacatur/queries/matters";
import { mattersExport } from "../../lib/vacatur/queries/matters-export";
import { addConviction } from "../../lib/vacatur/records";
import { parseCsv } from "../support/csv";
import { openTestDatabase } from "./support/database";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { nextSignal } from "./support/matrix/render";
import { as, useDatabase } from "./support/matrix/request";
import { assignedMatter, giveRelease, prostitutionConviction } from "./support/matter-world";

// CSV exports of every list (issue 12): each is the list's own rows for the same filter, every page
// of them, with the columns the caller's access shows on the page; refused to whoever may not open
// the list; audited with its filter and row count; and shown on the Access tab of each survivor it
// included. Route handlers are called in-process with a real session, like the authorization matrix.

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

const ROUTES = {
  "/survivors/export": () => import("../../app/(app)/survivors/export/route"),
  "/referrals/export": () => import("../../app/(app)/referrals/export/route"),
  "/matters/export": () => import("../../app/(app)/matters/export/route"),
  "/matters/hearings/export": () => import("../../app/(app)/matters/hearings/export/route"),
  "/matters/hours/export": () => import("../../app/(app)/matters/hours/export/route"),
  "/admin/users/export": () => import("../../app/(app)/admin/users/export/route"),
  "/admin/audit/export": () => import("../../app/(app)/admin/audit/export/route"),
};

/** GET an export route as `me`: the answer, its headers and the file read to its end. */
async function download(me: SessionUser | null, route: keyof typeof ROUTES, query: Record<string, string> = {}) {
  const { GET } = await ROUTES[route]();
  as(me?.sessionId ?? null, route);
  const response = await GET(new Request(`http://localhost${route}?${new URLSearchParams(query)}`));
  // Read as bytes: Response.text() would drop the byte-order mark.
  const bytes = new Uint8Array(await response.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return { status: response.status, headers: response.headers, text, rows: response.status === 200 ? parseCsv(text) : [] };
}

/** An export read through its stream in pages of `pageSize`, as rows of cells (the header first). */
async function read<Row>(spec: CsvExport<Row>, me: SessionUser, pageSize: number): Promise<string[][]> {
  return parseCsv(await new Response(exportStream(spec, { actor: me, meta, db: handle.db, pageSize })).text());
}

/** Every page of a list, as the page shows them. */
async function allPages<T>(load: (page: number) => Promise<{ items: T[]; pageCount: number }>): Promise<T[]> {
  const items: T[] = [];
  for (let page = 1; ; page += 1) {
    const result = await load(page);
    items.push(...result.items);
    if (page >= result.pageCount || result.items.length === 0) return items;
  }
}

async function lastExportBy(me: SessionUser) {
  const [event] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.downloaded"), eq(auditEvents.actorUserId, me.id))).orderBy(desc(auditEvents.id)).limit(1);
  return event!;
}

async function includedIn(eventId: number): Promise<string[]> {
  const rows = await handle.db.select({ survivorId: auditEventSurvivors.survivorId }).from(auditEventSurvivors).where(eq(auditEventSurvivors.auditEventId, eventId));
  return rows.map((r) => r.survivorId).sort();
}

const COUNTIES = ["King", "Pierce"] as const;

/** An agency with two advocates and a lead; 31 survivors in Alex's caseload and 3 in Blair's, in two counties, some inactive. */
async function agency() {
  const db = handle.db;
  const org = await makeOrganization(db, { type: "service_provider" });
  const person = async (role: SessionUser["role"]) => signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId: org.id }));
  const alex = await person("advocate");
  const blair = await person("advocate");
  const lead = await person("program_lead");
  const intake = async (me: SessionUser, i: number) => {
    const created = await createSurvivor(
      me,
      { idempotencyKey: newIdempotencyKey(), preferredName: unique(`Sam ${String.fromCharCode(65 + (i % 26))}`), pronouns: i % 3 === 0 ? "she/her" : undefined, legalName: unique("Legal Name"), phone: "206-555-0101", county: COUNTIES[i % 2], intakeDate: pacificToday(new Date(Date.now() - (i % 7) * 86_400_000)), duplicateDecision: "create_anyway" },
      meta,
      db,
    );
    if (created.status !== "created") throw new Error("intake stopped");
    return created.id;
  };
  const alexIds: string[] = [];
  for (let i = 0; i < 31; i += 1) alexIds.push(await intake(alex, i));
  const blairIds = [await intake(blair, 100), await intake(blair, 101), await intake(blair, 102)];
  await db.update(survivors).set({ status: "inactive" }).where(inArray(survivors.id, alexIds.filter((_, i) => i % 5 === 0)));
  return { org, alex, blair, lead, alexIds, blairIds };
}

const caseloadRow = (s: { clientCode: string; preferredName: string | null; pronouns: string | null; status: string; advocateName: string | null; county: string | null; intakeDate: string }) => [
  s.clientCode,
  s.preferredName ?? "",
  s.pronouns ?? "",
  { active: "Active", inactive: "Inactive", closed: "Closed" }[s.status]!,
  s.advocateName ?? "",
  s.county ?? "",
  s.intakeDate,
];

describe("keyset pages", () => {
  it("read every row once, in the list's order, with nulls last and keys in opposite directions", async () => {
    // (due date nullable ascending, activity descending, id ascending): the matter list's shape.
    const values = sql.raw(`(values
      ('2026-01-02'::date, '2026-03-01 10:00:00.000001+00'::timestamptz, 1), (null, '2026-03-01 10:00:00.000002+00', 2),
      ('2026-01-02', '2026-03-01 10:00:00.000002+00', 3), ('2026-01-01', '2026-03-01 09:00:00+00', 4), (null, '2026-03-01 10:00:00.000002+00', 5),
      (null, '2026-02-01 00:00:00+00', 6), ('2026-01-02', '2026-03-01 10:00:00.000001+00', 7), ('2026-01-03', '2026-01-01 00:00:00+00', 8)
    ) as t(due, activity, id)`);
    const keys: SortKey[] = [
      { expr: sql`t.due`, direction: "asc", type: "date", nullable: true },
      { expr: sql`t.activity`, direction: "desc", type: "timestamptz" },
      { expr: sql`t.id`, direction: "asc", type: "int" },
    ];
    const query = (after: Cursor | null, limit: number) =>
      handle.db.execute(sql`select t.id, ${keysetCursorSql(keys)} as cursor from ${values} where ${keysetAfter(keys, after) ?? sql`true`} order by ${sql.join(keysetOrder(keys), sql`, `)} limit ${limit}`);
    // A raw query's JSON: parsed by the driver, or text (the app's queries read it through keysetCursorSql's mapWith).
    const rowsOf = (result: unknown) =>
      ((Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { id: number; cursor: Cursor | string }[]).map((r) => ({
        id: Number(r.id),
        cursor: (typeof r.cursor === "string" ? JSON.parse(r.cursor) : r.cursor) as Cursor,
      }));
    const all = rowsOf(await query(null, 100)).map((r) => r.id);
    expect(all).toEqual([4, 3, 1, 7, 8, 2, 5, 6]);
    const paged: number[] = [];
    for (let after: Cursor | null = null; ; ) {
      const [row] = rowsOf(await query(after, 1));
      if (!row) break;
      paged.push(row.id);
      after = row.cursor;
    }
    expect(paged).toEqual(all);
  });
});

describe("the caseload export", () => {
  it("is the list's rows for the same filter, every page of them, with the page's columns, and is audited with its filter, row count and survivors", async () => {
    const w = await agency();
    const filters: SurvivorFilters = { status: "all", sort: "name" };
    const listed = await allPages((page) => listSurvivors(w.alex, filters, page, "managed", handle.db));
    expect(listed.length).toBe(31);
    expect(listed.length).toBeGreaterThan(PAGE_SIZE);

    const csv = await download(w.alex, "/survivors/export", { status: "all", sort: "name", page: "2" });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("cache-control")).toBe("no-store");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="caseload_${pacificToday()}.csv"`);
    expect(csv.text.startsWith("\uFEFF")).toBe(true);
    const [header, ...rows] = csv.rows;
    expect(header).toEqual(["Client code", "Preferred name", "Pronouns", "Status", "Advocate", "County", "Intake date"]);
    // Every page of the list (the page number is the page's place, not the filter), in its order.
    expect(rows).toEqual(listed.map(caseloadRow));
    // Never an encrypted identity field: no legal name, no phone.
    expect(csv.text).not.toMatch(/Legal Name|555-0101/);

    const event = await lastExportBy(w.alex);
    expect(event).toMatchObject({ targetType: "organization", targetId: w.org.id, details: { list: "caseload", rows: 31, complete: true, survivors: 31 } });
    expect(event.details.filter).toEqual({ scope: "managed", status: "all", county: null, advocateId: null, sort: "name", search: false });
    expect(await includedIn(event.id)).toEqual([...w.alexIds].sort());
  });

  it("follows the filter and every sort through keyset pages, and keeps a search's words out of the audit", async () => {
    const w = await agency();
    // Several intakes share a date and an update time to the millisecond: the cursor must keep the database's precision.
    await handle.db.update(survivors).set({ updatedAt: new Date("2026-01-02T03:04:05.678Z") }).where(inArray(survivors.id, w.alexIds.slice(0, 12)));
    for (const sort of ["name", "client_code", "intake_newest", "updated"] as const) {
      const filters: SurvivorFilters = { status: "active", county: "Pierce", sort };
      const listed = await allPages((page) => listSurvivors(w.lead, filters, page, "managed", handle.db));
      const [, ...rows] = await read(await caseloadExport(w.lead, filters, "managed", handle.db), w.lead, 4);
      expect(rows, `sort ${sort}`).toEqual(listed.map(caseloadRow));
      expect(rows.every((r) => r[5] === "Pierce" && r[3] === "Active")).toBe(true);
    }
    // The lead's organization includes Blair's caseload; Alex's export does not.
    const leads = await read(await caseloadExport(w.lead, { status: "all", sort: "name" }, "managed", handle.db), w.lead, 10);
    expect(leads.length - 1).toBe(34);
    // The search comes sealed in `s` (never a `q` in the link), and the audit keeps only that there was one.
    const alexs = await download(w.alex, "/survivors/export", { status: "all", s: sealSearch(w.alex, "Sam") });
    expect(alexs.rows.length - 1).toBe(31);
    const event = await lastExportBy(w.alex);
    expect(event.details.filter).toMatchObject({ search: true });
    expect(JSON.stringify(event.details)).not.toContain("Sam");
  });

  it("gives a release's recipient the released list's columns, with a name only where the release covers identity", async () => {
    const w = await assignedMatter(handle.db);
    const [survivor] = await handle.db.select().from(survivors).where(eq(survivors.id, w.survivorId));
    await giveRelease(handle.db, w.advocate, w.survivorId, w.office.id, ["criminal_court"]);
    // The legal organization's lead: the release to it covers identity.
    const legal = await download(w.legalLead, "/survivors/export", { scope: "released", status: "all" });
    expect(legal.rows[0]).toEqual(["Client code", "Preferred name", "Pronouns", "Organization"]);
    expect(legal.rows.slice(1)).toEqual([[survivor!.clientCode, survivor!.preferredName, "", w.agency.name]]);
    expect(legal.headers.get("content-disposition")).toContain("survivors-shared-with-us_");
    // The prosecutor's office: a release of court records only, so no name; and never the agency's staff or the county.
    const office = await download(w.prosecutor, "/survivors/export", { status: "all" });
    expect(office.rows).toEqual([
      ["Client code", "Preferred name", "Pronouns", "Organization"],
      [survivor!.clientCode, "Not released", "", w.agency.name],
    ]);
    expect(office.text).not.toContain(survivor!.preferredName);
    expect(office.text).not.toMatch(/Robin Q\. Example|555-0142/);
  });

  it("writes a cell that a spreadsheet would run as a formula as text", async () => {
    const w = await agency();
    const cells: [string, string][] = [
      ['=HYPERLINK("http://evil.example","x")', "-they"],
      ["+1+2", "@SUM(A1)"],
      ["\t=1", "-3+4"],
    ];
    for (const [i, [preferredName, pronouns]] of cells.entries()) await handle.db.update(survivors).set({ preferredName, pronouns }).where(eq(survivors.id, w.blairIds[i]!));
    await handle.db.update(users).set({ name: "=cmd|' /C calc'!A0" }).where(eq(users.id, w.blair.id));
    const csv = await download(w.blair, "/survivors/export", { status: "all" });
    const written = csv.rows.slice(1).flat();
    for (const typed of [...cells.flat(), "=cmd|' /C calc'!A0"]) expect(written).toContain(`'${typed}`);
    expect(written.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});

describe("who may download which list", () => {
  it("refuses a role the list is not for, before reading anything, and audits the refusal; someone signed out is sent to sign in", async () => {
    const w = await assignedMatter(handle.db);
    const partnerOrg = await makeOrganization(handle.db, { type: "service_provider" });
    const partner = await signedIn(handle.db, await makeUser(handle.db, { secondFactor: true, role: "partner", organizationId: partnerOrg.id }));
    const admin = await signedIn(handle.db, await makeUser(handle.db, { secondFactor: true, role: "admin", organizationId: null }));
    const refused: [SessionUser, keyof typeof ROUTES][] = [
      [admin, "/survivors/export"],
      [partner, "/matters/export"],
      [partner, "/matters/hearings/export"],
      [w.prosecutor, "/referrals/export"],
      [w.advocate, "/matters/hours/export"],
      [w.lead, "/admin/users/export"],
      [w.attorney, "/admin/audit/export"],
    ];
    for (const [who, route] of refused) {
      const answer = await download(who, route);
      expect(answer.status, `${who.role} · ${route}`).toBe(403);
      expect(answer.headers.get("content-type")).toMatch(/^text\/plain/);
      const [denied] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "access.denied"), eq(auditEvents.actorUserId, who.id))).orderBy(desc(auditEvents.id)).limit(1);
      expect(denied?.details.path).toBe(route);
    }
    expect(await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.downloaded"), inArray(auditEvents.actorUserId, [admin.id, partner.id])))).toEqual([]);
    const signedOut = await download(null, "/survivors/export").catch((error: unknown) => nextSignal(error));
    expect(signedOut).toMatchObject({ redirect: expect.stringMatching(/^\/sign-in/) });
  });

  it("gives an attorney the matter list's rows cut by matterAccess: courts only on the matters they work, nothing on their colleagues'", async () => {
    const w = await assignedMatter(handle.db);
    // A second survivor's matter with the same legal organization, not assigned: the other attorney's row only.
    const second = await createSurvivor(w.advocate, { idempotencyKey: newIdempotencyKey(), preferredName: unique("Kai"), intakeDate: "2026-10-02", duplicateDecision: "create_anyway" }, meta, handle.db);
    if (second.status !== "created") throw new Error("intake stopped");
    await giveRelease(handle.db, w.advocate, second.id, w.legal.id, ["identity_contact", "criminal_court"]);
    const conviction = await addConviction(w.advocate, prostitutionConviction(second.id, { courtName: "Tacoma Municipal Court" }), meta, handle.db);
    await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: second.id, convictionIds: [conviction.id], legalOrganizationId: w.legal.id }, meta, handle.db);

    const header = ["Client code", "Court", "Status", "Suspended (no release)", "Attorney", "Legal organization", "Next due", "Next due for", "Past due", "Days since activity", "Stale"];
    for (const [who, filters] of [
      [w.attorney, { status: "all", scope: "organization", stale: false }],
      [w.orgAttorney, { status: "all", scope: "organization", stale: false }],
      [w.lead, { status: "open", scope: "mine", stale: false }],
    ] as const) {
      const listed = await allPages((page) => listMatters(who, filters, page, handle.db));
      const rows = await read(mattersExport(who, filters), who, 1);
      expect(rows[0]).toEqual(header);
      expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual(listed.map((m) => [m.clientCode, m.courts ?? "", m.attorneyName ?? ""]));
      expect(rows.slice(1).map((r) => r[6])).toEqual(listed.map((m) => m.nextDate ?? ""));
    }
    const attorneys = await read(mattersExport(w.attorney, { status: "all", scope: "organization", stale: false }), w.attorney, 5);
    expect(attorneys.flat()).toContain("Seattle Municipal Court");
    // Not on either matter: the rows, never a court (criminal-history records a release to the organization does not open to them).
    const colleagues = await download(w.orgAttorney, "/matters/export", { status: "all", scope: "organization" });
    expect(colleagues.rows.length).toBe(3);
    expect(colleagues.text).not.toMatch(/Seattle Municipal Court|Tacoma Municipal Court/);
  });
});

describe("the other lists", () => {
  it("exports referrals, hearings, users and the audit trail as their pages list them", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    // Referrals: three to a partner, read back by the partner.
    const shelter = await makeOrganization(db, { type: "service_provider" });
    await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, shelter.id));
    const staff = await signedIn(db, await makeUser(db, { secondFactor: true, role: "partner", organizationId: shelter.id }));
    for (let i = 0; i < 3; i += 1) {
      await createReferral(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: shelter.id, service: "housing", urgency: "soon", reason: `Need ${i}`, mode: "anonymous", send: true }, meta, db);
    }
    const referralFilters = { status: "all", overdue: false } as const;
    const referrals = await allPages((page) => listReferrals(staff, referralFilters, page, db));
    const referralRows = await read(referralsExport(staff, referralFilters), staff, 2);
    expect(referralRows[0]).toEqual(["Client code", "Service", "From", "To", "Urgency", "Status", "Overdue", "Sent (Pacific)", "Last change (Pacific)"]);
    expect(referralRows.slice(1).map((r) => [r[0], r[2], r[3]])).toEqual(referrals.map((r) => [r.clientCode, r.fromName, r.toName]));
    expect(referralRows.length - 1).toBe(3);
    expect(referralRows.flat().join(" ")).not.toMatch(/Need \d/);

    // Hearings: three on the assigned matter, two at the same minute.
    const at = (days: number) => new Date(Date.now() + days * 86_400_000);
    await db.insert(matterHearings).values([
      { matterId: w.matterId, startsAt: at(10), place: "Courtroom 1", createdBy: w.attorney.id },
      { matterId: w.matterId, startsAt: at(20), place: "Courtroom 2", createdBy: w.attorney.id },
      { matterId: w.matterId, startsAt: at(20), place: "Courtroom 3", createdBy: w.attorney.id },
    ]);
    const hearings = await allPages((page) => listHearings(w.attorney, "upcoming", page, db));
    const hearingRows = await read(hearingsExport(w.attorney, "upcoming"), w.attorney, 1);
    expect(hearingRows.slice(1).map((r) => [r[0], r[3], r[4]])).toEqual(hearings.map((h) => [csvDateTime(h.startsAt), h.clientCode, hearingLocation(h.court, h.place)]));
    expect(hearingRows.length - 1).toBe(3);
    expect((await read(hearingsExport(w.advocate, "upcoming"), w.advocate, 2)).length - 1).toBe(3);

    // Users: thirty people of one organization (two pages of the admin's list).
    const admin = await signedIn(db, await makeUser(db, { secondFactor: true, role: "admin", organizationId: null }));
    const org = await makeOrganization(db, { type: "service_provider" });
    for (let i = 0; i < 30; i += 1) await makeUser(db, { secondFactor: true, role: "advocate", organizationId: org.id });
    const userFilters = { organizationId: org.id, status: "all" } as const;
    const listedUsers = await allPages((page) => listUsers(admin, userFilters, page, db));
    const userCsv = await download(admin, "/admin/users/export", { organizationId: org.id, status: "all", page: "2" });
    expect(userCsv.rows[0]).toEqual(["Name", "Email", "Role", "Organization", "Status", "Locked until (Pacific)", "Approval", "Last sign-in (Pacific)"]);
    expect(userCsv.rows.slice(1).map((r) => [r[0], r[1]])).toEqual(listedUsers.map((u) => [u.name, u.email]));
    expect(userCsv.rows.length - 1).toBe(30);
    expect(userCsv.text).not.toMatch(/\$argon2|scrypt/);

    // The audit trail: the advocate's events, newest first, all of them.
    const auditFilters = { user: w.advocate.id };
    const events: number[] = [];
    for (let before: number | undefined; ; ) {
      const page = await listAuditEvents(admin, { ...auditFilters, before }, { pageSize: 7 }, db);
      events.push(...page.items.map((e) => e.id));
      if (!page.olderCursor) break;
      before = page.olderCursor;
    }
    const auditRows = await read(auditExport(admin, auditFilters), admin, 5);
    expect(auditRows[0]).toEqual(["When (Pacific)", "Who", "Role", "Action", "Target", "IP address", "User agent", "Details", "Event id"]);
    expect(auditRows.slice(1).map((r) => Number(r[8]))).toEqual(events);
    expect(events.length).toBeGreaterThan(7);
    const badPeriod = await download(admin, "/admin/audit/export", { from: "2026-05-02", to: "2026-05-01" });
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.text).toMatch(/^To: /);
  });
});

describe("the Access tab", () => {
  it("shows each export that included the survivor, with who and when, among the views, in keyset pages; not on a survivor left out", async () => {
    const w = await agency();
    const [included, excluded] = [w.alexIds[1]!, w.alexIds[2]!];
    await handle.db.update(survivors).set({ county: "Pierce" }).where(eq(survivors.id, included));
    await handle.db.update(survivors).set({ county: "King" }).where(eq(survivors.id, excluded));
    await getSurvivorPage(w.alex, included, meta, {}, handle.db);
    await download(w.lead, "/survivors/export", { status: "all", county: "Pierce" });
    await getSurvivorPage(w.alex, included, meta, {}, handle.db);
    const exportEvent = await lastExportBy(w.lead);
    expect(exportEvent.details).toMatchObject({ list: "caseload", filter: { county: "Pierce" } });

    const log = await listAccessLog(w.alex, included, {}, handle.db);
    expect(log.entries.map((e) => [e.action, e.list])).toEqual([
      ["survivor.viewed", null],
      ["export.downloaded", "caseload"],
      ["survivor.viewed", null],
    ]);
    expect(log.entries[1]).toMatchObject({ id: exportEvent.id, userName: w.lead.name, role: "program_lead" });
    // One entry a page: the export is its own page between the two views.
    const first = await listAccessLog(w.alex, included, { limit: 1 }, handle.db);
    const second = await listAccessLog(w.alex, included, { limit: 1, before: first.nextBefore! }, handle.db);
    const third = await listAccessLog(w.alex, included, { limit: 1, before: second.nextBefore! }, handle.db);
    expect([first, second, third].map((p) => p.entries.map((e) => e.action))).toEqual([["survivor.viewed"], ["export.downloaded"], ["survivor.viewed"]]);
    expect(third.nextBefore).toBeNull();

    const left = await listAccessLog(w.alex, excluded, {}, handle.db);
    expect(left.entries.filter((e) => e.action === "export.downloaded")).toEqual([]);
  });

  it("still records what was sent when the client goes away mid-file, marked incomplete", async () => {
    const db = handle.db;
    const org = await makeOrganization(db, { type: "service_provider" });
    const advocate = await signedIn(db, await makeUser(db, { secondFactor: true, role: "advocate", organizationId: org.id }));
    // A caseload larger than every buffer between the database and the client.
    const tag = unique("X").slice(2).toUpperCase();
    await db.execute(sql`
      insert into survivors (id, organization_id, client_code, preferred_name, preferred_name_key, intake_date, assigned_advocate_id, demographics, safe_contact, status)
      select gen_random_uuid(), ${org.id}, ${`CW-${tag}-`} || lpad(g::text, 5, '0'), 'Person ' || g, 'person ' || g, current_date, ${advocate.id},
        '{"genderIdentity":"not_reported","raceEthnicity":"not_reported","ageBand":"not_reported"}'::jsonb,
        '{"channels":[],"safeTimes":null,"mayIdentifyAgency":"not_asked"}'::jsonb, 'active'
      from generate_series(1, 3000) g`);
    const spec = await caseloadExport(advocate, { status: "all", sort: "client_code" }, "managed", db);
    const reader = exportStream(spec, { actor: advocate, meta, db, pageSize: 100 }).getReader();
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain("Client code");
    await reader.cancel();
    const event = await lastExportBy(advocate);
    expect(event.details).toMatchObject({ list: "caseload", complete: false });
    // Its start was on record before the first row was read (a crash mid-file still leaves that).
    const [started] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.started"), eq(auditEvents.actorUserId, advocate.id)));
    expect(started!.details).toEqual({ list: "caseload", filter: event.details.filter });
    expect(started!.id).toBeLessThan(event.id);
    expect(event.details.startedEventId).toBe(started!.id);
    const sent = event.details.rows as number;
    expect(sent).toBeGreaterThan(0);
    expect(sent).toBeLessThan(3000);
    const included = await includedIn(event.id);
    expect(included.length).toBe(sent);
    // The first rows in the list's order: exactly the ones handed to the file.
    const first = await db.select({ id: survivors.id }).from(survivors).where(eq(survivors.organizationId, org.id)).orderBy(survivors.clientCode).limit(sent);
    expect(included).toEqual(first.map((r) => r.id).sort());
  });
});
