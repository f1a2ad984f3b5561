import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { listAuditEvents } from "../../lib/audit/queries";
import { recordAudit } from "../../lib/audit/record";
import { AppError } from "../../lib/errors";
import { openTestDatabase } from "./support/database";
import { makeUser, signedIn } from "./support/factories";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

describe("the audit trail", () => {
  it("cannot be edited, deleted or truncated, even with direct SQL", async () => {
    await recordAudit(handle.db, { actor: null, action: "system.demo_seeded", details: { probe: true } });
    const [row] = await handle.db.select().from(auditEvents).orderBy(sql`${auditEvents.id} desc`).limit(1);
    await expect(handle.db.execute(sql`update audit_events set action = 'tampered' where id = ${row!.id}`)).rejects.toThrow();
    await expect(handle.db.execute(sql`delete from audit_events where id = ${row!.id}`)).rejects.toThrow();
    await expect(handle.db.execute(sql`truncate audit_events`)).rejects.toThrow();
    const [still] = await handle.db.select().from(auditEvents).where(eq(auditEvents.id, row!.id));
    expect(still!.action).toBe("system.demo_seeded");
  });

  it("rolls back with the change it describes", async () => {
    const before = await handle.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "organization.created"));
    await expect(
      handle.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: null, action: "organization.created", target: { type: "organization", id: "rolled-back" } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const after = await handle.db.select({ id: auditEvents.id }).from(auditEvents).where(eq(auditEvents.action, "organization.created"));
    expect(after).toHaveLength(before.length);
  });

  it("lists newest first, filtered by user (as actor or target), action and Pacific date range, in keyset pages", async () => {
    const admin = await signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
    const subject = await makeUser(handle.db, { role: "advocate" });
    const actor = { id: subject.id, role: subject.role, organizationId: subject.organizationId };
    const at = (iso: string) => new Date(iso);
    // Written with explicit times: 23:30 Pacific on Nov 3 is already Nov 4 in UTC.
    for (let i = 0; i < 60; i++) {
      await handle.db.insert(auditEvents).values({ occurredAt: at("2026-11-02T18:00:00Z"), actorUserId: subject.id, actorRole: "advocate", action: "auth.sign_in", targetType: "user", targetId: subject.id, details: { n: i } });
    }
    await handle.db.insert(auditEvents).values({ occurredAt: at("2026-11-04T07:30:00Z"), action: "auth.sign_in_failed", targetType: "user", targetId: subject.id, details: { late: true } });
    await recordAudit(handle.db, { actor, action: "auth.sign_out", target: { type: "user", id: "someone-else" } });

    const first = await listAuditEvents(admin, { user: subject.id }, {}, handle.db);
    expect(first.items).toHaveLength(50);
    expect(first.items[0]!.action).toBe("auth.sign_out");
    expect(first.items.map((e) => e.id)).toEqual([...first.items.map((e) => e.id)].sort((a, b) => b - a));
    expect(first.newerCursor).toBeNull();
    const second = await listAuditEvents(admin, { user: subject.id, before: first.olderCursor! }, {}, handle.db);
    expect(second.items).toHaveLength(12);
    expect(second.olderCursor).toBeNull();
    const back = await listAuditEvents(admin, { user: subject.id, after: second.newerCursor! }, {}, handle.db);
    expect(back.items.map((e) => e.id)).toEqual(first.items.map((e) => e.id));

    const failed = await listAuditEvents(admin, { user: subject.id, action: "auth.sign_in_failed" }, {}, handle.db);
    expect(failed.items.map((e) => e.details)).toEqual([{ late: true }]);
    expect(failed.items[0]!.targetLabel).toBe(subject.name);

    const nov3 = await listAuditEvents(admin, { user: subject.id, from: "2026-11-03", to: "2026-11-03" }, {}, handle.db);
    expect(nov3.items.map((e) => e.details)).toEqual([{ late: true }]);
    const nov2 = await listAuditEvents(admin, { user: subject.id, from: "2026-11-02", to: "2026-11-02" }, { pageSize: 5 }, handle.db);
    expect(nov2.items).toHaveLength(5);
    expect(nov2.olderCursor).not.toBeNull();
  });

  it("is for admins only", async () => {
    const lead = await signedIn(handle.db, await makeUser(handle.db, { role: "program_lead" }));
    const error = await listAuditEvents(lead, {}, {}, handle.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("forbidden");
  });
});
