import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { userSessions } from "../../db/schema/auth";
import { organizations } from "../../db/schema/organizations";
import { authenticate } from "../../lib/auth/authenticate";
import type { Role } from "../../lib/auth/roles";
import { createOrganization, setOrganizationActive, updateOrganization } from "../../lib/organizations/commands";
import { getOrganizationDetail, getOwnOrganization, listOrganizations } from "../../lib/organizations/queries";
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


const admin = async () => signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));

describe("organizations", () => {
  it("are created with their services and county, audited, and names stay unique regardless of case", async () => {
    const me = await admin();
    const name = unique("Harbor House");
    const { id } = await createOrganization(me, { idempotencyKey: newIdempotencyKey(), name, type: "service_provider", county: "Pierce", services: ["housing", "housing", "mental_health"] }, meta, handle.db);
    const [row] = await handle.db.select().from(organizations).where(eq(organizations.id, id));
    expect(row).toMatchObject({ name, county: "Pierce", active: true, version: 1 });
    expect([...row!.services].sort()).toEqual(["housing", "mental_health"]);
    const [event] = await handle.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(event).toMatchObject({ action: "organization.created", actorUserId: me.id });

    const dup = await refusal(createOrganization(me, { idempotencyKey: newIdempotencyKey(), name: name.toUpperCase(), type: "court", county: "", services: [] }, meta, handle.db));
    expect(dup.fieldErrors?.name?.[0]).toMatch(/already exists/);
    const badCounty = await refusal(createOrganization(me, { idempotencyKey: newIdempotencyKey(), name: unique("X"), type: "court", county: "Multnomah" as never, services: [] }, meta, handle.db));
    expect(badCounty.fieldErrors?.county?.[0]).toMatch(/Washington county/);
  });

  it("refuse a stale save and a type change that no longer fits their staff", async () => {
    const me = await admin();
    const org = await makeOrganization(handle.db, { type: "legal_aid" });
    await makeUser(handle.db, { role: "attorney", organizationId: org.id });
    const base = { id: org.id, name: org.name, county: "King" as const, services: ["legal" as const] };

    const misfit = await refusal(updateOrganization(me, { ...base, version: 1, type: "service_provider" }, meta, handle.db));
    expect(misfit.fieldErrors?.type?.[0]).toMatch(/1 member has a role that cannot belong to a service provider/);

    await updateOrganization(me, { ...base, version: 1, type: "legal_aid", name: `${org.name} (Tacoma)` }, meta, handle.db);
    const stale = await refusal(updateOrganization(me, { ...base, version: 1, type: "legal_aid" }, meta, handle.db));
    expect(stale.code).toBe("conflict");
    const [row] = await handle.db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row).toMatchObject({ name: `${org.name} (Tacoma)`, version: 2 });
  });

  it("when deactivated, sign out their staff at once and keep them out", async () => {
    const me = await admin();
    const org = await makeOrganization(handle.db);
    const member = await makeUser(handle.db, { role: "advocate", organizationId: org.id });
    const session = await signedIn(handle.db, member);
    const result = await setOrganizationActive(me, { id: org.id, version: 1, active: false }, meta, handle.db);
    expect(result.sessionsEnded).toBe(1);
    const [s] = await handle.db.select().from(userSessions).where(eq(userSessions.id, session.sessionId));
    expect(s!.endReason).toBe("deactivated");
    expect(await authenticate(handle.db, { email: member.email, password: PASSWORD }, meta, { sessionMaxHours: 12 })).toEqual({ ok: false, reason: "inactive" });
    await setOrganizationActive(me, { id: org.id, version: 2, active: true }, meta, handle.db);
    expect((await authenticate(handle.db, { email: member.email, password: PASSWORD }, meta, { sessionMaxHours: 12 })).ok).toBe(true);
  });

  it.each<Role>(["program_lead", "advocate", "attorney", "prosecutor", "partner"])("are managed by admins only: a %s is refused and nothing changes", async (role) => {
    const caller = await signedIn(handle.db, await makeUser(handle.db, { role }));
    const org = await makeOrganization(handle.db);
    const before = (await handle.db.select().from(organizations).where(eq(organizations.id, org.id)))[0];
    const attempts = [
      () => createOrganization(caller, { idempotencyKey: newIdempotencyKey(), name: unique("Sneaky"), type: "court", county: "", services: [] }, meta, handle.db),
      () => updateOrganization(caller, { id: org.id, version: 1, name: "Renamed", type: "court", county: "", services: [] }, meta, handle.db),
      () => setOrganizationActive(caller, { id: org.id, version: 1, active: false }, meta, handle.db),
      () => listOrganizations(caller, { status: "all" }, 1, handle.db),
      () => getOrganizationDetail(caller, org.id, handle.db),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe("forbidden");
    expect((await handle.db.select().from(organizations).where(eq(organizations.id, org.id)))[0]).toEqual(before);
  });

  it("treat a malformed id as not found", async () => {
    const me = await admin();
    expect((await refusal(getOrganizationDetail(me, "../etc/passwd", handle.db))).code).toBe("not_found");
  });

  it("show staff their own organization and active colleagues, and nothing of others", async () => {
    const org = await makeOrganization(handle.db);
    const a = await makeUser(handle.db, { role: "advocate", organizationId: org.id });
    await makeUser(handle.db, { role: "program_lead", organizationId: org.id });
    await makeUser(handle.db, { role: "advocate", organizationId: org.id, active: false });
    await makeUser(handle.db, { role: "advocate" });
    const mine = await getOwnOrganization(await signedIn(handle.db, a), handle.db);
    expect(mine?.name).toBe(org.name);
    expect(mine?.colleagues.map((c) => c.role).sort()).toEqual(["advocate", "program_lead"]);
  });
});
