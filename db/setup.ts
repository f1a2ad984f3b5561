import { ConfigError, getEnv } from "../lib/env";
import { closeDb, DatabaseInUseError, getDatabaseKind, getDb } from "./client";
import { migrateDatabase } from "./migrate";
import { demoSignInsText } from "./demo";
import { hasDemoData, seedDemoData } from "./seed";
import { backfillSearchTokens } from "../lib/survivors/search-backfill";

// What `npm start` runs between `next build` and `next start`: check the configuration, apply
// migrations, fill the search tokens of records that have none yet (with the app's key) and, on the
// embedded database only, create the demo partnership once. It closes the
// database before the server opens it (PGlite allows one process per data folder).

async function main(): Promise<void> {
  let env;
  try {
    env = getEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`\n${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }

  const db = getDb();
  await migrateDatabase({ kind: getDatabaseKind(), db });
  const tokens = await backfillSearchTokens(db);
  if (tokens.filled > 0) console.log(`Made search tokens for ${tokens.filled} survivor records.`);
  if (tokens.unreadable > 0) {
    console.warn(`${tokens.unreadable} survivor records could not be decrypted for search (is a previous key missing from CLEARWAY_PREVIOUS_ENCRYPTION_KEYS?); they are not found by name or date of birth until then.`);
  }

  const embedded = !env.databaseUrl;
  if (embedded) {
    const outcome = await seedDemoData(db);
    if (outcome === "seeded") console.log(`Created the demo partnership in ${env.dataDir}.`);
  }
  const demo = await hasDemoData(db);
  await closeDb();

  const url = env.authUrl ?? `http://localhost:${env.port}`;
  console.log(
    [
      "",
      "  Clearway",
      `  Open ${url} once the server below says it is ready.`,
      `  Database: ${embedded ? `embedded PGlite in ${env.dataDir}` : "PostgreSQL (DATABASE_URL)"}`,
      demo ? demoSignInsText() : "  No demo data. Create the first administrator with: npm run db:create-admin -- --email you@agency.org --name \"Your Name\"",
      "",
    ].join("\n"),
  );
}

main().catch(async (error: unknown) => {
  // Expected refusals get their message; anything else its stack, for whoever has to fix it.
  if (error instanceof DatabaseInUseError) console.error(`\n${error.message}\n`);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exitCode = 1;
  await closeDb().catch(() => {});
});
