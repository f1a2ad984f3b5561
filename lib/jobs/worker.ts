import { closeDb, getDb } from "../../db/client";
import { ConfigError, getEnv } from "../env";
import { appBossTarget, openJobs } from "./schedule";

// `npm run worker`: the background jobs in a process of their own, for PostgreSQL deployments that
// run the app instances with CLEARWAY_JOBS=off (or alongside them: pg-boss never runs a job twice).
// Not on the embedded database: PGlite is one process's, and the app runs the jobs itself there.

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
  if (!env.databaseUrl) {
    console.error(
      "\nThe jobs worker needs PostgreSQL (DATABASE_URL). The embedded database (PGlite) can be opened by one process only,\n" +
        "so there the app runs the jobs itself (unless CLEARWAY_JOBS=off): no worker is needed.\n",
    );
    process.exitCode = 1;
    return;
  }

  const boss = await openJobs(appBossTarget(), getDb);
  console.log("  Clearway jobs worker started (PostgreSQL). Stop it with Ctrl+C or SIGTERM.");

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    // A running job gets up to 30 s to finish; pg-boss retries one cut short.
    void boss
      .stop({ graceful: true, timeout: 30_000 })
      .then(() => closeDb())
      .finally(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
