// Signing in to a running server as a bench account and checking that the bench's pages render: for
// the bench runner, and as a check of a filled database:
//   npx tsx --conditions=react-server tests/perf/scale/http.ts --base http://127.0.0.1:3310 --database clearway_bench_x
// (the database is only read, to find the sample records again: tests/perf/scale/fill.ts scaleWorldOf).
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { openDatabase } from "../../../db/client";
import { databaseUrlFor, postgresServerUrl } from "../../support/postgres-server";
import { scaleWorldOf, type ScaleWorld } from "./fill";
import { SAMPLE_LEGAL_NAME } from "./sample";

/** name=value pairs of the Set-Cookie headers, merged into what was already held (later values win). */
function keepCookies(held: Map<string, string>, response: Response) {
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(";", 1)[0]!;
    const at = pair.indexOf("=");
    if (at > 0) held.set(pair.slice(0, at), pair.slice(at + 1));
  }
}

const header = (held: Map<string, string>) => [...held].map(([k, v]) => `${k}=${v}`).join("; ");

/**
 * Signs in through Auth.js's credentials endpoint, as tests/e2e/support/helpers.ts signInWithRequest
 * does, and returns the Cookie header that carries the session.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const held = new Map<string, string>();
  const csrf = await fetch(new URL("/api/auth/csrf", baseUrl));
  keepCookies(held, csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: header(held) },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
    redirect: "manual",
  });
  keepCookies(held, response);
  const location = response.headers.get("location") ?? "";
  if (response.status !== 302 || location.includes("error=")) throw new Error(`sign-in of ${email} failed: ${response.status} ${location}`);
  if (![...held.keys()].some((name) => name.endsWith("clearway.session"))) throw new Error(`sign-in of ${email} set no session cookie`);
  return header(held);
}

export type BenchPage = {
  label: string;
  account: keyof ScaleWorld["accounts"];
  path: string;
  /** text the page shows when it rendered what it should (decrypted values on the sample's pages) */
  shows?: string;
};

/** The pages the bench measures, each with the account that opens it. */
export function benchPages(world: ScaleWorld): BenchPage[] {
  const { survivorId, referralId, matterId } = world.samples;
  return [
    { label: "caseload", account: "advocate", path: "/survivors" },
    { label: "survivor page", account: "advocate", path: `/survivors/${survivorId}`, shows: SAMPLE_LEGAL_NAME },
    { label: "referrals", account: "advocate", path: "/referrals" },
    { label: "referral (sender)", account: "advocate", path: `/referrals/${referralId}`, shows: "daytime hours" },
    { label: "referral inbox", account: "partner", path: "/referrals/inbox" },
    { label: "referral (recipient)", account: "partner", path: `/referrals/${referralId}`, shows: SAMPLE_LEGAL_NAME },
    { label: "matters", account: "attorney", path: "/matters" },
    { label: "matter page", account: "attorney", path: `/matters/${matterId}`, shows: "SMC 615402" },
    { label: "dashboard (service lead)", account: "lead", path: "/dashboard" },
    { label: "dashboard (legal lead)", account: "legalLead", path: "/dashboard" },
    { label: "audit trail", account: "admin", path: "/admin/audit" },
    { label: "prosecutor's day", account: "prosecutor", path: "/today" },
  ];
}

// What the error boundary and Next's own failure page say (app/error.tsx); data-dgst marks an error
// (or a notFound()) streamed inside a Suspense boundary. The not-found and forbidden notices are not
// looked for: every page's RSC payload carries them as its boundaries' fallbacks.
const ERROR_TEXTS = ["Something went wrong", "Application error", "data-dgst"];

/** Fetches each page as its account; returns one line per page and whether all rendered. */
export async function checkPages(baseUrl: string, world: ScaleWorld): Promise<{ ok: boolean; lines: string[] }> {
  const cookies = new Map<string, string>();
  const lines: string[] = [];
  let ok = true;
  for (const page of benchPages(world)) {
    let cookie = cookies.get(page.account);
    if (!cookie) {
      cookie = await signIn(baseUrl, world.accounts[page.account], world.password);
      cookies.set(page.account, cookie);
    }
    const started = performance.now();
    const response = await fetch(new URL(page.path, baseUrl), { headers: { cookie }, redirect: "manual" });
    const body = await response.text();
    const ms = performance.now() - started;
    const problem =
      response.status !== 200
        ? `status ${response.status} ${response.headers.get("location") ?? ""}`
        : (ERROR_TEXTS.find((text) => body.includes(text)) ?? (page.shows && !body.includes(page.shows) ? `does not show "${page.shows}"` : undefined));
    if (problem) ok = false;
    lines.push(`${problem ? "FAIL" : "ok  "} ${page.label.padEnd(26)} ${page.path.padEnd(52)} ${String(Math.round(ms)).padStart(6)} ms ${(body.length / 1024).toFixed(0).padStart(5)} kB${problem ? `  ${problem}` : ""}`);
  }
  return { ok, lines };
}

async function cli() {
  const { values } = parseArgs({ options: { base: { type: "string", default: "http://127.0.0.1:3310" }, database: { type: "string" } } });
  if (!values.database) throw new Error("--database <name> is required");
  const handle = openDatabase({ databaseUrl: databaseUrlFor(postgresServerUrl(), values.database), poolMax: 1 });
  try {
    const world = await scaleWorldOf(handle.db);
    const { ok, lines } = await checkPages(values.base, world);
    for (const line of lines) console.log(line);
    if (!ok) process.exitCode = 1;
  } finally {
    await handle.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  cli().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
