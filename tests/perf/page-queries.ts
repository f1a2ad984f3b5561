// Where a page's database time goes (issue 13): runs the data functions behind one home or list page
// as a scale account against a filled database (tests/perf/scale/fill.ts), records every statement
// through drizzle's logger, then times each with EXPLAIN (ANALYZE, BUFFERS) and prints them slowest
// first with their plan's top lines. Round trips and milliseconds per page, before and after a change.
//
//   npx tsx --conditions=react-server tests/perf/page-queries.ts --database clearway_bench --page today
//   (pages: today, prosecutor-today, attorney-today, lead-today, inbox, caseload, shell, survivor, matter,
//   referral-sender, referral-recipient, audit; --plans prints plans)

import { parseArgs } from "node:util";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema/users";
import { organizations } from "../../db/schema/organizations";
import type { SessionUser } from "../../lib/auth/sessions";
import { getAdvocateDay } from "../../lib/home/advocate-day";
import { getProsecutorToday } from "../../lib/home/prosecutor-today";
import { getAttorneyToday } from "../../lib/home/attorney-today";
import { getLeadToday } from "../../lib/home/lead-today";
import { getReferralInbox } from "../../lib/home/inbox";
import { navHoldings } from "../../lib/home/nav-holdings";
import { countUnreadNotifications } from "../../lib/notifications/queries";
import { listSurvivors } from "../../lib/survivors/queries/caseload";
import { survivorFiltersSchema } from "../../lib/survivors/schema";
import { getSurvivorPage } from "../../lib/survivors/queries/record";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { getReferral } from "../../lib/referrals/queries";
import { auditFiltersSchema, listAuditEvents } from "../../lib/audit/queries";
import { scaleWorldOf } from "./scale/fill";
import { databaseUrlFor, postgresServerUrl } from "../support/postgres-server";

type Captured = { query: string; params: unknown[] };
type Samples = { survivorId: string; referralId: string; matterId: string };
const META = { ip: "127.0.0.1", userAgent: "page-queries" } as never;

const PAGES: Record<string, { account: string; run: (db: Db, me: SessionUser, samples: Samples) => Promise<unknown> }> = {
  survivor: { account: "advocate", run: (db, me, s) => getSurvivorPage(me, s.survivorId, META, {}, db) },
  matter: { account: "attorney", run: (db, me, s) => getMatterPage(me, s.matterId, META, db) },
  "referral-sender": { account: "advocate", run: (db, me, s) => getReferral(me, s.referralId, META, db) },
  "referral-recipient": { account: "partner", run: (db, me, s) => getReferral(me, s.referralId, META, db) },
  audit: { account: "admin", run: (db, me) => listAuditEvents(me, auditFiltersSchema.parse({}), {}, db) },
  today: { account: "advocate", run: (db, me) => getAdvocateDay(me, null, db) },
  "prosecutor-today": { account: "prosecutor", run: (db, me) => getProsecutorToday(me, db) },
  "attorney-today": { account: "attorney", run: (db, me) => getAttorneyToday(me, db) },
  "lead-today": { account: "legal-lead", run: (db, me) => getLeadToday(me, db) },
  inbox: { account: "partner", run: (db, me) => getReferralInbox(me, null, db) },
  caseload: { account: "advocate", run: (db, me) => listSurvivors(me, survivorFiltersSchema.parse({}), 1, "managed", db) },
  shell: { account: "advocate", run: (db, me) => Promise.all([navHoldings(me, db), countUnreadNotifications(me, db)]) },
};

async function main() {
  const { values } = parseArgs({ options: { database: { type: "string", default: "clearway_bench" }, page: { type: "string", default: "today" }, plans: { type: "boolean", default: false } } });
  const page = PAGES[values.page!];
  if (!page) throw new Error(`--page one of ${Object.keys(PAGES).join(", ")}`);
  const client = postgres(databaseUrlFor(postgresServerUrl(), values.database!), { max: 4, onnotice: () => {}, connection: { jit: "off" } });
  const captured: Captured[] = [];
  const plain = drizzle({ client, casing: "snake_case" }) as unknown as Db;
  const logged = drizzle({ client, casing: "snake_case", logger: { logQuery: (query, params) => void captured.push({ query, params }) } }) as unknown as Db;
  try {
    const [u] = await plain
      .select({ id: users.id, name: users.name, email: users.email, role: users.role, organizationId: users.organizationId, organizationName: organizations.name })
      .from(users)
      .leftJoin(organizations, eq(organizations.id, users.organizationId))
      .where(eq(users.email, `${page.account}@scale.clearway.test`));
    if (!u) throw new Error(`no ${page.account}@scale.clearway.test in ${values.database}: fill it first`);
    const me = { ...u, mustChangePassword: false, sessionId: "00000000-0000-4000-8000-000000000000" } as SessionUser;
    const { samples } = await scaleWorldOf(plain);
    await page.run(plain, me, samples); // warm the cache
    let started = performance.now();
    await page.run(plain, me, samples);
    const wall = performance.now() - started;
    await page.run(logged, me, samples);
    const rows: { ms: number; query: string; plan: string[] }[] = [];
    for (const { query, params } of captured) {
      if (!/^\s*(select|with)/i.test(query)) continue;
      started = performance.now();
      const plan = (await client.unsafe(`explain (analyze, buffers) ${query}`, params as never[])) as unknown as { "QUERY PLAN": string }[];
      const lines = plan.map((r) => r["QUERY PLAN"]);
      const exec = Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? "")?.[1] ?? performance.now() - started);
      rows.push({ ms: exec, query, plan: lines });
    }
    rows.sort((a, b) => b.ms - a.ms);
    console.log(`${values.page} as ${page.account}: ${captured.length} statements, ${wall.toFixed(1)} ms wall (warm), ${rows.reduce((s, r) => s + r.ms, 0).toFixed(1)} ms executing`);
    for (const r of rows) {
      console.log(`\n${r.ms.toFixed(2).padStart(9)} ms  ${r.query.replace(/\s+/g, " ").slice(0, 300)}`);
      if (values.plans) console.log(r.plan.map((l) => `    ${l}`).join("\n"));
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
