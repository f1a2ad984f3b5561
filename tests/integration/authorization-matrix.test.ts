import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { userSessions } from "../../db/schema/auth";
import { survivors } from "../../db/schema/survivors";
import { getCurrentUser } from "../../lib/auth/session";
import { ACTIONS } from "./support/matrix/actions";
import { cellsFor } from "./support/matrix/cells";
import { HANDLERS } from "./support/matrix/handlers";
import { actionKey, loadModule, readInventory } from "./support/matrix/inventory";
import { PAGES } from "./support/matrix/pages";
import { as, currentDb, isolated, useDatabase } from "./support/matrix/request";
import { changeDetector, type ChangeDetector } from "./support/matrix/snapshot";
import { buildWorld, CAST, RELEASE_STATES, type World } from "./support/matrix/world";
import { openTestDatabase } from "./support/database";

// The authorization matrix (issue 10): every page, route handler and server action of the app, called
// in-process by every member of a cast of users (and by nobody signed in) with records they must not
// touch, in four release states: all releases live, the release to the legal organization revoked,
// the same release expired, and the release to the partner organization revoked. Every cell must be
// refused (or show nothing it must not) and leave the world's rows as they were.
//
// Only the framework's edges are stood in for: Auth.js's cookie reader (lib/auth/config), next/headers,
// next/cache and the database handle. Sessions are real rows resolved by the real lib/auth/session, so
// requireUser, requirePermission, the 403/404 answers and the denial audit all run as in production.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);
// next.config.ts enables experimental.authInterrupts, which is what lets forbidden() throw its 403.
process.env.__NEXT_EXPERIMENTAL_AUTH_INTERRUPTS = "true";

const inventory = readInventory();
const tally = { cells: 0, refused: 0, controls: 0 };

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
});
afterAll(async () => {
  console.log(`authorization matrix: ${tally.cells} cells, ${tally.refused} refused (and ${tally.controls} controls: the same calls succeed for someone allowed)`);
  await handle.close();
});

// Each cell's transaction is rolled back, so a session's "last seen" never moves on by itself: touch
// the cast's sessions every few seconds, as their open pages would, so the session check has nothing
// to record (it notes activity at most every 15 seconds) and none ends for being idle.
let sessionsTouchedAt = 0;
async function keepSessionsAlive(world: World) {
  if (Date.now() - sessionsTouchedAt < 5_000) return;
  const ids = CAST.map((who) => world.people[who].sessionId);
  await handle.db.update(userSessions).set({ lastSeenAt: new Date() }).where(inArray(userSessions.id, ids));
  sessionsTouchedAt = Date.now();
}

function compare(kind: string, found: Iterable<string>, listed: Iterable<string>) {
  const inApp = new Set(found);
  const inMatrix = new Set(listed);
  const missing = [...inApp].filter((k) => !inMatrix.has(k)).map((k) => `new ${kind} ${k} is not in the authorization matrix`);
  const gone = [...inMatrix].filter((k) => !inApp.has(k)).map((k) => `the authorization matrix lists ${kind} ${k}, which no longer exists`);
  expect([...missing, ...gone]).toEqual([]);
}

describe("the matrix covers the whole app", () => {
  it("every page", () => compare("page", inventory.pages.keys(), PAGES.map((p) => p.route)));
  it("every route handler", () => compare("route handler", inventory.handlers.keys(), HANDLERS.map((h) => h.route)));
  it("every exported server action", async () => {
    expect(inventory.inlineActionFiles, "inline server actions (a function body starting with \"use server\") are not in the matrix").toEqual([]);
    const exported: string[] = [];
    for (const file of inventory.actionFiles) exported.push(...Object.keys(await loadModule(file)).map((name) => actionKey(file, name)));
    compare("server action", exported, ACTIONS.map((a) => a.key));
  });
});

for (const state of RELEASE_STATES) {
  describe(state, () => {
    let world: World;
    let rows: ChangeDetector;
    beforeAll(async () => {
      world = await buildWorld(handle.db, state);
      rows = await changeDetector(handle.db, world.ids, world.tag);
    });

    // A refusal proves something only if the caller was signed in and a change would have been seen.
    it("every member of the cast is signed in", async () => {
      for (const who of CAST) {
        as(world.people[who].sessionId);
        expect((await getCurrentUser())?.id, `${who} is signed in`).toBe(world.people[who].id);
      }
    });
    it("a change to the world's rows is seen", async () => {
      const rename = () => currentDb().update(survivors).set({ pronouns: "they/them" }).where(eq(survivors.id, world.survivorId));
      await isolated(async () => expect((await rows.during(async () => undefined)).changed).toEqual([]));
      await isolated(async () => expect((await rows.during(rename)).changed).toEqual(["survivors"]));
      expect(await rows.changedNow(), "each cell's changes are rolled back").toEqual([]);
    });

    for (const cell of cellsFor(state, state === RELEASE_STATES[0])) {
      it(cell.name, async () => {
        await keepSessionsAlive(world);
        if (!cell.control) tally.cells += 1;
        await isolated(() => cell.run(world, rows, inventory));
        if (cell.control) tally.controls += 1;
        else tally.refused += 1;
      });
    }
  });
}
