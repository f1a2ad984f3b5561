import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Sql } from "postgres";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { inject } from "vitest";
import { openDatabase, reportDbFor, type DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { pacificToday } from "../../lib/format";
import { getDashboard, getDashboardCsv } from "../../lib/reports/dashboard";
import { parseDashboardParams } from "../../lib/reports/schema";
import { backend, openTestDatabase } from "./support/database";
import { makeUser, meta, signedIn } from "./support/factories";

// DATABASE_REPLICA_URL: the dashboard's reads go through a second pool (db/client.ts reportDbFor),
// told apart here by its application_name; its audit writes stay on the primary. The "replica" is the
// same database opened read-only, so a write sent to it would fail as on a real standby.

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

function filters() {
  return parseDashboardParams({}, pacificToday()).filters!;
}

describe("without a replica", () => {
  it("reports read from the primary", async () => {
    expect(reportDbFor(handle.db)).toBe(handle.db);
    const lead = await signedIn(handle.db, await makeUser(handle.db, { role: "program_lead" }));
    const dashboard = await getDashboard(lead, filters(), handle.db);
    expect(dashboard.sections.length).toBeGreaterThan(0);
  });
});

describe.runIf(backend === "postgres")("with DATABASE_REPLICA_URL", () => {
  const url = () => inject("postgresUrl");
  const replicaUrl = () => {
    const u = new URL(url());
    u.searchParams.set("default_transaction_read_only", "on");
    return u.toString();
  };

  async function replicaBackends(): Promise<number> {
    const client = (handle.db as unknown as { $client: Sql }).$client;
    const [row] = await client`select count(*)::int as n from pg_stat_activity where datname = current_database() and application_name = 'clearway-replica'`;
    return row!.n as number;
  }

  it("the dashboard reads through the replica's pool and audits a download on the primary", async () => {
    const withReplica = openDatabase({ databaseUrl: url(), poolMax: 2, replicaUrl: replicaUrl() });
    try {
      expect(reportDbFor(withReplica.db)).not.toBe(withReplica.db);
      expect(await replicaBackends()).toBe(0);
      const lead = await signedIn(withReplica.db, await makeUser(withReplica.db, { role: "program_lead" }));

      const dashboard = await getDashboard(lead, filters(), withReplica.db);
      expect(dashboard.sections.map((s) => s.id)).toEqual(["service", "referrals", "vacatur"]);
      // postgres.js connects on first use: the replica pool's connections exist only because the dashboard read through them.
      expect(await replicaBackends()).toBeGreaterThan(0);

      // The download's audit event is a write: on the read-only "replica" it would fail, so it went to the primary.
      const { csv } = await getDashboardCsv(lead, filters(), "caseload", meta, withReplica.db);
      expect(csv.length).toBeGreaterThan(0);
      const audited = await handle.db
        .select({ id: auditEvents.id })
        .from(auditEvents)
        .where(and(eq(auditEvents.actorUserId, lead.id), eq(auditEvents.action, "report.dashboard_downloaded")));
      expect(audited).toHaveLength(1);
    } finally {
      await withReplica.close();
    }
  });

  it("the app's getReportDb is the replica when DATABASE_REPLICA_URL is set, the primary when not", async () => {
    const secrets = { AUTH_SECRET: randomBytes(32).toString("base64"), CLEARWAY_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    for (const [replica, expected] of [[replicaUrl(), "replica"], ["", "primary"]] as const) {
      vi.resetModules();
      for (const [key, value] of Object.entries({ ...secrets, DATABASE_URL: url(), DATABASE_REPLICA_URL: replica })) vi.stubEnv(key, value);
      const client = await import("../../db/client");
      try {
        expect(client.getReportDb() === client.getDb() ? "primary" : "replica").toBe(expected);
      } finally {
        await client.closeDb();
        vi.unstubAllEnvs();
      }
    }
  });
});
