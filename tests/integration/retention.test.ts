import { and, eq, getTableName, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows, type DatabaseHandle, type Db } from "../../db/client";
import { auditChainAnchors, auditEvents, auditEventSurvivors } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { survivorLegalHolds, survivors } from "../../db/schema/survivors";
import { vacaturMatters } from "../../db/schema/vacatur";
import { AuditPurgeRefused, purgeExpiredAuditEvents } from "../../lib/audit/purge";
import { verifyAuditChain } from "../../lib/audit/chain";
import type { SessionUser } from "../../lib/auth/sessions";
import { ENCRYPTED_TABLES } from "../../lib/crypto/encrypted-columns";
import { AppError } from "../../lib/errors";
import { newIdempotencyKey } from "../../lib/idempotency";
import { purgeClosedRecords } from "../../lib/jobs/record-purge";
import { updateRetentionSettings } from "../../lib/organizations/commands";
import { placeLegalHold, releaseLegalHold } from "../../lib/retention/commands";
import { encryptedTablesWithoutScope, purgeSurvivorRecord } from "../../lib/retention/purge";
import { listDueForPurge } from "../../lib/retention/queries";
import { createSurvivor } from "../../lib/survivors/commands";
import { openPrivateTestDatabase } from "./support/database";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { buildWorld, day } from "./support/matrix/world";

// Retention (issue 15): the purge of closed survivor records past their organization's retention, legal
// holds, the program lead's 30-day preview, the admin's settings, and the purge of old audit events
// from the oldest end of the hash chain. A database of the file's own: the purges act on every row.

let handle: DatabaseHandle & { url: string | null };
beforeAll(async () => {
  handle = await openPrivateTestDatabase();
});
afterAll(async () => {
  await handle?.close();
});

const DAY_MS = 86_400_000;
const NOW = new Date();
/** `years` calendar years (and `days` days) before NOW, as the database adds years. */
function ago(years: number, days = 0): Date {
  const d = new Date(NOW.getTime() - days * DAY_MS);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d;
}

/** Closes a record as of `when` (as if closed then: the status change's own command stamps now). */
async function closeAsOf(db: Db, survivorId: string, when: Date) {
  await db.update(survivors).set({ status: "closed", closedReason: "goals_met", statusChangedAt: when }).where(eq(survivors.id, survivorId));
}

async function intake(db: Db, advocate: SessionUser, name = unique("Rowan")) {
  const created = await createSurvivor(
    advocate,
    { idempotencyKey: newIdempotencyKey(), preferredName: name, legalName: `${name} Legal`, phone: "206-555-0142", intakeDate: day(-30), duplicateDecision: "create_anyway" },
    meta,
    db,
  );
  if (created.status !== "created") throw new Error("intake stopped");
  return { id: created.id, clientCode: created.clientCode, name };
}

async function agency(db: Db) {
  const org = await makeOrganization(db, { type: "service_provider" });
  const advocate = { ...(await signedIn(db, await makeUser(db, { role: "advocate", organizationId: org.id }))), organizationName: org.name };
  const lead = { ...(await signedIn(db, await makeUser(db, { role: "program_lead", organizationId: org.id }))), organizationName: org.name };
  return { org, advocate, lead };
}

const exists = async (db: Db, id: string) => (await db.select({ id: survivors.id }).from(survivors).where(eq(survivors.id, id))).length === 1;

describe("the purge of closed survivor records", () => {
  it("covers every encrypted table", () => {
    expect(encryptedTablesWithoutScope()).toEqual([]);
  });

  it("removes a closed record past its time with everything that hangs off it, ciphertext first, and audits its id and counts only", async () => {
    const db = handle.db;
    const w = await buildWorld(db, "all releases live");
    // A hold placed and released: its row goes with the record too.
    await placeLegalHold(w.people.LA, { survivorId: w.survivorId, reason: `Audit ${w.tag}` }, meta, db);
    await releaseLegalHold(w.people.LA, { survivorId: w.survivorId }, meta, db);
    await closeAsOf(db, w.survivorId, ago(7, 1));

    // Closed at the agency, but another organization's work on it is still open (the petition at Legal
    // L, the referral to Partner R): kept, whatever the agency's retention says.
    await purgeClosedRecords(db, NOW);
    expect(await exists(db, w.survivorId)).toBe(true);
    await db.update(vacaturMatters).set({ status: "closed" }).where(eq(vacaturMatters.survivorId, w.survivorId));
    expect((await purgeClosedRecords(db, NOW)).records).toBe(0);
    await db.update(referrals).set({ status: "completed" }).where(eq(referrals.survivorId, w.survivorId));

    // Every ciphertext of the record and what hangs off it, before.
    const ciphertexts = new Map<string, string[]>();
    const dependantIds = [w.survivorId, w.matterId, w.referralId, w.convictionId, w.spareConvictionId, w.pendingChargeId, w.hearingId, w.hoursEntryId, w.serviceEventId, w.transferRequestId, w.releaseToL, w.releaseToR, w.releaseToP];
    for (const spec of ENCRYPTED_TABLES) {
      for (const [prop, c] of Object.entries(spec.ciphertexts)) {
        const rows = await queryRows<{ v: string }>(db, sql`select ${c.column} as v from ${spec.table} where ${c.column} is not null and ${spec.table}::text ~ ${dependantIds.join("|")}`);
        if (rows.length) ciphertexts.set(`${getTableName(spec.table)}.${prop}`, rows.map((r) => r.v));
      }
    }
    expect([...ciphertexts.keys()].sort()).toEqual(
      [
        "convictions.caseNumberEnc",
        "matter_notes.bodyEnc",
        "prosecutor_communications.summaryEnc",
        "referrals.notesEnc",
        "referrals.reasonEnc",
        "survivor_legal_holds.reasonEnc",
        "survivor_notes.bodyEnc",
        "survivors.codeWordEnc",
        "survivors.legalNameEnc",
        "survivors.phoneEnc",
        "vacatur_matters.statusNoteEnc",
        "vacatur_matters.filingCaseNumberEnc",
      ].sort(),
    );

    expect(await purgeClosedRecords(db, NOW)).toEqual({ records: 1, leftAlone: 0 });

    // No row anywhere (but the audit trail) names the record or anything that hung off it...
    const columns = await queryRows<{ table: string; column: string }>(
      db,
      sql`select table_name as "table", column_name as "column" from information_schema.columns
          where table_schema = 'public' and data_type = 'uuid' and table_name not like 'audit%' order by 1, 2`,
    );
    const naming: string[] = [];
    for (const { table, column } of columns) {
      const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} where ${sql.identifier(column)} = any(${`{${dependantIds.join(",")}}`}::uuid[])`);
      if (row!.n > 0) naming.push(`${table}.${column}`);
    }
    expect(naming).toEqual([]);
    // ...or carries its client code or the world's texts (the demand side and the organizations' names carry the tag; nothing else).
    // (idempotency_keys keep a create's answer, the new record's id and code, for 7 days: the nightly
    // purge of lib/jobs/retention.ts removes them years before a record can be due; here they are fresh.)
    const tables = [
      ...new Set(
        (
          await queryRows<{ table: string }>(
            db,
            sql`select table_name as "table" from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'
                and table_name not like 'audit%' and table_name not in ('__drizzle_migrations', 'idempotency_keys')`,
          )
        ).map((r) => r.table),
      ),
    ];
    const carrying = async (text: string) => {
      const found: string[] = [];
      for (const table of tables) {
        const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${sql.identifier(table)} t where t::text like ${`%${text}%`}`);
        if (row!.n > 0) found.push(table);
      }
      return found.sort();
    };
    expect(await carrying(w.markers.clientCode)).toEqual([]);
    expect(await carrying(w.tag)).toEqual(["fee_cases", "jurisdictions", "operations", "organizations"]);
    // No ciphertext of it is left in any encrypted column.
    for (const spec of ENCRYPTED_TABLES) {
      for (const [prop, c] of Object.entries(spec.ciphertexts)) {
        const values = ciphertexts.get(`${getTableName(spec.table)}.${prop}`) ?? [];
        if (values.length) expect(await db.select({ v: c.column }).from(spec.table).where(inArray(c.column, values)), `${getTableName(spec.table)}.${prop}`).toEqual([]);
      }
    }

    // One event: the record's id, no actor, counts by table and nothing else.
    const events = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "survivor.purged"), eq(auditEvents.targetId, w.survivorId)));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: null, actorOrganizationId: null, targetType: "survivor" });
    expect(Object.keys(events[0]!.details)).toEqual(["counts"]);
    const counts = events[0]!.details.counts as Record<string, number>;
    expect(counts).toMatchObject({ survivors: 1, vacatur_matters: 1, referrals: 1, releases: 3, convictions: 2, survivor_notes: 1, survivor_legal_holds: 1, matter_notes: 1, pro_bono_hours: 1 });
    expect(Object.values(counts).every((n) => Number.isInteger(n) && n > 0)).toBe(true);
    const text = JSON.stringify(events[0]);
    for (const marker of Object.values(w.markers)) expect(text).not.toContain(marker);

    // The second run finds nothing.
    expect(await purgeClosedRecords(db, NOW)).toEqual({ records: 0, leftAlone: 0 });
  }, 60_000);

  it("keeps a record on hold, and purges it at the first run after the hold is released", async () => {
    const db = handle.db;
    const { advocate, lead } = await agency(db);
    const held = await intake(db, advocate);
    await closeAsOf(db, held.id, ago(9));
    await placeLegalHold(lead, { survivorId: held.id, reason: "Subpoena duces tecum, served last week" }, meta, db);
    await purgeClosedRecords(db, NOW);
    expect(await exists(db, held.id)).toBe(true);
    // A hold is one at a time, and the lead says why.
    await expect(placeLegalHold(lead, { survivorId: held.id, reason: "Again" }, meta, db)).rejects.toMatchObject({ code: "conflict" });
    await expect(placeLegalHold(lead, { survivorId: held.id, reason: " " }, meta, db)).rejects.toMatchObject({ code: "invalid", fieldErrors: { reason: expect.any(Array) } });

    await releaseLegalHold(lead, { survivorId: held.id }, meta, db);
    await expect(releaseLegalHold(lead, { survivorId: held.id }, meta, db)).rejects.toMatchObject({ code: "conflict" });
    const audited = await db.select({ action: auditEvents.action, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.targetId, held.id));
    expect(audited.map((e) => e.action)).toEqual(expect.arrayContaining(["survivor.legal_hold_placed", "survivor.legal_hold_released"]));
    expect(JSON.stringify(audited)).not.toContain("Subpoena");

    expect((await purgeClosedRecords(db, NOW)).records).toBeGreaterThanOrEqual(1);
    expect(await exists(db, held.id)).toBe(false);
  });

  it("keeps a record closed recently, an active one, and one reopened or changed after the purge chose it; follows each organization's years", async () => {
    const db = handle.db;
    const { org, advocate } = await agency(db);
    const recent = await intake(db, advocate);
    await closeAsOf(db, recent.id, ago(6, 300)); // due in about two months (seven years by default)
    const active = await intake(db, advocate);
    await db.update(survivors).set({ statusChangedAt: ago(20) }).where(eq(survivors.id, active.id));
    const reopened = await intake(db, advocate);
    await closeAsOf(db, reopened.id, ago(8));
    const edited = await intake(db, advocate);
    await closeAsOf(db, edited.id, ago(8));

    // The purge read them as due; then one was reopened and one edited before it locked them.
    const candidate = async (id: string) => {
      const [row] = await queryRows<{ version: number; closed_at: string }>(db, sql`select version, status_changed_at::text as closed_at from survivors where id = ${id}`);
      return { id, version: Number(row!.version), closedAt: row!.closed_at };
    };
    const [seenReopened, seenEdited] = [await candidate(reopened.id), await candidate(edited.id)];
    await db.update(survivors).set({ status: "active", closedReason: null, statusChangedAt: new Date(), version: sql`${survivors.version} + 1` }).where(eq(survivors.id, reopened.id));
    await db.update(survivors).set({ pronouns: "she/her", version: sql`${survivors.version} + 1` }).where(eq(survivors.id, edited.id));
    expect(await purgeSurvivorRecord(db, seenReopened, NOW)).toBeNull();
    expect(await purgeSurvivorRecord(db, seenEdited, NOW)).toBeNull();

    await purgeClosedRecords(db, NOW);
    expect(await exists(db, recent.id)).toBe(true);
    expect(await exists(db, active.id)).toBe(true);
    expect(await exists(db, reopened.id)).toBe(true);
    // The edited one is still closed and due: the next run (this one) purges it.
    expect(await exists(db, edited.id)).toBe(false);

    // Two years for this organization: the record closed six years ago is now past its time.
    await db.update(organizations).set({ recordRetentionYears: 2 }).where(eq(organizations.id, org.id));
    await purgeClosedRecords(db, NOW);
    expect(await exists(db, recent.id)).toBe(false);
    expect(await exists(db, active.id)).toBe(true);
  });
});

describe("the program lead's preview", () => {
  it("lists exactly the records due in the next 30 days and those on hold, without names, for the lead's own organization only", async () => {
    const db = handle.db;
    const { advocate, lead } = await agency(db);
    const other = await agency(db);
    const dueSoon = await intake(db, advocate);
    await closeAsOf(db, dueSoon.id, ago(7, -10)); // due in ten days
    const dueLater = await intake(db, advocate);
    await closeAsOf(db, dueLater.id, ago(7, -40)); // due in forty days
    const heldActive = await intake(db, advocate);
    await placeLegalHold(lead, { survivorId: heldActive.id, reason: "Civil claim pending" }, meta, db);
    const heldOverdue = await intake(db, advocate);
    await closeAsOf(db, heldOverdue.id, ago(8));
    await placeLegalHold(lead, { survivorId: heldOverdue.id, reason: "Audit by the funder" }, meta, db);
    const othersDue = await intake(db, other.advocate);
    await closeAsOf(db, othersDue.id, ago(7, -5));

    const page = await listDueForPurge(lead, 1, db, NOW);
    expect(page.items.map((r) => r.clientCode)).toEqual([heldOverdue.clientCode, dueSoon.clientCode, heldActive.clientCode]);
    expect(page.total).toBe(3);
    expect(page.items[0]).toMatchObject({ status: "closed", hold: { reason: "Audit by the funder", heldByName: lead.name } });
    expect(page.items[1]).toMatchObject({ status: "closed", hold: null });
    expect(page.items[1]!.dueAt!.getTime()).toBeGreaterThan(NOW.getTime());
    expect(page.items[1]!.dueAt!.getTime()).toBeLessThan(NOW.getTime() + 11 * DAY_MS);
    expect(page.items[2]).toMatchObject({ status: "active", closedAt: null, dueAt: null, hold: { reason: "Civil claim pending" } });
    const shown = JSON.stringify(page);
    for (const s of [dueSoon, heldActive, heldOverdue]) {
      expect(shown).not.toContain(s.name);
    }
    expect(Object.keys(page.items[0]!).sort()).toEqual(["clientCode", "closedAt", "dueAt", "hold", "status", "survivorId"]);

    // Another organization's lead sees only its own; an advocate is refused; so is an admin.
    expect((await listDueForPurge(other.lead, 1, db, NOW)).items.map((r) => r.clientCode)).toEqual([othersDue.clientCode]);
    await expect(listDueForPurge(advocate, 1, db, NOW)).rejects.toMatchObject({ code: "forbidden" });
    const admin = await signedIn(db, await makeUser(db, { role: "admin" }));
    await expect(listDueForPurge(admin, 1, db, NOW)).rejects.toMatchObject({ code: "forbidden" });

    // Holding or releasing another organization's record: not found, and nothing changes.
    await expect(placeLegalHold(other.lead, { survivorId: dueSoon.id, reason: "Not ours" }, meta, db)).rejects.toMatchObject({ code: "not_found" });
    await expect(releaseLegalHold(other.lead, { survivorId: heldOverdue.id }, meta, db)).rejects.toMatchObject({ code: "not_found" });
    await expect(placeLegalHold(advocate, { survivorId: dueSoon.id, reason: "An advocate" }, meta, db)).rejects.toMatchObject({ code: "forbidden" });
    expect(await db.select().from(survivorLegalHolds).where(eq(survivorLegalHolds.survivorId, dueSoon.id))).toEqual([]);
    expect(await db.select({ releasedAt: survivorLegalHolds.releasedAt }).from(survivorLegalHolds).where(eq(survivorLegalHolds.survivorId, heldOverdue.id))).toEqual([{ releasedAt: null }]);
  });
});

describe("the admin's retention settings", () => {
  it("are validated, versioned, refused to anyone but an admin, and audited", async () => {
    const db = handle.db;
    const { org, lead } = await agency(db);
    const admin = await signedIn(db, await makeUser(db, { role: "admin" }));
    const [before] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(before).toMatchObject({ recordRetentionYears: 7, auditRetentionYears: 7 });
    const save = (me: SessionUser, values: Record<string, unknown>) =>
      updateRetentionSettings(me, { id: org.id, version: before!.version, recordRetentionYears: 7, auditRetentionYears: 7, ...values } as never, meta, db);

    for (const bad of [0, 51, 2.5, "seven", ""]) {
      await expect(save(admin, { recordRetentionYears: bad }), String(bad)).rejects.toMatchObject({ code: "invalid", fieldErrors: { recordRetentionYears: expect.any(Array) } });
    }
    await expect(save(admin, { auditRetentionYears: 0 })).rejects.toMatchObject({ code: "invalid", fieldErrors: { auditRetentionYears: expect.any(Array) } });
    await expect(save(lead, { recordRetentionYears: 3 })).rejects.toBeInstanceOf(AppError);
    // The database refuses out-of-range years whoever writes them.
    await expect(db.update(organizations).set({ recordRetentionYears: 0 }).where(eq(organizations.id, org.id))).rejects.toThrow();

    const { version } = await save(admin, { recordRetentionYears: "3", auditRetentionYears: 10 });
    expect(version).toBe(before!.version + 1);
    const [after] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(after).toMatchObject({ recordRetentionYears: 3, auditRetentionYears: 10, updatedBy: admin.id });
    const [event] = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "organization.retention_changed"), eq(auditEvents.targetId, org.id)));
    expect(event).toMatchObject({ actorUserId: admin.id, details: { changes: { recordRetentionYears: { from: 7, to: 3 }, auditRetentionYears: { from: 7, to: 10 } } } });
    // A save from the form opened before: refused, not overwritten.
    await expect(save(admin, { recordRetentionYears: 5 })).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("the purge of old audit events", () => {
  let fresh: DatabaseHandle & { url: string | null };
  beforeAll(async () => {
    fresh = await openPrivateTestDatabase();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  /** An event as it was recorded on `occurredAt` (the trail takes the time of its writer's clock). */
  async function old(db: Db, occurredAt: Date, organizationId: string | null, tag: string) {
    const [row] = await db.insert(auditEvents).values({ occurredAt, actorOrganizationId: organizationId, action: "system.demo_seeded", details: { tag } }).returning({ id: auditEvents.id });
    return row!.id;
  }
  const seqOf = async (db: Db, eventId: number) => Number((await queryRows<{ seq: string }>(db, sql`select seq::text from audit_chain where event_id = ${eventId}`))[0]?.seq ?? 0);
  const eventIds = async (db: Db, ids: number[]) => (await db.select({ id: auditEvents.id }).from(auditEvents).where(inArray(auditEvents.id, ids))).map((r) => r.id).sort((a, b) => a - b);

  it("removes only the oldest events past their retention, as a prefix of the chain, which still verifies from its new anchor", async () => {
    const db = fresh.db;
    const short = await makeOrganization(db);
    const long = await makeOrganization(db);
    await db.update(organizations).set({ auditRetentionYears: 2 }).where(eq(organizations.id, short.id));
    await db.update(organizations).set({ auditRetentionYears: 10 }).where(eq(organizations.id, long.id));

    const a = await old(db, ago(3), short.id, "a"); // past 2 years
    await db.insert(auditEventSurvivors).values({ auditEventId: a, survivorId: "00000000-0000-4000-8000-000000000001" });
    const b = await old(db, ago(11), null, "b"); // no organization: the longest retention (10 years), past
    const c = await old(db, ago(5), long.id, "c"); // within 10 years: kept, and the chain is cut before it
    const d = await old(db, ago(3), short.id, "d"); // past its time, but after c: kept for now
    const e = await old(db, ago(0, 1), short.id, "e");

    const counts = await purgeExpiredAuditEvents(db, NOW);
    expect(counts).toEqual({ events: 2, anchorSeq: await seqOf(db, c) - 1 });
    expect(await eventIds(db, [a, b, c, d, e])).toEqual([c, d, e]);
    expect(await db.select().from(auditEventSurvivors).where(eq(auditEventSurvivors.auditEventId, a))).toEqual([]);
    const links = await queryRows<{ seq: string }>(db, sql`select seq::text from audit_chain order by seq limit 1`);
    expect(Number(links[0]!.seq)).toBe(counts.anchorSeq + 1);
    const [anchor] = await db.select().from(auditChainAnchors);
    expect(anchor).toMatchObject({ seq: counts.anchorSeq, eventsPurged: 2 });
    const [purged] = await db.select().from(auditEvents).where(eq(auditEvents.action, "audit.purged"));
    expect(purged).toMatchObject({ actorUserId: null, details: { events: 2, fromSeq: 1, anchorSeq: counts.anchorSeq, anchorHash: anchor!.hash } });

    const verified = await verifyAuditChain(db);
    expect(verified).toMatchObject({ intact: true, broken: null });
    expect(verified.linksChecked).toBe(verified.headSeq! - counts.anchorSeq);
    expect(await purgeExpiredAuditEvents(db, NOW)).toEqual({ events: 0, anchorSeq: 0 });

    // Once the longer retention is shortened, the rest of the old prefix goes too.
    await db.update(organizations).set({ auditRetentionYears: 4 }).where(eq(organizations.id, long.id));
    expect((await purgeExpiredAuditEvents(db, NOW)).events).toBe(2);
    expect(await eventIds(db, [c, d, e])).toEqual([e]);
    expect((await verifyAuditChain(db, { since: { headSeq: verified.headSeq!, headHash: verified.headHash! } })).intact).toBe(true);
  });

  it("still refuses every other deletion, and the verifier still finds tampering with what remains", async () => {
    const db = fresh.db;
    const org = await makeOrganization(db);
    const kept = await old(db, ago(0, 2), org.id, "kept");
    const later = await old(db, ago(0, 1), org.id, "later");

    // A plain DELETE, and one under the purge's flag of an event after the anchor: refused.
    await expect(db.execute(sql`delete from audit_events where id = ${kept}`)).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('clearway.audit_purge', 'on', true)`);
        await tx.execute(sql`delete from audit_events where id = ${kept}`);
      }),
    ).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_chain where event_id = ${kept}`)).rejects.toThrow();
    await expect(db.execute(sql`truncate audit_events cascade`)).rejects.toThrow();
    // An anchor outside a purge, or at an event less than a year old: refused.
    const keptSeq = await seqOf(db, kept);
    const keptHash = (await queryRows<{ hash: string }>(db, sql`select hash from audit_chain where seq = ${keptSeq}`))[0]!.hash;
    await expect(db.execute(sql`insert into audit_chain_anchors (seq, hash, events_purged) values (${keptSeq}, ${keptHash}, 1)`)).rejects.toThrow();
    await expect(
      db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('clearway.audit_purge', 'on', true)`);
        await tx.execute(sql`insert into audit_chain_anchors (seq, hash, events_purged) values (${keptSeq}, ${keptHash}, 1)`);
      }),
    ).rejects.toMatchObject({ cause: { message: expect.stringContaining("more than a year old") } });
    // The anchors (set by the purges above) are append-only too.
    await expect(db.execute(sql`update audit_chain_anchors set hash = 'x'`)).rejects.toThrow();
    await expect(db.execute(sql`delete from audit_chain_anchors`)).rejects.toThrow();
    expect(await eventIds(db, [kept, later])).toEqual([kept, later]);
    expect((await verifyAuditChain(db)).intact).toBe(true);

    // Tampering with an event that remains is still found.
    await db.execute(sql`alter table audit_events disable trigger user`);
    try {
      await db.execute(sql`update audit_events set details = '{"tag":"forged"}' where id = ${kept}`);
      expect(await verifyAuditChain(db)).toMatchObject({ intact: false, broken: { eventId: kept, problem: "event_altered" } });
      await db.execute(sql`update audit_events set details = '{"tag":"kept"}' where id = ${kept}`);
    } finally {
      await db.execute(sql`alter table audit_events enable trigger user`);
    }
    expect((await verifyAuditChain(db)).intact).toBe(true);
  });

  it("walks a long prefix in batches, one anchor and one audit.purged event per batch", async () => {
    const other = await openPrivateTestDatabase();
    try {
      const db = other.db;
      const org = await makeOrganization(db);
      await db.update(organizations).set({ auditRetentionYears: 1 }).where(sql`true`);
      const ids: number[] = [];
      for (let i = 0; i < 7; i += 1) ids.push(await old(db, ago(2), org.id, `batch-${i}`));
      const recent = await old(db, ago(0, 1), org.id, "recent");
      expect(await purgeExpiredAuditEvents(db, NOW, { batchSize: 3 })).toEqual({ events: 7, anchorSeq: 7 });
      expect(await eventIds(db, [...ids, recent])).toEqual([recent]);
      expect((await db.select().from(auditChainAnchors)).map((a) => a.seq)).toEqual([3, 6, 7]);
      expect(await db.select().from(auditEvents).where(eq(auditEvents.action, "audit.purged"))).toHaveLength(3);
      expect((await verifyAuditChain(db, { batchSize: 2 })).intact).toBe(true);
    } finally {
      await other.close();
    }
  });

  it("refuses to purge a prefix that holds a broken link, and reports a prefix removed outside a purge", async () => {
    const other = await openPrivateTestDatabase();
    try {
      const db = other.db;
      const org = await makeOrganization(db);
      await db.update(organizations).set({ auditRetentionYears: 1 }).where(sql`true`);
      const first = await old(db, ago(3), org.id, "first");
      const second = await old(db, ago(3), org.id, "second");
      await old(db, ago(0, 1), org.id, "recent");
      const triggersOff = async (run: () => Promise<unknown>) => {
        await db.execute(sql`alter table audit_events disable trigger user`);
        await db.execute(sql`alter table audit_chain disable trigger user`);
        await db.execute(sql`alter table audit_chain_anchors disable trigger user`);
        try {
          await run();
        } finally {
          await db.execute(sql`alter table audit_events enable trigger user`);
          await db.execute(sql`alter table audit_chain enable trigger user`);
          await db.execute(sql`alter table audit_chain_anchors enable trigger user`);
        }
      };
      // Altered evidence is not erased by the purge.
      await triggersOff(() => db.execute(sql`update audit_events set details = '{"tag":"forged"}' where id = ${second}`));
      await expect(purgeExpiredAuditEvents(db, NOW)).rejects.toBeInstanceOf(AuditPurgeRefused);
      expect(await eventIds(db, [first, second])).toEqual([first, second]);
      await triggersOff(() => db.execute(sql`update audit_events set details = '{"tag":"second"}' where id = ${second}`));

      // The oldest events removed with the triggers off, no anchor: the first link is missing.
      await triggersOff(async () => {
        await db.execute(sql`delete from audit_events where id = ${first}`);
        await db.execute(sql`delete from audit_chain where event_id = ${first}`);
      });
      expect(await verifyAuditChain(db)).toMatchObject({ intact: false, broken: { seq: 1, problem: "link_missing" } });
      // ...and with an anchor forged to cover it: no purge recorded that anchor.
      await triggersOff(() => db.execute(sql`insert into audit_chain_anchors (seq, hash, events_purged) select 1, prev_hash, 1 from audit_chain where seq = 2`));
      expect(await verifyAuditChain(db)).toMatchObject({ intact: false, broken: { seq: 1, problem: "anchor_unrecorded" } });
    } finally {
      await other.close();
    }
  });
});
