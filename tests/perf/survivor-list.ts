// Measures the survivor list at scale: 100,000 survivors in one organization (10 advocates), on
// PGlite (a throwaway folder) or on Postgres (DATABASE_URL). Not part of `npm test`; run it when the
// list or its indexes change:
//   npx tsx tests/perf/survivor-list.ts                          # PGlite
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/clearway_perf npx tsx tests/perf/survivor-list.ts
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { searchTokensFor } from "../../lib/survivors/search";
import type { SessionUser } from "../../lib/auth/sessions";
import { listSurvivors } from "../../lib/survivors/queries/caseload";

const TOTAL = Number(process.env.SURVIVORS ?? 100_000);
const url = process.env.DATABASE_URL;
const dataDir = url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "clearway-perf-"));
const handle = url ? openDatabase({ databaseUrl: url }) : openDatabase({ dataDir: dataDir! });
const db = handle.db;

const textArray = (values: string[]) => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

async function main() {
  await migrateDatabase(handle);
  await db.execute(sql`truncate survivors, survivor_events, survivor_notes, survivor_shares, transfer_requests, releases cascade`);
  const [org] = await db.insert(organizations).values({ name: `Perf ${randomUUID()}`, type: "service_provider", county: "King" }).returning();
  const advocates = await db
    .insert(users)
    .values(Array.from({ length: 10 }, (_, i) => ({ email: `perf-${randomUUID()}@example.test`, name: `Advocate ${i}`, role: "advocate" as const, organizationId: org!.id, passwordHash: "x", approvalStatus: "approved" as const })))
    .returning();
  const [lead] = await db.insert(users).values({ email: `perf-${randomUUID()}@example.test`, name: "Lead", role: "program_lead", organizationId: org!.id, passwordHash: "x", approvalStatus: "approved" }).returning();

  const started = performance.now();
  const ids = advocates.map((a) => a.id);
  const counties = ["King", "Pierce", "Snohomish", "Spokane", "Clark"];
  // Search tokens: a known person (legal name, alias, date of birth) once, and common words in many records
  // (a first name every 50th record, as a common first name would be), so the token index has real work.
  const known = searchTokensFor(org!.id, { legalName: "Known Person", aliases: ["Kay Pea"], dateOfBirth: "1990-03-14" });
  const common = searchTokensFor(org!.id, { legalName: "Maria Common", aliases: [], dateOfBirth: null });
  await db.execute(sql`
    insert into survivors (id, organization_id, client_code, preferred_name, preferred_name_key, intake_date,
      assigned_advocate_id, demographics, safe_contact, county, status, search_tokens, updated_at)
    select gen_random_uuid(), ${org!.id}, 'CW-2025-' || lpad(g::text, 6, '0'),
      'Name' || (g % 5000), 'name' || (g % 5000), date '2024-01-01' + (g % 700),
      (${sql.raw(`array[${ids.map((id) => `'${id}'::uuid`).join(",")}]`)})[1 + g % 10],
      '{"genderIdentity":"not_reported","raceEthnicity":"not_reported","ageBand":"not_reported"}'::jsonb,
      '{"channels":[],"safeTimes":null,"mayIdentifyAgency":"not_asked"}'::jsonb,
      (${sql.raw(`array[${counties.map((c) => `'${c}'`).join(",")}]`)})[1 + (g / 100) % 5],
      (array['active','active','active','inactive','closed'])[1 + (g / 10) % 5]::survivor_status,
      case when g = 4242 then ${textArray(known)} when g % 50 = 0 then ${textArray(common)} else '{}'::text[] end,
      now() - (g || ' minutes')::interval
    from generate_series(1, ${TOTAL}) g`);
  await db.execute(sql`analyze survivors`);
  console.log(`${url ? "Postgres" : "PGlite"}: inserted ${TOTAL} survivors in ${((performance.now() - started) / 1000).toFixed(1)} s`);

  const asUser = (u: typeof lead): SessionUser => ({ ...u!, organizationName: null, sessionId: "perf" });
  const advocate = asUser(advocates[3]!);
  const leadUser = asUser(lead);
  const cases: [string, SessionUser, Parameters<typeof listSurvivors>[1], number][] = [
    ["advocate caseload, page 1", advocate, { status: "active", sort: "name" }, 1],
    ["advocate caseload, page 40 (last)", advocate, { status: "active", sort: "name" }, 40],
    ["lead, whole organization, by name", leadUser, { status: "active", sort: "name" }, 1],
    ["lead, by newest intake", leadUser, { status: "all", sort: "intake_newest" }, 1],
    ["lead, recently updated", leadUser, { status: "all", sort: "updated" }, 1],
    ["lead, county + advocate filter", leadUser, { status: "active", county: "Pierce", advocateId: advocates[2]!.id, sort: "name" }, 1],
    ["lead, search preferred name 'name42'", leadUser, { status: "all", q: "name42", sort: "name" }, 1],
    ["lead, search client code", leadUser, { status: "all", q: "CW-2025-004242", sort: "name" }, 1],
    ["lead, exact legal name", leadUser, { status: "all", q: "known person", sort: "name" }, 1],
    ["lead, alias word", leadUser, { status: "all", q: "kay", sort: "name" }, 1],
    ["lead, date of birth 3/14/1990", leadUser, { status: "all", q: "3/14/1990", sort: "name" }, 1],
    ["lead, common first name (2,000)", leadUser, { status: "all", q: "maria", sort: "name" }, 1],
    ["lead, client code number '004242'", leadUser, { status: "all", q: "004242", sort: "name" }, 1],
    ["lead, client code part '2025-00424'", leadUser, { status: "all", q: "2025-00424", sort: "name" }, 1],
    ["advocate, client code number '004243'", advocate, { status: "all", q: "004243", sort: "name" }, 1],
    ["advocate, legal name word", advocate, { status: "all", q: "common", sort: "name" }, 1],
  ];
  for (const [label, me, filters, page] of cases) {
    for (let i = 0; i < 3; i += 1) await listSurvivors(me, filters, page, "managed", db); // warm-up
    const times: number[] = [];
    let total = 0;
    for (let i = 0; i < 15; i += 1) {
      const t = performance.now();
      total = (await listSurvivors(me, filters, page, "managed", db)).total;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`${label.padEnd(42)} median ${times[7]!.toFixed(1).padStart(6)} ms  p90 ${times[13]!.toFixed(1).padStart(6)} ms  (${total} rows)`);
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await handle.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });
