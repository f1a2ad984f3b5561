import { expect } from "vitest";
import type { ActionResult } from "../../../../lib/action-result";
import { ACTIONS, reader, type ActionEntry } from "./actions";
import { MARKERS, type PageReach } from "./expectations";
import { HANDLERS, type HandlerEntry, type HandlerReach } from "./handlers";
import { loadModule, type Inventory } from "./inventory";
import { PAGES, type PageEntry, type PageQuery } from "./pages";
import { nextSignal, renderedText } from "./render";
import { as, currentDb } from "./request";
import type { ChangeDetector } from "./snapshot";
import { CAST, type Caller, type Marker, type Member, type ReleaseState, type World } from "./world";

// One cell = one call: a member of the cast (or nobody) opens one page, requests one handler, or
// calls one server action, with records they must not touch, in one release state. Each cell checks
// the answer and that the world's rows are as they were.
//
// Someone signed out is refused before any record is read, whatever the releases say: those cells
// run in the first release state only. So do the controls: the same call made by someone allowed to
// make it succeeds, which proves the refusals are about who asks, not about an input naming nothing.

type Cell = { name: string; control: boolean; run: (w: World, rows: ChangeDetector, inventory: Inventory) => Promise<void> };

const CALLERS: readonly Caller[] = [...CAST, "anonymous"];
const SIGN_IN = /^redirect → \/sign-in(\?|$)/;
const REFUSED_PAGE = /^(404|403)$/;
const REFUSED_ACTION = /^(not_found|forbidden):/;

type Outcome<T> = { value: T } | { redirect: string } | { status: number };

function fill(route: string, params: Record<string, string>): string {
  return route.replace(/\[(\w+)\]/g, (_, name: string) => params[name] ?? `[${name}]`);
}

function signIn(w: World, who: Caller, path: string) {
  as(who === "anonymous" ? null : w.people[who].sessionId, path);
}

function shown(text: string, w: World, markers: readonly Marker[]): Marker[] {
  return markers.filter((m) => text.includes(w.markers[m]));
}

/** Makes the call, turning Next.js's notFound()/forbidden()/redirect() into what the browser would get. */
async function settle<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await call() };
  } catch (error) {
    const signal = nextSignal(error);
    if (!signal) throw error;
    return signal;
  }
}

/** Makes the call and fails if it changed any of the world's rows. */
async function unchanged<T>(rows: ChangeDetector, call: () => Promise<T>): Promise<Outcome<T>> {
  const { outcome, changed } = await rows.during(() => settle(call));
  expect.soft(changed, "tables whose rows this call changed").toEqual([]);
  return outcome;
}

function signalAnswer(outcome: { redirect: string } | { status: number }): string {
  return "redirect" in outcome ? `redirect → ${outcome.redirect}` : String(outcome.status);
}

// ---------------------------------------------------------------------------------------------
// Pages

async function openPage(entry: PageEntry, query: PageQuery | null, w: World, who: Caller, inventory: Inventory, rows: ChangeDetector | null) {
  const file = inventory.pages.get(entry.route);
  expect(file, `page ${entry.route} exists`).toBeDefined();
  const Page = (await loadModule(file!)).default as (props: unknown) => unknown;
  const params = entry.params?.(w) ?? {};
  const searchParams = query?.searchParams(w) ?? {};
  signIn(w, who, fill(entry.route, params));
  const open = () => renderedText(Page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) }) as never);
  const outcome = rows ? await unchanged(rows, open) : await settle(open);
  return { outcome, answer: "value" in outcome ? "opened" : signalAnswer(outcome) };
}

function pageCell(entry: PageEntry, who: Caller, reach: PageReach, query: PageQuery | null): Cell {
  const label = query?.label ? ` (${query.label})` : "";
  return {
    name: `${who} · page ${entry.route}${label}`,
    control: false,
    async run(w, rows, inventory) {
      const { outcome, answer } = await openPage(entry, query, w, who, inventory, rows);
      if (who === "anonymous" && !entry.public) return void expect(answer, "someone signed out is sent to sign in").toMatch(SIGN_IN);
      if (!reach || "refuse" in reach) return void expect(answer, "the page answers 404 or 403").toMatch(REFUSED_PAGE);
      if (reach.opens) expect(answer, "the page opens").toBe("opened");
      if (!("value" in outcome)) return void expect(answer, "a refusal is a 404 or 403, not a redirect").toMatch(REFUSED_PAGE);
      const allowed = new Set(reach.see);
      expect(shown(outcome.value, w, MARKERS.filter((m) => !allowed.has(m))), "what the page shows that this caller must not see").toEqual([]);
      if (reach.opens) {
        expect(shown(outcome.value, w, reach.opens.show), "what the page must still show").toEqual(reach.opens.show);
        if (reach.opens.says) expect(outcome.value, "the page says why").toMatch(reach.opens.says);
      }
    },
  };
}

function pageControl(entry: PageEntry, query: PageQuery | null): Cell | null {
  const control = query?.control ?? entry.control;
  if (!control) return null;
  const label = query?.label ? ` (${query.label})` : "";
  return {
    name: `control: ${control.as} · page ${entry.route}${label}`,
    control: true,
    async run(w, _rows, inventory) {
      const { outcome, answer } = await openPage(entry, query, w, control.as, inventory, null);
      expect(answer, "the page opens for someone allowed").toBe("opened");
      const text = "value" in outcome ? outcome.value : "";
      expect(shown(text, w, control.shows ?? []), "and shows them the record").toEqual(control.shows ?? []);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Route handlers

/** Requests the handler and reads its answer to the end (a streamed file is read, and audited, inside the cell). */
async function request(entry: HandlerEntry, w: World, who: Caller, inventory: Inventory, rows: ChangeDetector | null): Promise<{ answer: string; body: string }> {
  const file = inventory.handlers.get(entry.route);
  expect(file, `handler ${entry.route} exists`).toBeDefined();
  const form = entry.form?.(w);
  const handler = (await loadModule(file!))[form ? "POST" : "GET"] as (request: Request, context: unknown) => Promise<Response>;
  const params = entry.params(w);
  const path = fill(entry.route, params);
  const query = new URLSearchParams(entry.query?.(w) ?? {}).toString();
  signIn(w, who, path);
  const call = async () => {
    const url = `http://localhost${path}${query ? `?${query}` : ""}`;
    const response = await handler(form ? new Request(url, { method: "POST", body: new URLSearchParams(form) }) : new Request(url), { params: Promise.resolve(params) });
    return { status: response.status, body: await response.text() };
  };
  const outcome = rows ? await unchanged(rows, call) : await settle(call);
  return "value" in outcome ? { answer: `status ${outcome.value.status}`, body: outcome.value.body } : { answer: signalAnswer(outcome), body: "" };
}

function handlerName(entry: HandlerEntry): string {
  return `${entry.form ? "POST" : "GET"} ${entry.route}${entry.label ? ` (${entry.label})` : ""}`;
}

function handlerCell(entry: HandlerEntry, who: Caller, reach: HandlerReach): Cell {
  return {
    name: `${who} · ${handlerName(entry)}`,
    control: false,
    async run(w, rows, inventory) {
      const { answer, body } = await request(entry, w, who, inventory, rows);
      if (who === "anonymous") {
        if (entry.signedOut) return void expect(answer, "someone signed out is refused").toBe(entry.signedOut);
        return void expect(answer, "someone signed out is sent to sign in").toMatch(SIGN_IN);
      }
      if (reach && typeof reach === "object" && "see" in reach) {
        expect(answer, "the handler answers, or refuses with 404 or 403").toMatch(/^status (200|404|403)$/);
        const allowed = new Set(reach.see);
        return void expect(shown(body, w, MARKERS.filter((m) => !allowed.has(m))), "what the file shows that this caller must not see").toEqual([]);
      }
      if (reach && typeof reach === "object") return void expect(answer, "the handler sends the caller to their own page, acting on nothing").toBe(`redirect → ${reach.fallback}`);
      expect(answer, "the handler answers 404 or 403").toMatch(/^status (404|403)$/);
    },
  };
}

function handlerControl(entry: HandlerEntry): Cell | null {
  const control = entry.control;
  if (!control) return null;
  return {
    name: `control: ${control.as} · ${handlerName(entry)}`,
    control: true,
    async run(w, _rows, inventory) {
      const { answer, body } = await request(entry, w, control.as, inventory, null);
      expect(answer, "someone allowed gets it").toBe(control.answer(w));
      expect(shown(body, w, control.shows ?? []), "and it shows them the record").toEqual(control.shows ?? []);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Server actions

async function callAction(entry: ActionEntry, input: (w: World, read: ReturnType<typeof reader>) => unknown, w: World, who: Caller, rows: ChangeDetector | null): Promise<string> {
  const [file, name] = entry.key.split("#") as [string, string];
  const action = (await loadModule(file))[name] as (input: unknown) => Promise<ActionResult<unknown> | undefined>;
  expect(action, `${entry.key} is exported`).toBeTypeOf("function");
  const args = await input(w, reader(currentDb()));
  signIn(w, who, "/");
  const call = () => action(args);
  const outcome = rows ? await unchanged(rows, call) : await settle(call);
  if (!("value" in outcome)) return signalAnswer(outcome);
  const result = outcome.value;
  if (!result) return "ok (no result)";
  if (result.ok) return "ok";
  const fields = Object.keys(result.fieldErrors ?? {});
  return `${result.code}: ${result.message}${fields.length ? ` [${fields.join(", ")}]` : ""}`;
}

function actionCell(entry: ActionEntry, who: Caller): Cell {
  return {
    name: `${who} · ${entry.key}`,
    control: false,
    async run(w, rows) {
      const answer = await callAction(entry, entry.input, w, who, rows);
      if (who === "anonymous") {
        if (entry.signedOut) return void expect(answer, "refused").toMatch(new RegExp(`^${entry.signedOut.expect}:`));
        return void expect(answer, "someone signed out is sent to sign in").toMatch(SIGN_IN);
      }
      if (entry.orInvalid && answer.startsWith("invalid:")) return void expect(answer, "refused on the field that names someone else's record").toMatch(new RegExp(`\\[${entry.orInvalid}\\]$`));
      expect(answer, "refused as not found or forbidden").toMatch(REFUSED_ACTION);
    },
  };
}

function actionControl(entry: ActionEntry): Cell | null {
  const control = entry.control;
  if (!control) return null;
  return {
    name: `control: ${control.as} · ${entry.key}`,
    control: true,
    async run(w) {
      const answer = await callAction(entry, control.input ?? entry.input, w, control.as, null);
      expect(answer, "someone allowed makes the call").toBe(control.answer ?? "ok");
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Sessions that passed the password only

/** A session waiting for its second factor, and one whose role requires a second factor it has not set up. */
type Gate = "verify" | "setup";
const GATES: readonly Gate[] = ["verify", "setup"];
const GATE_REDIRECT: Record<Gate, RegExp> = {
  verify: /^redirect → \/sign-in\/verify(\?|$)/,
  setup: /^redirect → \/account\/two-factor$/,
};

/**
 * What each gated session may do besides being sent to its step: give the second factor, set it up,
 * keep its page alive, sign out. Anything not named here must be the redirect, on every page, route
 * handler and server action.
 */
const GATE_ALLOWS: Record<Gate, Record<string, RegExp>> = {
  verify: {
    "page /sign-in/verify": /^opened$/,
    "action lib/account/actions.ts#verifySecondFactorAction": /^invalid:/,
    // signing in afresh (as someone else, say) is open to anyone; the matrix's input is a wrong password
    "action lib/auth/actions.ts#signInAction": /^invalid:/,
    "action lib/auth/actions.ts#signOutAction": /^redirect → \/sign-in\?reason=signed-out$/,
  },
  setup: {
    "page /account/two-factor": /^opened$/,
    "action lib/account/actions.ts#confirmEnrolmentAction": /^(invalid|conflict):/,
    "action lib/account/actions.ts#keepAliveAction": /^ok$/,
    "action lib/auth/actions.ts#signInAction": /^invalid:/,
    "action lib/auth/actions.ts#signOutAction": /^redirect → \/sign-in\?reason=signed-out$/,
  },
};

/** A route handler that answers scripts rather than people (the bell's count) refuses as it does someone signed out. */
const REFUSED_AS_SIGNED_OUT = "refused as signed out";

function gatedCell(kind: "page" | "handler" | "action", key: string, gate: Gate, run: (w: World, sessionId: string, rows: ChangeDetector, inventory: Inventory) => Promise<string>): Cell {
  const name = `${kind} ${key}`;
  return {
    name: `password only (${gate}) · ${name}`,
    control: false,
    async run(w, rows, inventory) {
      const answer = await run(w, w.gated[gate], rows, inventory);
      const allowed = GATE_ALLOWS[gate][name];
      if (allowed) return void expect(answer, "what this step allows").toMatch(allowed);
      if (answer === REFUSED_AS_SIGNED_OUT) return;
      expect(answer, gate === "verify" ? "sent to give the second factor first" : "sent to set up the second factor first").toMatch(GATE_REDIRECT[gate]);
    },
  };
}

function gatedCells(): Cell[] {
  const cells: Cell[] = [];
  for (const gate of GATES) {
    for (const entry of PAGES) {
      if (entry.public) continue;
      cells.push(
        gatedCell("page", entry.route, gate, async (w, sessionId, rows, inventory) => {
          const file = inventory.pages.get(entry.route);
          const Page = (await loadModule(file!)).default as (props: unknown) => unknown;
          const params = entry.params?.(w) ?? {};
          as(sessionId, fill(entry.route, params));
          const outcome = await unchanged(rows, () => renderedText(Page({ params: Promise.resolve(params), searchParams: Promise.resolve({}) }) as never));
          return "value" in outcome ? "opened" : signalAnswer(outcome);
        }),
      );
    }
    for (const entry of HANDLERS) {
      cells.push(
        gatedCell("handler", handlerName(entry), gate, async (w, sessionId, rows, inventory) => {
          const file = inventory.handlers.get(entry.route);
          const form = entry.form?.(w);
          const handler = (await loadModule(file!))[form ? "POST" : "GET"] as (request: Request, context: unknown) => Promise<Response>;
          const params = entry.params(w);
          const path = fill(entry.route, params);
          as(sessionId, path);
          const url = `http://localhost${path}`;
          const outcome = await unchanged(rows, () => handler(form ? new Request(url, { method: "POST", body: new URLSearchParams(form) }) : new Request(url), { params: Promise.resolve(params) }));
          if (!("value" in outcome)) return signalAnswer(outcome);
          return entry.signedOut && `status ${outcome.value.status}` === entry.signedOut ? REFUSED_AS_SIGNED_OUT : `status ${outcome.value.status}`;
        }),
      );
    }
    for (const entry of ACTIONS) {
      cells.push(
        gatedCell("action", entry.key, gate, async (w, sessionId, rows) => {
          const [file, name] = entry.key.split("#") as [string, string];
          const action = (await loadModule(file))[name] as (input: unknown) => Promise<ActionResult<unknown> | undefined>;
          const args = await entry.input(w, reader(currentDb()));
          as(sessionId, "/");
          const outcome = await unchanged(rows, () => action(args));
          if (!("value" in outcome)) return signalAnswer(outcome);
          const result = outcome.value;
          if (!result) return "ok (no result)";
          return result.ok ? "ok" : `${result.code}: ${result.message}`;
        }),
      );
    }
  }
  return cells;
}

/** Every cell of one release state (and, in the first, the signed-out cells and the controls). */
export function cellsFor(state: ReleaseState, first: boolean): Cell[] {
  const cells: Cell[] = [];
  const callers = first ? CALLERS : CAST;
  const keep = (cell: Cell | null) => {
    if (cell && (first || !cell.control)) cells.push(cell);
  };
  for (const entry of PAGES) {
    for (const query of entry.queries ?? [null]) {
      keep(pageControl(entry, query));
      for (const who of callers) {
        if (who === "anonymous") keep(pageCell(entry, who, entry.public ? { see: [] } : { refuse: true }, entry.public ? { label: "signed out", searchParams: entry.public.searchParams } : query));
        else keep(entry.reach(who, state) ? pageCell(entry, who, entry.reach(who, state), query) : null);
      }
    }
  }
  for (const entry of HANDLERS) {
    keep(handlerControl(entry));
    for (const who of callers) {
      const reach = who === "anonymous" ? "refuse" : entry.reach(who, state);
      keep(reach ? handlerCell(entry, who, reach) : null);
    }
  }
  for (const entry of ACTIONS) {
    keep(actionControl(entry));
    for (const who of callers) keep(who === "anonymous" || entry.refused(who as Member, state) ? actionCell(entry, who) : null);
  }
  // Sessions that passed the password only are sent to their second step, whatever the releases say.
  if (first) cells.push(...gatedCells());
  return cells;
}
