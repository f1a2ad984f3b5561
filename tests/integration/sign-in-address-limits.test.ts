import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { signInThrottles } from "../../db/schema/auth";
import { ADDRESS_POLICY, addressThrottleKeys, authenticate, LOCKOUT_POLICY } from "../../lib/auth/authenticate";
import { openTestDatabase } from "./support/database";
import { makeUser, PASSWORD, unique } from "./support/factories";

// Sign-in attempts are limited per client address and per /24 (or /64), besides each account's own
// counter: one source cannot try many accounts, and cannot lock their owners out either.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const options = { sessionMaxHours: 12 };
/** A /24 no other test uses (the PostgreSQL database is shared by the files). */
const freshBlock = () => `10.${randomInt(256)}.${randomInt(256)}`;
const from = (ip: string) => ({ ip, userAgent: "vitest" });
const nobody = () => ({ email: `${unique("nobody")}@example.test`, password: "guessing again 123" });

describe("sign-in limits per address and block", () => {
  it("stops one address trying many accounts, before checking anything, while the account's owner still signs in elsewhere", async () => {
    const block = freshBlock();
    const attacker = from(`${block}.66`);
    for (let i = 0; i < ADDRESS_POLICY.maxPerAddress; i += 1) {
      expect(await authenticate(handle.db, nobody(), attacker, options)).toEqual({ ok: false, reason: "invalid" });
    }
    const user = await makeUser(handle.db, { role: "advocate" });
    // Over the limit: refused even with the right password, and nothing counts against the account.
    const refused = await authenticate(handle.db, { email: user.email, password: PASSWORD }, attacker, options);
    expect(refused).toMatchObject({ ok: false, reason: "address_limited" });
    expect((refused as { retryAfterMinutes: number }).retryAfterMinutes).toBeLessThanOrEqual(ADDRESS_POLICY.windowMinutes);
    const accountRows = await handle.db.select().from(signInThrottles).where(eq(signInThrottles.userId, user.id));
    expect(accountRows).toEqual([]);
    const [audit] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.targetId, user.id), eq(auditEvents.action, "auth.sign_in_failed")));
    expect(audit!.details).toMatchObject({ reason: "address_limited", scope: "address" });
    expect(audit!.ip).toBe(attacker.ip);

    // The owner, at her own address (even in the same block, under its limit), signs in.
    expect(await authenticate(handle.db, { email: user.email, password: PASSWORD }, from(`${block}.7`), options)).toMatchObject({ ok: true });
  });

  it("stops a block of addresses (a /24) taken together, and no other block", async () => {
    const block = freshBlock();
    // The block has had its fill of failures this window (as if from a hundred addresses in it).
    const [, blockKey] = addressThrottleKeys(`${block}.1`);
    expect(blockKey!.scope).toBe("block");
    await handle.db.insert(signInThrottles).values({ key: blockKey!.key, attempts: ADDRESS_POLICY.maxPerBlock, windowStartedAt: new Date() });
    const user = await makeUser(handle.db, { role: "attorney" });
    expect(await authenticate(handle.db, { email: user.email, password: PASSWORD }, from(`${block}.200`), options)).toMatchObject({
      ok: false,
      reason: "address_limited",
    });
    expect(await authenticate(handle.db, { email: user.email, password: PASSWORD }, from(`${freshBlock()}.200`), options)).toMatchObject({ ok: true });
  });

  it("counts IPv6 clients by their /64", () => {
    const [one, oneBlock] = addressThrottleKeys("2001:db8:aa:bb::1");
    const [two, twoBlock] = addressThrottleKeys("2001:db8:aa:bb:ffff::2");
    expect(one!.key).not.toBe(two!.key);
    expect(oneBlock!.key).toBe(twoBlock!.key);
    expect(addressThrottleKeys("2001:db8:aa:bc::1")[1]!.key).not.toBe(oneBlock!.key);
  });

  it("gives a successful sign-in's attempt back: an office behind one address is never stopped by its own sign-ins", async () => {
    const office = from(`${freshBlock()}.10`);
    const staff = await Promise.all(Array.from({ length: 4 }, () => makeUser(handle.db, { role: "advocate" })));
    // A few typos over the morning, and many more sign-ins than the limit.
    for (let i = 0; i < ADDRESS_POLICY.maxPerAddress - 2; i += 1) await authenticate(handle.db, nobody(), office, options);
    for (let round = 0; round < 6; round += 1) {
      for (const person of staff) {
        expect(await authenticate(handle.db, { email: person.email, password: PASSWORD }, office, options)).toMatchObject({ ok: true });
      }
    }
    const [row] = await handle.db.select({ attempts: signInThrottles.attempts }).from(signInThrottles).where(eq(signInThrottles.key, addressThrottleKeys(office.ip)[0]!.key));
    expect(row!.attempts).toBe(ADDRESS_POLICY.maxPerAddress - 2);
  });

  it("keeps the per-account lockout as it was", async () => {
    const user = await makeUser(handle.db, { role: "advocate" });
    for (let i = 0; i < LOCKOUT_POLICY.maxFailures; i += 1) {
      await authenticate(handle.db, { email: user.email, password: "not the password 1" }, from(`${freshBlock()}.1`), options);
    }
    expect(await authenticate(handle.db, { email: user.email, password: PASSWORD }, from(`${freshBlock()}.1`), options)).toMatchObject({ reason: "locked" });
  });
});
