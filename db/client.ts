import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
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

export type DatabaseHandle = {
  kind: DatabaseKind;
  db: Db;
  close: () => Promise<void>;
};

type DatabaseTarget = { databaseUrl: string; poolMax?: number } | { dataDir: string };

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

/** Opens a database explicitly. The app uses getDb(); scripts and tests use this for their own targets. */
export function openDatabase(target: DatabaseTarget): DatabaseHandle {
  if ("databaseUrl" in target) {
    const client = postgres(target.databaseUrl, {
      max: target.poolMax ?? 5,
      onnotice: () => {},
      // No JIT: the planner prices a list's correlated subqueries (the matter list's next due date,
      // once per open matter) above jit_above_cost, and compiling them took 1.5 s of a 1.7 s page
      // whose execution took 0.2 s (tests/perf/matter-list.ts). Clearway's queries are short lookups
      // and pages, which JIT does not speed up.
      connection: { application_name: "clearway", jit: "off" },
    });
    return {
      kind: "postgres",
      db: drizzlePostgres({ client, casing: CASING }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  const inMemory = target.dataDir === MEMORY_DATA_DIR;
  const release = inMemory ? () => {} : lockDataDir(target.dataDir);
  // The database files live in a subfolder, apart from secrets.json and the lock file.
  const client = inMemory ? new PGlite() : new PGlite(path.join(target.dataDir, "pglite"));
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
      env.databaseUrl ? { databaseUrl: env.databaseUrl, poolMax: env.dbPoolMax } : { dataDir: env.dataDir },
    );
  }
  return holder.__clearwayDatabase;
}

/** The application's database, opened on first use (never at build time). */
export function getDb(): Db {
  return current().db;
}

export function getDatabaseKind(): DatabaseKind {
  return current().kind;
}

export async function closeDb(): Promise<void> {
  const handle = holder.__clearwayDatabase;
  holder.__clearwayDatabase = undefined;
  await handle?.close();
}
