import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { signInThrottles, userSessions } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { authenticate, throttleKeyFor } from "../../lib/auth/authenticate";
import { verifyPassword } from "../../lib/auth/password";
import type { Role } from "../../lib/auth/roles";
import { changeOwnPassword } from "../../lib/account/commands";
import { createUser, resetUserPassword, setUserActive, updateUser } from "../../lib/users/commands";
import { getUserDetail, listUsers } from "../../lib/users/queries";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, PASSWORD, signedIn, unique } from "./support/factories";
import { newIdempotencyKey } from "../../lib/idempotency";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});


async function adminSession() {
  return signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
}

async function auditFor(targetId: string) {
  return handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, targetId)).orderBy(auditEvents.id);
}

describe("creating users", () => {
  it("creates the account with an initial password that must be replaced, and records who created it", async () => {
    const admin = await adminSession();
    const org = await makeOrganization(handle.db, { type: "legal_aid" });
    const email = `${unique("new")}@Example.TEST`;
    const { id } = await createUser(
      admin,
      { idempotencyKey: newIdempotencyKey(), name: "  Ada Counsel ", email, role: "attorney", organizationId: org.id, password: "an initial password", confirmPassword: "an initial password" },
      meta,
      handle.db,
    );
    const [row] = await handle.db.select().from(users).where(eq(users.id, id));
    expect(row).toMatchObject({ name: "Ada Counsel", email: email.toLowerCase(), role: "attorney", organizationId: org.id, mustChangePassword: true, active: true });
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row!.passwordHash, "an initial password")).toBe(true);

    const [event] = await auditFor(id);
    expect(event).toMatchObject({ action: "user.created", actorUserId: admin.id, ip: meta.ip, userAgent: meta.userAgent });
    expect(JSON.stringify(event!.details)).not.toContain("an initial password");

    const signIn = await authenticate(handle.db, { email, password: "an initial password" }, meta, { sessionMaxHours: 12 });
    expect(signIn.ok).toBe(true);
  });

  it("puts each validation problem next to its field", async () => {
    const admin = await adminSession();
    const error = await refusal(
      createUser(admin, { idempotencyKey: newIdempotencyKey(), name: "", email: "not-an-email", role: "advocate", organizationId: "", password: "short", confirmPassword: "other" }, meta, handle.db),
    );
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["confirmPassword", "email", "name", "organizationId", "password"]);
    expect(error.fieldErrors?.password?.[0]).toMatch(/at least 12 characters/);
  });

  it("refuses a duplicate email and a role that does not fit the organization, on the right field", async () => {
    const admin = await adminSession();
    const existing = await makeUser(handle.db, { role: "advocate" });
    const provider = await makeOrganization(handle.db, { type: "service_provider" });
    const dup = await refusal(
      createUser(admin, { idempotencyKey: newIdempotencyKey(), name: "Dup", email: existing.email.toUpperCase(), role: "advocate", organizationId: provider.id, password: PASSWORD, confirmPassword: PASSWORD }, meta, handle.db),
    );
    expect(dup.fieldErrors?.email?.[0]).toMatch(/already has an account/);

    const misfit = await refusal(
      createUser(admin, { idempotencyKey: newIdempotencyKey(), name: "Misfit", email: `${unique("m")}@example.test`, role: "attorney", organizationId: provider.id, password: PASSWORD, confirmPassword: PASSWORD }, meta, handle.db),
    );
    expect(misfit.fieldErrors?.organizationId?.[0]).toMatch(/attorney cannot belong to a service provider/);
  });
});

describe("only admins manage accounts", () => {
  const nonAdminRoles: Role[] = ["program_lead", "advocate", "attorney", "prosecutor", "partner"];

  it.each(nonAdminRoles)("a %s is refused by every admin command and query, and nothing changes", async (role) => {
    const caller = await signedIn(handle.db, await makeUser(handle.db, { role }));
    const target = await makeUser(handle.db, { role: "advocate" });
    const before = (await handle.db.select().from(users).where(eq(users.id, target.id)))[0];

    const attempts = [
      () => createUser(caller, { idempotencyKey: newIdempotencyKey(), name: "X", email: `${unique("x")}@example.test`, role: "admin", organizationId: null, password: PASSWORD, confirmPassword: PASSWORD }, meta, handle.db),
      () => updateUser(caller, { id: target.id, version: target.version, name: "Hijacked", email: target.email, role: "admin", organizationId: null }, meta, handle.db),
      () => setUserActive(caller, { id: target.id, version: target.version, active: false }, meta, handle.db),
      () => resetUserPassword(caller, { id: target.id, password: "taken over by someone", confirmPassword: "taken over by someone" }, meta, handle.db),
      () => listUsers(caller, { status: "all" }, 1, handle.db),
      () => getUserDetail(caller, target.id, handle.db),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe("forbidden");

    const after = (await handle.db.select().from(users).where(eq(users.id, target.id)))[0];
    expect(after).toEqual(before);
    expect(await handle.db.select().from(users).where(eq(users.name, "X"))).toHaveLength(0);
  });
});

describe("editing users", () => {
  it("refuses a save made on an out-of-date version, naming who changed it, and keeps their change", async () => {
    const first = await adminSession();
    const second = await adminSession();
    const target = await makeUser(handle.db, { role: "advocate" });
    const secondName = (await handle.db.select({ name: users.name }).from(users).where(eq(users.id, second.id)))[0]!.name;

    await updateUser(second, { id: target.id, version: 1, name: "Saved First", email: target.email, role: "advocate", organizationId: target.organizationId }, meta, handle.db);
    const conflict = await refusal(
      updateUser(first, { id: target.id, version: 1, name: "Saved Second", email: target.email, role: "advocate", organizationId: target.organizationId }, meta, handle.db),
    );
    expect(conflict.code).toBe("conflict");
    expect(conflict.message).toContain(secondName);
    expect(conflict.message).toMatch(/Nothing was saved/);
    const [row] = await handle.db.select().from(users).where(eq(users.id, target.id));
    expect(row).toMatchObject({ name: "Saved First", version: 2 });
  });

  it("records what changed, from and to, without the password hash", async () => {
    const admin = await adminSession();
    const target = await makeUser(handle.db, { role: "advocate" });
    const lead = "Lead " + unique("n");
    await updateUser(admin, { id: target.id, version: 1, name: lead, email: target.email, role: "program_lead", organizationId: target.organizationId }, meta, handle.db);
    const [event] = (await auditFor(target.id)).filter((e) => e.action === "user.updated");
    expect(event!.details).toEqual({
      changes: { name: { from: target.name, to: lead }, role: { from: "advocate", to: "program_lead" } },
    });
  });

  it("stops admins deactivating themselves or changing their own role (so an administrator always remains)", async () => {
    const admin = await adminSession();
    const self = (await handle.db.select().from(users).where(eq(users.id, admin.id)))[0]!;
    const org = await makeOrganization(handle.db, { type: "service_provider" });
    const own = await refusal(setUserActive(admin, { id: admin.id, version: self.version, active: false }, meta, handle.db));
    expect(own.message).toMatch(/your own account/);
    const demote = await refusal(
      updateUser(admin, { id: admin.id, version: self.version, name: self.name, email: self.email, role: "advocate", organizationId: org.id }, meta, handle.db),
    );
    expect(demote.fieldErrors?.role?.[0]).toMatch(/cannot change your own role/);
    expect((await handle.db.select().from(users).where(eq(users.id, admin.id)))[0]).toEqual(self);
  });
});

describe("passwords", () => {
  it("an admin reset sets a new initial password, lifts the lockout and signs the person out", async () => {
    const admin = await adminSession();
    const target = await makeUser(handle.db, { role: "partner" });
    const session = await signedIn(handle.db, target);
    for (let i = 0; i < 5; i++) await authenticate(handle.db, { email: target.email, password: "wrong" }, meta, { sessionMaxHours: 12 });

    await resetUserPassword(admin, { id: target.id, password: "brand new initial", confirmPassword: "brand new initial" }, meta, handle.db);
    const [row] = await handle.db.select().from(users).where(eq(users.id, target.id));
    expect(row!.mustChangePassword).toBe(true);
    expect(await handle.db.select().from(signInThrottles).where(eq(signInThrottles.key, throttleKeyFor(target.email)))).toHaveLength(0);
    const [s] = await handle.db.select().from(userSessions).where(eq(userSessions.id, session.sessionId));
    expect(s!.endReason).toBe("password_reset");
    expect((await authenticate(handle.db, { email: target.email, password: "brand new initial" }, meta, { sessionMaxHours: 12 })).ok).toBe(true);
  });

  it("a user changes their own with the current password; other sessions end, this one stays", async () => {
    const person = await makeUser(handle.db, { role: "advocate", mustChangePassword: true });
    const here = await signedIn(handle.db, person);
    const elsewhere = await signedIn(handle.db, person);

    const wrong = await refusal(changeOwnPassword(here, { currentPassword: "not it at all", newPassword: "my own new password", confirmPassword: "my own new password" }, meta, handle.db));
    expect(wrong.fieldErrors?.currentPassword?.[0]).toMatch(/not your current password/);

    await changeOwnPassword(here, { currentPassword: PASSWORD, newPassword: "my own new password", confirmPassword: "my own new password" }, meta, handle.db);
    const [row] = await handle.db.select().from(users).where(eq(users.id, person.id));
    expect(row!.mustChangePassword).toBe(false);
    expect(await verifyPassword(row!.passwordHash, "my own new password")).toBe(true);
    const sessions = await handle.db.select().from(userSessions).where(eq(userSessions.userId, person.id));
    expect(sessions.find((s) => s.id === here.sessionId)!.endedAt).toBeNull();
    expect(sessions.find((s) => s.id === elsewhere.sessionId)!.endReason).toBe("password_changed");
    expect((await auditFor(person.id)).map((e) => e.action)).toEqual(["auth.sign_in_failed", "auth.password_changed"]);
  });

  it("wrong current passwords count toward the sign-in lockout", async () => {
    const person = await makeUser(handle.db, { role: "advocate" });
    const me = await signedIn(handle.db, person);
    for (let i = 0; i < 5; i++) {
      await refusal(changeOwnPassword(me, { currentPassword: `guess ${i}`, newPassword: "another password here", confirmPassword: "another password here" }, meta, handle.db));
    }
    const locked = await refusal(changeOwnPassword(me, { currentPassword: PASSWORD, newPassword: "another password here", confirmPassword: "another password here" }, meta, handle.db));
    expect(locked.fieldErrors?.currentPassword?.[0]).toMatch(/Too many wrong passwords/);
    expect(await authenticate(handle.db, { email: person.email, password: PASSWORD }, meta, { sessionMaxHours: 12 })).toMatchObject({ ok: false, reason: "locked" });
  });
});

describe("looking up a user", () => {
  it("treats a missing or malformed id as not found, never as a database error", async () => {
    const admin = await adminSession();
    expect((await refusal(getUserDetail(admin, "00000000-0000-4000-8000-000000000000", handle.db))).code).toBe("not_found");
    expect((await refusal(getUserDetail(admin, "1 or 1=1", handle.db))).code).toBe("not_found");
  });
});

describe("listing users", () => {
  it("filters by role, organization, status and text, pages in the database, and shows lockouts", async () => {
    const admin = await adminSession();
    const org = await makeOrganization(handle.db, { type: "prosecutor_office" });
    const tag = unique("zed");
    for (let i = 0; i < 27; i++) {
      await handle.db.insert(users).values({ email: `${tag}-${i}@example.test`, name: `${tag} ${String(i).padStart(2, "0")}`, role: "prosecutor", organizationId: org.id, passwordHash: "x", active: i !== 26, approvalStatus: "approved" });
    }
    const page1 = await listUsers(admin, { q: tag, organizationId: org.id, status: "active" }, 1, handle.db);
    expect(page1.total).toBe(26);
    expect(page1.pageCount).toBe(2);
    expect(page1.items).toHaveLength(25);
    expect(page1.items[0]!.name).toBe(`${tag} 00`);
    const page2 = await listUsers(admin, { q: tag, organizationId: org.id, status: "active" }, 2, handle.db);
    expect(page2.items.map((u) => u.name)).toEqual([`${tag} 25`]);
    expect((await listUsers(admin, { q: tag, status: "inactive" }, 1, handle.db)).items.map((u) => u.name)).toEqual([`${tag} 26`]);
    expect((await listUsers(admin, { q: "%", role: "prosecutor", organizationId: org.id, status: "all" }, 1, handle.db)).total).toBe(0);

    const target = await makeUser(handle.db, { role: "advocate" });
    for (let i = 0; i < 5; i++) await authenticate(handle.db, { email: target.email, password: "nope" }, meta, { sessionMaxHours: 12 });
    const [listed] = (await listUsers(admin, { q: target.email, status: "all" }, 1, handle.db)).items;
    expect(listed!.lockedUntil).toBeInstanceOf(Date);
  });
});
