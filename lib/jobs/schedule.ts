import type PgBoss from "pg-boss";
import { getDb, type Db } from "../../db/client";
import { getEnv } from "../env";
import { APP_TIME_ZONE } from "../format";
import { logServerError } from "../server-log";
import { createBoss, type BossTarget } from "./boss";
import { notifyOverdueReferrals } from "./overdue-referrals";
import { notifyReleaseExpiry } from "./release-expiry";
import { purgeExpiredAuditEvents } from "../audit/purge";
import { purgeClosedRecords } from "./record-purge";
import { purgeExpiredRecords } from "./retention";

// Clearway's background jobs, on pg-boss (lib/jobs/boss.ts). They start with the app (instrumentation.ts)
// unless CLEARWAY_JOBS=off, or in a process of their own (`npm run worker`, PostgreSQL only).
//
// Several instances never run the same job twice, in three layers:
// 1. The schedules are pg-boss cron schedules, stored in the database. Each instance's clock checks
//    them, but pg-boss lets one instance at a time do so (a time stamp taken with a conditional UPDATE)
//    and sends each tick's job with a singleton key, so one tick makes one job, which one worker fetches
//    (SKIP LOCKED).
// 2. Each queue is "stately", and each job carries its queue's name as singleton key with a one-hour
//    throttle: at most one waiting and one running per queue, and one per hour however it was sent.
// 3. The handlers are idempotent: a purge deletes what is past its time (a second run finds nothing),
//    and a notice is sent under a lock on its record, after checking it was not sent (./notices.ts).

type JobDefinition = {
  name: string;
  /** cron, in Pacific time */
  cron: string;
  run: (db: Db, now: Date) => Promise<Record<string, number>>;
};

export const JOBS: readonly JobDefinition[] = [
  { name: "retention-purge", cron: "30 3 * * *", run: purgeExpiredRecords },
  // Closed survivor records past their organization's retention, not on hold (issue 15).
  { name: "record-retention-purge", cron: "45 3 * * *", run: purgeClosedRecords },
  // Then the audit trail's oldest events past their retention, after the records' purge events are written.
  { name: "audit-retention-purge", cron: "15 4 * * *", run: purgeExpiredAuditEvents },
  // Early morning, after the business day turned over: referrals become overdue at midnight.
  { name: "referral-overdue-notices", cron: "0 6 * * *", run: notifyOverdueReferrals },
  { name: "release-expiry-notices", cron: "5 6 * * *", run: notifyReleaseExpiry },
];

export const JOB_SINGLETON_SECONDS = 3600;

/** The options a job is sent with, by its schedule or by hand: see layer 2 above. */
export function jobSendOptions(name: string): PgBoss.SendOptions {
  return { singletonKey: name, singletonSeconds: JOB_SINGLETON_SECONDS };
}

/** Creates the queues and their schedules (both idempotent) and starts a worker for each. */
export async function registerJobs(boss: PgBoss, db: () => Db, options: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  for (const job of JOBS) {
    await boss.createQueue(job.name, { name: job.name, policy: "stately", retryLimit: 2, retryDelay: 600, expireInSeconds: 3600 });
    await boss.schedule(job.name, job.cron, {}, { tz: APP_TIME_ZONE, ...jobSendOptions(job.name) });
    // Daily jobs: a poll a minute is plenty (on PGlite every poll is a query on the app's one connection).
    await boss.work(job.name, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 60 }, async (batch) => {
      for (const item of batch) {
        try {
          const counts = await job.run(db(), new Date());
          // Counts only: nothing a job touches is named in the log.
          console.log(`[jobs] ${job.name} ${item.id}: ${JSON.stringify(counts)}`);
        } catch (error) {
          logServerError(`jobs.${job.name}`, error, { job: item.id });
          throw error; // pg-boss marks it failed and retries it
        }
      }
    });
  }
}

/** Starts pg-boss on this database, with Clearway's queues, schedules and workers. Throws if it cannot. */
export async function openJobs(target: BossTarget, db: () => Db): Promise<PgBoss> {
  const boss = createBoss(target);
  // pg-boss reports its own loops' failures as events; without a listener Node would end the process.
  boss.on("error", (error) => logServerError("jobs.pg-boss", error));
  await boss.start();
  try {
    await registerJobs(boss, db);
  } catch (error) {
    await boss.stop({ graceful: false });
    throw error;
  }
  return boss;
}

/** The application's database, as pg-boss reaches it: its connection string, or the one PGlite handle. */
export function appBossTarget(): BossTarget {
  const env = getEnv();
  return env.databaseUrl ? { kind: "postgres", url: env.databaseUrl } : { kind: "pglite", db: getDb() };
}

// On globalThis, like the database handle: `next dev` reloads modules, and the jobs must start once.
const holder = globalThis as typeof globalThis & { __clearwayJobs?: Promise<PgBoss | null> };

/**
 * Starts the jobs in this process, once, unless CLEARWAY_JOBS=off. A failure is logged, not thrown:
 * the app serves without its jobs rather than not at all.
 */
export function startJobs(): Promise<PgBoss | null> {
  holder.__clearwayJobs ??= (async () => {
    if (!getEnv().jobs) return null;
    return openJobs(appBossTarget(), getDb);
  })().catch((error: unknown) => {
    logServerError("jobs.start", error);
    holder.__clearwayJobs = undefined;
    return null;
  });
  return holder.__clearwayJobs;
}

/** Stops this process's jobs, letting a running one finish (up to 30 s). */
export async function stopJobs(): Promise<void> {
  const running = holder.__clearwayJobs;
  holder.__clearwayJobs = undefined;
  await (await running)?.stop({ graceful: true, timeout: 30_000 });
}
