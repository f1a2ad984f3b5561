import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../db/client";
import { migrateDatabase } from "../../../db/migrate";

/**
 * The database a test file runs against. PGlite: a fresh in-memory database per file, migrated by
 * the production migration script. Postgres: the run's fresh database (see postgres-global-setup),
 * shared by the files, so tests create their own rows and never assume they are alone.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.CLEARWAY_TEST_DB === "postgres") {
    return openDatabase({ databaseUrl: inject("postgresUrl"), poolMax: 4 });
  }
  const handle = openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
  return handle;
}

export const backend = process.env.CLEARWAY_TEST_DB === "postgres" ? "postgres" : "pglite";
