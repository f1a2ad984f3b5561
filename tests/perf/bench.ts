// `npm run bench`: how fast the pages people live in are, with a big partnership's years of data,
// as a share of what the framework itself can serve (issue 13).
//
// 1. Builds the app (unless --no-build) and a data set: on PostgreSQL (DATABASE_URL's server, or the
//    local one) a database of its own, clearway_bench, filled set-based by tests/perf/scale/fill.ts
//    (--survivors, default 100,000, and everything else in proportion); with --pglite the embedded
//    database with the demo partnership, as `npm start` makes it.
// 2. Starts the production server on it (lib/serve.ts, as `npm start` does) and signs in as each role.
// 3. For the floor (/bench/floor: the proxy, the root layout and the renderer, no session check, no
//    query) and each main page of each role: a warm-up, then throughput at 10 connections (closed loop)
//    and latency at a fixed 20 requests a second (open loop, so latency is not queueing: p50/p95/p99
//    from every response). The floor runs first and last; pages are compared with the mean of the two.
// 4. Samples the server's memory (RSS of its process tree) throughout, and streams a 100,000-row CSV
//    export (the admin's audit trail) to see that memory does not grow with the rows.
// Prints one table and writes it as JSON (tests/perf/results/, not committed).
//
//   npm run bench                               # PostgreSQL, 100,000 survivors (minutes to fill)
//   npm run bench -- --survivors 10000          # a smaller set
//   npm run bench -- --pglite                   # embedded PGlite, demo data
//   npm run bench -- --reuse                    # keep the filled database and use it again next time
//   options: --no-build --duration 10 --rate 20 --connections 10 --only caseload,floor --cpu-prof --port 3400
//            --heap 384 (the server's V8 heap limit in MB, as production should set one; 0: Node's default)
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import postgres from "postgres";
import type { Db } from "../../db/client";
import { databaseUrlFor, postgresServerUrl } from "../support/postgres-server";
import { SCALE_CLI_ENV } from "./scale/fill";
import { benchPages, signIn } from "./scale/http";

const { values: args } = parseArgs({
  options: {
    survivors: { type: "string", default: "100000" },
    pglite: { type: "boolean", default: false },
    reuse: { type: "boolean", default: false },
    build: { type: "boolean", default: true },
    "no-build": { type: "boolean", default: false },
    duration: { type: "string", default: "10" },
    rate: { type: "string", default: "20" },
    connections: { type: "string", default: "10" },
    only: { type: "string" },
    "cpu-prof": { type: "boolean", default: false },
    port: { type: "string", default: "3400" },
    // The server's V8 heap limit in MB, as production should set one (README, "Memory"); 0: Node's default.
    heap: { type: "string", default: "384" },
    export: { type: "boolean", default: true },
    "no-export": { type: "boolean", default: false },
  },
});

const SURVIVORS = Number(args.survivors);
const DURATION = Number(args.duration);
const RATE = Number(args.rate);
const CONNECTIONS = Number(args.connections);
const PORT = Number(args.port);
const BASE = `http://127.0.0.1:${PORT}`;
const DB_NAME = "clearway_bench";
const PGLITE_DIR = path.resolve(".bench-data");
const RESULTS_DIR = path.resolve("tests/perf/results");
const EXPORT_ROWS = 100_000;

// Fixed secrets for the throwaway bench database (the fill's own), so a --reuse run, or a server started
// on a database the fill's CLI made, reads what was encrypted before.
const BENCH_ENV = SCALE_CLI_ENV;

type Role = "advocate" | "partner" | "attorney" | "lead" | "legalLead" | "admin" | "prosecutor";
type World = {
  password: string;
  accounts: Record<Role, string>;
  samples: { survivorId: string; referralId: string; matterId: string };
  counts: Record<string, number>;
};
type Target = { label: string; role: Role; path: string; floor?: true; shows?: string };
type Measured = Target & {
  status: number;
  bytes: number;
  rps: number;
  closedNon2xx: number;
  p50: number;
  p95: number;
  p99: number;
  openNon2xx: number;
};

const log = (line: string) => console.log(`[bench] ${line}`);

/**
 * The floor, then each role's main pages (tests/perf/scale/http.ts benchPages) and the advocate's home.
 * On the demo data the pages' expected texts (the scale sample's) do not apply.
 */
function targetsFor(world: World, scale: boolean): Target[] {
  return [
    { label: "floor", role: "advocate", path: "/bench/floor", floor: true },
    { label: "advocate's today", role: "advocate", path: "/today" },
    ...benchPages(world).map((page) => ({ label: page.label, role: page.account, path: page.path, shows: scale ? page.shows : undefined })),
  ];
}

// ---------------------------------------------------------------------------------------------------
// The data set

function run(command: string, argv: string[], env: NodeJS.ProcessEnv) {
  const result = spawnSync(command, argv, { env, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`${command} ${argv.join(" ")} failed (exit ${result.status})`);
}

async function preparePostgres(env: NodeJS.ProcessEnv): Promise<{ world: World; databaseUrl: string; exportFrom: string | null }> {
  const server = postgresServerUrl();
  const databaseUrl = databaseUrlFor(server, DB_NAME);
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const exists = (await admin`select 1 from pg_database where datname = ${DB_NAME}`).length > 0;
  const reusing = args.reuse && exists;
  if (!reusing) {
    await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
    await admin.unsafe(`create database "${DB_NAME}"`);
  }
  await admin.end();
  Object.assign(process.env, BENCH_ENV, { DATABASE_URL: databaseUrl });
  // Imported only now: the database modules read the environment set just above.
  const { openDatabase } = await import("../../db/client");
  const { migrateDatabase } = await import("../../db/migrate");
  const { fillScale, scaleWorldOf } = await import("./scale/fill");
  const handle = openDatabase({ databaseUrl, poolMax: 5 });
  try {
    await migrateDatabase(handle);
    const started = performance.now();
    const world = reusing ? await scaleWorldOf(handle.db) : await fillScale(handle.db, { survivors: SURVIVORS }, log);
    if (!reusing) log(`filled ${JSON.stringify(world.counts)} in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    else log(`reusing ${DB_NAME}: ${JSON.stringify(world.counts)}`);
    const exportFrom = await exportWindowStart(handle.db);
    // What `npm run serve` does before the server: migrations (none left) and search tokens.
    run("npx", ["tsx", "db/setup.ts"], { ...env, DATABASE_URL: databaseUrl });
    return { world: world as World, databaseUrl, exportFrom };
  } finally {
    await handle.close();
  }
}

async function preparePglite(env: NodeJS.ProcessEnv): Promise<{ world: World; databaseUrl: null; exportFrom: string | null }> {
  if (!args.reuse) fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
  // Exactly what `npm start` does: migrate and seed the demo partnership.
  run("npx", ["tsx", "db/setup.ts"], env);
  Object.assign(process.env, { CLEARWAY_DATA_DIR: PGLITE_DIR, DATABASE_URL: "" });
  const { openDatabase } = await import("../../db/client");
  const { DEMO_PASSWORD } = await import("../../db/demo");
  const handle = openDatabase({ dataDir: PGLITE_DIR });
  try {
    const world = await demoWorld(handle.db, DEMO_PASSWORD);
    return { world, databaseUrl: null, exportFrom: await exportWindowStart(handle.db) };
  } finally {
    await handle.close();
  }
}

type Rows = Record<string, unknown>[];

async function one(db: Db, text: string): Promise<Record<string, unknown>> {
  const { sql } = await import("drizzle-orm");
  // postgres-js answers with the rows; PGlite with { rows }.
  const result = (await db.execute(sql.raw(text))) as unknown as Rows | { rows: Rows };
  const rows = Array.isArray(result) ? result : result.rows;
  if (!rows[0]) throw new Error(`no row for: ${text.slice(0, 80)}`);
  return rows[0];
}

/** The demo partnership's accounts, and the busiest records each of them would open. */
async function demoWorld(db: Db, password: string): Promise<World> {
  const accounts: Record<Role, string> = {
    advocate: "advocate@clearway.test",
    partner: "partner@clearway.test",
    attorney: "attorney@clearway.test",
    lead: "lead@clearway.test",
    legalLead: "legal-lead@clearway.test",
    admin: "admin@clearway.test",
    prosecutor: "prosecutor@clearway.test",
  };
  const survivor = await one(
    db,
    `select s.id from survivors s join users u on u.id = s.assigned_advocate_id and u.email = '${accounts.advocate}'
     order by (select count(*) from referrals r where r.survivor_id = s.id) + (select count(*) from vacatur_matters m where m.survivor_id = s.id) desc, s.id limit 1`,
  );
  const referral = await one(
    db,
    `select r.id from referrals r join users p on p.email = '${accounts.partner}' and p.organization_id = r.to_organization_id
       join users a on a.email = '${accounts.advocate}' and a.organization_id = r.from_organization_id
     where r.status <> 'draft' order by r.sent_at desc limit 1`,
  );
  const matter = await one(
    db,
    `select m.id from vacatur_matters m join users t on t.email = '${accounts.attorney}' and t.id = m.attorney_id
     order by (select count(*) from matter_hearings h where h.matter_id = m.id) desc, m.last_activity_at desc limit 1`,
  );
  const counts = await one(
    db,
    `select (select count(*) from survivors)::int as survivors, (select count(*) from referrals)::int as referrals,
       (select count(*) from vacatur_matters)::int as matters, (select count(*) from audit_events)::int as audit_events`,
  );
  return {
    password,
    accounts,
    samples: { survivorId: String(survivor.id), referralId: String(referral.id), matterId: String(matter.id) },
    counts: counts as Record<string, number>,
  };
}

/** The date from which the audit trail holds at least EXPORT_ROWS events (null: it holds fewer in all). */
async function exportWindowStart(db: Db): Promise<string | null> {
  const row = await one(
    db,
    `select coalesce((select (occurred_at at time zone 'America/Los_Angeles')::date::text from audit_events order by occurred_at desc offset ${EXPORT_ROWS - 1} limit 1), '') as day`,
  );
  return row.day ? String(row.day) : null;
}

// ---------------------------------------------------------------------------------------------------
// The server

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  // The profile is written when the server exits (SIGTERM at the end of the run).
  const profile = args["cpu-prof"] ? ["--cpu-prof", `--cpu-prof-dir=${path.join(RESULTS_DIR, "cpu")}`] : [];
  const heap = Number(args.heap) > 0 ? [`--max-old-space-size=${Number(args.heap)}`] : [];
  const child = spawn(process.execPath, [...profile, ...heap, "--import", "tsx", "lib/serve.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() && !/Ready|Starting|Local:|Network:|▲/.test(line)) console.log(`[server] ${line}`);
  };
  child.stdout?.on("data", forward);
  child.stderr?.on("data", forward);
  return child;
}

async function waitForServer(child: ChildProcess) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode})`);
    try {
      const response = await fetch(`${BASE}/sign-in`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the server did not start in 2 minutes");
}

async function stopServer(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Resident memory of a process and all its descendants, in MB (Linux /proc; 0 elsewhere). */
function treeRssMb(root: number): number {
  if (!fs.existsSync("/proc/self/status")) return 0;
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  let kb = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      if (match) kb += Number(match[1]);
    } catch {
      // gone meanwhile
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return kb / 1024;
}

function sampleMemory(pid: number) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(treeRssMb(pid)), 250);
  return {
    samples,
    stop: () => clearInterval(timer),
    peak: () => Math.max(0, ...samples),
  };
}

// ---------------------------------------------------------------------------------------------------
// Signing in and loading pages

/** One request, to check the page answers 200 with itself (not sign-in, not an error page). */
async function probe(target: Target, cookie: string): Promise<{ status: number; bytes: number }> {
  const response = await fetch(`${BASE}${target.path}`, { headers: { Cookie: cookie }, redirect: "manual" });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${target.label} (${target.path}) answered ${response.status} ${response.headers.get("location") ?? ""}`);
  // What the error boundary and Next's failure page say; data-dgst marks an error streamed inside a Suspense boundary.
  const problem = ["Something went wrong", "Application error", "data-dgst"].find((text) => body.includes(text));
  if (problem) throw new Error(`${target.label} (${target.path}) rendered an error ("${problem}")`);
  if (target.shows && !body.includes(target.shows)) throw new Error(`${target.label} (${target.path}) does not show "${target.shows}"`);
  return { status: response.status, bytes: Buffer.byteLength(body) };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function cannon(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

async function measure(target: Target, cookie: string): Promise<Measured> {
  const { status, bytes } = await probe(target, cookie);
  const common = { url: `${BASE}${target.path}`, headers: { Cookie: cookie }, connections: CONNECTIONS };
  await cannon({ ...common, duration: 3 }); // warm-up
  const closed = await cannon({ ...common, duration: DURATION });
  const { latencies, failures: openNon2xx } = await openLoop(target.path, cookie);
  latencies.sort((a, b) => a - b);
  return {
    ...target,
    status,
    bytes,
    rps: closed.requests.average,
    closedNon2xx: closed.non2xx + closed.errors,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    openNon2xx,
  };
}

/**
 * Requests at a fixed rate, evenly spaced, whatever the answers do (open loop): each latency is counted
 * from when its request was due, so a slow answer cannot hide the ones queued behind it (no coordinated
 * omission). autocannon's own fixed rate sends each connection's share in step, ten at once, which
 * measures queueing behind a burst rather than a page.
 */
async function openLoop(pathname: string, cookie: string): Promise<{ latencies: number[]; failures: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const latencies: number[] = [];
  let failures = 0;
  const get = () =>
    new Promise<number>((resolve) => {
      const request = http.get(`${BASE}${pathname}`, { agent, headers: { Cookie: cookie } }, (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      });
      request.on("error", () => resolve(0));
    });
  const total = RATE * DURATION;
  const started = performance.now();
  const answers: Promise<void>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    answers.push(
      get().then((status) => {
        latencies.push(performance.now() - due);
        if (status < 200 || status > 299) failures += 1;
      }),
    );
  }
  await Promise.all(answers);
  agent.destroy();
  return { latencies, failures };
}

/** Streams the admin's audit-trail CSV from `from` (≥ EXPORT_ROWS rows) and samples the server's memory meanwhile. */
async function measureExport(cookie: string, from: string, serverPid: number) {
  const before = treeRssMb(serverPid);
  const memory = sampleMemory(serverPid);
  const started = performance.now();
  const response = await fetch(`${BASE}/admin/audit/export?from=${from}`, { headers: { Cookie: cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`the audit export answered ${response.status}`);
  let bytes = 0;
  let rows = 0;
  // RSS at each tenth of the rows, to show whether it grows with them.
  const atRows: number[] = [];
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength;
    const text = decoder.decode(chunk, { stream: true });
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) rows += 1;
    if (rows >= (atRows.length + 1) * (EXPORT_ROWS / 10)) atRows.push(Math.round(treeRssMb(serverPid)));
  }
  memory.stop();
  return {
    rows: rows - 1, // the header line
    megabytes: Math.round(bytes / 1e5) / 10,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    rssBeforeMb: Math.round(before),
    rssPeakMb: Math.round(memory.peak()),
    rssAtEachTenthMb: atRows,
  };
}

// ---------------------------------------------------------------------------------------------------

function table(rows: Measured[], floor: { rps: number; p95: number }, target: number) {
  const pad = (value: string, width: number) => value.padStart(width);
  const lines = [
    `${"page".padEnd(26)}${pad("req/s", 8)}${pad("of floor", 10)}${pad("p50 ms", 9)}${pad("p95 ms", 9)}${pad("p99 ms", 9)}${pad("p95−floor", 11)}${pad("KB", 7)}  verdict`,
  ];
  for (const row of rows) {
    const share = row.rps / floor.rps;
    const over = row.p95 - floor.p95;
    const ok = row.floor || (share >= target && over <= 10 && row.closedNon2xx === 0 && row.openNon2xx === 0);
    lines.push(
      `${row.label.padEnd(26)}${pad(row.rps.toFixed(0), 8)}${pad(`${(share * 100).toFixed(0)} %`, 10)}${pad(row.p50.toFixed(0), 9)}${pad(row.p95.toFixed(0), 9)}${pad(row.p99.toFixed(0), 9)}${pad(row.floor ? "" : `${over >= 0 ? "+" : ""}${over.toFixed(0)}`, 11)}${pad((row.bytes / 1024).toFixed(0), 7)}  ${row.floor ? "" : ok ? "ok" : "MISSED"}${row.closedNon2xx + row.openNon2xx ? ` (${row.closedNon2xx + row.openNon2xx} failed)` : ""}`,
    );
  }
  return lines.join("\n");
}

async function main() {
  const mode = args.pglite ? "pglite" : "postgres";
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    PORT: String(PORT),
    AUTH_URL: BASE,
    CLEARWAY_BENCH_ROUTES: "1",
    ...(args.pglite ? { DATABASE_URL: "", CLEARWAY_DATA_DIR: PGLITE_DIR } : BENCH_ENV),
  };
  if (args.build && !args["no-build"]) run("npx", ["next", "build"], { ...process.env, NODE_ENV: "production" });

  const prepared = args.pglite ? await preparePglite(baseEnv) : await preparePostgres(baseEnv);
  const serverEnv: NodeJS.ProcessEnv = { ...baseEnv, PORT: String(PORT) };
  if (prepared.databaseUrl) serverEnv.DATABASE_URL = prepared.databaseUrl;
  const { world } = prepared;

  const server = startServer(serverEnv);
  try {
    await waitForServer(server);
    const cookies = new Map<Role, string>();
    for (const role of Object.keys(world.accounts) as Role[]) cookies.set(role, await signIn(BASE, world.accounts[role], world.password));

    const only = args.only?.split(",").map((s) => s.trim().toLowerCase());
    const targets = targetsFor(world, !args.pglite).filter((t) => t.floor || !only || only.some((o) => t.label.toLowerCase().includes(o)));
    const memory = sampleMemory(server.pid!);
    const results: Measured[] = [];
    for (const target of targets) {
      log(`${target.label} (${target.role}) ${target.path}`);
      results.push(await measure(target, cookies.get(target.role)!));
    }
    const floorAgain = await measure(targets[0]!, cookies.get("advocate")!);
    memory.stop();
    const floors = [results[0]!, floorAgain];
    const floor = { rps: (floors[0]!.rps + floors[1]!.rps) / 2, p95: (floors[0]!.p95 + floors[1]!.p95) / 2 };
    results[0] = { ...results[0]!, rps: floor.rps, p95: floor.p95, p50: (floors[0]!.p50 + floors[1]!.p50) / 2, p99: (floors[0]!.p99 + floors[1]!.p99) / 2 };

    const exportResult =
      args.export && !args["no-export"] && prepared.exportFrom ? await measureExport(cookies.get("admin")!, prepared.exportFrom, server.pid!) : null;

    const target = args.pglite ? 0.35 : 0.5;
    const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8" }).stdout.trim();
    const header = [
      `Clearway bench · ${mode} · ${JSON.stringify(world.counts)}`,
      `commit ${commit} · node ${process.version} · ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"} · ${CONNECTIONS} connections closed loop ${DURATION} s · open loop ${RATE} req/s ${DURATION} s`,
      `floor runs: ${floors.map((f) => `${f.rps.toFixed(0)} req/s p95 ${f.p95.toFixed(0)} ms`).join(", ")} · target: ${target * 100} % of floor, p95 within 10 ms of floor's`,
      `server memory (RSS, process tree) under load: peak ${memory.peak().toFixed(0)} MB (limit 500) · V8 heap limit ${Number(args.heap) > 0 ? `${args.heap} MB` : "Node's default"}`,
    ];
    const text = `${header.join("\n")}\n\n${table(results, floor, target)}${
      exportResult
        ? `\n\nCSV export (admin's audit trail): ${exportResult.rows} rows, ${exportResult.megabytes} MB in ${exportResult.seconds} s; server RSS ${exportResult.rssBeforeMb} MB before, peak ${exportResult.rssPeakMb} MB; at each tenth of the rows: ${exportResult.rssAtEachTenthMb.join(", ")} MB`
        : ""
    }`;
    console.log(`\n${text}\n`);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const file = path.join(RESULTS_DIR, `bench-${mode}-${new Date().toISOString().replace(/[:.]/g, "-")}.json`);
    fs.writeFileSync(
      file,
      JSON.stringify({ mode, commit, counts: world.counts, node: process.version, cpus: os.cpus().length, floor, floors, results, memoryPeakMb: memory.peak(), export: exportResult, text }, null, 2),
    );
    log(`written to ${path.relative(process.cwd(), file)}`);
    const missed = results.some((r) => !r.floor && (r.rps / floor.rps < target || r.p95 - floor.p95 > 10));
    if (missed || memory.peak() > 500) process.exitCode = 3;
  } finally {
    await stopServer(server);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
