import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { recordAudit } from "../lib/audit/record";
import { hashPassword } from "../lib/auth/password";
import { emailSchema } from "../lib/auth/schema";
import { isUniqueViolation } from "../lib/validation";
import { closeDb, getDatabaseKind, getDb } from "./client";
import { migrateDatabase } from "./migrate";
import { users } from "./schema/users";

// `npm run db:create-admin -- --email you@agency.org --name "Your Name"`
// How a real deployment (DATABASE_URL, no demo data) gets its first administrator. The initial
// password is random, printed once, and must be replaced at first sign-in.

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
  const email = emailSchema.safeParse(values.email ?? "");
  const name = values.name?.trim();
  if (!email.success || !name) {
    console.error('Usage: npm run db:create-admin -- --email you@agency.org --name "Your Name"');
    process.exitCode = 1;
    return;
  }
  const db = getDb();
  await migrateDatabase({ kind: getDatabaseKind(), db });
  const password = randomBytes(15).toString("base64url");
  const passwordHash = await hashPassword(password);
  try {
    await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({ email: email.data, name, role: "admin", passwordHash, mustChangePassword: true, approvalStatus: "approved" })
        .returning({ id: users.id });
      await recordAudit(tx, { actor: null, action: "system.admin_bootstrapped", target: { type: "user", id: row!.id }, details: { email: email.data } });
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) {
      console.error(`An account with ${email.data} already exists.`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  console.log(`Administrator ${email.data} created.\nInitial password (shown once; it must be changed at first sign-in): ${password}`);
}

main()
  .catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(() => closeDb());
