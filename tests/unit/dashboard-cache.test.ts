import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Db } from "@/db/client";
import type { Dashboard } from "@/lib/reports/dashboard";
import { cachedDashboard, clearDashboardCache, FIGURES_TTL_MINUTES, type FiguresKey } from "@/lib/reports/dashboard-cache";

// The dashboard's kept figures: what is one entry, for how long, and what is never kept. The database
// is only the cache's owner here (nothing queries it); tests/integration/reports.test.ts reads real
// figures through it.

const key: FiguresKey = { organizationId: "org-a", role: "program_lead", scope: "partnership", from: "2026-01-01", to: "2026-03-31", county: null, threshold: 5, today: "2026-04-02" };

function dashboard(name: string): Dashboard {
  return { organizationName: name, sections: [], threshold: 5, asOf: new Date() };
}

let db: Db;
beforeEach(() => {
  db = {} as Db;
});
afterEach(() => {
  vi.useRealTimers();
});

describe("the dashboard's kept figures", () => {
  it("counts once for one key and gives the same figures to the next reader", async () => {
    const compute = vi.fn(async () => dashboard("A"));
    const first = await cachedDashboard(db, key, compute);
    expect(await cachedDashboard(db, key, compute)).toBe(first);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("keeps apart everything the figures depend on: organization, role, scope, period, county, threshold and day", async () => {
    const compute = vi.fn(async () => dashboard("A"));
    await cachedDashboard(db, key, compute);
    const others: Partial<FiguresKey>[] = [
      { organizationId: "org-b" },
      { role: "admin" },
      { scope: "organization" },
      { from: "2026-02-01" },
      { to: "2026-02-28" },
      { county: "King" },
      { threshold: 7 },
      { today: "2026-04-03" },
    ];
    for (const change of others) await cachedDashboard(db, { ...key, ...change }, compute);
    expect(compute).toHaveBeenCalledTimes(1 + others.length);
    // a value that could run into the next one (no separator trick makes two keys one)
    await cachedDashboard(db, { ...key, from: "2026-01-01\",\"2026-03-31", to: "" }, compute);
    expect(compute).toHaveBeenCalledTimes(2 + others.length);
  });

  it("shares one count between readers who ask while it runs", async () => {
    let finish: (d: Dashboard) => void = () => {};
    const compute = vi.fn(() => new Promise<Dashboard>((resolve) => (finish = resolve)));
    const [a, b] = [cachedDashboard(db, key, compute), cachedDashboard(db, key, compute)];
    finish(dashboard("A"));
    expect(await a).toBe(await b);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it("does not keep a count that failed: its readers see the failure, the next reader counts again", async () => {
    const failing = vi.fn(async (): Promise<Dashboard> => {
      throw new Error("connection lost");
    });
    const [a, b] = [cachedDashboard(db, key, failing), cachedDashboard(db, key, failing)];
    await expect(a).rejects.toThrow("connection lost");
    await expect(b).rejects.toThrow("connection lost");
    expect(failing).toHaveBeenCalledTimes(1);
    const fine = await cachedDashboard(db, key, async () => dashboard("A"));
    expect(fine.organizationName).toBe("A");
  });

  it(`counts again after ${FIGURES_TTL_MINUTES} minutes`, async () => {
    vi.useFakeTimers({ now: new Date("2026-04-02T17:00:00Z"), toFake: ["Date", "performance", "setTimeout", "clearTimeout"] });
    // lru-cache takes an entry set at clock 0 for one without an age: start the fake clock later, as a real one is.
    vi.advanceTimersByTime(60_000);
    const compute = vi.fn(async () => dashboard("A"));
    await cachedDashboard(db, key, compute);
    vi.advanceTimersByTime(FIGURES_TTL_MINUTES * 60_000 - 1_000);
    await cachedDashboard(db, key, compute);
    expect(compute).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(2_000);
    await cachedDashboard(db, key, compute);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it("keeps each database's figures apart, and clears one database's only", async () => {
    const other = {} as Db;
    const compute = vi.fn(async () => dashboard("A"));
    await cachedDashboard(db, key, compute);
    await cachedDashboard(other, key, compute);
    expect(compute).toHaveBeenCalledTimes(2);
    clearDashboardCache(other);
    await cachedDashboard(db, key, compute);
    expect(compute).toHaveBeenCalledTimes(2);
    await cachedDashboard(other, key, compute);
    expect(compute).toHaveBeenCalledTimes(3);
  });
});
