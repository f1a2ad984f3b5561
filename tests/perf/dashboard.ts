// Measures the program lead's dashboard at scale on PostgreSQL, on the bench's data set
// (tests/perf/scale/fill.ts: 100,000 survivors of seven service organizations, 300,000 referrals
// among them and to two legal organizations, 50,000 vacatur matters with their hearings, orders,
// post-order checks and pro bono hours, releases, timelines and the audit trail) in a database of its
// own (clearway_bench_dashboard, dropped at the end). It times the dashboard's data
// (lib/reports/dashboard.ts getDashboard: every query of every section) for a federal fiscal year, for
// a service organization's lead and a legal organization's lead, in their own organization's scope and
// across the partnership. Target: under 300 ms.
// Not part of `npm test`; run it when a dashboard query, its indexes or the allow-list change:
//   npx tsx --conditions=react-server tests/perf/dashboard.ts     # server at DATABASE_URL, or 127.0.0.1:5432
// SURVIVORS=10000 for a smaller set; BENCH_DATABASE=<name> for another database. BENCH_KEEP=1 keeps
// the database afterwards (to EXPLAIN a query); the next run drops it first, unless BENCH_REUSE=1: then
// it times the kept database again (after applying any new migration, e.g. an index) without filling
// it anew, and keeps it.
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { users } from "../../db/schema/users";
import type { SessionUser } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { getDashboard } from "../../lib/reports/dashboard";
import { clearDashboardCache } from "../../lib/reports/dashboard-cache";
import { fiscalYearOf } from "../../lib/reports/period";
import { parseDashboardParams } from "../../lib/reports/schema";
import { databaseUrlFor, postgresServerUrl } from "../support/postgres-server";
import { fillScale, SCALE_CLI_ENV, scaleWorldOf, sessionUserOf, type ScaleWorld } from "./scale/fill";

const SURVIVORS = Number(process.env.SURVIVORS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 9);
const NAME = process.env.BENCH_DATABASE ?? "clearway_bench_dashboard";

const server = postgresServerUrl();
const admin = postgres(server, { max: 1, onnotice: () => {} });
// The sample records are sealed by the app's commands: they need a key (any; nothing here decrypts).
for (const [key, value] of Object.entries(SCALE_CLI_ENV)) process.env[key] ||= value;
process.env.DATABASE_URL = databaseUrlFor(server, NAME);

/** The two leads of the data set, as sessions. */
async function leadsOf(db: Db, world: ScaleWorld) {
  const as = async (email: string): Promise<SessionUser> => sessionUserOf((await db.select().from(users).where(eq(users.email, email)))[0]!, "bench");
  return { lead: await as(world.accounts.lead), legalLead: await as(world.accounts.legalLead) };
}

async function time(label: string, run: () => Promise<unknown>) {
  for (let i = 0; i < 2; i += 1) await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(52)} median ${times[Math.floor(RUNS / 2)]!.toFixed(1).padStart(7)} ms  max ${times[RUNS - 1]!.toFixed(1).padStart(7)} ms`);
}

/** A database filled by an earlier run (BENCH_REUSE), after its new migrations. */
async function reuse(db: Db) {
  for (const table of ["survivors", "referrals", "vacatur_matters", "pro_bono_hours"]) await db.execute(sql.raw(`vacuum analyze ${table}`));
  return scaleWorldOf(db);
}

async function main() {
  const reusing = Boolean(process.env.BENCH_REUSE) && (await admin`select 1 from pg_database where datname = ${NAME}`).length > 0;
  if (!reusing) {
    await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
    await admin.unsafe(`create database "${NAME}"`);
  }
  // The app's own pool size (CLEARWAY_DB_POOL_MAX's default): the sections' queries share it.
  const handle = openDatabase({ databaseUrl: databaseUrlFor(server, NAME), poolMax: 5 });
  try {
    await migrateDatabase(handle);
    const world = reusing ? await reuse(handle.db) : await fillScale(handle.db, { survivors: SURVIVORS }, console.log);
    const { lead, legalLead } = await leadsOf(handle.db, world);
    // The federal fiscal year that ended last September: a full year of data.
    const year = `FY${fiscalYearOf(pacificToday()) - 1}`;
    const filters = (scope: string) => parseDashboardParams({ period: year, scope }, pacificToday()).filters!;
    // What is timed is the counting: the kept figures (lib/reports/dashboard-cache.ts) are forgotten before each run.
    const counted = (me: SessionUser, f: ReturnType<typeof filters>) => () => {
      clearDashboardCache(handle.db);
      return getDashboard(me, f, handle.db);
    };
    await time(`service lead, own organization, ${year}`, counted(lead, filters("organization")));
    await time(`service lead, partnership, ${year}`, counted(lead, filters("partnership")));
    await time(`legal lead, own organization, ${year}`, counted(legalLead, filters("organization")));
    await time(`legal lead, partnership, ${year}`, counted(legalLead, filters("partnership")));
    await time(`service lead, partnership, ${year}, King County`, counted(lead, { ...filters("partnership"), county: "King" }));
    await time(`service lead, partnership, ${year}, kept figures`, () => getDashboard(lead, filters("partnership"), handle.db));
  } finally {
    await handle.close();
    if (!process.env.BENCH_KEEP && !process.env.BENCH_REUSE) await admin.unsafe(`drop database if exists "${NAME}" with (force)`);
    await admin.end();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
