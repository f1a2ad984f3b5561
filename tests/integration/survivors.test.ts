import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { releases } from "../../db/schema/releases";
import { survivors } from "../../db/schema/survivors";
import type { SessionUser } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { createRelease, revokeRelease } from "../../lib/releases/commands";
import {
  addNote,
  changeSurvivorStatus,
  createSurvivor,
  declineTransfer,
  openDuplicate,
  reassignSurvivor,
  requestTransfer,
  setSurvivorShare,
  updateSurvivor,
} from "../../lib/survivors/commands";
import { getSurvivorForEdit, getSurvivorPage } from "../../lib/survivors/queries/record";
import { listAccessLog } from "../../lib/survivors/queries/access-log";
import { listOpenTransferRequests, listSurvivors } from "../../lib/survivors/queries/caseload";
import type { IntakeInput } from "../../lib/survivors/schema";
import { managedSurvivors, managedSurvivorIdIn } from "../../lib/survivors/access";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { newIdempotencyKey } from "../../lib/idempotency";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const FILTERS = { status: "all", sort: "name" } as const;

/** An agency with a lead and two advocates, and a legal-aid partner with an attorney and partner staff. */
async function partnership() {
  const db = handle.db;
  const agency = await makeOrganization(db, { type: "service_provider" });
  const legal = await makeOrganization(db, { type: "legal_aid" });
  const [lead, advocate, colleague, attorney, legalStaff] = await Promise.all([
    makeUser(db, { role: "program_lead", organizationId: agency.id }).then((u) => signedIn(db, u)),
    makeUser(db, { role: "advocate", organizationId: agency.id }).then((u) => signedIn(db, u)),
    makeUser(db, { role: "advocate", organizationId: agency.id }).then((u) => signedIn(db, u)),
    makeUser(db, { role: "attorney", organizationId: legal.id }).then((u) => signedIn(db, u)),
    makeUser(db, { role: "partner", organizationId: legal.id }).then((u) => signedIn(db, u)),
  ]);
  return { agency, legal, lead, advocate, colleague, attorney, legalStaff };
}

async function intake(me: SessionUser, overrides: Partial<IntakeInput> = {}) {
  const result = await createSurvivor(
    me,
    {
      idempotencyKey: newIdempotencyKey(),
      preferredName: unique("Star"),
      legalName: unique("Legal Name"),
      dateOfBirth: "1994-03-02",
      intakeDate: "2026-10-01",
      duplicateDecision: "check",
      ...overrides,
    },
    meta,
    handle.db,
  );
  if (result.status !== "created") throw new Error(`intake found duplicates: ${JSON.stringify(result.duplicates)}`);
  return result;
}

async function rowOf(id: string) {
  const [row] = await handle.db.select().from(survivors).where(eq(survivors.id, id));
  return row!;
}

/** A calendar date this many days from today (Pacific), so release tests never age. */
function day(offset: number): string {
  return pacificToday(new Date(Date.now() + offset * 86_400_000));
}

function releaseInput(survivorId: string, recipientOrganizationId: string, categories: string[], signedOn = day(-10), expiresOn = day(80)) {
  return {
    survivorId,
    recipientOrganizationId,
    categories: categories as never,
    purpose: "Vacatur screening",
    form: "written" as const,
    signedOn,
    expiresOn,
    servicesNotConditioned: true as const,
    idempotencyKey: newIdempotencyKey(),
  };
}

describe("intake and encrypted identity", () => {
  it("gives a client code, keeps identifying details out of the database in plaintext, and finds them by exact legal name", async () => {
    const { advocate } = await partnership();
    const legalName = unique("Maria Elena Quintero");
    const created = await intake(advocate, {
      legalName,
      aliases: "Mari Q\nElena Q",
      phone: "(206) 555-0147",
      email: "safe.inbox@example.org",
      address: "PO Box 257, Olympia WA 98507 (ACP)",
      codeWord: "bluebird",
      doNotContact: "Never call the landline; do not speak to Rick",
    });
    expect(created.clientCode).toMatch(/^CW-2026-\d{5}$/);

    // The raw row, as a backup or a database administrator would see it.
    const raw = await handle.db.execute(sql`select row_to_json(s)::text as json from survivors s where id = ${created.id}`);
    const text = JSON.stringify(raw);
    for (const secret of [legalName, "Mari Q", "1994-03-02", "555-0147", "safe.inbox", "PO Box 257", "bluebird", "Rick"]) {
      expect(text).not.toContain(secret);
    }
    const row = await rowOf(created.id);
    expect(row.legalNameEnc).toMatch(/^v1\.[\w-]{8}\./);

    const edit = await getSurvivorForEdit(advocate, created.id, meta, handle.db);
    expect(edit).toMatchObject({ legalName, aliases: "Mari Q\nElena Q", dateOfBirth: "1994-03-02", codeWord: "bluebird" });

    const found = await listSurvivors(advocate, { ...FILTERS, q: legalName.toUpperCase() }, 1, "managed", handle.db);
    expect(found.items.map((s) => s.id)).toEqual([created.id]);
  });

  it("stops at possible duplicates in the same organization, then creates anyway when told to, and audits the choice", async () => {
    const { advocate, colleague } = await partnership();
    const legalName = unique("Dana Lee");
    const first = await intake(colleague, { legalName, dateOfBirth: "1990-01-01" });

    const check = await createSurvivor(advocate, { idempotencyKey: newIdempotencyKey(), preferredName: "D", legalName: ` ${legalName.toLowerCase()} `, dateOfBirth: "1990-01-01", intakeDate: "2026-11-01" }, meta, handle.db);
    expect(check.status).toBe("duplicates");
    if (check.status !== "duplicates") return;
    // On a colleague's caseload: the client code and the advocate to ask, nothing more.
    expect(check.duplicates).toEqual([
      { survivorId: first.id, clientCode: first.clientCode, reason: "identity", advocateName: expect.any(String), canOpen: false, preferredName: null },
    ]);
    await refusal(openDuplicate(advocate, { survivorId: first.id }, meta, handle.db));

    const created = await createSurvivor(
      advocate,
      { idempotencyKey: newIdempotencyKey(), preferredName: "D", legalName, dateOfBirth: "1990-01-01", intakeDate: "2026-11-01", duplicateDecision: "create_anyway" },
      meta,
      handle.db,
    );
    expect(created.status).toBe("created");
    if (created.status !== "created") return;
    const [override] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "survivor.duplicate_overridden"), eq(auditEvents.targetId, created.id)));
    expect(override?.details).toEqual({ possibleDuplicateIds: [first.id] });
  });

  it("matches a close preferred name or alias, and never searches another organization's records", async () => {
    const a = await partnership();
    const b = await partnership();
    const alias = unique("Sunny Day");
    const mine = await intake(a.advocate, { preferredName: unique("Sol"), aliases: alias });
    await intake(b.advocate, { preferredName: alias });

    const check = await createSurvivor(a.advocate, { idempotencyKey: newIdempotencyKey(), preferredName: alias.toUpperCase().replace(" ", "  "), intakeDate: "2026-11-01" }, meta, handle.db);
    expect(check.status).toBe("duplicates");
    if (check.status !== "duplicates") return;
    expect(check.duplicates.map((d) => d.clientCode)).toEqual([mine.clientCode]);
    expect(check.duplicates[0]).toMatchObject({ reason: "name", survivorId: mine.id, canOpen: true });

    const opened = await openDuplicate(a.advocate, { survivorId: mine.id }, meta, handle.db);
    expect(opened.id).toBe(mine.id);
  });

  it("refuses intake input that breaks the rules, on the server, with messages per field", async () => {
    const { advocate } = await partnership();
    const error = await refusal(
      createSurvivor(advocate, { idempotencyKey: newIdempotencyKey(), preferredName: " ", intakeDate: "2026-02-30", email: "nope", dateOfBirth: "2999-01-01" }, meta, handle.db),
    );
    expect(error.code).toBe("invalid");
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["dateOfBirth", "email", "intakeDate", "preferredName"]);
  });
});

describe("who sees a survivor", () => {
  it("lets the assigned advocate and the organization's leads in, and treats everyone else as not found", async () => {
    const { lead, advocate, colleague, attorney } = await partnership();
    const admin = await signedIn(handle.db, await makeUser(handle.db, { role: "admin" }));
    const prosecutor = await signedIn(handle.db, await makeUser(handle.db, { role: "prosecutor" }));
    const partnerStaff = await signedIn(handle.db, await makeUser(handle.db, { role: "partner" }));
    const other = await partnership();
    const { id } = await intake(advocate);

    expect((await getSurvivorPage(advocate, id, meta, {}, handle.db)).identity).not.toBeNull();
    expect((await getSurvivorPage(lead, id, meta, {}, handle.db)).access.kind).toBe("organization");
    for (const outsider of [colleague, attorney, prosecutor, partnerStaff, other.lead, other.advocate]) {
      expect((await refusal(getSurvivorPage(outsider, id, meta, {}, handle.db))).code).toBe("not_found");
    }
    // Admins have no survivor area at all.
    expect((await refusal(getSurvivorPage(admin, id, meta, {}, handle.db))).code).toBe("forbidden");
    const missing = await refusal(getSurvivorPage(advocate, "00000000-0000-4000-8000-000000000000", meta, {}, handle.db));
    expect(missing.code).toBe("not_found");
  });

  it("refuses every write from an advocate outside the caseload and leaves the row unchanged", async () => {
    const { advocate, colleague } = await partnership();
    const { id } = await intake(advocate, { preferredName: "Original" });
    const before = await rowOf(id);
    const legal = await makeOrganization(handle.db, { type: "legal_aid" });
    // Each attempt starts only when the previous one was refused (no promise is left unobserved).
    const attempts = [
      () => updateSurvivor(colleague, { id, version: 1, preferredName: "Changed" }, meta, handle.db),
      () => changeSurvivorStatus(colleague, { id, version: 1, status: "closed", closedReason: "other" }, meta, handle.db),
      () => addNote(colleague, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "contact", contactDate: "2026-11-02", body: "sneaky" }, meta, handle.db),
      () => createRelease(colleague, releaseInput(id, legal.id, ["case_notes"]), meta, handle.db),
      () => requestTransfer(colleague, { idempotencyKey: newIdempotencyKey(), survivorId: id, requestedFor: null, reason: "mine now" }, meta, handle.db),
      () => reassignSurvivor(colleague, { id, version: 1, advocateId: colleague.id }, meta, handle.db),
    ];
    for (const attempt of attempts) expect(["not_found", "forbidden"]).toContain((await refusal(attempt())).code);
    expect(await rowOf(id)).toEqual(before);
  });

  it("opens a partner's view only for the categories an active release covers, and closes it on revocation", async () => {
    const { advocate, attorney, legalStaff, legal } = await partnership();
    const { id } = await intake(advocate, { phone: "206-555-0100" });
    await addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "advocacy", contactDate: "2026-11-02", body: "Wants to pursue vacatur." }, meta, handle.db);
    await addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "safety", visibility: "restricted", contactDate: "2026-11-02", body: "Safety plan detail" }, meta, handle.db);

    expect((await refusal(getSurvivorPage(legalStaff, id, meta, {}, handle.db))).code).toBe("not_found");
    expect((await listSurvivors(legalStaff, FILTERS, 1, "released", handle.db)).items.map((s) => s.id)).not.toContain(id);

    const release = await createRelease(advocate, releaseInput(id, legal.id, ["case_notes"]), meta, handle.db);
    const shared = await getSurvivorPage(legalStaff, id, meta, {}, handle.db);
    // The release names the organization; of its attorneys only one on the survivor's open matter would be let in.
    expect((await refusal(getSurvivorPage(attorney, id, meta, {}, handle.db))).code).toBe("not_found");
    expect((await listSurvivors(attorney, FILTERS, 1, "released", handle.db)).items.map((s) => s.id)).not.toContain(id);
    expect(shared.access).toMatchObject({ kind: "release", manage: false, categories: ["case_notes"] });
    expect(shared.identity).toBeNull();
    expect(shared.safeContact).toBeNull();
    expect(shared.preferredName).toBeNull();
    expect(shared.sharedNotes.map((n) => n.body)).toEqual(["Wants to pursue vacatur."]);
    expect((await listSurvivors(legalStaff, FILTERS, 1, "released", handle.db)).items).toEqual([
      expect.objectContaining({ id, preferredName: null, advocateName: null }),
    ]);
    // A release never lets the partner write.
    await refusal(addNote(legalStaff, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "contact", contactDate: "2026-11-02", body: "x" }, meta, handle.db));

    const [disclosure] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "survivor.disclosed"), eq(auditEvents.targetId, id), eq(auditEvents.actorUserId, legalStaff.id)));
    expect(disclosure?.details).toMatchObject({ releaseIds: [release.id] });

    await revokeRelease(advocate, { id: release.id, version: 1, survivorId: id, method: "oral_phone", note: "Called the office" }, meta, handle.db);
    expect((await refusal(getSurvivorPage(legalStaff, id, meta, {}, handle.db))).code).toBe("not_found");
    const [revoked] = await handle.db.select().from(releases).where(eq(releases.id, release.id));
    expect(revoked).toMatchObject({ revokedBy: advocate.id, revocationMethod: "oral_phone" });
    expect((await refusal(revokeRelease(advocate, { id: release.id, version: 2, survivorId: id, method: "written" }, meta, handle.db))).code).toBe("conflict");
  });

  it("stops sharing when a release has expired, and requires an expiry within a year", async () => {
    const { advocate, attorney, legal } = await partnership();
    const { id } = await intake(advocate);
    await createRelease(advocate, releaseInput(id, legal.id, ["identity_contact"], day(-200), day(-110)), meta, handle.db);
    expect((await refusal(getSurvivorPage(attorney, id, meta, {}, handle.db))).code).toBe("not_found");
    const tooLong = await refusal(createRelease(advocate, releaseInput(id, legal.id, ["identity_contact"], day(-1), day(400)), meta, handle.db));
    expect(tooLong.fieldErrors?.expiresOn).toBeDefined();
    const noAck = await refusal(createRelease(advocate, { ...releaseInput(id, legal.id, ["identity_contact"]), servicesNotConditioned: false as never }, meta, handle.db));
    expect(noAck.fieldErrors?.servicesNotConditioned).toBeDefined();
  });
});

describe("notes", () => {
  it("hides restricted notes and earlier versions from everyone but the author and the program leads", async () => {
    const { lead, advocate, colleague } = await partnership();
    const { id } = await intake(advocate);
    await setSurvivorShare(lead, { survivorId: id, userId: colleague.id, share: true }, meta, handle.db);
    await addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "safety", visibility: "restricted", contactDate: "2026-11-03", body: "Restricted detail" }, meta, handle.db);
    const first = await addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "contact", contactDate: "2026-11-03", body: "Met at the library" }, meta, handle.db);
    await addNote(
      advocate,
      { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "contact", contactDate: "2026-11-03", body: "Met at the community center", correctsThreadId: first.threadId, correctsRevision: 1 },
      meta,
      handle.db,
    );

    const bodies = async (me: SessionUser) => (await getSurvivorPage(me, id, meta, {}, handle.db)).timeline.flatMap((t) => (t.note ? [t.note.body] : []));
    expect(await bodies(advocate)).toEqual(["Met at the community center", "Met at the library", "Restricted detail"]);
    expect(await bodies(lead)).toEqual(["Met at the community center", "Met at the library", "Restricted detail"]);
    expect(await bodies(colleague)).toEqual(["Met at the community center"]);

    // Corrections are the author's, and against the latest version.
    await refusal(addNote(colleague, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "contact", contactDate: "2026-11-03", body: "x", correctsThreadId: first.threadId, correctsRevision: 2 }, meta, handle.db));
    const stale = await refusal(
      addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, kind: "contact", contactDate: "2026-11-03", body: "y", correctsThreadId: first.threadId, correctsRevision: 1 }, meta, handle.db),
    );
    expect(stale.code).toBe("conflict");
  });
});

describe("editing, status and transfers", () => {
  it("refuses a save made on an out-of-date version, naming who saved first", async () => {
    const { lead, advocate } = await partnership();
    const { id } = await intake(advocate, { preferredName: "Before" });
    await updateSurvivor(lead, { id, version: 1, preferredName: "Lead's edit" }, meta, handle.db);
    const stale = await refusal(updateSurvivor(advocate, { id, version: 1, preferredName: "Advocate's edit" }, meta, handle.db));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toContain(lead.name);
    expect((await rowOf(id)).preferredName).toBe("Lead's edit");
  });

  it("asks for a reason to close, and can reopen", async () => {
    const { advocate } = await partnership();
    const { id } = await intake(advocate);
    const noReason = await refusal(changeSurvivorStatus(advocate, { id, version: 1, status: "closed" }, meta, handle.db));
    expect(noReason.fieldErrors?.closedReason).toBeDefined();
    const closed = await changeSurvivorStatus(advocate, { id, version: 1, status: "closed", closedReason: "goals_met" }, meta, handle.db);
    expect(await rowOf(id)).toMatchObject({ status: "closed", closedReason: "goals_met" });
    await changeSurvivorStatus(advocate, { id, version: closed.version, status: "active" }, meta, handle.db);
    expect(await rowOf(id)).toMatchObject({ status: "active", closedReason: null });
  });

  it("moves a survivor between advocates: the old one loses access, the new one gains it, and the timeline says who did it", async () => {
    const { lead, advocate, colleague } = await partnership();
    const { id } = await intake(advocate);
    const request = await requestTransfer(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, requestedFor: colleague.id, reason: "Colleague speaks Tigrinya" }, meta, handle.db);
    expect((await listOpenTransferRequests(lead, handle.db)).map((r) => r.id)).toEqual([request.id]);
    await refusal(reassignSurvivor(advocate, { id, version: 1, advocateId: colleague.id }, meta, handle.db));

    await reassignSurvivor(lead, { id, version: 1, advocateId: colleague.id, transferRequestId: request.id }, meta, handle.db);
    expect((await refusal(getSurvivorPage(advocate, id, meta, {}, handle.db))).code).toBe("not_found");
    const page = await getSurvivorPage(colleague, id, meta, {}, handle.db);
    const moved = page.timeline.find((t) => t.kind === "transferred");
    expect(moved).toMatchObject({ actorName: lead.name, details: { fromAdvocateId: advocate.id, toAdvocateId: colleague.id } });
    expect(moved?.names[advocate.id]).toBe(advocate.name);
    expect(await listOpenTransferRequests(lead, handle.db)).toEqual([]);
    expect((await listSurvivors(advocate, FILTERS, 1, "managed", handle.db)).items.map((s) => s.id)).not.toContain(id);
  });

  it("holds the two spellings of 'the survivors I manage' to the same records: the caseload's row condition and the id set other tables filter by", async () => {
    const { lead, advocate, colleague } = await partnership();
    const otherAgency = await makeOrganization(handle.db, { type: "service_provider" });
    const outsider = await signedIn(handle.db, await makeUser(handle.db, { role: "advocate", organizationId: otherAgency.id }));
    const own = await intake(advocate);
    const shared = await intake(colleague);
    const notMine = await intake(colleague);
    await intake(outsider);
    await setSurvivorShare(lead, { survivorId: shared.id, userId: advocate.id, share: true }, meta, handle.db);
    const byRow = async (me: SessionUser) =>
      (await handle.db.select({ id: survivors.id }).from(survivors).where(managedSurvivors(me))).map((r) => r.id).sort();
    const bySet = async (me: SessionUser) =>
      (await handle.db.select({ id: survivors.id }).from(survivors).where(managedSurvivorIdIn(me, survivors.id))).map((r) => r.id).sort();
    for (const me of [advocate, colleague, lead, outsider]) expect(await bySet(me)).toEqual(await byRow(me));
    expect(await bySet(advocate)).toEqual([own.id, shared.id].sort());
    expect(await bySet(advocate)).not.toContain(notMine.id);
    expect((await bySet(lead)).length).toBe(3);
  });

  it("lets an advocate ask for a colleague's survivor found at intake, and the lead decline", async () => {
    const { lead, advocate, colleague } = await partnership();
    const { id } = await intake(colleague);
    const request = await requestTransfer(advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, requestedFor: advocate.id, reason: "Already working with her" }, meta, handle.db);
    await declineTransfer(lead, { id: request.id }, meta, handle.db);
    expect(await listOpenTransferRequests(lead, handle.db)).toEqual([]);
    const outsider = await partnership();
    await refusal(requestTransfer(outsider.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: id, requestedFor: outsider.advocate.id, reason: "x" }, meta, handle.db));
  });
});

describe("lists and the access log", () => {
  it("lists an advocate's caseload, a lead's organization, with filters and search by client code", async () => {
    const { lead, advocate, colleague } = await partnership();
    const a = await intake(advocate, { county: "King" });
    const b = await intake(advocate, { county: "Pierce" });
    const c = await intake(colleague, { county: "King" });
    const ids = async (me: SessionUser, filters: object) => (await listSurvivors(me, { ...FILTERS, ...filters }, 1, "managed", handle.db)).items.map((s) => s.id).sort();

    expect(await ids(advocate, {})).toEqual([a.id, b.id].sort());
    expect(await ids(lead, {})).toEqual([a.id, b.id, c.id].sort());
    expect(await ids(lead, { advocateId: colleague.id })).toEqual([c.id]);
    expect(await ids(lead, { county: "King" })).toEqual([a.id, c.id].sort());
    expect(await ids(lead, { q: c.clientCode.toLowerCase() })).toEqual([c.id]);
    expect(await ids(advocate, { q: c.clientCode })).toEqual([]);
  });

  it("records every view and disclosure on the Access tab, with the release relied on, for the advocate and leads only", async () => {
    const { lead, advocate, colleague, legalStaff, legal } = await partnership();
    const { id } = await intake(advocate);
    const release = await createRelease(advocate, releaseInput(id, legal.id, ["identity_contact"]), meta, handle.db);
    await getSurvivorPage(lead, id, meta, {}, handle.db);
    await getSurvivorPage(legalStaff, id, meta, {}, handle.db);

    const log = await listAccessLog(advocate, id, {}, handle.db);
    expect(log.entries.map((e) => [e.action, e.userName])).toEqual([
      ["survivor.disclosed", legalStaff.name],
      ["survivor.viewed", lead.name],
    ]);
    expect(log.entries[0]?.releases).toEqual([{ id: release.id, recipientName: legal.name, signedOn: day(-10) }]);
    expect((await listAccessLog(lead, id, {}, handle.db)).entries.length).toBe(2);

    await setSurvivorShare(lead, { survivorId: id, userId: colleague.id, share: true }, meta, handle.db);
    expect((await refusal(listAccessLog(colleague, id, {}, handle.db))).code).toBe("not_found");
    await refusal(listAccessLog(legalStaff, id, {}, handle.db));
  });
});
