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

export async function migrateDatabase(handle: Pick<DatabaseHandle, "kind" | "db">): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    return;
  }
  const client = (handle.db as unknown as { $client: Sql }).$client;
  const lock = await client.reserve();
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await lock`select pg_advisory_unlock(${MIGRATION_LOCK})`;
    lock.release();
  }
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
