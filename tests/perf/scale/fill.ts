// The scale data set of issue 13's bench: a big partnership's 18 months on PostgreSQL. 10 organizations
// (7 service providers, the last of them the partner that receives referrals; 2 legal aid; a
// prosecutor's office), 60 advocates whose caseloads run from about 3,000 survivors down to about 300,
// and, per 100,000 survivors, 300,000 referrals, 50,000 vacatur matters with their convictions,
// hearings and hours, about 2 million timeline rows (survivor events, notes, referral events, services)
// and 1 million audit events. The bulk is set-based SQL (./bulk.ts, ./history.ts); the records the
// bench opens are written by the app's own commands (./sample.ts), so they decrypt with the running key.
//
// The caller migrates an empty database and sets CLEARWAY_ENCRYPTION_KEY (and AUTH_SECRET) in
// process.env first: the sample is sealed with that key, and the server must run with the same one.
//
// CLI (drops and creates the database, migrates, fills; keeps it for EXPLAIN or a server):
//   npx tsx --conditions=react-server tests/perf/scale/fill.ts --survivors 10000 --database clearway_bench_x
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { sql, type SQL } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type Db } from "../../../db/client";
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_PREFERRED_NAMES } from "../../../db/demo-names";
import { migrateDatabase } from "../../../db/migrate";
import { organizations } from "../../../db/schema/organizations";
import { users, type UserRow } from "../../../db/schema/users";
import { hashPassword } from "../../../lib/auth/password";
import type { Role } from "../../../lib/auth/roles";
import type { SessionUser } from "../../../lib/auth/sessions";
import { normalizeName } from "../../../lib/crypto/fields";
import { hashSearchToken } from "../../../lib/survivors/search";
import { databaseUrlFor, postgresServerUrl } from "../../support/postgres-server";
import { fillBulk, type BulkPeople } from "./bulk";
import { fillAudit, fillTimeline } from "./history";
import { fillSample } from "./sample";

export type ScaleOptions = { survivors: number };
export type ScaleWorld = {
  password: string;
  accounts: { advocate: string; partner: string; attorney: string; lead: string; legalLead: string; admin: string; prosecutor: string };
  samples: { survivorId: string; referralId: string; matterId: string };
  counts: Record<string, number>;
};

export const SCALE_PASSWORD = "clearway-scale-2026";
const ACCOUNTS: ScaleWorld["accounts"] = {
  advocate: "advocate@scale.clearway.test",
  partner: "partner@scale.clearway.test",
  attorney: "attorney@scale.clearway.test",
  lead: "lead@scale.clearway.test",
  legalLead: "legal-lead@scale.clearway.test",
  admin: "admin@scale.clearway.test",
  prosecutor: "prosecutor@scale.clearway.test",
};

const SERVICE_NAMES = ["Harbor Light Survivor Services", "Cascade Exit Network", "Sound Advocacy Center", "Rainier Youth Outreach", "Puget Peer Support", "Evergreen Housing Alliance"];
const PARTNER_NAME = "Northwest Pathways Employment";
const LEGAL_NAMES = ["Justice Bridge Legal Aid", "Vacatur Project of Washington"];
const PROSECUTOR_NAME = "Cascade County Prosecuting Attorney's Office";
const ADVOCATES = 60;
const ATTORNEYS_PER_LEGAL = 15;
const NON_LEGAL_SERVICES = ["housing", "mental_health", "substance_use", "medical", "employment", "education", "exit_support", "financial", "childcare", "other"] as const;

/** The tables the report counts. */
const COUNTED = [
  "organizations", "users", "survivors", "survivor_notes", "survivor_events", "service_events", "releases", "referrals", "referral_events", "notifications",
  "vacatur_matters", "convictions", "matter_convictions", "matter_hearings", "pro_bono_hours", "post_order_checks", "matter_tasks", "prosecutor_communications",
  "matter_notes", "audit_events", "audit_event_survivors",
];

/** Caseloads falling evenly from about 3,000 (at 100,000 survivors) to a ninth of that, adding up to `total`. */
function caseloads(total: number): number[] {
  const weights = Array.from({ length: ADVOCATES }, (_, i) => 3000 - (i * 2667) / (ADVOCATES - 1));
  const sum = weights.reduce((a, b) => a + b, 0);
  const counts = weights.map((w) => Math.floor((total * w) / sum));
  const short = total - counts.reduce((a, b) => a + b, 0);
  for (let i = 0; i < short; i += 1) counts[i % ADVOCATES]! += 1;
  return counts;
}

const personName = (i: number) => `${DEMO_FIRST_NAMES[i % DEMO_FIRST_NAMES.length]} ${DEMO_LAST_NAMES[(i + Math.floor(i / DEMO_FIRST_NAMES.length)) % DEMO_LAST_NAMES.length]}`;

export async function fillScale(db: Db, options: ScaleOptions, log: (line: string) => void = () => {}): Promise<ScaleWorld> {
  const N = options.survivors;
  if (!Number.isInteger(N) || N < 100) throw new Error("survivors: a whole number of at least 100");
  const started = performance.now();
  const step = async (label: string, statement: SQL) => {
    const t = performance.now();
    await db.execute(statement);
    log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };

  const passwordHash = await hashPassword(SCALE_PASSWORD);
  const orgValues = [
    ...SERVICE_NAMES.map((name) => ({ name, type: "service_provider" as const, services: [...NON_LEGAL_SERVICES] })),
    { name: PARTNER_NAME, type: "service_provider" as const, services: [...NON_LEGAL_SERVICES] },
    ...LEGAL_NAMES.map((name) => ({ name, type: "legal_aid" as const, services: ["legal" as const] })),
    { name: PROSECUTOR_NAME, type: "prosecutor_office" as const, services: [] },
  ];
  const orgs = await db
    .insert(organizations)
    .values(orgValues.map((o) => ({ ...o, county: "King", countiesServed: ["King", "Pierce", "Snohomish"], languages: ["English", "Spanish"], capacityUpdatedAt: new Date() })))
    .returning({ id: organizations.id });
  const serviceOrgs = orgs.slice(0, 7).map((o) => o.id);
  const partnerOrg = serviceOrgs[6]!;
  const legalOrgs = orgs.slice(7, 9).map((o) => o.id);
  const prosecutorOrg = orgs[9]!.id;

  let n = 0;
  const person = (email: string, role: Role, organizationId: string | null) => ({ email, name: personName(n++), role, organizationId, passwordHash, approvalStatus: "approved" as const });
  const loads = caseloads(N);
  const rows = await db
    .insert(users)
    .values([
      person(ACCOUNTS.admin, "admin", null),
      ...orgs.map((o, i) => person(i === 0 ? ACCOUNTS.lead : i === 7 ? ACCOUNTS.legalLead : `lead-${i}@scale.clearway.test`, "program_lead", o.id)),
      ...loads.map((_, i) => person(i === 0 ? ACCOUNTS.advocate : `advocate-${i}@scale.clearway.test`, "advocate", serviceOrgs[i % 7]!)),
      ...legalOrgs.flatMap((org, l) =>
        Array.from({ length: ATTORNEYS_PER_LEGAL }, (_, j) => person(l === 0 && j === 0 ? ACCOUNTS.attorney : `attorney-${l}-${j}@scale.clearway.test`, "attorney", org)),
      ),
      ...Array.from({ length: 4 }, (_, j) => person(j === 0 ? ACCOUNTS.partner : `partner-${j}@scale.clearway.test`, "partner", partnerOrg)),
      ...Array.from({ length: 3 }, (_, j) => person(j === 0 ? ACCOUNTS.prosecutor : `prosecutor-${j}@scale.clearway.test`, "prosecutor", prosecutorOrg)),
    ])
    .returning();
  const byEmail = new Map(rows.map((u) => [u.email, u]));
  const leadOf = (org: string) => rows.find((u) => u.role === "program_lead" && u.organizationId === org)!.id;
  const people: BulkPeople = {
    organizations: [
      ...serviceOrgs.map((id) => ({ id, kind: id === partnerOrg ? ("partner" as const) : ("service" as const), receiverId: id === partnerOrg ? byEmail.get(ACCOUNTS.partner)!.id : leadOf(id), leadId: leadOf(id) })),
      ...legalOrgs.map((id) => ({ id, kind: "legal" as const, receiverId: leadOf(id), leadId: leadOf(id) })),
      { id: prosecutorOrg, kind: "prosecutor" as const, receiverId: leadOf(prosecutorOrg), leadId: leadOf(prosecutorOrg) },
    ],
    advocates: loads.map((caseload, i) => ({ id: byEmail.get(i === 0 ? ACCOUNTS.advocate : `advocate-${i}@scale.clearway.test`)!.id, organizationId: serviceOrgs[i % 7]!, caseload })),
    attorneys: legalOrgs.map((org) => rows.filter((u) => u.role === "attorney" && u.organizationId === org).map((u) => u.id)),
    // Each record is found by a first and a last name, hashed per organization as lib/survivors/search.ts does.
    tokens: Object.fromEntries(
      serviceOrgs.map((org) => [
        org,
        {
          first: DEMO_FIRST_NAMES.map((w) => hashSearchToken(org, `name:${normalizeName(w)}`)),
          last: DEMO_LAST_NAMES.map((w) => hashSearchToken(org, `name:${normalizeName(w)}`)),
        },
      ]),
    ),
    preferredNames: [...DEMO_PREFERRED_NAMES, ...DEMO_FIRST_NAMES].flatMap((first) => "ABCDEFGHJKLMNPRSTW".split("").map((l) => ({ name: `${first} ${l}.`, key: normalizeName(`${first} ${l}.`) }))),
  };
  log(`Filling ${N} survivors (largest caseload ${loads[0]}, smallest ${loads.at(-1)}):`);
  await fillBulk(db, people, N, step);
  await fillTimeline(step);
  await fillAudit(db, 10 * N, step);

  const t = performance.now();
  const as = (email: string): SessionUser => sessionUserOf(byEmail.get(email)!, "scale-fill");
  const samples = await fillSample(db, {
    advocate: as(ACCOUNTS.advocate),
    partner: as(ACCOUNTS.partner),
    attorney: as(ACCOUNTS.attorney),
    legalLead: as(ACCOUNTS.legalLead),
    prosecutor: as(ACCOUNTS.prosecutor),
    partnerOrganizationId: partnerOrg,
    legalOrganizationId: legalOrgs[0]!,
    prosecutorOfficeId: prosecutorOrg,
  });
  log(`  sample records (app commands): ${((performance.now() - t) / 1000).toFixed(1)} s`);

  for (const helper of ["scale_fill_matters", "scale_fill_survivors", "scale_fill_orgs"]) await db.execute(sql.raw(`drop table ${helper}`));
  const v = performance.now();
  for (const table of [...COUNTED, "user_sessions", "client_code_counters", "idempotency_keys", "matter_convictions"]) await db.execute(sql.raw(`vacuum analyze ${table}`));
  log(`  vacuum analyze: ${((performance.now() - v) / 1000).toFixed(1)} s`);
  const counts = await countRows(db);
  log(`Filled in ${((performance.now() - started) / 1000).toFixed(1)} s; database ${await databaseSize(db)}`);
  return { password: SCALE_PASSWORD, accounts: ACCOUNTS, samples, counts };
}

/** A users row as the session the commands expect. */
export function sessionUserOf(row: UserRow, sessionId: string): SessionUser {
  return { id: row.id, name: row.name, email: row.email, role: row.role, organizationId: row.organizationId, organizationName: null, mustChangePassword: false, sessionId };
}

async function countRows(db: Db): Promise<Record<string, number>> {
  const [row] = (await db.execute(sql.raw(`select ${COUNTED.map((t) => `(select count(*) from ${t})::int as ${t}`).join(", ")}`))) as unknown as Record<string, number>[];
  return row!;
}

async function databaseSize(db: Db): Promise<string> {
  const [row] = (await db.execute(sql`select pg_size_pretty(pg_database_size(current_database())) as size`)) as unknown as { size: string }[];
  return row!.size;
}

/** The world of a database filled earlier (the bench's reuse): the same accounts, the sample found again. */
export async function scaleWorldOf(db: Db): Promise<ScaleWorld> {
  const [row] = (await db.execute(sql`
    select s.id as survivor_id,
      (select f.id from referrals f join users p on p.organization_id = f.to_organization_id and p.email = ${ACCOUNTS.partner}
        where f.survivor_id = s.id and f.status = 'sent' order by f.created_at desc limit 1) as referral_id,
      (select m.id from vacatur_matters m join users a on a.id = m.attorney_id and a.email = ${ACCOUNTS.attorney} where m.survivor_id = s.id limit 1) as matter_id
    from survivors s join users u on u.id = s.assigned_advocate_id and u.email = ${ACCOUNTS.advocate}
    where s.legal_name_enc is not null order by s.created_at desc limit 1`)) as unknown as { survivor_id: string; referral_id: string | null; matter_id: string | null }[];
  if (!row?.referral_id || !row.matter_id) throw new Error("this database holds no scale data set (tests/perf/scale/fill.ts)");
  return { password: SCALE_PASSWORD, accounts: ACCOUNTS, samples: { survivorId: row.survivor_id, referralId: row.referral_id, matterId: row.matter_id }, counts: await countRows(db) };
}

/** Keys for a scale database made by the CLI without keys of its own; a server started on it must use the same. */
export const SCALE_CLI_ENV = { AUTH_SECRET: "scale-bench-auth-secret-0123456789abcdef", CLEARWAY_ENCRYPTION_KEY: "a".repeat(64) };

async function cli() {
  const { values } = parseArgs({ options: { survivors: { type: "string", default: "10000" }, database: { type: "string" } } });
  const name = values.database;
  if (!name || !/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error("--database <name> (lower case letters, digits, underscores) is required");
  const server = postgresServerUrl();
  const url = databaseUrlFor(server, name);
  for (const [key, value] of Object.entries(SCALE_CLI_ENV)) process.env[key] ||= value;
  process.env.DATABASE_URL = url;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const handle = openDatabase({ databaseUrl: url, poolMax: 2 });
  try {
    await migrateDatabase(handle);
    const world = await fillScale(handle.db, { survivors: Number(values.survivors) }, console.log);
    console.log(JSON.stringify(world, null, 2));
    console.log(`Serve it with DATABASE_URL=${url} AUTH_SECRET=${process.env.AUTH_SECRET} CLEARWAY_ENCRYPTION_KEY=${process.env.CLEARWAY_ENCRYPTION_KEY}`);
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
