import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { getEnv, MEMORY_DATA_DIR } from "../lib/env";

/**
 * The database, or a transaction on it. Every query helper takes one of these as its first argument,
 * so code inside `db.transaction(async (tx) => ...)` passes `tx` down. On PGlite, touching the global
 * client inside a transaction waits on PGlite's mutex forever; on Postgres it silently escapes the
 * transaction. Either way: always pass the handle you were given.
 */
export type Db = PgDatabase<PgQueryResultHKT>;

export type DatabaseKind = "pglite" | "postgres";

/** Rows of a raw query (postgres.js returns them as the result, PGlite under `rows`). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export type DatabaseHandle = {
  kind: DatabaseKind;
  db: Db;
  close: () => Promise<void>;
};

type DatabaseTarget =
  | {
      databaseUrl: string;
      poolMax?: number;
      /** A read replica for report queries (reportDbFor). */
      replicaUrl?: string;
      /** "transaction": behind PgBouncer in transaction mode, where no session state survives a transaction. */
      pooler?: "transaction";
    }
  | {
      dataDir: string;
      /** In memory only: start from this copy of a database (PGlite's dumpDataDir), e.g. one already migrated. */
      loadDataDir?: Blob;
    };

const CASING = "snake_case" as const;

export class DatabaseInUseError extends Error {
  override name = "DatabaseInUseError";
}

/**
 * PGlite has no data-directory lock: two processes opening one folder corrupt it. Clearway opens it
 * from exactly one process at a time (setup script, then the server), and this pid file makes a
 * second opener fail with a clear message instead of a WASM abort.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lockFile = path.join(dataDir, "clearway.pid");
  const own = String(process.pid);
  try {
    fs.writeFileSync(lockFile, own, { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    const holder = Number.parseInt(fs.readFileSync(lockFile, "utf8"), 10);
    if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
      throw new DatabaseInUseError(
        `The embedded database in ${dataDir} is in use by process ${holder}. ` +
          "Stop that process first, or point CLEARWAY_DATA_DIR at another folder.",
      );
    }
    fs.writeFileSync(lockFile, own, { mode: 0o600 });
  }
  const release = () => {
    try {
      if (fs.readFileSync(lockFile, "utf8") === own) fs.unlinkSync(lockFile);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  return release;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

// A primary's read replica, for the report queries that may read slightly stale data (reportDbFor).
const replicas = new WeakMap<Db, Db>();

function openPool(url: string, applicationName: string, options: { poolMax?: number; pooler?: "transaction" }) {
  const pooled = options.pooler === "transaction";
  const client = postgres(url, {
    max: options.poolMax ?? 5,
    onnotice: () => {},
    // Behind PgBouncer in transaction mode, consecutive statements may run on different server
    // connections, so a statement prepared on one is unknown on the next: no prepared statements.
    prepare: !pooled,
    // No JIT: the planner prices a list's correlated subqueries (the matter list's next due date,
    // once per open matter) above jit_above_cost, and compiling them took 1.5 s of a 1.7 s page
    // whose execution took 0.2 s (tests/perf/matter-list.ts). Clearway's queries are short lookups
    // and pages, which JIT does not speed up. The database's own default says so too (migration
    // 0020_database_jit_off), which is what holds behind PgBouncer: it refuses startup parameters it
    // does not know, so the parameter is sent on direct connections only, where it also covers a
    // database whose migration could not set the default (not the database's owner).
    connection: pooled ? { application_name: applicationName } : { application_name: applicationName, jit: "off" },
  });
  return { client, db: drizzlePostgres({ client, casing: CASING }) as Db };
}

/**
 * The database for a report's reads: the read replica opened with this primary (DATABASE_REPLICA_URL),
 * else the primary itself (always on PGlite, and for a transaction or a test's own database). A
 * replica lags the primary by its replication delay, so only reads that may be a moment stale belong
 * there: dashboards and period reports, never a read that must see the caller's own write, and never
 * a write (a report's audit event stays on the primary).
 */
export function reportDbFor(db: Db): Db {
  return replicas.get(db) ?? db;
}

/** Opens a database explicitly. The app uses getDb(); scripts and tests use this for their own targets. */
export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if ("databaseUrl" in target) {
    const primary = openPool(target.databaseUrl, "clearway", target);
    const replica = target.replicaUrl ? openPool(target.replicaUrl, "clearway-replica", target) : null;
    if (replica) replicas.set(primary.db, replica.db);
    return {
      kind: "postgres",
      db: primary.db,
      close: async () => {
        await Promise.all([primary.client.end({ timeout: 5 }), replica?.client.end({ timeout: 5 })]);
      },
    };
  }
  const inMemory = target.dataDir === MEMORY_DATA_DIR;
  const release = inMemory ? () => {} : lockDataDir(target.dataDir);
  // The database files live in a subfolder, apart from secrets.json and the lock file.
  const client = inMemory
    ? new PGlite(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {})
    : new PGlite(path.join(target.dataDir, "pglite"));
  return {
    kind: "pglite",
    db: drizzlePglite({ client, casing: CASING }),
    close: async () => {
      await client.close();
      release();
    },
  };
}

// Cached on globalThis so `next dev` hot reloads reuse one client instead of opening the folder twice.
const holder = globalThis as typeof globalThis & { __clearwayDatabase?: DatabaseHandle };

function current(): DatabaseHandle {
  if (!holder.__clearwayDatabase) {
    const env = getEnv();
    holder.__clearwayDatabase = openDatabase(
      env.databaseUrl
        ? { databaseUrl: env.databaseUrl, poolMax: env.dbPoolMax, replicaUrl: env.databaseReplicaUrl, pooler: env.databasePooler }
        : { dataDir: env.dataDir },
    );
  }
  return holder.__clearwayDatabase;
}

/** The application's database, opened on first use (never at build time). */
export function getDb(): Db {
  return current().db;
}

/** The application's database for report reads: its read replica when DATABASE_REPLICA_URL is set, else getDb(). */
export function getReportDb(): Db {
  return reportDbFor(current().db);
}

export function getDatabaseKind(): DatabaseKind {
  return current().kind;
}

export async function closeDb(): Promise<void> {
  const handle = holder.__clearwayDatabase;
  holder.__clearwayDatabase = undefined;
  await handle?.close();
}
