import { sql } from "drizzle-orm";
import type { Db } from "../../../../db/client";
import { currentDb } from "./request";

// "The rows are unchanged", for every cell. A fingerprint of every row of the world, in every table,
// is taken once per release state; each cell runs in its own rolled-back transaction (request.ts
// isolated), so every cell starts from exactly that state. Around the call, PostgreSQL's own counts
// of rows written by this transaction (pg_stat_get_xact_tuples_*, read before and after) say whether
// any of the world's tables was touched; only then is the world fingerprinted again and compared.
//
// A row belongs to the world when one of its uuid columns names a record of the world or its text
// carries the world's tag (so a row a hostile create would add is caught too). Tables are read from
// the catalog, so a table added later is covered without touching this file. Left out: the audit
// trail and its chain (a refusal is itself audited; a list's CSV links the survivors it included), the sign-in
// throttle and the client-code counter (keyed by hash and year, not by record), and a session's
// last-seen time and a person's last visit to their home (activity, not a change).

const SKIPPED_TABLES = new Set(["audit_events", "audit_event_survivors", "audit_chain", "audit_chain_head", "sign_in_throttles", "client_code_counters", "__drizzle_migrations"]);
const SKIPPED_COLUMNS = new Set(["user_sessions.last_seen_at", "users.last_home_visit_at"]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NAME = /^[a-z_][a-z0-9_]*$/;

type Column = { table: string; column: string; type: string };
type Fingerprint = Record<string, string>;

export type ChangeDetector = {
  /** Makes the call, then names the tables whose world rows differ from when the world was built. */
  during: <T>(call: () => Promise<T>) => Promise<{ outcome: T; changed: string[] }>;
  /** The same comparison, made now whatever the statistics say (to check the check). */
  changedNow: () => Promise<string[]>;
};

async function rowsOf<T>(db: Db, query: ReturnType<typeof sql>): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export async function changeDetector(db: Db, ids: readonly string[], tag: string): Promise<ChangeDetector> {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not a uuid: ${id}`);
  if (!/^[0-9a-f]+$/.test(tag)) throw new Error(`not a world tag: ${tag}`);
  const columns = await rowsOf<Column>(
    db,
    sql`select table_name as "table", column_name as "column", data_type as "type"
        from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  const tables = new Map<string, Column[]>();
  for (const c of columns) {
    if (SKIPPED_TABLES.has(c.table) || !NAME.test(c.table) || !NAME.test(c.column)) continue;
    tables.set(c.table, [...(tables.get(c.table) ?? []), c]);
  }
  const idList = `array[${ids.map((id) => `'${id}'`).join(",")}]::uuid[]`;
  const parts = [...tables].map(([table, cols]) => {
    const kept = cols.filter((c) => !SKIPPED_COLUMNS.has(`${table}.${c.column}`));
    const row = `row(${kept.map((c) => `t."${c.column}"`).join(", ")})::text`;
    const scope = [...cols.filter((c) => c.type === "uuid").map((c) => `t."${c.column}" = any(${idList})`), `t::text like '%${tag}%'`].join(" or ");
    return `select '${table}' as "table", count(*)::int as "rows", coalesce(md5(string_agg(${row}, '|' order by ${row})), '') as "digest" from "${table}" t where ${scope}`;
  });
  const fingerprintQuery = sql.raw(parts.join("\nunion all\n"));
  const fingerprint = async (on: Db): Promise<Fingerprint> =>
    Object.fromEntries((await rowsOf<{ table: string; rows: number; digest: string }>(on, fingerprintQuery)).map((r) => [r.table, `${r.rows}:${r.digest}`]));
  // The rows written to the world's tables so far, by this backend. Pending statistics may still hold
  // earlier transactions' counts, so the sum is compared before and after the call, not read alone.
  const oids = await rowsOf<{ oid: number }>(db, sql.raw(`select c.oid::int as "oid" from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and c.relname in (${[...tables.keys()].map((t) => `'${t}'`).join(", ")})`));
  const writesQuery = sql.raw(`select coalesce(sum(pg_stat_get_xact_tuples_inserted(x) + pg_stat_get_xact_tuples_updated(x) + pg_stat_get_xact_tuples_deleted(x)), 0)::text as "writes"
    from unnest(array[${oids.map((o) => o.oid).join(",")}]::oid[]) x`);
  const writes = async (on: Db) => (await rowsOf<{ writes: string }>(on, writesQuery))[0]!.writes;

  const baseline = await fingerprint(db);
  const compare = async (on: Db) => {
    const now = await fingerprint(on);
    return Object.keys({ ...baseline, ...now }).filter((table) => baseline[table] !== now[table]);
  };
  return {
    changedNow: () => compare(currentDb()),
    async during(call) {
      const on = currentDb();
      const before = await writes(on);
      const outcome = await call();
      const touched = (await writes(on)) !== before;
      return { outcome, changed: touched ? await compare(on) : [] };
    },
  };
}
