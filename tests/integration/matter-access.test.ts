import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { notifications } from "../../db/schema/referrals";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { survivors } from "../../db/schema/survivors";
import { convictions, matterHearings, matterNotes, proBonoHours, prosecutorCommunications, vacaturMatters } from "../../db/schema/vacatur";
import { listAuditEvents } from "../../lib/audit/queries";
import { CASE_TARGET_TYPES } from "../../lib/audit/record";
import { createReferral, transitionReferral } from "../../lib/referrals/commands";
import { getReferral } from "../../lib/referrals/queries";
import { revokeRelease } from "../../lib/releases/commands";
import { changeSurvivorStatus, reassignSurvivor } from "../../lib/survivors/commands";
import { addCommunication, addMatterNote, logHours, recordConclusion, recordNotice, recordPosition } from "../../lib/vacatur/matter-work";
import { assignAttorney, attestConflict, openMatter } from "../../lib/vacatur/commands";
import { getCourtRecords } from "../../lib/vacatur/queries/court-records";
import { getDocumentData, getHearingForCalendar } from "../../lib/vacatur/queries/downloads";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { listMatters, listUpcomingHearings } from "../../lib/vacatur/queries/matters";
import { addConviction } from "../../lib/vacatur/records";
import { openTestDatabase, backend } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn } from "./support/factories";
import { assignedMatter, day, giveRelease, matterVersion, matterWorld, moveMatter, prostitutionConviction } from "./support/matter-world";
import { newIdempotencyKey } from "../../lib/idempotency";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

/** A matter well under way: filed, a hearing set, notice given, a note and hours of the legal organization. */
async function busyMatter() {
  const db = handle.db;
  const w = await assignedMatter(db);
  await moveMatter(db, w.attorney, w.matterId, "start_screening");
  await moveMatter(db, w.attorney, w.matterId, "start_drafting");
  await moveMatter(db, w.attorney, w.matterId, "send_for_review");
  await moveMatter(db, w.attorney, w.matterId, "file", { filedOn: day(0), court: "Seattle Municipal Court", caseNumber: "26-VAC-0042" });
  await moveMatter(db, w.attorney, w.matterId, "set_hearing", { hearingDate: day(14), hearingTime: "09:30", place: "Courtroom 1002, 600 5th Ave" });
  await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Daniel" }, meta, db);
  await addMatterNote(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "Client prefers mornings" }, meta, db);
  await logHours(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "2", activity: "drafting" }, meta, db);
  await moveMatter(db, w.advocate, w.matterId, "hold", { note: "Survivor is moving this week" });
  const [hearing] = await db.select({ id: matterHearings.id }).from(matterHearings).where(eq(matterHearings.matterId, w.matterId));
  return { ...w, hearingId: hearing!.id };
}

async function rowsOf(matterId: string) {
  const db = handle.db;
  const [[matter], [notes], [hours], [comms], [hearings]] = await Promise.all([
    db.select({ version: vacaturMatters.version, status: vacaturMatters.status, prosecutorOfficeId: vacaturMatters.prosecutorOfficeId }).from(vacaturMatters).where(eq(vacaturMatters.id, matterId)),
    db.select({ n: count() }).from(matterNotes).where(eq(matterNotes.matterId, matterId)),
    db.select({ n: count() }).from(proBonoHours).where(eq(proBonoHours.matterId, matterId)),
    db.select({ n: count() }).from(prosecutorCommunications).where(eq(prosecutorCommunications.matterId, matterId)),
    db.select({ n: count() }).from(matterHearings).where(eq(matterHearings.matterId, matterId)),
  ]);
  return { matter, notes: notes!.n, hours: hours!.n, communications: comms!.n, hearings: hearings!.n };
}

type Busy = Awaited<ReturnType<typeof busyMatter>>;

/** Every path the legal side has into the matter, after its release stopped: each refused, nothing changed, nothing of the agency's shown. */
async function expectSuspendedForLegalSide(w: Busy, why: RegExp) {
  const db = handle.db;
  const before = await rowsOf(w.matterId);
  for (const legal of [w.attorney, w.legalLead]) {
    const page = await getMatterPage(legal, w.matterId, meta, db);
    expect(page.suspension).toMatch(why);
    expect(page.status).toBe("on_hold_by_survivor");
    // Nothing the survivor's agency recorded, nothing of the court road.
    expect(page).toMatchObject({ statusNote: null, blocker: null, filing: null, order: null, prosecutor: null, conflictCheck: null, contact: null, convictions: [], hearings: [], tasks: [], checklist: [], history: [] });
    expect(page.survivor).toMatchObject({ preferredName: null, legalName: null, aliases: [] });
    expect(JSON.stringify(page)).not.toMatch(/Seattle Municipal Court|26-VAC-0042|SMC-612345|Courtroom 1002|moving this week|Robin Q\. Example/);
    // Their own organization's work product stays readable.
    expect(page.notes!.map((n) => n.body)).toEqual(["Client prefers mornings"]);
    expect(page.hours!.totalHundredths).toBe(200);
    expect(Object.values(page.can).some(Boolean)).toBe(false);

    const writes = [
      () => moveMatter(db, legal, w.matterId, "resume"),
      () => logHours(legal, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "1", activity: "court" }, meta, db),
      () => addMatterNote(legal, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "more" }, meta, db),
      () => addCommunication(legal, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, occurredOn: day(0), channel: "phone", summary: "called" }, meta, db),
      () => recordNotice(legal, { id: w.matterId, version: before.matter!.version, prosecutorOfficeId: w.otherOffice.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "x" }, meta, db),
      () => recordPosition(legal, { id: w.matterId, version: before.matter!.version, position: "objects" }, meta, db),
      () => addConviction(legal, prostitutionConviction(w.survivorId, { caseNumber: "X-1" }), meta, db),
    ];
    for (const write of writes) {
      const refused = await refusal(write());
      expect(["forbidden", "not_found"]).toContain(refused.code);
      // The attorney is told why; the lead, for a step only attorneys take at all, gets the plain refusal.
      if (refused.code === "forbidden" && legal === w.attorney) expect(refused.message).toMatch(why);
    }
    for (const download of [() => getDocumentData(legal, w.matterId, w.convictionId, "petition", meta, db), () => getHearingForCalendar(legal, w.matterId, w.hearingId, meta, db)]) {
      expect((await refusal(download())).code).toBe("not_found");
    }
    expect((await refusal(getCourtRecords(legal, w.survivorId, meta, db))).code).toBe("not_found");
  }
  expect(await rowsOf(w.matterId)).toEqual(before);
  // The other office was never noticed, so it still sees nothing.
  expect((await refusal(getMatterPage(w.otherProsecutor, w.matterId, meta, db))).code).toBe("not_found");
  // Hearings of a suspended matter leave the legal side's calendar.
  expect((await listUpcomingHearings(w.attorney, 1, db)).items.map((h) => h.matterId)).not.toContain(w.matterId);
}

describe("a revoked or expired release ends the legal organization's matter access", () => {
  it("suspends the matter for the legal side when the release is revoked, tells both sides why, and returns with a new release", async () => {
    const db = handle.db;
    const w = await busyMatter();
    expect((await listUpcomingHearings(w.attorney, 1, db)).items.map((h) => h.matterId)).toContain(w.matterId);
    await revokeRelease(w.advocate, { id: w.legalReleaseId, version: 1, survivorId: w.survivorId, method: "oral_phone" }, meta, db);

    await expectSuspendedForLegalSide(w, /release to .* was revoked on .*suspended/);
    const told = await db.select().from(notifications).where(eq(notifications.userId, w.attorney.id));
    expect(told.map((n) => n.text).join("\n")).toMatch(/was revoked: your organization's work on it is suspended/);

    // The survivor's side sees the suspension and can still withdraw or record a new release.
    const owner = await getMatterPage(w.advocate, w.matterId, meta, db);
    expect(owner.suspension).toMatch(/was revoked on/);
    expect(owner.ownerActions.map((a) => a.action)).toContain("withdraw");
    const list = await listMatters(w.advocate, { status: "all", scope: "organization", stale: false }, 1, db);
    expect(list.items.find((m) => m.id === w.matterId)).toMatchObject({ suspended: true, canOpen: true });

    await giveRelease(db, w.advocate, w.survivorId, w.legal.id, ["identity_contact", "criminal_court"]);
    const back = await getMatterPage(w.attorney, w.matterId, meta, db);
    expect(back.suspension).toBeNull();
    expect(back.filing).toMatchObject({ caseNumber: "26-VAC-0042" });
    expect(back.can.moveAsAttorney).toBe(true);
    // The attorney reaches the survivor through the safe-contact plan, which comes with the phone number.
    expect(back.contact).toMatchObject({ safeContact: { mayIdentifyAgency: expect.any(String) }, identity: { phone: "206-555-0142" } });
  });

  it("does the same when the release runs out", async () => {
    const db = handle.db;
    const w = await busyMatter();
    // Time passes: the release ended yesterday.
    await db.update(releases).set({ signedOn: day(-100), expiresOn: day(-1) }).where(eq(releases.id, w.legalReleaseId));
    await expectSuspendedForLegalSide(w, /release to .* expired on .*suspended/);
  });
});

describe("attorneys of one legal organization", () => {
  it("shows the matter's row to the organization's other attorneys, and nothing more", async () => {
    const db = handle.db;
    const w = await busyMatter();
    const before = await rowsOf(w.matterId);
    const list = await listMatters(w.orgAttorney, { status: "all", scope: "organization", stale: false }, 1, db);
    const row = list.items.find((m) => m.id === w.matterId)!;
    expect(row).toMatchObject({ clientCode: expect.stringMatching(/^CW-/), status: "on_hold_by_survivor", canOpen: false, courts: null });
    expect(row.nextDate).toBe(day(14));

    expect((await refusal(getMatterPage(w.orgAttorney, w.matterId, meta, db))).code).toBe("not_found");
    for (const attempt of [
      () => addMatterNote(w.orgAttorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "peek" }, meta, db),
      () => logHours(w.orgAttorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "1", activity: "court" }, meta, db),
      () => getDocumentData(w.orgAttorney, w.matterId, w.convictionId, "order", meta, db),
      () => getHearingForCalendar(w.orgAttorney, w.matterId, w.hearingId, meta, db),
      () => moveMatter(db, w.orgAttorney, w.matterId, "resume"),
    ]) {
      expect((await refusal(attempt())).code).toBe("not_found");
    }
    expect((await listUpcomingHearings(w.orgAttorney, 1, db)).items.map((h) => h.matterId)).not.toContain(w.matterId);
    expect(await rowsOf(w.matterId)).toEqual(before);

    // The legal organization's lead sees the details and the privileged notes.
    const lead = await getMatterPage(w.legalLead, w.matterId, meta, db);
    expect(lead.notes!.map((n) => n.body)).toEqual(["Client prefers mornings"]);
    expect(lead.filing?.caseNumber).toBe("26-VAC-0042");
  });

  it("keeps a legal organization's notes and hours from the next one when the matter moves", async () => {
    const db = handle.db;
    const w = await busyMatter();
    await moveMatter(db, w.advocate, w.matterId, "resume");
    await giveRelease(db, w.advocate, w.survivorId, w.otherLegal.id, ["identity_contact", "criminal_court"]);
    const { assignAttorney, attestConflict } = await import("../../lib/vacatur/commands");
    const { version } = await matterVersion(db, w.matterId);
    await assignAttorney(w.lead, { id: w.matterId, version, attorneyId: w.outsideAttorney.id }, meta, db);
    await attestConflict(w.outsideAttorney, { id: w.matterId, version: version + 1, decision: "no_conflict" }, meta, db);
    const next = await getMatterPage(w.outsideAttorney, w.matterId, meta, db);
    expect(next.notes).toEqual([]);
    expect(next.hours!.entries).toEqual([]);
    expect((await refusal(getMatterPage(w.attorney, w.matterId, meta, db))).code).toBe("not_found");
  });
});

describe("referrals follow the release too", () => {
  it("shows a recipient whose release lapsed only what the referral says, and tells both sides why", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const shelter = await makeOrganization(db, { type: "service_provider" });
    await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, shelter.id));
    const staff = await signedIn(db, await makeUser(db, { role: "partner", organizationId: shelter.id }));
    const granted = await giveRelease(db, w.advocate, w.survivorId, shelter.id, ["identity_contact", "referral_details"]);
    const { id } = await createReferral(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: shelter.id, service: "housing", urgency: "urgent", reason: "Needs a safe bed", notes: "Call only after 6pm", mode: "identified", send: true }, meta, db);
    const seen = await getReferral(staff, id, meta, db);
    expect(seen.identity?.phone).toBe("206-555-0142");
    expect(seen.notes).toBe("Call only after 6pm");

    await revokeRelease(w.advocate, { id: granted.id, version: 1, survivorId: w.survivorId, method: "written" }, meta, db);
    const lapsed = await getReferral(staff, id, meta, db);
    expect(lapsed).toMatchObject({ identity: null, notes: null, reason: "Needs a safe bed", lapse: { reason: "revoked" } });
    expect(JSON.stringify(lapsed)).not.toMatch(/555-0142|Robin|after 6pm/);
    expect((await getReferral(w.advocate, id, meta, db)).lapse).toMatchObject({ reason: "revoked" });
    // The recipient still answers the referral itself.
    await transitionReferral(staff, { id, version: lapsed.version, action: "accept" }, meta, db);
  });
});

describe("the admin's audit trail shows no case data", () => {
  it("keeps ids, actions and field names in every event about survivors, matters, referrals and releases", async () => {
    const db = handle.db;
    const w = await busyMatter();
    await revokeRelease(w.advocate, { id: w.legalReleaseId, version: 1, survivorId: w.survivorId, method: "oral_phone", note: "She called on Tuesday" }, meta, db);
    await getMatterPage(w.advocate, w.matterId, meta, db);
    const survivorIds = [w.survivorId];
    const events = await db
      .select()
      .from(auditEvents)
      .where(and(inArray(auditEvents.targetType, [...CASE_TARGET_TYPES]), inArray(auditEvents.targetId, [w.matterId, ...survivorIds])));
    expect(events.length).toBeGreaterThan(15);
    const uuid = /^[0-9a-f-]{36}$/;
    for (const event of events) {
      for (const [key, value] of Object.entries(event.details)) {
        if (key.endsWith("Ids")) expect((value as string[]).every((v) => uuid.test(v)), `${event.action} ${key}`).toBe(true);
        else if (key.endsWith("Id")) expect(value === null || uuid.test(value as string), `${event.action} ${key}`).toBe(true);
        else expect(["fields", "access", "section", "form"], `${event.action} has ${key}`).toContain(key);
      }
    }
    expect(JSON.stringify(events.map((e) => e.details))).not.toMatch(/Seattle|Courtroom|26-VAC|Tuesday|oral_phone|drafting|identity_contact|criminal_court|on_hold|moving/);

    const admin = await signedIn(db, await makeUser(db, { role: "admin" }));
    const trail = await listAuditEvents(admin, { action: "matter.status_changed" }, {}, db);
    const mine = trail.items.filter((e) => e.targetId === w.matterId);
    expect(mine.length).toBeGreaterThan(0);
    for (const event of mine) {
      expect(event.targetLabel).toBeNull();
      expect(Object.keys(event.details).sort()).toEqual(["fields", "survivorId"]);
    }
  });

  it("refuses, in development, a command that would put a value into an event about case data", async () => {
    const { recordAudit } = await import("../../lib/audit/record");
    await expect(recordAudit(handle.db, { actor: null, action: "survivor.updated", target: { type: "survivor", id: crypto.randomUUID() }, details: { court: "Seattle" } })).rejects.toThrow(/ids and field names only/);
  });
});

describe("writes have one shape", () => {
  it("refuses a stale status change or reassignment, naming who saved first, and changes nothing", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const [{ version }] = (await db.select({ version: survivors.version }).from(survivors).where(eq(survivors.id, w.survivorId))) as [{ version: number }];
    await changeSurvivorStatus(w.advocate, { id: w.survivorId, version, status: "inactive" }, meta, db);
    const stale = await refusal(changeSurvivorStatus(w.lead, { id: w.survivorId, version, status: "closed", closedReason: "moved_away" }, meta, db));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toContain(`${w.advocate.name} saved changes to this survivor record at`);
    const staleMove = await refusal(reassignSurvivor(w.lead, { id: w.survivorId, version, advocateId: w.colleague.id }, meta, db));
    expect(staleMove.message).toContain(w.advocate.name);
    const [row] = await db.select().from(survivors).where(eq(survivors.id, w.survivorId));
    expect(row).toMatchObject({ status: "inactive", version: version + 1, assignedAdvocateId: w.advocate.id });
  });

  it.runIf(backend === "postgres")("lets exactly one of two parallel saves of the same version through on PostgreSQL", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    // A position answers notice: notice first.
    await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Daniel" }, meta, db);
    const { version } = await matterVersion(db, w.matterId);
    const results = await Promise.allSettled([
      recordPosition(w.attorney, { id: w.matterId, version, position: "no_objection" }, meta, db),
      recordPosition(w.attorney, { id: w.matterId, version, position: "objects" }, meta, db),
      addConviction(w.advocate, prostitutionConviction(w.survivorId, { caseNumber: "P-2" }), meta, db),
    ]);
    expect(results.slice(0, 2).filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await matterVersion(db, w.matterId)).version).toBe(version + 1);
    expect(await db.select({ n: count() }).from(convictions).where(eq(convictions.survivorId, w.survivorId))).toEqual([{ n: 2 }]);
  });
});

describe("the prosecuting office a matter was noticed to", () => {
  const SURVIVOR_DATA = /Robin|555-0142|2015-06-02|2016-06-02|moving this week|Client prefers mornings|RCW 9\.96\.070/;

  it("sees what service of the petition gives it without any release: court, case number, counts petitioned, hearing; and nothing else", async () => {
    const db = handle.db;
    const w = await busyMatter();
    const page = await getMatterPage(w.prosecutor, w.matterId, meta, db);
    expect(page.filing).toMatchObject({ court: "Seattle Municipal Court", caseNumber: "26-VAC-0042" });
    expect(page.petitioned).toEqual([
      {
        id: w.convictionId,
        courtName: "Seattle Municipal Court",
        caseNumber: "SMC-612345",
        counts: [
          { count: 1, offense: "Prostitution", citation: "RCW 9A.88.030" },
          { count: 2, offense: "Theft 3", citation: "RCW 9A.56.050" },
        ],
      },
    ]);
    expect(page.hearings.map((h) => h.place)).toEqual(["Courtroom 1002, 600 5th Ave"]);
    // No release to the office: no survivor name, contact, screens, conclusions, notes, hours or workflow.
    expect(page).toMatchObject({ contact: null, notes: null, hours: null, convictions: [], statusNote: null, blocker: null, conflictCheck: null, tasks: [], checklist: [], history: [] });
    expect(page.survivor).toMatchObject({ preferredName: null, legalName: null, aliases: [] });
    expect(JSON.stringify(page)).not.toMatch(SURVIVOR_DATA);

    // The list shows the petition's court; the hearing goes to the office's calendar.
    const row = (await listMatters(w.prosecutor, { status: "all", scope: "organization", stale: false }, 1, db)).items.find((m) => m.id === w.matterId);
    expect(row).toMatchObject({ canOpen: true, courts: "Seattle Municipal Court" });
    expect((await getHearingForCalendar(w.prosecutor, w.matterId, w.hearingId, meta, db)).place).toBe("Courtroom 1002, 600 5th Ave");
    // The draft names the survivor, and the court records are the survivor's: refused.
    expect((await refusal(getDocumentData(w.prosecutor, w.matterId, w.convictionId, "petition", meta, db))).code).toBe("not_found");
    expect((await refusal(getCourtRecords(w.prosecutor, w.survivorId, meta, db))).code).toBe("not_found");
    // The survivor's organization sees on the Access tab that the office was shown the petition's facts.
    const disclosed = await db.select().from(auditEvents).where(and(eq(auditEvents.action, "survivor.disclosed"), eq(auditEvents.targetId, w.survivorId), eq(auditEvents.actorUserId, w.prosecutor.id)));
    expect(disclosed).toHaveLength(1);
  });

  it("has no position before it was noticed: the attorney cannot record one for an office not yet noticed", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const before = await matterVersion(db, w.matterId);
    await refusal(recordPosition(w.attorney, { id: w.matterId, version: before.version, position: "objects" }, meta, db));
    const [row] = await db.select({ position: vacaturMatters.prosecutorPosition, version: vacaturMatters.version }).from(vacaturMatters).where(eq(vacaturMatters.id, w.matterId));
    expect(row).toEqual({ position: "unknown", version: before.version });
    expect((await getMatterPage(w.attorney, w.matterId, meta, db)).can.recordPosition).toBe(false);
  });

  it("is shown only the convictions the petition pleads: one the attorney concluded is not eligible stays out, on the page and in the list", async () => {
    const db = handle.db;
    const w = await matterWorld(db);
    await giveRelease(db, w.advocate, w.survivorId, w.legal.id, ["identity_contact", "criminal_court"]);
    const pleaded = await addConviction(w.advocate, prostitutionConviction(w.survivorId), meta, db);
    const dropped = await addConviction(
      w.advocate,
      prostitutionConviction(w.survivorId, { courtName: "Kent Municipal Court", courtLocality: "Kent", caseNumber: "KMC-990011", prosecutingOffice: "Kent City Attorney's Office" }),
      meta,
      db,
    );
    const { id } = await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [pleaded.id, dropped.id], legalOrganizationId: w.legal.id }, meta, db);
    await assignAttorney(w.legalLead, { id, version: 1, attorneyId: w.attorney.id }, meta, db);
    await attestConflict(w.attorney, { id, version: 2, decision: "no_conflict" }, meta, db);
    await recordConclusion(w.attorney, { matterId: id, version: (await matterVersion(db, id)).version, convictionId: dropped.id, conclusion: "not_eligible", note: "" }, meta, db);
    for (const action of ["start_screening", "start_drafting", "send_for_review"]) await moveMatter(db, w.attorney, id, action);
    await moveMatter(db, w.attorney, id, "file", { filedOn: day(0), court: "Seattle Municipal Court", caseNumber: "26-VAC-0077" });
    await recordNotice(w.attorney, { id, version: (await matterVersion(db, id)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Daniel" }, meta, db);

    const page = await getMatterPage(w.prosecutor, id, meta, db);
    expect(page.petitioned?.map((c) => c.caseNumber)).toEqual(["SMC-612345"]);
    expect(JSON.stringify(page)).not.toMatch(/KMC-990011|Kent Municipal Court/);
    const row = (await listMatters(w.prosecutor, { status: "all", scope: "organization", stale: false }, 1, db)).items.find((m) => m.id === id);
    expect(row?.courts).toBe("Seattle Municipal Court");
  });

  it("adds the convictions under a release covering court records, and still never contact data, screens, notes or the survivor's name", async () => {
    const db = handle.db;
    const w = await busyMatter();
    await giveRelease(db, w.advocate, w.survivorId, w.office.id, ["identity_contact", "criminal_court"]);
    const page = await getMatterPage(w.prosecutor, w.matterId, meta, db);
    expect(page.convictions.map((c) => c.caseNumber)).toEqual(["SMC-612345"]);
    expect(page.convictions.every((c) => c.screen === null && c.conclusion === null)).toBe(true);
    expect(page.petitioned).toBeNull();
    expect(page).toMatchObject({ contact: null, notes: null, hours: null, statusNote: null, history: [] });
    expect(page.survivor).toMatchObject({ preferredName: null, legalName: null });
    expect(JSON.stringify(page)).not.toMatch(/Robin|555-0142|moving this week|Client prefers mornings/);
  });

  it("shows nothing to another office, nor to the office before notice", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    await moveMatter(db, w.attorney, w.matterId, "start_screening");
    await moveMatter(db, w.attorney, w.matterId, "start_drafting");
    await moveMatter(db, w.attorney, w.matterId, "send_for_review");
    await moveMatter(db, w.attorney, w.matterId, "file", { filedOn: day(0), court: "Seattle Municipal Court", caseNumber: "26-VAC-0077" });
    for (const outsider of [w.prosecutor, w.otherProsecutor]) {
      expect((await refusal(getMatterPage(outsider, w.matterId, meta, db))).code).toBe("not_found");
      expect((await listMatters(outsider, { status: "all", scope: "organization", stale: false }, 1, db)).items.map((m) => m.id)).not.toContain(w.matterId);
    }
    await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Daniel" }, meta, db);
    expect((await getMatterPage(w.prosecutor, w.matterId, meta, db)).filing?.caseNumber).toBe("26-VAC-0077");
    expect((await refusal(getMatterPage(w.otherProsecutor, w.matterId, meta, db))).code).toBe("not_found");
  });
});
