// Measures the matter list at scale: 20,000 vacatur matters given to one legal organization (50
// attorneys and a program lead), with the hearings, prosecutor-notice tasks, orders and post-order
// checks their statuses imply, on PGlite (a throwaway folder) or on Postgres (DATABASE_URL). The list
// sorts and pages by each matter's next due date, computed in SQL from those sources
// (lib/vacatur/queries/deadlines.ts), so this is the query to watch: a whole organization's page
// computes that date for every open matter. Not part of `npm test`; run it when the list, the
// deadline rules, their indexes or the connection settings (db/client.ts turns JIT off) change:
//   npx tsx tests/perf/matter-list.ts                          # PGlite
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/clearway_perf_matters npx tsx tests/perf/matter-list.ts
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import type { SessionUser } from "../../lib/auth/sessions";
import type { MatterStatus } from "../../lib/vacatur/constants";
import { listHearings } from "../../lib/vacatur/queries/hearings";
import { listMatters } from "../../lib/vacatur/queries/matters";
import { PAGE_SIZE } from "../../lib/pagination";

const TOTAL = Number(process.env.MATTERS ?? 20_000);
const RUNS = Number(process.env.RUNS ?? 9);
const url = process.env.DATABASE_URL;
const dataDir = url ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "clearway-perf-"));
const handle = url ? openDatabase({ databaseUrl: url }) : openDatabase({ dataDir: dataDir! });
const db = handle.db;

// Where a caseload of matters stands, in percent: a fifth closed or withdrawn, the rest spread along
// the road from referral to a verified order.
const STATUS_SHARES: [MatterStatus, number][] = [
  ["referred", 3],
  ["screening", 8],
  ["records_requested", 6],
  ["ineligible_now", 5],
  ["drafting", 8],
  ["survivor_review", 3],
  ["filed", 7],
  ["hearing_set", 9],
  ["continued", 2],
  ["granted", 8],
  ["partially_granted", 2],
  ["denied", 2],
  ["order_transmitted", 4],
  ["verified", 8],
  ["closed", 18],
  ["on_hold_by_survivor", 3],
  ["withdrawn", 4],
];
const STATUS_CYCLE = STATUS_SHARES.flatMap(([status, share]) => Array<MatterStatus>(share).fill(status));
const statusArray = sql.raw(`array[${STATUS_CYCLE.map((s) => `'${s}'`).join(",")}]::matter_status[]`);
const uuidArray = (ids: string[]) => sql.raw(`array[${ids.map((id) => `'${id}'::uuid`).join(",")}]`);

const person = (name: string, role: "advocate" | "attorney" | "program_lead" | "prosecutor", organizationId: string) => ({
  email: `perf-${randomUUID()}@example.test`,
  name,
  role,
  organizationId,
  passwordHash: "x",
  approvalStatus: "approved" as const,
});

async function fill() {
  await db.execute(sql`truncate survivors, vacatur_matters, matter_convictions, convictions, matter_hearings, matter_tasks, post_order_checks, releases cascade`);
  const orgs = await db
    .insert(organizations)
    .values([
      { name: `Perf agency ${randomUUID()}`, type: "service_provider" as const, county: "King" },
      { name: `Perf legal aid ${randomUUID()}`, type: "legal_aid" as const, county: "King" },
      { name: `Perf prosecutor ${randomUUID()}`, type: "prosecutor_office" as const, county: "King" },
      { name: `Perf city attorney ${randomUUID()}`, type: "prosecutor_office" as const, county: "King" },
    ])
    .returning();
  const [agency, legal, office, cityOffice] = orgs as [(typeof orgs)[number], (typeof orgs)[number], (typeof orgs)[number], (typeof orgs)[number]];
  const advocates = await db.insert(users).values(Array.from({ length: 20 }, (_, i) => person(`Advocate ${i}`, "advocate", agency.id))).returning();
  const attorneys = await db.insert(users).values(Array.from({ length: 50 }, (_, i) => person(`Attorney ${i}`, "attorney", legal.id))).returning();
  const [lead] = await db.insert(users).values(person("Lead", "program_lead", legal.id)).returning();
  const [prosecutor] = await db.insert(users).values(person("Prosecutor", "prosecutor", office.id)).returning();

  const started = performance.now();
  await db.execute(sql`
    insert into survivors (id, organization_id, client_code, preferred_name, preferred_name_key, intake_date,
      assigned_advocate_id, demographics, safe_contact, county, status)
    select gen_random_uuid(), ${agency.id}, 'CW-M-' || lpad(g::text, 6, '0'), 'Name' || g, 'name' || g, date '2023-01-01' + (g % 900),
      (${uuidArray(advocates.map((a) => a.id))})[1 + g % 20],
      '{"genderIdentity":"not_reported","raceEthnicity":"not_reported","ageBand":"not_reported"}'::jsonb,
      '{"channels":[],"safeTimes":null,"mayIdentifyAgency":"not_asked"}'::jsonb, 'King', 'active'
    from generate_series(1, ${TOTAL}) g`);
  // One release per survivor to the legal organization (one in twenty revoked: those matters are
  // suspended), and one in five to the prosecuting office for criminal-court records.
  await db.execute(sql`
    insert into releases (survivor_id, organization_id, recipient_organization_id, categories, purpose, form, signed_on, expires_on,
      services_not_conditioned, created_by, revoked_at, revoked_by, revocation_method)
    select s.id, ${agency.id}, ${legal.id}, '{identity_contact,criminal_court}', 'Vacatur', 'written', current_date - 400, current_date + 400, true, s.assigned_advocate_id,
      case when g % 20 = 0 then now() end, case when g % 20 = 0 then s.assigned_advocate_id end, case when g % 20 = 0 then 'written'::revocation_method end
    from survivors s, lateral (select substr(s.client_code, 6)::int as g) n where s.organization_id = ${agency.id}`);
  await db.execute(sql`
    insert into releases (survivor_id, organization_id, recipient_organization_id, categories, purpose, form, signed_on, expires_on,
      services_not_conditioned, created_by, revoked_at, revoked_by, revocation_method)
    select s.id, ${agency.id}, ${office.id}, '{criminal_court}', 'Vacatur', 'written', current_date - 300, current_date + 300, true, s.assigned_advocate_id, null, null, null
    from survivors s, lateral (select substr(s.client_code, 6)::int as g) n where s.organization_id = ${agency.id} and g % 5 = 0`);
  await db.execute(sql`
    insert into convictions (id, survivor_id, court_type, court_name, court_locality, case_number_enc, prosecuting_authority, prosecuting_office,
      counts, disposition, disposition_date, cvpa_status, source, created_by)
    select gen_random_uuid(), s.id, 'district', (array['King County District Court','Seattle Municipal Court','Pierce County District Court'])[1 + g % 3], 'King',
      'x', 'county_prosecutor', 'King County Prosecuting Attorney',
      '[{"count":1,"offense":"Prostitution","citation":"RCW 9A.88.030","offenseClass":"misdemeanor","category":"prostitution","enhancement":"none"}]'::jsonb,
      'guilty_plea', date '2010-01-01' + (g % 3000), 'unknown', 'survivor', s.assigned_advocate_id
    from survivors s, lateral (select substr(s.client_code, 6)::int as g) n where s.organization_id = ${agency.id}`);

  // The matters: each one's status from STATUS_SHARES, and the dates that status implies.
  const filed = sql.raw(`status in ('filed','hearing_set','continued','granted','partially_granted','denied','order_transmitted','verified')
    or (status = 'closed' and g % 2 = 0) or (status = 'on_hold_by_survivor' and held_from_status = 'hearing_set')`);
  const ordered = sql.raw(`status in ('granted','partially_granted','denied','order_transmitted','verified') or (status = 'closed' and g % 2 = 0)`);
  await db.execute(sql`
    insert into vacatur_matters (id, survivor_id, organization_id, legal_organization_id, attorney_id, conflict_status, status, held_from_status,
      status_changed_at, last_activity_at, revisit_on, filed_on, filing_court, prosecutor_office_id, notice_on, order_on, opened_by, created_at)
    select gen_random_uuid(), id, ${agency.id}, ${legal.id}, case when status = 'referred' then null else attorney end,
      case when status = 'referred' then null when status = 'screening' and g % 4 = 0 then 'pending' else 'cleared' end::conflict_status,
      status, held_from_status, last_activity, last_activity,
      case when status = 'ineligible_now' then current_date + (g % 400) - 60 end,
      case when ${filed} then current_date - 100 - g % 300 end,
      case when ${filed} then 'King County District Court' end,
      -- a filed matter's notice is still to give in a third of 'filed' (its task is open)
      case when (${filed}) and not (status = 'filed' and g % 3 = 0) then (case when g % 4 = 0 then ${cityOffice.id} else ${office.id} end)::uuid end,
      case when (${filed}) and not (status = 'filed' and g % 3 = 0) then current_date - 95 - g % 300 end,
      case when ${ordered} then current_date - g % 200 end,
      advocate, last_activity - interval '200 days'
    from (
      select s.id, g, s.assigned_advocate_id as advocate,
        (${statusArray})[1 + abs(hashint4(g)) % 100] as status,
        case when (${statusArray})[1 + abs(hashint4(g)) % 100] = 'on_hold_by_survivor' then (case when g % 3 = 0 then 'hearing_set' else 'drafting' end)::matter_status end as held_from_status,
        (${uuidArray(attorneys.map((a) => a.id))})[1 + g % 50] as attorney,
        now() - ((g * 7919) % (120 * 24 * 60) || ' minutes')::interval as last_activity
      from survivors s, lateral (select substr(s.client_code, 6)::int as g) n where s.organization_id = ${agency.id}
    ) m`);
  // A cheap way back from a matter to its generator number, for the rows below.
  const matters = sql.raw(`(select m.*, substr(s.client_code, 6)::int as g from vacatur_matters m join survivors s on s.id = m.survivor_id) m`);
  await db.execute(sql`
    insert into matter_convictions (matter_id, conviction_id, conclusion)
    select m.id, c.id, case when m.g % 20 = 0 then 'not_eligible' when m.status in ('referred','screening') then null else 'eligible' end
    from ${matters} join convictions c on c.survivor_id = m.survivor_id`);
  // The notice task of every filed matter: done once notice was given.
  await db.execute(sql`
    insert into matter_tasks (matter_id, kind, due_on, completed_at, completed_by)
    select id, 'prosecutor_notice', filed_on + 5, case when notice_on is not null then notice_on::timestamptz end, case when notice_on is not null then attorney_id end
    from vacatur_matters where filed_on is not null`);
  // Hearings: the one awaiting its outcome (a few already past), a continued hearing and its successor,
  // the hearing each order came from, and a cancelled date on one matter in ten.
  await db.execute(sql`
    insert into matter_hearings (matter_id, starts_at, place, status, created_by)
    select id, date_trunc('day', now()) + ((g % 90) - 10 || ' days')::interval + interval '17 hours', 'Courtroom ' || (g % 12), 'scheduled'::hearing_status, attorney_id
    from ${matters} where status in ('hearing_set','continued') or held_from_status = 'hearing_set'
    union all
    select id, order_on + interval '17 hours', 'Courtroom ' || (g % 12), 'scheduled'::hearing_status, attorney_id from ${matters} where order_on is not null
    union all
    select id, filed_on + interval '60 days 17 hours', 'Courtroom 1', 'cancelled'::hearing_status, attorney_id from ${matters} where filed_on is not null and g % 10 = 0`);
  await db.execute(sql`
    insert into matter_hearings (matter_id, starts_at, place, status, continued_to_id, created_by)
    select h.matter_id, h.starts_at - interval '35 days', h.place, 'continued', h.id, h.created_by
    from matter_hearings h join vacatur_matters m on m.id = h.matter_id where m.status = 'continued' and h.status = 'scheduled'`);
  // The post-order checklist: the clerk's steps, and each WATCH re-check once due (one in five overdue, not done).
  await db.execute(sql`
    insert into post_order_checks (matter_id, step, done_on, recorded_by)
    select m.id, step::post_order_step, least(current_date, m.order_on + days), m.attorney_id
    from ${matters}, (values ('clerk_sent_wsp', 7, 0), ('clerk_sent_local', 10, 1), ('wsp_updated', 21, 2), ('watch_30', 30, 3), ('watch_60', 60, 3), ('watch_90', 90, 3)) as s(step, days, rank)
    where m.order_on is not null and m.status in ('granted','partially_granted','order_transmitted','verified','closed')
      and (rank = 0 or (rank = 1 and m.status in ('order_transmitted','verified','closed')) or (rank = 2 and m.status in ('verified','closed'))
        or (rank = 3 and m.order_on + days <= current_date and m.g % 5 <> 0))`);
  for (const table of ["survivors", "releases", "convictions", "vacatur_matters", "matter_convictions", "matter_tasks", "matter_hearings", "post_order_checks"]) {
    await db.execute(sql.raw(`vacuum analyze ${table}`));
  }
  const result = (await db.execute(sql`select
      (select count(*) from matter_hearings)::int as hearings, (select count(*) from matter_tasks)::int as tasks,
      (select count(*) from vacatur_matters where order_on is not null)::int as orders, (select count(*) from post_order_checks)::int as checks`)) as unknown as Record<string, number>[] | { rows: Record<string, number>[] };
  const [counts] = Array.isArray(result) ? result : result.rows;
  console.log(
    `${url ? "Postgres" : "PGlite"}: inserted ${TOTAL} matters (${counts?.hearings} hearings, ${counts?.tasks} tasks, ${counts?.orders} orders, ${counts?.checks} post-order checks) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { attorneys, lead: lead!, prosecutor: prosecutor! };
}

async function time(label: string, run: () => Promise<{ total: number; pageCount: number }>) {
  for (let i = 0; i < 2; i += 1) await run(); // warm-up
  const times: number[] = [];
  let result = { total: 0, pageCount: 0 };
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now();
    result = await run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)]!;
  const max = times[RUNS - 1]!;
  console.log(`${label.padEnd(46)} median ${median.toFixed(1).padStart(7)} ms  max ${max.toFixed(1).padStart(7)} ms  (${result.total} rows)`);
}

async function main() {
  await migrateDatabase(handle);
  const { attorneys, lead, prosecutor } = await fill();
  const asUser = (u: typeof lead): SessionUser => ({ ...u, organizationName: null, sessionId: "perf" });
  const attorney = asUser(attorneys[7]!);
  const leadUser = asUser(lead);
  const prosecutorUser = asUser(prosecutor);
  const open = { status: "open", scope: "mine", stale: false } as const;
  // The last page of the attorney's own open matters, and page 40 (rows 976-1,000) of the organization's.
  const mine = await listMatters(attorney, open, 1, db);
  const lastOfMine = Math.ceil(mine.total / PAGE_SIZE);
  await time("attorney, mine, page 1", () => listMatters(attorney, open, 1, db));
  await time(`attorney, mine, page ${lastOfMine} (last)`, () => listMatters(attorney, open, lastOfMine, db));
  await time("attorney, mine, stale", () => listMatters(attorney, { ...open, stale: true }, 1, db));
  await time("attorney, organization, page 1", () => listMatters(attorney, { ...open, scope: "organization" }, 1, db));
  await time("lead, organization, page 1", () => listMatters(leadUser, { ...open, scope: "organization" }, 1, db));
  await time("lead, organization, page 40", () => listMatters(leadUser, { ...open, scope: "organization" }, 40, db));
  await time("lead, all statuses, page 1", () => listMatters(leadUser, { ...open, status: "all", scope: "organization" }, 1, db));
  await time("prosecutor, page 1", () => listMatters(prosecutorUser, open, 1, db));
  await time("prosecutor, page 40", () => listMatters(prosecutorUser, open, 40, db));
  await time("hearings upcoming, attorney", () => listHearings(attorney, "upcoming", 1, db));
  await time("hearings upcoming, lead", () => listHearings(leadUser, "upcoming", 1, db));
  await time("hearings past, lead, page 40", () => listHearings(leadUser, "past", 40, db));
  await time("hearings upcoming, prosecutor", () => listHearings(prosecutorUser, "upcoming", 1, db));
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
