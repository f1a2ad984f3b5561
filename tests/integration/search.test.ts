import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { userSessions } from "../../db/schema/auth";
import { organizations } from "../../db/schema/organizations";
import { survivors } from "../../db/schema/survivors";
import { startSession, type SessionUser } from "../../lib/auth/sessions";
import { newIdempotencyKey } from "../../lib/idempotency";
import { referralTitle, matterTitle, survivorTitle } from "../../lib/record-titles";
import { createReferral } from "../../lib/referrals/commands";
import { createSurvivor, updateSurvivor } from "../../lib/survivors/commands";
import { listSurvivors } from "../../lib/survivors/queries/caseload";
import { getSurvivorForEdit } from "../../lib/survivors/queries/record";
import { backfillSearchTokens } from "../../lib/survivors/search-backfill";
import type { IntakeInput } from "../../lib/survivors/schema";
import { caseloadFiltersOf, SEARCH_EXPIRED_MESSAGE } from "../../lib/survivors/sealed-search";
import { openTestDatabase } from "./support/database";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { assignedMatter } from "./support/matter-world";
import { nextSignal, renderedText } from "./support/matrix/render";
import { as, useDatabase } from "./support/matrix/request";

// Finding a survivor: by a piece of the client code, the start of the preferred name, or exactly a
// legal name word, an alias (or one of its words) or the date of birth, in any case and with or
// without accents — only ever among the records the caller manages. Names in these tests repeat on
// purpose across organizations: each agency's search must meet its own record and never the other's.

// The search form's handler, the list page and its export run in-process with a real session, as in
// the authorization matrix: only the framework's edges are stood in for.
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

const FILTERS = { status: "all", sort: "name" } as const;
const PERSON = { legalName: "María José Quintero", aliases: "Estrella Luz\nMJ Q", dateOfBirth: "1990-03-14" };

async function agency() {
  const db = handle.db;
  const org = await makeOrganization(db, { type: "service_provider" });
  const person = async (role: "advocate" | "program_lead") => signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId: org.id }));
  return { org, advocate: await person("advocate"), colleague: await person("advocate"), lead: await person("program_lead") };
}

async function intake(me: SessionUser, overrides: Partial<IntakeInput> = {}) {
  const result = await createSurvivor(
    me,
    { idempotencyKey: newIdempotencyKey(), preferredName: unique("Sunny"), intakeDate: "2026-10-01", duplicateDecision: "create_anyway", ...PERSON, ...overrides },
    meta,
    handle.db,
  );
  if (result.status !== "created") throw new Error("intake stopped");
  return result;
}

const found = async (me: SessionUser, q: string, scope: "managed" | "released" = "managed") =>
  (await listSurvivors(me, { ...FILTERS, q }, 1, scope, handle.db)).items.map((s) => s.id);

async function tokensOf(id: string): Promise<string[] | null> {
  const [row] = await handle.db.select({ tokens: survivors.searchTokens }).from(survivors).where(eq(survivors.id, id));
  return row!.tokens;
}

describe("finding a survivor", () => {
  it("finds the advocate's survivor by code part, preferred-name prefix, legal name words, alias, alias word and date of birth, in any case or accents", async () => {
    const a = await agency();
    const mine = await intake(a.advocate, { preferredName: "Sunflower" });
    const queries = [
      mine.clientCode.slice(-5), // "00042"
      mine.clientCode.slice(3), // "2026-00042"
      mine.clientCode.toLowerCase(),
      "sunfl",
      "María",
      "maria",
      "MARIA",
      "Quintero",
      "quíntero",
      "maria   QUINTERO",
      "maria jose quintero",
      "Estrella Luz",
      "estrella",
      "LUZ",
      "mj q",
      "1990-03-14",
      "3/14/1990",
      "Mar 14, 1990",
    ];
    for (const q of queries) expect(await found(a.advocate, q), q).toEqual([mine.id]);
    // the organization's lead finds it too; a colleague without it on their caseload does not
    for (const q of ["maria", "estrella", "3/14/1990", mine.clientCode.slice(-5)]) {
      expect(await found(a.lead, q), q).toEqual([mine.id]);
      expect(await found(a.colleague, q), q).toEqual([]);
    }
    // exact words and dates only: no prefix of a legal name or alias, no other date, no stray word
    for (const q of ["mari", "quint", "estrel", "3/15/1990", "maria lopez", "1990"]) expect(await found(a.advocate, q), q).toEqual([]);
  });

  it("never finds another organization's survivor, by any of these, for its advocate or its lead", async () => {
    const a = await agency();
    const b = await agency();
    const theirs = await intake(a.advocate, { preferredName: "Sunflower" });
    // The other agency serves someone with the same name, aliases and birthday.
    const ours = await intake(b.advocate, { preferredName: "Sunflower" });
    const queries = ["sunflower", "maria", "quintero", "María José Quintero", "estrella luz", "luz", "1990-03-14", "3/14/1990"];
    for (const me of [b.advocate, b.lead]) {
      for (const q of queries) expect(await found(me, q), q).toEqual([ours.id]);
      expect(await found(me, theirs.clientCode)).toEqual([]);
      expect(await found(me, theirs.clientCode, "released")).toEqual([]);
    }
    for (const q of queries) expect(await found(a.lead, q), q).toEqual([theirs.id]);
    // Nothing about the other agency's record is searchable with this agency's tokens.
    const [tokensA, tokensB] = [await tokensOf(theirs.id), await tokensOf(ours.id)];
    expect(tokensA!.length).toBeGreaterThan(5);
    expect(tokensA!.filter((t) => tokensB!.includes(t))).toEqual([]);
  });

  it("keeps only keyed hashes of the tokens: no normalized name or date in the database", async () => {
    const a = await agency();
    const { id } = await intake(a.advocate, { preferredName: "Sol" });
    const tokens = (await tokensOf(id))!;
    for (const token of tokens) expect(token).toMatch(/^[0-9a-f]{32}$/);
    // the raw row, as a backup or a database administrator would see it
    const raw = JSON.stringify(await handle.db.execute(sql`select row_to_json(s)::text as json from survivors s where id = ${id}`)).toLowerCase();
    expect(raw).toContain(tokens[0]);
    // The encrypted cells are random base64 and may spell anything ("…stluzq…" once failed this test):
    // they are set aside, and what is left must hold no plain name or date.
    const ciphertext = /v1\.[0-9a-z_-]+\.[0-9a-z_-]+\.[0-9a-z_-]+/g;
    expect(raw.match(ciphertext)?.length ?? 0).toBeGreaterThanOrEqual(3);
    const rest = raw.replace(ciphertext, "<encrypted>");
    for (const plain of ["maria", "quintero", "estrella", "luz", "1990-03-14", "name:", "dob:"]) expect(rest).not.toContain(plain);
  });

  it("follows an edit of the aliases: the old alias no longer finds the record, the new one does", async () => {
    const a = await agency();
    const { id } = await intake(a.advocate);
    const before = await tokensOf(id);
    const { clientCode: _code, ...values } = await getSurvivorForEdit(a.advocate, id, meta, handle.db);
    await updateSurvivor(a.advocate, { ...values, id, version: 1, aliases: "Paloma Ríos" }, meta, handle.db);
    expect(await tokensOf(id)).not.toEqual(before);
    expect(await found(a.advocate, "estrella")).toEqual([]);
    expect(await found(a.advocate, "paloma rios")).toEqual([id]);
    expect(await found(a.advocate, "RÍOS")).toEqual([id]);
    expect(await found(a.advocate, "quintero")).toEqual([id]);
  });

  it("fills missing tokens at start-up with the app's key, and does nothing the second time", async () => {
    const a = await agency();
    const { id } = await intake(a.advocate);
    const { id: unreadable } = await intake(a.advocate);
    const written = await tokensOf(id);
    const [damaged] = await handle.db.select({ legalNameEnc: survivors.legalNameEnc }).from(survivors).where(eq(survivors.id, unreadable));
    await handle.db.update(survivors).set({ searchTokens: null }).where(eq(survivors.organizationId, a.org.id));
    // a record whose key is not configured stays unfilled (counted), and does not stop the others
    await handle.db.update(survivors).set({ legalNameEnc: "v1.nokey123.AAAA.AAAA" }).where(eq(survivors.id, unreadable));
    try {
      expect(await found(a.advocate, "quintero")).toEqual([]);

      const first = await backfillSearchTokens(handle.db, { batchSize: 1 });
      expect(first.filled).toBeGreaterThanOrEqual(1);
      expect(first.unreadable).toBeGreaterThanOrEqual(1);
      expect(await tokensOf(id)).toEqual(written);
      expect(await tokensOf(unreadable)).toBeNull();
      expect(await found(a.advocate, "quintero")).toEqual([id]);

      const second = await backfillSearchTokens(handle.db);
      expect(second.filled).toBe(0);
    } finally {
      await handle.db.update(survivors).set({ legalNameEnc: damaged!.legalNameEnc }).where(eq(survivors.id, unreadable));
      await backfillSearchTokens(handle.db);
    }
    expect(await found(a.advocate, "quintero")).toEqual(expect.arrayContaining([id, unreadable]));
  });
});

describe("a search in the URL, sealed (no search text in any URL: SECURITY.md 14.2.1)", () => {
  /** The caseload's filter form posted as `me`: the handler's answer and where it sends the browser. */
  async function post(me: SessionUser, form: Record<string, string>, headers: Record<string, string> = {}) {
    const { POST } = await import("../../app/(app)/survivors/search/route");
    as(me.sessionId, "/survivors/search");
    const response = await POST(new Request("http://localhost/survivors/search", { method: "POST", body: new URLSearchParams(form), headers }));
    const location = response.headers.get("location") ?? "";
    return { status: response.status, location, params: Object.fromEntries(new URL(location, "http://localhost").searchParams) };
  }

  /** The list page as `me` with these URL parameters: its text (links included), or the redirect it answers with. */
  async function page(me: SessionUser, searchParams: Record<string, string>) {
    const { default: Page } = await import("../../app/(app)/survivors/page");
    as(me.sessionId, "/survivors");
    try {
      return { text: await renderedText(Page({ params: Promise.resolve({}), searchParams: Promise.resolve(searchParams) } as never)) };
    } catch (error) {
      const signal = nextSignal(error);
      if (!signal) throw error;
      return signal;
    }
  }

  async function exported(me: SessionUser, query: Record<string, string>) {
    const { GET } = await import("../../app/(app)/survivors/export/route");
    as(me.sessionId, "/survivors/export");
    const response = await GET(new Request(`http://localhost/survivors/export?${new URLSearchParams(query)}`));
    return { status: response.status, text: await response.text() };
  }

  it("lists exactly what the same search found, on the page and in its export, with the search in no URL and no link", async () => {
    const a = await agency();
    const mine = await intake(a.advocate, { preferredName: "Sunflower" });
    const other = await intake(a.advocate, { preferredName: "Marigold", legalName: "Ana Lopez", aliases: "", dateOfBirth: "1985-01-02" });
    for (const q of ["Estrella Luz", "quíntero", "3/14/1990", mine.clientCode.slice(-5), "sunfl"]) {
      const answer = await post(a.advocate, { q, status: "all", county: "", sort: "name" });
      expect(answer.status, q).toBe(303);
      expect(answer.location, q).toMatch(/^\/survivors\?status=all&sort=name&s=[A-Za-z0-9_-]+$/);
      for (const word of q.split(/\s+/)) expect(decodeURIComponent(answer.location).toLowerCase(), q).not.toContain(word.toLowerCase());

      const { filters, searchExpired } = caseloadFiltersOf(a.advocate, answer.params);
      expect(searchExpired).toBe(false);
      expect((await listSurvivors(a.advocate, filters, 1, "managed", handle.db)).items.map((s) => s.id), q).toEqual(await found(a.advocate, q));

      const shown = await page(a.advocate, answer.params);
      if (!("text" in shown)) throw new Error(`the page answered ${JSON.stringify(shown)}`);
      expect(shown.text, q).toContain(mine.clientCode);
      expect(shown.text, q).not.toContain(other.clientCode);
      // the export link carries the sealed search; no link carries a q
      expect(shown.text).toContain(`/survivors/export?status=all&sort=name&s=${answer.params.s}`);
      expect(shown.text).not.toMatch(/[?&]q=/);

      const csv = await exported(a.advocate, answer.params);
      expect(csv.status).toBe(200);
      expect(csv.text).toContain(mine.clientCode);
      expect(csv.text).not.toContain(other.clientCode);
    }
  });

  it("finds nothing with another session's search, says it has expired, and never shows the unsearched list in its place", async () => {
    const a = await agency();
    const mine = await intake(a.advocate, { preferredName: "Sunflower" });
    const { params } = await post(a.advocate, { q: "quintero", status: "all", sort: "name" });
    // the lead would find the record with the same search, and sees it in the unsearched list
    expect(await found(a.lead, "quintero")).toEqual([mine.id]);
    // the same advocate, signed in again (another browser): another session
    const againId = await startSession(handle.db, { userId: a.advocate.id, now: new Date(), maxHours: 12, ip: null, userAgent: "vitest" });
    await handle.db.update(userSessions).set({ secondFactorAt: new Date() }).where(eq(userSessions.id, againId));
    const again = { ...a.advocate, sessionId: againId };
    for (const someone of [a.lead, again]) {
      expect(caseloadFiltersOf(someone, params)).toMatchObject({ searchExpired: true, fieldErrors: { q: [SEARCH_EXPIRED_MESSAGE] } });
      const shown = await page(someone, params);
      if (!("text" in shown)) throw new Error(`the page answered ${JSON.stringify(shown)}`);
      expect(shown.text).toContain(SEARCH_EXPIRED_MESSAGE);
      expect(shown.text).not.toContain(mine.clientCode);
      const csv = await exported(someone, params);
      expect(csv.status).toBe(400);
      expect(csv.text).toContain(SEARCH_EXPIRED_MESSAGE);
      expect(csv.text).not.toContain(mine.clientCode);
    }
    // A q in a URL is not read: the page drops it (keeping the other filters), the export refuses it.
    expect(await page(a.advocate, { status: "all", q: "quintero" })).toEqual({ redirect: "/survivors?status=all" });
    expect((await exported(a.advocate, { status: "all", q: "quintero" })).status).toBe(400);
  });

  it("is refused to someone who may not open the list, and to a post from another site, before anything is sealed", async () => {
    const admin = await signedIn(handle.db, await makeUser(handle.db, { secondFactor: true, role: "admin", organizationId: null }));
    const a = await agency();
    for (const [who, headers] of [
      [admin, {}],
      [a.advocate, { "sec-fetch-site": "cross-site" }],
      [a.advocate, { "sec-fetch-site": "same-site" }],
      [a.advocate, { origin: "https://evil.example", host: "localhost" }],
    ] as const) {
      const answer = await post(who, { q: "quintero" }, headers);
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.location).toBe("");
    }
    // A browser's own form post (Origin is "null" under Referrer-Policy: no-referrer) goes through.
    expect((await post(a.advocate, { q: "quintero" }, { "sec-fetch-site": "same-origin", origin: "null" })).status).toBe(303);
  });
});

describe("page titles", () => {
  it("name a survivor, matter and referral by client code for whoever may open them, and nothing for anyone else", async () => {
    const w = await assignedMatter(handle.db);
    const [{ clientCode }] = (await handle.db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, w.survivorId))) as [{ clientCode: string }];
    const shelter = await makeOrganization(handle.db, { type: "service_provider" });
    await handle.db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, shelter.id));
    const shelterStaff = await signedIn(handle.db, await makeUser(handle.db, { secondFactor: true, role: "partner", organizationId: shelter.id }));
    const referral = await createReferral(
      w.advocate,
      { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: shelter.id, service: "housing", urgency: "urgent", reason: "A safe bed", mode: "anonymous", send: true },
      meta,
      handle.db,
    );
    const other = await agency();

    expect(await survivorTitle(w.advocate, w.survivorId, handle.db)).toBe(clientCode);
    expect(await survivorTitle(w.lead, w.survivorId, handle.db)).toBe(clientCode);
    expect(await matterTitle(w.attorney, w.matterId, handle.db)).toBe(clientCode);
    expect(await referralTitle(shelterStaff, referral.id, handle.db)).toBe(clientCode);

    for (const outsider of [w.colleague, other.advocate, other.lead, w.otherProsecutor, w.outsideAttorney]) {
      expect(await survivorTitle(outsider, w.survivorId, handle.db)).toBeNull();
      expect(await matterTitle(outsider, w.matterId, handle.db)).toBeNull();
      expect(await referralTitle(outsider, referral.id, handle.db)).toBeNull();
    }
    // the other attorney of the legal organization sees the matter's row in a list, but cannot open it
    expect(await matterTitle(w.orgAttorney, w.matterId, handle.db)).toBeNull();
    expect(await survivorTitle(null, w.survivorId, handle.db)).toBeNull();
    expect(await survivorTitle(w.advocate, "not-a-uuid", handle.db)).toBeNull();
  });
});
