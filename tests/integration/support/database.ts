import { randomBytes } from "node:crypto";
import fs from "node:fs";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../../db/client";
import { migrateDatabase } from "../../../db/migrate";
import { databaseUrlFor, postgresServerUrl } from "../../support/postgres-server";

/**
 * The database a test file runs against. PGlite: a fresh in-memory database per file, a copy of one
 * migrated by the production migration script at the start of the run. Postgres: the run's fresh database (see postgres-global-setup),
 * shared by the files, so tests create their own rows and never assume they are alone.
 */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  if (process.env.CLEARWAY_TEST_DB === "postgres") {
    return openDatabase({ databaseUrl: inject("postgresUrl"), poolMax: 4 });
  }
  // A copy of the run's migrated database (pglite-global-setup.ts); the migration check finds nothing to do.
  const template = inject("pgliteTemplate");
  const handle = openDatabase({ dataDir: "memory://", loadDataDir: template ? new Blob([fs.readFileSync(template)]) : undefined });
  await migrateDatabase(handle);
  return handle;
}

export const backend = process.env.CLEARWAY_TEST_DB === "postgres" ? "postgres" : "pglite";

/**
 * A database of the file's own, for tests that must not share one: they tamper with the audit
 * trail (disabling its triggers) or need to know every row in a table. PGlite: as openTestDatabase.
 * Postgres: a fresh database on the same server, migrated, dropped on close.
 */
export async function openPrivateTestDatabase(): Promise<DatabaseHandle & { url: string | null }> {
  if (process.env.CLEARWAY_TEST_DB !== "postgres") return { ...(await openTestDatabase()), url: null };
  const server = postgresServerUrl();
  const name = `clearway_it_private_${Date.now()}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = databaseUrlFor(server, name);
  const handle = openDatabase({ databaseUrl: url, poolMax: 4 });
  await migrateDatabase(handle);
  return {
    ...handle,
    url,
    close: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
