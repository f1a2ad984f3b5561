import type { PGlite } from "@electric-sql/pglite";
import PgBoss from "pg-boss";
import type { Db } from "../../db/client";

// pg-boss, the job queue (lib/jobs/schedule.ts says what runs on it). It keeps its tables in its own
// schema, `pgboss`, which it creates and migrates itself at start (outside drizzle's migrations).
//
// PostgreSQL: pg-boss gets the connection string and opens its own small pool (the `pg` driver).
// PGlite: one connection in one process, so pg-boss shares the app's own PGlite through its `db`
// adapter; a second PGlite on the data folder would corrupt it. pg-boss 10 polls for jobs (no
// LISTEN/NOTIFY), and its advisory locks and SKIP LOCKED work on PGlite's single-user server.

export type BossTarget = { kind: "postgres"; url: string } | { kind: "pglite"; db: Db };

/**
 * pg-boss's database adapter over a PGlite client. A query with values is one statement. Without
 * values it may be pg-boss's own script of several statements wrapped in BEGIN … COMMIT: that runs
 * inside PGlite's transaction(), which holds PGlite's lock from BEGIN to COMMIT, and rolls back there
 * if a statement fails, so no other query can land on the shared connection between the two (or
 * inherit an aborted transaction). The app's own transactions hold the same lock, so pg-boss's queries
 * wait for them and never run inside one: the PGlite deadlock rule holds as long as no job is sent
 * from inside a transaction (nothing here does).
 */
export function pgliteAdapter(client: PGlite): PgBoss.Db {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.transaction((tx) => tx.exec(text));
      const last = [...results].reverse().find((r) => r.fields.length > 0);
      return { rows: last?.rows ?? [] };
    },
  };
}

/** The settings that hold everywhere; tests pass shorter intervals. */
const BOSS_DEFAULTS: PgBoss.ConstructorOptions = {
  // Each poll is a query; on PGlite it runs on the app's one connection, so pg-boss's own loops poll
  // calmly. Cron is checked every 30 s (it must be within a minute: pg-boss's cron resolution).
  cronMonitorIntervalSeconds: 30,
  cronWorkerIntervalSeconds: 30,
  maintenanceIntervalSeconds: 300,
  // Finished jobs stay visible in pgboss.job for a day, then a week in pgboss.archive.
  archiveCompletedAfterSeconds: 24 * 3600,
  deleteAfterDays: 7,
};

export function createBoss(target: BossTarget, overrides: PgBoss.ConstructorOptions = {}): PgBoss {
  const connection: PgBoss.ConstructorOptions =
    target.kind === "postgres"
      ? { connectionString: target.url, max: 3, application_name: "clearway-jobs" }
      : { db: pgliteAdapter((target.db as unknown as { $client: PGlite }).$client) };
  return new PgBoss({ ...BOSS_DEFAULTS, ...connection, ...overrides });
}
