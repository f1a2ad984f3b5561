import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type DatabaseHandle } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { organizations } from "../../db/schema/organizations";
import { users } from "../../db/schema/users";
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD } from "../../db/demo";
import { seedDemoData } from "../../db/seed";
import { authenticate } from "../../lib/auth/authenticate";
import { roleFitsOrganization } from "../../lib/auth/policy";
import { makeUser } from "./support/factories";

// Always on a database of its own (in-memory PGlite): seeding needs an empty one.
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = openDatabase({ dataDir: "memory://" });
  await migrateDatabase(handle);
});
afterAll(async () => {
  await handle.close();
});

describe("the demo partnership", () => {
  it("is created once, with one account per role in fitting organizations, all signing in with the demo password", async () => {
    expect(await seedDemoData(handle.db)).toBe("seeded");
    expect(await seedDemoData(handle.db)).toBe("already-seeded");
    expect(await handle.db.select().from(organizations)).toHaveLength(DEMO_ORGANIZATIONS.length);
    expect(await handle.db.select().from(users)).toHaveLength(DEMO_ACCOUNTS.length);

    const rows = await handle.db.select({ email: users.email, role: users.role, type: organizations.type, org: organizations.name }).from(users).leftJoin(organizations, eq(organizations.id, users.organizationId));
    for (const row of rows) expect(roleFitsOrganization(row.role, row.type ?? null)).toBe(true);
    expect(rows.find((r) => r.email === "attorney@clearway.test")?.org).toBe("Legal Hope");
    expect(rows.find((r) => r.email === "advocate2@clearway.test")?.org).toBe(rows.find((r) => r.email === "advocate@clearway.test")?.org);

    for (const account of DEMO_ACCOUNTS) {
      const outcome = await authenticate(handle.db, { email: account.email, password: DEMO_PASSWORD }, { ip: null, userAgent: null }, { sessionMaxHours: 12 });
      expect(outcome.ok, account.email).toBe(true);
    }
  });

  it("is never mixed into a database that already has real accounts", async () => {
    const other = openDatabase({ dataDir: "memory://" });
    try {
      await migrateDatabase(other);
      await makeUser(other.db, { role: "admin" });
      expect(await seedDemoData(other.db)).toBe("has-other-accounts");
      expect(await other.db.select().from(organizations)).toHaveLength(0);
    } finally {
      await other.close();
    }
  });
});
