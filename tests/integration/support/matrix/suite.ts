import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../../../db/client";
import { userSessions } from "../../../../db/schema/auth";
import { survivors } from "../../../../db/schema/survivors";
import { getCurrentUser } from "../../../../lib/auth/session";
import { openTestDatabase } from "../database";
import { ACTIONS } from "./actions";
import { cellsFor } from "./cells";
import { HANDLERS } from "./handlers";
import { actionKey, loadModule, readInventory } from "./inventory";
import { PAGES } from "./pages";
import { as, currentDb, isolated, useDatabase } from "./request";
import { changeDetector, type ChangeDetector } from "./snapshot";
import { buildWorld, CAST, RELEASE_STATES, type ReleaseState, type World } from "./world";

// The authorization matrix's tests for one release state (tests/integration/authorization-matrix-*.test.ts,
// one file per state, each with the module mocks that must sit in a test file). One file per state
// keeps each file's 1,000-odd cells a test run's ordinary size: as one file of 5,000 tests, a loaded
// two-core machine once took longer than vitest's fixed 60 s to answer the worker's progress report,
// and the run failed with every test passed.

/** The matrix for `state`; the first state's file also checks that the matrix lists the whole app. */
export function matrixSuite(state: ReleaseState): void {
  const inventory = readInventory();
  const tally = { cells: 0, refused: 0, controls: 0 };

  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openTestDatabase();
    useDatabase(handle);
  });
  afterAll(async () => {
    console.log(`authorization matrix, ${state}: ${tally.cells} cells, ${tally.refused} refused (and ${tally.controls} controls: the same calls succeed for someone allowed)`);
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

  if (state === RELEASE_STATES[0]) describe("the matrix covers the whole app", () => {
    it("every page", () => compare("page", inventory.pages.keys(), PAGES.map((p) => p.route)));
    it("every route handler", () => compare("route handler", inventory.handlers.keys(), HANDLERS.map((h) => h.route)));
    it("every exported server action", async () => {
      expect(inventory.inlineActionFiles, "inline server actions (a function body starting with \"use server\") are not in the matrix").toEqual([]);
      const exported: string[] = [];
      for (const file of inventory.actionFiles) exported.push(...Object.keys(await loadModule(file)).map((name) => actionKey(file, name)));
      compare("server action", exported, ACTIONS.map((a) => a.key));
    });
  });

  {
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
}
