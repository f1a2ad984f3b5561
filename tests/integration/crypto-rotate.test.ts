import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq, getTableName, sql } from "drizzle-orm";
import { generate } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { referralEvents, referrals } from "../../db/schema/referrals";
import { survivorLegalHolds, survivorNotes, survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { convictions, matterConvictions, matterNotes, prosecutorCommunications, vacaturMatters } from "../../db/schema/vacatur";
import { confirmEnrolment, startEnrolment, totpSecretOf, verifySecondFactor } from "../../lib/account/two-factor";
import { authenticate } from "../../lib/auth/authenticate";
import { resolveSession, type SessionUser } from "../../lib/auth/sessions";
import { ENCRYPTED_TABLES } from "../../lib/crypto/encrypted-columns";
import { currentKeyId, decryptField, encryptField } from "../../lib/crypto/fields";
import { remainingUnderOldKeys, rotateKeys, type RotationReport } from "../../lib/crypto/rotate";
import { getEnv } from "../../lib/env";
import { newIdempotencyKey } from "../../lib/idempotency";
import { createReferral } from "../../lib/referrals/commands";
import { holdReasonContext } from "../../lib/retention/scope";
import { addNote, createSurvivor, updateSurvivor } from "../../lib/survivors/commands";
import { openIdentity, openNoteBody } from "../../lib/survivors/identity";
import { listSurvivors } from "../../lib/survivors/queries/caseload";
import type { IntakeInput } from "../../lib/survivors/schema";
import { openPrivateTestDatabase } from "./support/database";
import { makeOrganization, makeUser, PASSWORD, signedIn, unique } from "./support/factories";
import { assignedMatter } from "./support/matter-world";

// Key rotation (npm run crypto:rotate): with a new master key current and the old one kept as a previous
// key, every ciphertext is re-encrypted under the new key and the look-ups made from it are rebuilt, so
// the old key can be removed; it resumes after an interruption, never overwrites an edit made while it
// runs, and a second run does nothing. A database of the file's own: the rotation walks every row.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openPrivateTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const meta = { ip: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, userAgent: "vitest" };

/**
 * Configures the master keys as a restart with new CLEARWAY_* variables would. Fresh Buffer copies:
 * lib/crypto/fields.ts rebuilds its keyring when the current key object changes.
 */
function configureKeys(current: Buffer, previous: Buffer[] = []) {
  const env = getEnv();
  env.encryptionKey = Buffer.from(current);
  env.previousEncryptionKeys = previous.map((key) => Buffer.from(key));
}

/** Every ciphertext in the database, by "table.column", with the key id it is under. */
async function allCiphertexts(): Promise<Map<string, string[]>> {
  const found = new Map<string, string[]>();
  for (const spec of ENCRYPTED_TABLES) {
    for (const [prop, c] of Object.entries(spec.ciphertexts)) {
      const rows = await handle.db.select({ value: c.column }).from(spec.table).where(sql`${c.column} is not null`);
      found.set(`${getTableName(spec.table)}.${prop}`, rows.map((r) => String(r.value).split(".")[1]!));
    }
  }
  return found;
}

const rowsRotated = (report: RotationReport) => report.tables.reduce((n, t) => n + t.rowsRotated, 0);

const PERSON = {
  legalName: "Anneliese Marguerite Okonkwo-Brandt",
  aliases: "Lise Brandt\nAnnie O",
  dateOfBirth: "1988-11-02",
  phone: "+1 206 555 0199",
  email: "lise@example.org",
  address: "100 Safe Street, Tacoma",
  codeWord: "bluebird",
  doNotContact: "Do not call after 6 pm; partner checks the phone.",
};

async function agency() {
  const org = await makeOrganization(handle.db, { type: "service_provider" });
  const advocate = await signedIn(handle.db, await makeUser(handle.db, { role: "advocate", organizationId: org.id }));
  return { org, advocate };
}

async function intake(me: SessionUser, overrides: Partial<IntakeInput> = {}) {
  const input = { idempotencyKey: newIdempotencyKey(), preferredName: unique("Wren"), intakeDate: "2026-10-01", duplicateDecision: "create_anyway" as const, ...PERSON, ...overrides };
  const result = await createSurvivor(me, input, meta, handle.db);
  if (result.status !== "created") throw new Error("intake stopped");
  return { id: result.id, input };
}

const searchFinds = async (me: SessionUser, q: string) => (await listSurvivors(me, { status: "all", sort: "name", q }, 1, "managed", handle.db)).items.map((s) => s.id);

const codeAt = (secret: string, seconds = 0) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + seconds });

/** Everything Clearway encrypts, each column with a value, written under the current key. */
async function seedEverything() {
  const a = await agency();
  const survivor = await intake(a.advocate);
  const note = await addNote(a.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: survivor.id, kind: "safety", contactDate: "2026-10-02", body: "Safety plan reviewed at the library." }, meta, handle.db);

  const totpUser = await makeUser(handle.db, { role: "advocate" });
  const me = await signedIn(handle.db, totpUser);
  const enrolment = await startEnrolment(me);
  await confirmEnrolment(me, { code: await codeAt(enrolment.secret, -30), currentPassword: PASSWORD, enrolment: enrolment.enrolment }, meta, handle.db);

  const w = await assignedMatter(handle.db);
  const shelter = await makeOrganization(handle.db, { type: "service_provider" });
  await handle.db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, shelter.id));
  const referral = await createReferral(
    w.advocate,
    { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: shelter.id, service: "housing", urgency: "soon", reason: "Needs a bed tonight.", notes: "Has a dog.", mode: "anonymous", send: true },
    meta,
    handle.db,
  );
  // The matter's and the referral event's texts, written as their commands write them (same fields, same rows).
  const [matter] = await handle.db.select({ version: vacaturMatters.version }).from(vacaturMatters).where(eq(vacaturMatters.id, w.matterId));
  const matterTexts = { blocker: "Pending charge in Pierce County.", statusNote: "Waiting on the docket.", filing: "26-1-01234-5" };
  await handle.db
    .update(vacaturMatters)
    .set({
      blockerEnc: encryptField(matterTexts.blocker, { field: "vacatur_matters.blocker", rowId: w.matterId }),
      statusNoteEnc: encryptField(matterTexts.statusNote, { field: `vacatur_matters.status_note.${matter!.version}`, rowId: w.matterId }),
      filingCaseNumberEnc: encryptField(matterTexts.filing, { field: "vacatur_matters.filing_case_number", rowId: w.matterId }),
    })
    .where(eq(vacaturMatters.id, w.matterId));
  await handle.db
    .update(matterConvictions)
    .set({ conclusionNoteEnc: encryptField("Eligible under 9.96.060.", { field: "matter_convictions.conclusion_note", rowId: `${w.matterId}:${w.convictionId}` }) })
    .where(and(eq(matterConvictions.matterId, w.matterId), eq(matterConvictions.convictionId, w.convictionId)));
  const [event] = await handle.db.select({ id: referralEvents.id }).from(referralEvents).where(eq(referralEvents.referralId, referral.id)).limit(1);
  await handle.db.update(referralEvents).set({ noteEnc: encryptField("Called ahead.", { field: "referral_events.note", rowId: event!.id }) }).where(eq(referralEvents.id, event!.id));
  const communicationId = randomUUID();
  await handle.db.insert(prosecutorCommunications).values({
    id: communicationId,
    matterId: w.matterId,
    occurredOn: "2026-10-03",
    channel: "email",
    summaryEnc: encryptField("No objection.", { field: "prosecutor_communications.summary", rowId: communicationId }),
    authorId: w.attorney.id,
    authorOrganizationId: w.legal.id,
  });
  const matterNoteId = randomUUID();
  await handle.db.insert(matterNotes).values({ id: matterNoteId, matterId: w.matterId, authorId: w.attorney.id, authorOrganizationId: w.legal.id, bodyEnc: encryptField("Privileged.", { field: "matter_notes.body", rowId: matterNoteId }) });

  // A legal hold on the survivor's record (lib/retention), its reason sealed as placeLegalHold seals it.
  const holdId = randomUUID();
  await handle.db.insert(survivorLegalHolds).values({ id: holdId, survivorId: survivor.id, organizationId: a.org.id, reasonEnc: encryptField("Subpoena, case 26-2-00001-1.", holdReasonContext(holdId)), heldBy: a.advocate.id });

  return { a, survivor, noteId: note.id, totpUser, secret: enrolment.secret, w, referralId: referral.id, eventId: event!.id, matterTexts, communicationId, matterNoteId, holdId };
}

type Seeded = Awaited<ReturnType<typeof seedEverything>>;

/** Each seeded value, read the way the app reads it (throws if a key is missing). */
async function readBack(s: Seeded) {
  const [survivor] = await handle.db.select().from(survivors).where(eq(survivors.id, s.survivor.id));
  const [note] = await handle.db.select().from(survivorNotes).where(eq(survivorNotes.id, s.noteId));
  const [matter] = await handle.db.select().from(vacaturMatters).where(eq(vacaturMatters.id, s.w.matterId));
  const [link] = await handle.db.select().from(matterConvictions).where(eq(matterConvictions.matterId, s.w.matterId));
  const [conviction] = await handle.db.select().from(convictions).where(eq(convictions.id, s.w.convictionId));
  const [referral] = await handle.db.select().from(referrals).where(eq(referrals.id, s.referralId));
  const [event] = await handle.db.select().from(referralEvents).where(eq(referralEvents.id, s.eventId));
  const [communication] = await handle.db.select().from(prosecutorCommunications).where(eq(prosecutorCommunications.id, s.communicationId));
  const [matterNote] = await handle.db.select().from(matterNotes).where(eq(matterNotes.id, s.matterNoteId));
  const [hold] = await handle.db.select().from(survivorLegalHolds).where(eq(survivorLegalHolds.id, s.holdId));
  return {
    identity: openIdentity(survivor!),
    note: openNoteBody(note!.id, note!.bodyEnc),
    totp: await totpSecretOf(handle.db, s.totpUser.id),
    blocker: decryptField(matter!.blockerEnc, { field: "vacatur_matters.blocker", rowId: matter!.id }),
    statusNote: decryptField(matter!.statusNoteEnc, { field: `vacatur_matters.status_note.${matter!.version}`, rowId: matter!.id }),
    filing: decryptField(matter!.filingCaseNumberEnc, { field: "vacatur_matters.filing_case_number", rowId: matter!.id }),
    conclusion: decryptField(link!.conclusionNoteEnc, { field: "matter_convictions.conclusion_note", rowId: `${s.w.matterId}:${s.w.convictionId}` }),
    caseNumber: decryptField(conviction!.caseNumberEnc, { field: "convictions.case_number", rowId: conviction!.id }),
    reason: decryptField(referral!.reasonEnc, { field: "referrals.reason", rowId: referral!.id }),
    referralNotes: decryptField(referral!.notesEnc, { field: "referrals.notes", rowId: referral!.id }),
    eventNote: decryptField(event!.noteEnc, { field: "referral_events.note", rowId: event!.id }),
    summary: decryptField(communication!.summaryEnc, { field: "prosecutor_communications.summary", rowId: communication!.id }),
    matterNote: decryptField(matterNote!.bodyEnc, { field: "matter_notes.body", rowId: matterNote!.id }),
    holdReason: decryptField(hold!.reasonEnc, holdReasonContext(hold!.id)),
  };
}

/** Versions and edit stamps of the versioned rows: rotation must leave them alone. */
async function stamps() {
  const pick = { id: survivors.id, version: survivors.version, updatedAt: survivors.updatedAt, updatedBy: survivors.updatedBy };
  return {
    survivors: await handle.db.select(pick).from(survivors).orderBy(survivors.id),
    users: await handle.db.select({ id: users.id, version: users.version, updatedAt: users.updatedAt }).from(users).orderBy(users.id),
    matters: await handle.db.select({ id: vacaturMatters.id, version: vacaturMatters.version, updatedAt: vacaturMatters.updatedAt }).from(vacaturMatters).orderBy(vacaturMatters.id),
    referrals: await handle.db.select({ id: referrals.id, version: referrals.version, updatedAt: referrals.updatedAt }).from(referrals).orderBy(referrals.id),
    convictions: await handle.db.select({ id: convictions.id, version: convictions.version, updatedAt: convictions.updatedAt }).from(convictions).orderBy(convictions.id),
  };
}

// Each test moves the whole database from the key of the one before to a fresh key.
let currentKey = randomBytes(32);

function rotateTo(): { oldKey: Buffer; newKey: Buffer } {
  const oldKey = currentKey;
  currentKey = randomBytes(32);
  configureKeys(currentKey, [oldKey]);
  return { oldKey, newKey: currentKey };
}

describe("rotating the encryption key", () => {
  it("re-encrypts every value under the new key and rebuilds the look-ups, so everything reads back with the new key alone", async () => {
    configureKeys(currentKey);
    const oldId = currentKeyId();
    const seeded = await seedEverything();
    const original = await readBack(seeded);
    const before = await stamps();
    // every column of the inventory holds a value under the old key
    for (const [column, keyIds] of await allCiphertexts()) {
      expect(keyIds.length, column).toBeGreaterThan(0);
      expect(new Set(keyIds), column).toEqual(new Set([oldId]));
    }

    const { newKey } = rotateTo();
    const newId = currentKeyId();
    expect(newId).not.toBe(oldId);
    // Before the rotation, values still read (the old key is a previous key) but exact legal-name search misses.
    expect(await readBack(seeded)).toEqual(original);
    expect(await searchFinds(seeded.a.advocate, "Okonkwo-Brandt")).toEqual([]);
    expect((await remainingUnderOldKeys(handle.db)).every((r) => r.keyId === oldId)).toBe(true);

    // (every signed-in user of the test's world has two-step sign-in, as their roles require)
    const totpUnderOldKey = (await handle.db.select({ secret: users.totpSecret }).from(users)).filter((u) => u.secret?.startsWith(`v1.${oldId}.`)).length;
    expect(totpUnderOldKey).toBeGreaterThan(0);
    const progress: string[] = [];
    const report = await rotateKeys(handle.db, { batchSize: 1, onProgress: (p) => void progress.push(`${p.table}:${p.batch}`) });
    expect(report.unreadable).toEqual([]);
    expect(report.keyId).toBe(newId);
    expect(progress).toContain("survivors:2");
    const bySurvivors = report.tables.find((t) => t.table === "survivors")!;
    expect(bySurvivors.columns).toMatchObject({ legal_name_enc: 2, aliases_enc: 1, date_of_birth_enc: 1, phone_enc: 2, email_enc: 1, address_enc: 1, code_word_enc: 1, do_not_contact_enc: 1 });
    expect(report.tables.find((t) => t.table === "users")!.columns).toEqual({ totp_secret: totpUnderOldKey });

    for (const [column, keyIds] of await allCiphertexts()) expect(new Set(keyIds), column).toEqual(new Set([newId]));
    expect(await remainingUnderOldKeys(handle.db)).toEqual([]);

    // The old key removed: everything reads back, with the new key alone.
    configureKeys(newKey, []);
    expect(await readBack(seeded)).toEqual(original);
    // Exact legal-name search and the intake's duplicate check find the record again (look-ups under the new key).
    expect(await searchFinds(seeded.a.advocate, "Okonkwo-Brandt")).toEqual([seeded.survivor.id]);
    expect(await searchFinds(seeded.a.advocate, "annie")).toEqual([seeded.survivor.id]);
    expect(await searchFinds(seeded.a.advocate, "1988-11-02")).toEqual([seeded.survivor.id]);
    const duplicateCheck = await createSurvivor(
      seeded.a.advocate,
      { idempotencyKey: newIdempotencyKey(), preferredName: unique("Jay"), intakeDate: "2026-10-05", legalName: "anneliese marguerite okonkwo brandt", dateOfBirth: "1988-11-02" },
      meta,
      handle.db,
    );
    expect(duplicateCheck).toMatchObject({ status: "duplicates", duplicates: [{ survivorId: seeded.survivor.id, reason: "identity" }] });
    // The authenticator app's codes still work.
    const outcome = await authenticate(handle.db, { email: seeded.totpUser.email, password: PASSWORD }, meta, { sessionMaxHours: 12 });
    if (!outcome.ok) throw new Error(`sign-in refused: ${outcome.reason}`);
    const check = await resolveSession(handle.db, outcome.user.sessionId, { now: new Date(), idleMinutes: 30 });
    expect(check.status).toBe("second_factor");
    await expect(verifySecondFactor((check as { user: SessionUser }).user, { code: await codeAt(seeded.secret) }, meta, handle.db)).resolves.toMatchObject({ method: "totp" });

    // Not an edit: versions and edit stamps as they were.
    expect(await stamps()).toEqual(before);

    // One audit event, counts only.
    const events = await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "system.keys_rotated"));
    expect(events).toHaveLength(1);
    expect(events[0]!.actorUserId).toBeNull();
    expect(events[0]!.details).toMatchObject({ keyId: newId, rowsRotated: rowsRotated(report), unreadable: 0 });
    const logged = JSON.stringify(events[0]!.details);
    for (const value of [...Object.values(PERSON), seeded.secret, ...Object.values(seeded.matterTexts)]) expect(logged).not.toContain(value);

    // A second run finds nothing to do, and leaves no trace.
    const again = await rotateKeys(handle.db, { batchSize: 2 });
    expect(rowsRotated(again)).toBe(0);
    expect(again.unreadable).toEqual([]);
    expect(await handle.db.select().from(auditEvents).where(eq(auditEvents.action, "system.keys_rotated"))).toHaveLength(1);
    expect(await stamps()).toEqual(before);
  });

  it("resumes after an interruption: what was committed stays done, a second run finishes", async () => {
    configureKeys(currentKey);
    const a = await agency();
    const people = [];
    for (let i = 0; i < 5; i += 1) people.push(await intake(a.advocate, { legalName: `Tamsin Quarrie ${"abcde"[i]}`, aliases: "" }));
    rotateTo();
    const stillOld = async () => (await remainingUnderOldKeys(handle.db)).filter((r) => r.table === "survivors" && r.column === "legal_name_enc").reduce((n, r) => n + r.count, 0);
    const before = await stillOld();
    expect(before).toBeGreaterThanOrEqual(5);

    const stop = new Error("interrupted");
    await expect(
      rotateKeys(handle.db, {
        batchSize: 2,
        onProgress: () => {
          throw stop;
        },
      }),
    ).rejects.toBe(stop);
    // the first batch committed; nothing after it
    expect(await stillOld()).toBe(before - 2);

    const report = await rotateKeys(handle.db, { batchSize: 2 });
    expect(report.unreadable).toEqual([]);
    expect(report.tables.find((t) => t.table === "survivors")!.rowsRotated).toBe(before - 2);
    expect(await remainingUnderOldKeys(handle.db)).toEqual([]);
    // The rows of the interrupted batch and of the resumed run alike: found by their legal name.
    configureKeys(currentKey, []);
    for (const [i, person] of people.entries()) expect(await searchFinds(a.advocate, `quarrie ${"abcde"[i]}`)).toEqual([person.id]);
    expect(rowsRotated(await rotateKeys(handle.db, { batchSize: 2 }))).toBe(0);
  });

  it("never overwrites an edit made while it runs: the edited row is read again", async () => {
    configureKeys(currentKey);
    const a = await agency();
    const edited = await intake(a.advocate, { legalName: "Odalys Ferreira", aliases: "" });
    const touchedByOldInstance = await intake(a.advocate, { legalName: "Benedikt Varga", aliases: "" });
    const { oldKey, newKey } = rotateTo();

    let interfered = false;
    const report = await rotateKeys(handle.db, {
      batchSize: 50,
      beforeWrite: async (table) => {
        if (table !== "survivors" || interfered) return;
        interfered = true;
        // An advocate saves a new phone number through the app (which runs with the new key)...
        const { idempotencyKey: _key, intakeDate: _date, duplicateDecision: _decision, ...fields } = edited.input;
        await updateSurvivor(a.advocate, { ...fields, id: edited.id, version: 1, phone: "+1 253 555 0123" }, meta, handle.db);
        // ...and an instance not yet restarted writes another row's phone under the old key.
        configureKeys(oldKey);
        const phoneEnc = encryptField("+1 360 555 0777", { field: "survivors.phone", rowId: touchedByOldInstance.id });
        configureKeys(newKey, [oldKey]);
        await handle.db.update(survivors).set({ phoneEnc }).where(eq(survivors.id, touchedByOldInstance.id));
      },
    });
    expect(interfered).toBe(true);
    expect(report.unreadable).toEqual([]);
    const bySurvivors = report.tables.find((t) => t.table === "survivors")!;
    // the app's save had already moved its row to the new key: counted, not written
    expect(bySurvivors.rowsAlreadyCurrent).toBe(1);
    expect(await remainingUnderOldKeys(handle.db)).toEqual([]);

    configureKeys(newKey, []);
    const rows = await handle.db.select().from(survivors).where(sql`${survivors.id} in (${edited.id}, ${touchedByOldInstance.id})`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    // The advocate's save stands: its value, its version.
    expect(openIdentity(byId.get(edited.id)!).phone).toBe("+1 253 555 0123");
    expect(byId.get(edited.id)!.version).toBe(2);
    // The other row was rotated from its new value, not from the one first read.
    expect(openIdentity(byId.get(touchedByOldInstance.id)!).phone).toBe("+1 360 555 0777");
    expect(byId.get(touchedByOldInstance.id)!.version).toBe(1);
    expect(await searchFinds(a.advocate, "varga")).toEqual([touchedByOldInstance.id]);
    expect(await searchFinds(a.advocate, "ferreira")).toEqual([edited.id]);
  });

  it("reports a value it cannot decrypt by table, column and row, never the value, and leaves it as it was", async () => {
    configureKeys(currentKey);
    const a = await agency();
    const { id } = await intake(a.advocate, { legalName: "Ines Kowalczyk", aliases: "" });
    const { oldKey } = rotateTo();
    // The old key was removed too early.
    configureKeys(currentKey, []);
    const [stored] = await handle.db.select({ legalNameEnc: survivors.legalNameEnc }).from(survivors).where(eq(survivors.id, id));

    const report = await rotateKeys(handle.db, { batchSize: 10 });
    const mine = report.unreadable.filter((u) => u.rowId === id);
    expect(mine).toEqual([{ table: "survivors", column: expect.stringMatching(/_enc$/), rowId: id, reason: expect.stringContaining("is not configured") }]);
    expect(JSON.stringify(report)).not.toContain("Kowalczyk");
    const [after] = await handle.db.select({ legalNameEnc: survivors.legalNameEnc }).from(survivors).where(eq(survivors.id, id));
    expect(after!.legalNameEnc).toBe(stored!.legalNameEnc);
    expect((await remainingUnderOldKeys(handle.db)).length).toBeGreaterThan(0);

    // With the old key back, the run completes.
    configureKeys(currentKey, [oldKey]);
    const done = await rotateKeys(handle.db, { batchSize: 10 });
    expect(done.unreadable).toEqual([]);
    expect(await remainingUnderOldKeys(handle.db)).toEqual([]);
  });
});
