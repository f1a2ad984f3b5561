import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { organizations } from "../../../db/schema/organizations";
import { userSessions } from "../../../db/schema/auth";
import { users } from "../../../db/schema/users";
import { encryptTotpSecret } from "../../../lib/account/two-factor";
import { newTotpSecret } from "../../../lib/auth/totp";
import { hashPassword } from "../../../lib/auth/password";
import type { Role } from "../../../lib/auth/roles";
import { startSession, type SessionUser } from "../../../lib/auth/sessions";
import type { OrganizationType } from "../../../lib/organizations/constants";

export const PASSWORD = "a long test password 42";
let passwordHash: Promise<string> | undefined;

export function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export async function makeOrganization(db: Db, overrides: { type?: OrganizationType; active?: boolean; name?: string } = {}) {
  const [row] = await db
    .insert(organizations)
    .values({ name: overrides.name ?? unique("Org"), type: overrides.type ?? "service_provider", county: "King", active: overrides.active ?? true })
    .returning();
  return row!;
}

const ORG_TYPE_FOR: Record<Role, OrganizationType | null> = {
  admin: null,
  program_lead: "service_provider",
  advocate: "service_provider",
  attorney: "legal_aid",
  prosecutor: "prosecutor_office",
  partner: "service_provider",
  law_enforcement: "law_enforcement",
};

/** An account with PASSWORD; a matching organization is made unless one is given. */
export async function makeUser(
  db: Db,
  options: { role: Role; organizationId?: string | null; active?: boolean; email?: string; mustChangePassword?: boolean; secondFactor?: boolean },
) {
  passwordHash ??= hashPassword(PASSWORD);
  let organizationId = options.organizationId;
  if (organizationId === undefined) {
    const type = ORG_TYPE_FOR[options.role];
    organizationId = type ? (await makeOrganization(db, { type })).id : null;
  }
  // With `secondFactor`, two-step sign-in is set up (a random secret: tests that need codes enrol for real).
  const id = randomUUID();
  const secondFactor = options.secondFactor ? { totpSecret: encryptTotpSecret(newTotpSecret(), id), totpEnabledAt: new Date() } : {};
  const [row] = await db
    .insert(users)
    .values({
      id,
      ...secondFactor,
      email: options.email ?? `${unique(options.role)}@example.test`,
      name: unique("Person"),
      role: options.role,
      organizationId,
      passwordHash: await passwordHash,
      active: options.active ?? true,
      mustChangePassword: options.mustChangePassword ?? false,
      approvalStatus: "approved",
    })
    .returning();
  return row!;
}

/** A signed-in user as the data layer sees one, with a real session row (past the second step, where the account has one). */
export async function signedIn(db: Db, user: Awaited<ReturnType<typeof makeUser>>): Promise<SessionUser> {
  const sessionId = await startSession(db, { userId: user.id, now: new Date(), maxHours: 12, ip: "127.0.0.1", userAgent: "vitest" });
  if (user.totpEnabledAt) await db.update(userSessions).set({ secondFactorAt: new Date() }).where(eq(userSessions.id, sessionId));
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    role: user.role,
    organizationId: user.organizationId,
    organizationName: null,
    mustChangePassword: user.mustChangePassword,
    sessionId,
  };
}

/**
 * A request's origin, one address per test file: the files share the PostgreSQL database, and sign-in
 * failures are counted per address and /24 (ADDRESS_POLICY), so no file's failures count against another's.
 */
export const meta = { ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" };
