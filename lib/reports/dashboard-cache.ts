import "server-only";
import { LRUCache } from "lru-cache";
import type { Db } from "../../db/client";
import type { Dashboard } from "./dashboard";

// The dashboard's figures, kept a few minutes. They cost 75-280 ms of database work at 100,000
// survivors, and a lead's period figures need not be newer than a few minutes: the page says when they
// were counted ("Figures as of"), and the chart CSVs read the same entry, so a download holds exactly
// what the page showed. What is kept is the finished dashboard, already suppressed
// (lib/reports/suppression.ts stays the one path to a cross-organization figure), so the key holds
// everything the figures depend on, the reader's organization first: one organization's entry is never
// another's. Access is checked before the cache on every request, and the audit of a download is
// written on every request; neither is kept.
//
// One cache per database handle (tests with their own databases never share entries), held on
// globalThis so the page and the CSV route share it even where the bundler gives each route its own
// copy of this module. An entry is the computation's promise: readers arriving while it runs wait for
// the same one instead of each starting the queries; a computation that fails is dropped, not kept.

export const FIGURES_TTL_MINUTES = 5;
const MAX_ENTRIES = 200;

/** Everything a dashboard's figures depend on. */
export type FiguresKey = {
  organizationId: string;
  role: string;
  scope: string;
  from: string;
  to: string;
  county: string | null;
  threshold: number;
  /** the Pacific date the figures were counted on ("today", "overdue today", this month's bucket) */
  today: string;
};

type FiguresCache = LRUCache<string, Promise<Dashboard>>;

const holder = globalThis as typeof globalThis & { __clearwayDashboardFigures?: WeakMap<Db, FiguresCache> };

function cacheOf(db: Db): FiguresCache {
  const caches = (holder.__clearwayDashboardFigures ??= new WeakMap());
  let cache = caches.get(db);
  if (!cache) {
    cache = new LRUCache<string, Promise<Dashboard>>({
      max: MAX_ENTRIES,
      ttl: FIGURES_TTL_MINUTES * 60_000,
      // The same clock lru-cache uses by default, looked up at each reading instead of once at import,
      // so a test's fake timers can age an entry past its five minutes.
      perf: { now: () => performance.now() },
    });
    caches.set(db, cache);
  }
  return cache;
}

function keyText(key: FiguresKey): string {
  // An array in a fixed order, as JSON: no value can run into the next one.
  return JSON.stringify([key.organizationId, key.role, key.scope, key.from, key.to, key.county, key.threshold, key.today]);
}

/** The dashboard for this key: the kept one while it is fresh, else `compute`'s (shared by readers who ask meanwhile). */
export function cachedDashboard(db: Db, key: FiguresKey, compute: () => Promise<Dashboard>): Promise<Dashboard> {
  const cache = cacheOf(db);
  const text = keyText(key);
  const kept = cache.get(text);
  if (kept) return kept;
  const computing = compute();
  cache.set(text, computing);
  // Dropped only if it is still this computation's entry (a clear or a newer entry may have replaced it).
  computing.catch(() => {
    if (cache.peek(text) === computing) cache.delete(text);
  });
  return computing;
}

/** Forgets the kept figures of this database (tests, and benchmarks that time the computation). */
export function clearDashboardCache(db: Db): void {
  holder.__clearwayDashboardFigures?.get(db)?.clear();
}
