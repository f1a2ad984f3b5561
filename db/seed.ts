import { pathToFileURL } from "node:url";
import { count, eq, sql } from "drizzle-orm";
import { recordAudit } from "../lib/audit/record";
import { hashPassword } from "../lib/auth/password";
import { closeDb, getDatabaseKind, getDb, type Db } from "./client";
import type { SessionUser } from "../lib/auth/sessions";
import { seedDemoFees } from "./demo-fees";
import { seedDemoMatters } from "./demo-matters";
import { seedDemoServices } from "./demo-services";
import { seedDemoSurvivors } from "./demo-survivors";
import { encryptTotpSecret } from "../lib/account/two-factor";
import { DEMO_ACCOUNTS, DEMO_ORGANIZATIONS, DEMO_PASSWORD, demoSignInsText, demoTotpSecret } from "./demo";
import { migrateDatabase } from "./migrate";
import { organizations } from "./schema/organizations";
import { users } from "./schema/users";

// Creates the demo partnership described in ./demo.ts.

export type SeedOutcome = "seeded" | "already-seeded" | "has-other-accounts";

/**
 * Creates the demo partnership on an empty database. Never twice, and never into a database that
 * already holds real accounts.
 */
export async function seedDemoData(db: Db): Promise<SeedOutcome> {
  const [demoAdmin] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0]!.email)).limit(1);
  if (demoAdmin) return "already-seeded";
  const [existing] = await db.select({ n: count() }).from(users);
  if ((existing?.n ?? 0) > 0) return "has-other-accounts";

  // One hash for everyone (same password); hashed outside the transaction.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const orgRows = await tx
      .insert(organizations)
      .values(DEMO_ORGANIZATIONS.map((org) => ({ ...org, capacityUpdatedAt: org.capacity ? new Date() : null })))
      .returning({ id: organizations.id, name: organizations.name });
    const orgId = new Map(orgRows.map((row) => [row.name, row.id]));
    const userRows = await tx
      .insert(users)
      .values(
        DEMO_ACCOUNTS.map((account) => ({
          email: account.email,
          name: account.name,
          role: account.role,
          organizationId: account.organization ? orgId.get(account.organization)! : null,
          passwordHash,
          // the demo's people are who the demo says they are
          approvalStatus: "approved" as const,
        })),
      )
      .returning({ id: users.id, email: users.email, name: users.name, role: users.role, organizationId: users.organizationId });
    // Every demo account has two-step sign-in set up, with the key printed beside the password.
    const enabledAt = new Date();
    for (const row of userRows) {
      await tx
        .update(users)
        .set({ totpSecret: encryptTotpSecret(demoTotpSecret(row.email), row.id), totpEnabledAt: enabledAt })
        .where(eq(users.id, row.id));
    }
    await recordAudit(tx, {
      actor: null,
      action: "system.demo_seeded",
      details: { organizations: orgRows.length, users: userRows.length },
    });

    // The caseload goes through the app's own commands as its people (each command's transaction
    // becomes a savepoint of this one, so the demo is created whole or not at all).
    const accounts = new Map(userRows.map((row) => [row.email, row]));
    const as = (email: string): SessionUser => ({
      ...accounts.get(email)!,
      organizationName: DEMO_ACCOUNTS.find((a) => a.email === email)?.organization ?? null,
      mustChangePassword: false,
      sessionId: "demo-seed",
    });
    const survivors = await seedDemoSurvivors(tx, {
      lead: as("lead@clearway.test"),
      advocates: [as("advocate@clearway.test"), as("advocate2@clearway.test")],
      youthAdvocate: as("youth-advocate@clearway.test"),
      attorney: as("attorney@clearway.test"),
      partner: as("partner@clearway.test"),
      legalHopeId: orgId.get("Legal Hope")!,
      bestId: orgId.get("Businesses Ending Slavery and Trafficking (BEST)")!,
      stolenYouthId: orgId.get("Stolen Youth")!,
      againstSlaveryId: orgId.get("Seattle Against Slavery")!,
    });
    await seedDemoMatters(tx, survivors, {
      legalLead: as("legal-lead@clearway.test"),
      attorney: as("attorney@clearway.test"),
      attorney2: as("attorney2@clearway.test"),
      prosecutor: as("prosecutor@clearway.test"),
      legalHopeId: orgId.get("Legal Hope")!,
      kcpaoId: orgId.get("King County Prosecuting Attorney's Office")!,
      cityAttorneyId: orgId.get("Seattle City Attorney's Office")!,
    });
    await seedDemoServices(tx, survivors);
    await seedDemoFees(tx, { prosecutorOfficeId: orgId.get("King County Prosecuting Attorney's Office")!, createdBy: accounts.get("prosecutor@clearway.test")!.id });
    // The story above happened over 18 months; a newcomer's bell should not count all of it as new.
    // Each person keeps their three latest notifications unread, the rest as read when they came.
    await tx.execute(sql`update notifications set read_at = created_at
      where read_at is null and id not in (
        select id from (select id, row_number() over (partition by user_id order by created_at desc, id) as n from notifications) as ranked where n <= 3)`);
  });
  return "seeded";
}

export async function hasDemoData(db: Db): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.email, DEMO_ACCOUNTS[0]!.email)).limit(1);
  return Boolean(row);
}

// `npm run db:seed`: on purpose, against whatever database the environment names.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  (async () => {
    const db = getDb();
    await migrateDatabase({ kind: getDatabaseKind(), db });
    const outcome = await seedDemoData(db);
    if (outcome === "has-other-accounts") {
      console.error("This database already has accounts that are not demo accounts; no demo data was added.");
      process.exitCode = 1;
    } else {
      console.log(outcome === "seeded" ? "Demo partnership created." : "Demo partnership was already there; nothing added.");
      console.log(demoSignInsText());
    }
  })()
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    })
    .finally(() => closeDb());
}
