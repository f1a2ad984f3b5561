// Measures a 100,000-row caseload export on PostgreSQL: the program lead of an organization of
// 100,000 survivors downloads the whole list as CSV through lib/exports (keyset pages of 1,000, the
// csv-stringify stream, the audit event and its 100,000 survivor links). It samples the process's
// memory every 1,000 rows to show it does not grow with the rows read, and times the file and the
// audit. Not part of `npm test`; run it when lib/exports, the caseload query or its indexes change:
//   node --expose-gc --import tsx tests/perf/export.ts
// It creates its own database, clearway_bench_export, on DATABASE_URL's server (or 127.0.0.1:5432)
// and drops it afterwards. --expose-gc adds a sample after a full collection every 10,000 rows
// (what the export really holds, without garbage not yet collected).
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { auditEvents, auditEventSurvivors } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import type { SessionUser } from "../../lib/auth/sessions";
import { exportStream } from "../../lib/exports/export";
import { caseloadExport } from "../../lib/survivors/queries/caseload-export";
import { databaseUrlFor, postgresServerUrl } from "../support/postgres-server";

const TOTAL = Number(process.env.SURVIVORS ?? 100_000);
const NAME = "clearway_bench_export";
const serverUrl = postgresServerUrl();
const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

type Sample = { rows: number; rss: number; heapUsed: number; external: number; arrayBuffers: number };

async function fill(handle: DatabaseHandle): Promise<SessionUser> {
  const db = handle.db;
  const [org] = await db.insert(organizations).values({ name: `Bench ${randomUUID()}`, type: "service_provider", county: "King" }).returning();
  const person = (name: string, role: "advocate" | "program_lead") => ({ email: `bench-${randomUUID()}@example.test`, name, role, organizationId: org!.id, passwordHash: "x", approvalStatus: "approved" as const });
  const advocates = await db.insert(users).values(Array.from({ length: 20 }, (_, i) => person(`Advocate ${i}`, "advocate"))).returning();
  const [lead] = await db.insert(users).values(person("Lead", "program_lead")).returning();
  const started = performance.now();
  await db.execute(sql`
    insert into survivors (id, organization_id, client_code, preferred_name, preferred_name_key, pronouns, intake_date,
      assigned_advocate_id, demographics, safe_contact, county, status)
    select gen_random_uuid(), ${org!.id}, 'CW-2025-' || lpad(g::text, 6, '0'),
      'Name ' || (g % 7919) || ' ' || g, 'name ' || (g % 7919) || ' ' || g, case when g % 3 = 0 then 'she/her' end, date '2024-01-01' + (g % 700),
      (${sql.raw(`array[${advocates.map((a) => `'${a.id}'::uuid`).join(",")}]`)})[1 + g % 20],
      '{"genderIdentity":"not_reported","raceEthnicity":"not_reported","ageBand":"not_reported"}'::jsonb,
      '{"channels":[],"safeTimes":null,"mayIdentifyAgency":"not_asked"}'::jsonb,
      (array['King','Pierce','Snohomish','Spokane','Clark'])[1 + g % 5],
      (array['active','active','active','inactive','closed'])[1 + (g / 10) % 5]::survivor_status
    from generate_series(1, ${TOTAL}) g`);
  await db.execute(sql`vacuum analyze survivors`);
  console.log(`inserted ${TOTAL.toLocaleString("en-US")} survivors in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { ...lead!, organizationName: null, sessionId: "bench" };
}

function sample(rows: number): Sample {
  const m = process.memoryUsage();
  return { rows, rss: m.rss / MB, heapUsed: m.heapUsed / MB, external: m.external / MB, arrayBuffers: m.arrayBuffers / MB };
}

async function measure(handle: DatabaseHandle, lead: SessionUser) {
  gc?.();
  const before = sample(0);
  const samples: Sample[] = [];
  const afterGc: Sample[] = [];
  const spec = await caseloadExport(lead, { status: "all", sort: "name" }, "managed", handle.db);
  // How much of the time is the database's: each keyset page's query, timed.
  let pageMs = 0;
  const page = spec.page;
  spec.page = async (db, after, limit) => {
    const t = performance.now();
    const rows = await page(db, after, limit);
    pageMs += performance.now() - t;
    return rows;
  };
  // The audit is written when the stream ends: time it apart by wrapping the end of the stream.
  const started = performance.now();
  const reader = exportStream(spec, { actor: lead, meta: null, db: handle.db }).getReader();
  let lines = 0;
  let bytes = 0;
  let firstByteMs = 0;
  let lastRowMs = 0;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    if (!firstByteMs) firstByteMs = performance.now() - started;
    bytes += value.byteLength;
    const previous = lines;
    for (const byte of value) if (byte === 10) lines += 1;
    const rows = lines - 1; // less the header
    if (rows >= TOTAL && !lastRowMs) lastRowMs = performance.now() - started;
    for (let mark = Math.floor(Math.max(previous - 1, 0) / 1000) + 1; mark <= Math.floor(rows / 1000); mark += 1) {
      samples.push(sample(mark * 1000));
      if (gc && mark % 10 === 0) {
        gc();
        afterGc.push(sample(mark * 1000));
      }
    }
  }
  const totalMs = performance.now() - started;
  const [event] = await handle.db.select({ id: auditEvents.id, details: auditEvents.details }).from(auditEvents).where(sql`${auditEvents.action} = 'export.downloaded'`).orderBy(sql`${auditEvents.id} desc`).limit(1);
  const [links] = await handle.db.select({ n: sql<number>`count(*)::int` }).from(auditEventSurvivors).where(sql`${auditEventSurvivors.auditEventId} = ${event!.id}`);
  return { before, samples, afterGc, firstByteMs, lastRowMs, totalMs, pageMs, bytes, rows: lines - 1, event: event!, links: links!.n };
}

function report(result: Awaited<ReturnType<typeof measure>>) {
  const { samples, afterGc, before } = result;
  const fmt = (s: Sample) =>
    `${String(s.rows).padStart(7)} rows  rss ${s.rss.toFixed(1).padStart(6)} MB  heapUsed ${s.heapUsed.toFixed(1).padStart(6)} MB  external ${s.external.toFixed(1).padStart(5)} MB (array buffers ${s.arrayBuffers.toFixed(1).padStart(4)} MB)`;
  console.log(`\nbefore the export: ${fmt(before)}`);
  console.log("every 10,000th sample (of one every 1,000 rows):");
  for (const s of samples.filter((s) => s.rows % 10_000 === 0)) console.log(`  ${fmt(s)}`);
  if (afterGc.length) {
    console.log("after a full collection, every 10,000 rows:");
    for (const s of afterGc) console.log(`  ${fmt(s)}`);
  }
  const stats = (key: "rss" | "heapUsed", list: Sample[]) => {
    const values = list.map((s) => s[key]);
    return `${key} min ${Math.min(...values).toFixed(1)} / max ${Math.max(...values).toFixed(1)} MB`;
  };
  const firstTenth = samples.filter((s) => s.rows <= TOTAL / 10);
  const lastTenth = samples.filter((s) => s.rows > (TOTAL * 9) / 10);
  console.log(`\n${samples.length} samples. First tenth of the rows: ${stats("heapUsed", firstTenth)}, ${stats("rss", firstTenth)}`);
  console.log(`${" ".repeat(String(samples.length).length + 10)}Last tenth of the rows:  ${stats("heapUsed", lastTenth)}, ${stats("rss", lastTenth)}`);
  if (afterGc.length > 1) {
    const growth = afterGc.at(-1)!.heapUsed - afterGc[0]!.heapUsed;
    console.log(`heap after collection, ${afterGc[0]!.rows} → ${afterGc.at(-1)!.rows} rows: ${growth >= 0 ? "+" : ""}${growth.toFixed(2)} MB (${((growth * MB) / (afterGc.at(-1)!.rows - afterGc[0]!.rows)).toFixed(1)} bytes a row)`);
  }
  console.log(
    `\n${result.rows.toLocaleString("en-US")} rows, ${(result.bytes / MB).toFixed(1)} MB of CSV: first byte ${result.firstByteMs.toFixed(0)} ms, last row ${(result.lastRowMs / 1000).toFixed(2)} s, ` +
      `file closed after its audit ${(result.totalMs / 1000).toFixed(2)} s (audit and links: ${((result.totalMs - result.lastRowMs) / 1000).toFixed(2)} s); ` +
      `${Math.round(result.rows / (result.lastRowMs / 1000)).toLocaleString("en-US")} rows/s; the keyset pages' queries took ${(result.pageMs / 1000).toFixed(2)} s of it`,
  );
  console.log(`audit event ${result.event.id}: ${JSON.stringify(result.event.details)}; ${result.links.toLocaleString("en-US")} survivor links`);
}

async function main() {
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists ${NAME}`);
  await admin.unsafe(`create database ${NAME}`);
  const handle = openDatabase({ databaseUrl: databaseUrlFor(serverUrl, NAME) });
  try {
    await migrateDatabase(handle);
    const lead = await fill(handle);
    console.log(`gc ${gc ? "exposed" : "not exposed (run with node --expose-gc for the after-collection samples)"}`);
    // A warm-up of the same export (plans, JIT-free connections, V8's compiled code), then the measured run.
    await measure(handle, lead);
    report(await measure(handle, lead));
  } finally {
    await handle.close();
    await admin.unsafe(`drop database if exists ${NAME}`);
    await admin.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
