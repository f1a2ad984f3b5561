import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { PostgresJsDatabase } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { Sql } from "postgres";
import { closeDb, getDatabaseKind, getDb, type DatabaseHandle } from "./client";

// The one way migrations are applied: by `npm start` (db/setup.ts), by the test suites on their fresh
// databases, and by CI. The SQL is drizzle-kit output committed under db/migrations.

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");

// Arbitrary constant: instances starting together take turns instead of racing the same migration.
const MIGRATION_LOCK = 7_312_026;

/**
 * On PostgreSQL the migrations run while one transaction holds a transaction-level advisory lock, so
 * instances starting together take turns (the later ones find nothing left to do), and the lock ends
 * with that transaction whatever happens: a crashed instance cannot leave it held, and, unlike a
 * session lock, it cannot outlive its transaction on a pooled server connection. The migrations
 * themselves run on another connection of the pool (drizzle's migrator opens its own transaction),
 * so the pool needs two connections. Run them over a direct connection, not through PgBouncer in
 * transaction mode: the lock's transaction sits idle while the migrations run, which a pooler's
 * idle-transaction timeout may cut short (and with it the lock), and a migration may one day need a
 * statement that cannot run in a transaction.
 */
export async function migrateDatabase(handle: Pick<DatabaseHandle, "kind" | "db">): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const client = (handle.db as unknown as { $client: Sql }).$client;
  await client.begin(async (lock) => {
    await lock`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  });
}

/** Migrates the application's own database (DATABASE_URL, or the embedded one). */
export async function migrateAppDatabase(): Promise<void> {
  await migrateDatabase({ kind: getDatabaseKind(), db: getDb() });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  migrateAppDatabase()
    .then(() => console.log("Database migrations are up to date."))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}
