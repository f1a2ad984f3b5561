import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle } from "../../db/client";
import { lastVerification, verifyAuditChain, verifyAuditChainNow } from "../../lib/audit/chain";
import { recordAudit } from "../../lib/audit/record";
import { AppError } from "../../lib/errors";
import { backend, openPrivateTestDatabase } from "./support/database";
import { makeUser, signedIn } from "./support/factories";

// The audit trail's hash chain on a database of this file's own: the tests below tamper with it.

let handle: DatabaseHandle & { url: string | null };
beforeAll(async () => {
  handle = await openPrivateTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

async function record(n: number, tag: string) {
  const ids: number[] = [];
  for (let i = 0; i < n; i += 1) ids.push(await recordAudit(handle.db, { actor: null, action: "system.demo_seeded", details: { tag, i } }));
  return ids;
}

/** Runs `fn` with the audit triggers off, as someone with the database owner's rights could. */
async function withTriggersOff(fn: () => Promise<unknown>) {
  await handle.db.execute(sql`alter table audit_events disable trigger user`);
  await handle.db.execute(sql`alter table audit_chain disable trigger user`);
  try {
    await fn();
  } finally {
    await handle.db.execute(sql`alter table audit_events enable trigger user`);
    await handle.db.execute(sql`alter table audit_chain enable trigger user`);
  }
}

describe("the audit trail's hash chain", () => {
  it("links every committed event and verifies (commit order under concurrency: below)", async () => {
    const ids = await record(5, "first");
    const links = await queryRows<{ seq: string; event_id: string; prev_hash: string; hash: string }>(
      handle.db,
      sql`select seq::text, event_id::text, prev_hash, hash from audit_chain order by seq`,
    );
    expect(links.map((l) => Number(l.event_id)).slice(-5)).toEqual(ids);
    for (let i = 1; i < links.length; i += 1) {
      expect(Number(links[i]!.seq)).toBe(Number(links[i - 1]!.seq) + 1);
      expect(links[i]!.prev_hash).toBe(links[i - 1]!.hash);
    }
    expect(links.every((l) => /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
    const result = await verifyAuditChain(handle.db);
    expect(result).toMatchObject({ intact: true, broken: null, headSeq: Number(links.at(-1)!.seq), headHash: links.at(-1)!.hash });
    expect(result.linksChecked).toBe(links.length);
  });

  it("does not chain an event whose transaction rolled back", async () => {
    const before = await verifyAuditChain(handle.db);
    await expect(
      handle.db.transaction(async (tx) => {
        await recordAudit(tx, { actor: null, action: "system.demo_seeded", details: { rolledBack: true } });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    const after = await verifyAuditChain(handle.db);
    expect(after).toMatchObject({ intact: true, headSeq: before.headSeq, headHash: before.headHash });
  });

  it("walks a long chain in batches", async () => {
    await record(12, "batches");
    const whole = await verifyAuditChain(handle.db);
    const small = await verifyAuditChain(handle.db, { batchSize: 5 });
    expect(small).toMatchObject({ intact: true, linksChecked: whole.linksChecked, headHash: whole.headHash });
  });

  it.runIf(backend === "postgres")("stays one chain when many transactions commit at once", async () => {
    await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        handle.db.transaction(async (tx) => {
          await recordAudit(tx, { actor: null, action: "system.demo_seeded", details: { concurrent: i, n: 1 } });
          await recordAudit(tx, { actor: null, action: "system.demo_seeded", details: { concurrent: i, n: 2 } });
        }),
      ),
    );
    const result = await verifyAuditChain(handle.db);
    expect(result.intact).toBe(true);
    const [counts] = await queryRows<{ events: string; links: string }>(
      handle.db,
      sql`select (select count(*) from audit_events)::text as events, (select count(*) from audit_chain)::text as links`,
    );
    expect(counts!.links).toBe(counts!.events);
  });

  it.runIf(backend === "postgres")("is not mistaken for broken while events are being written", async () => {
    const writing = Promise.all(
      Array.from({ length: 12 }, (_, i) => handle.db.transaction(async (tx) => recordAudit(tx, { actor: null, action: "system.demo_seeded", details: { during: i } }))),
    );
    const walks = await Promise.all([verifyAuditChain(handle.db, { batchSize: 3 }), verifyAuditChain(handle.db, { batchSize: 3 })]);
    await writing;
    expect(walks.map((w) => w.intact)).toEqual([true, true]);
  });
});

describe("the chain's status for administrators", () => {
  it("is verified and read by an admin only, and keeps who asked and where the chain ended", async () => {
    const admin = await signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
    const advocate = await signedIn(handle.db, await makeUser(handle.db, { role: "advocate" }));
    await expect(verifyAuditChainNow(advocate, handle.db)).rejects.toBeInstanceOf(AppError);
    await expect(lastVerification(advocate, handle.db)).rejects.toBeInstanceOf(AppError);
    const row = await verifyAuditChainNow(admin, handle.db);
    expect(row).toMatchObject({ intact: true, problem: null });
    expect(row.headHash).toMatch(/^[0-9a-f]{64}$/);
    expect(await lastVerification(admin, handle.db)).toMatchObject({ id: row.id, requestedBy: admin.id, intact: true, headSeq: row.headSeq });
  });
});

// Last: these break the chain of this file's database on purpose.
describe("finds the first event that does not match", () => {
  it("an event altered with the append-only trigger disabled", async () => {
    const [, target] = await record(3, "alter");
    await withTriggersOff(() => handle.db.execute(sql`update audit_events set details = '{"tag":"forged"}' where id = ${target}`));
    const result = await verifyAuditChain(handle.db);
    expect(result).toMatchObject({ intact: false, broken: { eventId: target, problem: "event_altered" } });

    // `npm run audit:verify` says where, and exits non-zero. (Another process cannot open PGlite's
    // in-memory database: on PGlite the command is checked by the walk above alone.)
    if (handle.url) {
      const secret = () => randomBytes(32).toString("base64");
      const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: handle.url, AUTH_SECRET: secret(), CLEARWAY_ENCRYPTION_KEY: secret(), NODE_ENV: "production" };
      const run = promisify(execFile)("npx", ["tsx", "db/audit-verify.ts"], { env });
      await expect(run).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining(`BROKEN at event ${target}`) });
    }

    // Putting the content back as it was makes the chain whole again: the hash is over the content.
    await withTriggersOff(() => handle.db.execute(sql`update audit_events set details = jsonb_build_object('tag', 'alter', 'i', 1) where id = ${target}`));
    expect((await verifyAuditChain(handle.db)).intact).toBe(true);
  });

  it("an event deleted", async () => {
    const [victim] = await record(2, "delete");
    await withTriggersOff(() => handle.db.execute(sql`delete from audit_events where id = ${victim}`));
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, broken: { eventId: victim, problem: "event_missing" } });
    // Put back with the same id and content but another time: still reported, now as altered.
    await withTriggersOff(() =>
      handle.db.execute(sql`insert into audit_events (id, action, details) overriding system value select ${victim}, 'system.demo_seeded', jsonb_build_object('tag', 'delete', 'i', 0)`),
    );
    expect(await verifyAuditChain(handle.db)).toMatchObject({ intact: false, broken: { eventId: victim, problem: "event_altered" } });
  });
});

describe("finds a chain cut back and re-grown", () => {
  it("the newest events removed, the head reset: caught against the last verification", async () => {
    const fresh = await openPrivateTestDatabase();
    try {
      await recordAudit(fresh.db, { actor: null, action: "system.demo_seeded", details: { n: 1 } });
      const [, last] = [await recordAudit(fresh.db, { actor: null, action: "system.demo_seeded", details: { n: 2 } }), await recordAudit(fresh.db, { actor: null, action: "system.demo_seeded", details: { n: 3 } })];
      const verified = await verifyAuditChain(fresh.db);
      expect(verified.intact).toBe(true);
      // Someone with the owner's rights removes the newest event and its link, and points the head back.
      await fresh.db.execute(sql`alter table audit_events disable trigger user`);
      await fresh.db.execute(sql`alter table audit_chain disable trigger user`);
      await fresh.db.execute(sql`delete from audit_chain where event_id = ${last}`);
      await fresh.db.execute(sql`delete from audit_events where id = ${last}`);
      await fresh.db.execute(sql`update audit_chain_head set seq = seq - 1, hash = (select hash from audit_chain order by seq desc limit 1) where id`);
      await fresh.db.execute(sql`alter table audit_events enable trigger user`);
      await fresh.db.execute(sql`alter table audit_chain enable trigger user`);
      // On its own the shorter chain holds together...
      expect((await verifyAuditChain(fresh.db)).intact).toBe(true);
      // ...but not against where the last verification ended, even once new events have grown it back.
      await recordAudit(fresh.db, { actor: null, action: "system.demo_seeded", details: { n: 4 } });
      const since = { headSeq: verified.headSeq!, headHash: verified.headHash! };
      expect(await verifyAuditChain(fresh.db, { since })).toMatchObject({ intact: false, broken: { problem: "chain_rewritten", seq: since.headSeq } });
    } finally {
      await fresh.close();
    }
  });

  it("an event recorded with the chain's trigger disabled", async () => {
    const fresh = await openPrivateTestDatabase();
    try {
      await recordAudit(fresh.db, { actor: null, action: "system.demo_seeded", details: { n: 1 } });
      await fresh.db.execute(sql`alter table audit_events disable trigger audit_events_chain`);
      const slipped = await recordAudit(fresh.db, { actor: null, action: "system.demo_seeded", details: { slipped: true } });
      await fresh.db.execute(sql`alter table audit_events enable trigger audit_events_chain`);
      expect(await verifyAuditChain(fresh.db)).toMatchObject({ intact: false, broken: { eventId: slipped, problem: "event_unchained" } });
    } finally {
      await fresh.close();
    }
  });
});
