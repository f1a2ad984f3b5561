import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { notifications } from "../../db/schema/referrals";
import { convictions, matterTasks } from "../../db/schema/vacatur";
import type { SessionUser } from "../../lib/auth/sessions";
import type { ReleaseCategory } from "../../lib/releases/constants";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "../../lib/vacatur/commands";
import { addCommunication, addMatterNote, logHours, recordChecklistStep, recordConclusion, recordNotice, recordPosition } from "../../lib/vacatur/matter-work";
import { getCourtRecords } from "../../lib/vacatur/queries/court-records";
import { getDocumentData } from "../../lib/vacatur/queries/downloads";
import { getHoursReport } from "../../lib/vacatur/queries/hours";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { listMatters, listUpcomingHearings } from "../../lib/vacatur/queries/matters";
import { addConviction, addLaterConviction, addPendingCharge } from "../../lib/vacatur/records";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { meta } from "./support/factories";
import { assignedMatter as assignedMatterOf, day, giveRelease, matterVersion, matterWorld, moveMatter, prostitutionConviction } from "./support/matter-world";
import { newIdempotencyKey } from "../../lib/idempotency";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const world = () => matterWorld(handle.db);
const release = (me: SessionUser, survivorId: string, recipient: string, categories: string[]) => giveRelease(handle.db, me, survivorId, recipient, categories as ReleaseCategory[]);
const assignedMatter = () => assignedMatterOf(handle.db);
const versionOf = (id: string) => matterVersion(handle.db, id);
const move = (me: SessionUser, id: string, action: string, extra: Record<string, unknown> = {}) => moveMatter(handle.db, me, id, action, extra);

describe("court records", () => {
  it("records a conviction with its counts, keeps the case number encrypted, and screens it under the current statutes", async () => {
    const w = await world();
    const { id } = await addConviction(w.advocate, prostitutionConviction(w.survivorId), meta, handle.db);
    const [raw] = await handle.db.select().from(convictions).where(eq(convictions.id, id));
    expect(raw!.caseNumberEnc).not.toContain("612345");

    const page = await getCourtRecords(w.advocate, w.survivorId, meta, handle.db);
    const record = page.convictions[0]!;
    expect(record.caseNumber).toBe("SMC-612345");
    expect(record.screen!.notes[0]).toMatch(/RCW 9\.96\.070.*repealed/);
    const prostitution = record.screen!.counts[0]!.routes[0]!;
    expect(prostitution).toMatchObject({ route: "rcw_9_96_080", outcome: "appears_eligible" });
    // The theft count is blocked by the unpaid assessment (no prostitution exception for it).
    expect(record.screen!.counts[1]!.routes[0]!.outcome).toBe("blocked");
  });

  it("uses recorded pending charges and later convictions in the screen", async () => {
    const w = await world();
    await addConviction(w.advocate, prostitutionConviction(w.survivorId, { cvpaStatus: "paid" }), meta, handle.db);
    await addPendingCharge(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, jurisdiction: "federal", court: "W.D. Wash.", offense: "Mail theft", prostitution: false }, meta, handle.db);
    await addLaterConviction(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictedOn: day(-200), jurisdiction: "other_state", description: "Trespass, Portland OR" }, meta, handle.db);
    const page = await getCourtRecords(w.advocate, w.survivorId, meta, handle.db);
    const survivorRoute = page.convictions[0]!.screen!.counts[0]!.routes[0]!;
    expect(survivorRoute.outcome).toBe("blocked");
    expect(survivorRoute.blockers.map((b) => b.label).join(" | ")).toMatch(/Pending charge: Mail theft.*Conviction within 3 years: Trespass/);
  });

  it("refuses bad input field by field and saves nothing", async () => {
    const w = await world();
    const refused = await refusal(
      addConviction(w.advocate, prostitutionConviction(w.survivorId, { counts: [], sentencingDate: "2014-01-01", verifiedOn: null, dispositionDate: day(3) }), meta, handle.db),
    );
    expect(Object.keys(refused.fieldErrors ?? {}).sort()).toEqual(expect.arrayContaining(["counts", "dispositionDate"]));
    const page = await getCourtRecords(w.advocate, w.survivorId, meta, handle.db);
    expect(page.convictions).toEqual([]);
  });

  it("lets no one else record or read them: another advocate, an unassigned attorney, a prosecutor without a release", async () => {
    const w = await world();
    const input = prostitutionConviction(w.survivorId);
    for (const outsider of [w.colleague, w.attorney, w.prosecutor]) {
      expect((await refusal(addConviction(outsider, input, meta, handle.db))).code).toBe("not_found");
      expect((await refusal(getCourtRecords(outsider, w.survivorId, meta, handle.db))).code).toBe("not_found");
    }
    expect(await handle.db.select().from(convictions).where(eq(convictions.survivorId, w.survivorId))).toEqual([]);
  });
});

describe("opening and assigning a matter", () => {
  it("needs a release covering identity and criminal-history records before the legal organization gets it", async () => {
    const w = await world();
    const conviction = await addConviction(w.advocate, prostitutionConviction(w.survivorId), meta, handle.db);
    await release(w.advocate, w.survivorId, w.legal.id, ["identity_contact"]);
    const refused = await refusal(openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [conviction.id], legalOrganizationId: w.legal.id }, meta, handle.db));
    expect(refused.fieldErrors?.legalOrganizationId?.[0]).toMatch(/No active release/);

    // Without a legal organization it opens; the survivor's lead then assigns an attorney, which needs the release too.
    const { id } = await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [conviction.id] }, meta, handle.db);
    expect((await refusal(assignAttorney(w.advocate, { id, version: 1, attorneyId: w.attorney.id }, meta, handle.db))).code).toBe("forbidden");
    const noRelease = await refusal(assignAttorney(w.lead, { id, version: 1, attorneyId: w.attorney.id }, meta, handle.db));
    expect(noRelease.fieldErrors?.attorneyId?.[0]).toMatch(/No active release/);
    await release(w.advocate, w.survivorId, w.legal.id, ["identity_contact", "criminal_court"]);
    await assignAttorney(w.lead, { id, version: 1, attorneyId: w.attorney.id }, meta, handle.db);
    const [told] = await handle.db.select().from(notifications).where(eq(notifications.userId, w.attorney.id));
    expect(told!.text).toMatch(/assigned a vacatur matter/);
    expect(told!.text).not.toMatch(/Robin/);
  });

  it("refuses a conviction of another survivor", async () => {
    const w = await world();
    const other = await world();
    const theirs = await addConviction(other.advocate, prostitutionConviction(other.survivorId), meta, handle.db);
    const refused = await refusal(openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [theirs.id] }, meta, handle.db));
    expect(refused.fieldErrors?.convictionIds).toBeDefined();
  });

  it("shows the attorney no details until they attest to no conflict; declining sends it back for reassignment", async () => {
    const w = await world();
    await release(w.advocate, w.survivorId, w.legal.id, ["identity_contact", "criminal_court"]);
    const conviction = await addConviction(w.advocate, prostitutionConviction(w.survivorId), meta, handle.db);
    const { id } = await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [conviction.id], legalOrganizationId: w.legal.id }, meta, handle.db);
    await assignAttorney(w.legalLead, { id, version: 1, attorneyId: w.attorney.id }, meta, handle.db);

    const before = await getMatterPage(w.attorney, id, meta, handle.db);
    expect(before.see).toMatchObject({ court: false, convictions: false, conflictCheck: true });
    expect(before.can.attestConflict).toBe(true);
    expect(before.convictions).toEqual([]);
    expect(before.conflictCheck!.courts).toEqual(["Seattle Municipal Court (Seattle)"]);
    expect((await refusal(move(w.attorney, id, "start_screening"))).code).toBe("forbidden");

    await attestConflict(w.attorney, { id, version: 2, decision: "conflict" }, meta, handle.db);
    const declined = await getMatterPage(w.legalLead, id, meta, handle.db);
    expect(declined.attorney).toBeNull();
    const leadsTold = await handle.db.select().from(notifications).where(eq(notifications.userId, w.lead.id));
    expect(leadsTold.map((n) => n.text).join()).toMatch(/declined \(conflict of interest\)/);
    // No longer on the matter: to that attorney it is one row of their organization's list, nothing more.
    expect((await refusal(getMatterPage(w.attorney, id, meta, handle.db))).code).toBe("not_found");

    await assignAttorney(w.legalLead, { id, version: 3, attorneyId: w.orgAttorney.id }, meta, handle.db);
    await attestConflict(w.orgAttorney, { id, version: 4, decision: "no_conflict" }, meta, handle.db);
    const after = await getMatterPage(w.orgAttorney, id, meta, handle.db);
    expect(after.see.court).toBe(true);
    expect(after.conflictAttestedAt).toBeInstanceOf(Date);
    expect(after.convictions[0]!.caseNumber).toBe("SMC-612345");
    expect(after.survivor.legalName).toBe("Robin Q. Example");
    expect(after.history.map((h) => h.kind)).toEqual(["matter_conflict_cleared", "matter_attorney_assigned", "matter_conflict_declined", "matter_attorney_assigned", "matter_opened"]);
  });
});

describe("access to a matter", () => {
  it("is not found for an attorney of another legal organization, whose actions change nothing", async () => {
    const w = await assignedMatter();
    const before = await versionOf(w.matterId);
    expect((await refusal(getMatterPage(w.outsideAttorney, w.matterId, meta, handle.db))).code).toBe("not_found");
    const attempts = [
      () => move(w.outsideAttorney, w.matterId, "start_screening"),
      () => logHours(w.outsideAttorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "2", activity: "screening" }, meta, handle.db),
      () => addMatterNote(w.outsideAttorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "peek" }, meta, handle.db),
      () => getDocumentData(w.outsideAttorney, w.matterId, w.convictionId, "petition", meta, handle.db),
    ];
    for (const attempt of attempts) expect((await refusal(attempt())).code).toBe("not_found");
    expect(await versionOf(w.matterId)).toEqual(before);
    const page = await listMatters(w.outsideAttorney, { status: "all", scope: "organization", stale: false }, 1, handle.db);
    expect(page.items.map((m) => m.id)).not.toContain(w.matterId);
  });

  it("keeps attorney notes to the assigned attorney and the legal organization's lead: not the advocate or the prosecutor", async () => {
    const w = await assignedMatter();
    await addMatterNote(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "Client disclosed the trafficker's name" }, meta, handle.db);
    expect((await getMatterPage(w.legalLead, w.matterId, meta, handle.db)).notes![0]!.body).toBe("Client disclosed the trafficker's name");
    expect((await getMatterPage(w.advocate, w.matterId, meta, handle.db)).notes).toBeNull();
    expect((await refusal(addMatterNote(w.advocate, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "x" }, meta, handle.db))).code).toBe("forbidden");
    // The lead writes notes too, but the moves are the assigned attorney's.
    await addMatterNote(w.legalLead, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "Supervising: check the 2019 case" }, meta, handle.db);
    expect((await refusal(move(w.legalLead, w.matterId, "start_screening"))).code).toBe("forbidden");
  });

  it("shows a prosecutor only matters noticed to their office, only released fields, and lets them record only position and communications", async () => {
    const w = await assignedMatter();
    expect((await refusal(getMatterPage(w.prosecutor, w.matterId, meta, handle.db))).code).toBe("not_found");
    await recordNotice(w.attorney, { id: w.matterId, version: (await versionOf(w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Attorney" }, meta, handle.db);
    expect((await refusal(getMatterPage(w.otherProsecutor, w.matterId, meta, handle.db))).code).toBe("not_found");

    const seen = await getMatterPage(w.prosecutor, w.matterId, meta, handle.db);
    expect(seen.side).toBe("prosecutor");
    expect(seen.survivor).toMatchObject({ preferredName: null, legalName: null });
    expect(seen.convictions).toEqual([]);
    expect(seen.notes).toBeNull();
    expect(seen.hours).toBeNull();

    const before = await versionOf(w.matterId);
    expect((await refusal(move(w.prosecutor, w.matterId, "start_screening"))).code).toBe("forbidden");
    expect((await refusal(move(w.prosecutor, w.matterId, "withdraw", { note: "x" }))).code).toBe("forbidden");
    expect((await refusal(addMatterNote(w.prosecutor, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, body: "x" }, meta, handle.db))).code).toBe("forbidden");
    expect((await refusal(recordChecklistStep(w.prosecutor, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, step: "watch_30", doneOn: day(0) }, meta, handle.db))).code).toBe("forbidden");
    expect(await versionOf(w.matterId)).toEqual(before);

    await recordPosition(w.prosecutor, { id: w.matterId, version: before.version, position: "no_objection" }, meta, handle.db);
    await addCommunication(w.prosecutor, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, occurredOn: day(0), channel: "email", summary: "No objection; will sign an agreed order." }, meta, handle.db);
    const attorneyView = await getMatterPage(w.attorney, w.matterId, meta, handle.db);
    expect(attorneyView.prosecutor!.position).toBe("no_objection");
    expect(attorneyView.prosecutor!.communications[0]!.summary).toBe("No objection; will sign an agreed order.");

    // With a release to the office covering court records, the prosecutor sees the convictions (without screens).
    await release(w.advocate, w.survivorId, w.office.id, ["criminal_court"]);
    const released = await getMatterPage(w.prosecutor, w.matterId, meta, handle.db);
    expect(released.convictions[0]!.caseNumber).toBe("SMC-612345");
    expect(released.convictions[0]!.screen).toBeNull();
    expect(released.survivor.legalName).toBeNull();
  });

  it("lists matters by side: the attorney's own, the organization's, the survivor's side, the noticed office", async () => {
    const w = await assignedMatter();
    const all = { status: "all", stale: false } as const;
    const ids = async (me: SessionUser, scope: "mine" | "organization" = "mine") => (await listMatters(me, { ...all, scope }, 1, handle.db)).items.map((m) => m.id);
    expect(await ids(w.attorney)).toContain(w.matterId);
    expect(await ids(w.orgAttorney)).not.toContain(w.matterId);
    expect(await ids(w.orgAttorney, "organization")).toContain(w.matterId);
    expect(await ids(w.advocate)).toContain(w.matterId);
    expect(await ids(w.colleague)).not.toContain(w.matterId);
    expect(await ids(w.prosecutor)).not.toContain(w.matterId);
  });
});

describe("the matter's road through court", () => {
  it("moves with the facts each step needs, notices the prosecutor, and closes only after a verification", async () => {
    const w = await assignedMatter();
    await move(w.attorney, w.matterId, "start_screening");
    await move(w.attorney, w.matterId, "start_drafting");
    await move(w.attorney, w.matterId, "send_for_review");

    const noFacts = await refusal(move(w.attorney, w.matterId, "file"));
    expect(noFacts.fieldErrors?.filedOn).toBeDefined();
    await move(w.attorney, w.matterId, "file", { filedOn: day(-1), court: "Seattle Municipal Court", caseNumber: "SMC-612345" });
    const [task] = await handle.db.select().from(matterTasks).where(eq(matterTasks.matterId, w.matterId));
    expect(task).toMatchObject({ kind: "prosecutor_notice", completedAt: null });

    await recordNotice(w.attorney, { id: w.matterId, version: (await versionOf(w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "efile_service", noticeGivenBy: "Attorney" }, meta, handle.db);
    const [doneTask] = await handle.db.select().from(matterTasks).where(eq(matterTasks.matterId, w.matterId));
    expect(doneTask!.completedAt).toBeInstanceOf(Date);
    expect((await handle.db.select().from(notifications).where(eq(notifications.userId, w.prosecutor.id))).length).toBe(1);

    const badHearing = await refusal(move(w.attorney, w.matterId, "set_hearing", { hearingDate: day(10), hearingTime: "09:30" }));
    expect(badHearing.fieldErrors?.place).toBeDefined();
    await move(w.attorney, w.matterId, "set_hearing", { hearingDate: day(10), hearingTime: "09:30", place: "Courtroom 1001, 600 5th Ave, Seattle" });
    const hearings = await listUpcomingHearings(w.attorney, 1, handle.db);
    expect(hearings.items.find((h) => h.matterId === w.matterId)!.place).toMatch(/Courtroom 1001/);
    expect((await listUpcomingHearings(w.outsideAttorney, 1, handle.db)).items.find((h) => h.matterId === w.matterId)).toBeUndefined();

    const page = await getMatterPage(w.attorney, w.matterId, meta, handle.db);
    const keys = page.countKeys.map((k) => k.key);
    const partialAll = await refusal(move(w.attorney, w.matterId, "grant_partially", { orderOn: day(0), counts: keys }));
    expect(partialAll.fieldErrors?.counts).toBeDefined();
    await move(w.attorney, w.matterId, "grant_partially", { orderOn: day(0), counts: [keys[0]!] });
    await move(w.attorney, w.matterId, "transmit_order");
    expect((await refusal(move(w.attorney, w.matterId, "verify"))).message).toMatch(/post-order verification/);

    await recordChecklistStep(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, step: "clerk_sent_wsp", doneOn: day(0) }, meta, handle.db);
    expect((await refusal(move(w.attorney, w.matterId, "verify"))).message).toMatch(/post-order verification/);
    await recordChecklistStep(w.advocate, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, step: "survivor_told", doneOn: day(0), note: "Called on safe line" }, meta, handle.db);
    await recordChecklistStep(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, step: "wsp_updated", doneOn: day(0) }, meta, handle.db);
    const twice = await refusal(recordChecklistStep(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, step: "wsp_updated", doneOn: day(0) }, meta, handle.db));
    expect(twice.fieldErrors?.step?.[0]).toMatch(/already recorded/);
    await move(w.attorney, w.matterId, "verify");
    const closed = await move(w.attorney, w.matterId, "close");
    expect(closed.status).toBe("closed");

    const final = await getMatterPage(w.advocate, w.matterId, meta, handle.db);
    expect(final.checklist.map((c) => c.step)).toEqual(expect.arrayContaining(["clerk_sent_wsp", "survivor_told", "wsp_updated"]));
    expect(final.history.filter((h) => h.kind === "matter_status_changed").length).toBe(9);
    expect(final.order!.counts).toEqual([keys[0]]);
  });

  it("refuses a move made on an out-of-date version and leaves the matter as it was", async () => {
    const w = await assignedMatter();
    const { version } = await versionOf(w.matterId);
    await move(w.attorney, w.matterId, "start_screening");
    const refused = await refusal(transitionMatter(w.attorney, { id: w.matterId, version, action: "start_screening" }, meta, handle.db));
    expect(refused.code).toBe("conflict");
    expect((await versionOf(w.matterId)).status).toBe("screening");
  });

  it("records ineligible-for-now with its blocker and revisit date; the survivor's side can hold and resume", async () => {
    const w = await assignedMatter();
    await move(w.attorney, w.matterId, "start_screening");
    await move(w.attorney, w.matterId, "mark_ineligible", { note: "Unpaid CVPA on the theft count; move to waive first", revisitOn: day(120) });
    const page = await getMatterPage(w.advocate, w.matterId, meta, handle.db);
    expect(page).toMatchObject({ status: "ineligible_now", revisitOn: day(120), blocker: "Unpaid CVPA on the theft count; move to waive first" });
    await move(w.advocate, w.matterId, "hold", { note: "Survivor asked to pause while moving" });
    expect((await refusal(move(w.advocate, w.matterId, "revisit"))).code).toBe("forbidden");
    const resumed = await move(w.advocate, w.matterId, "resume");
    expect(resumed.status).toBe("ineligible_now");
  });
});

describe("pro bono hours and documents", () => {
  it("logs hours per matter and totals them for the legal organization's lead and for the attorney", async () => {
    const w = await assignedMatter();
    await logHours(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(-2), hours: "1.5", activity: "screening" }, meta, handle.db);
    await logHours(w.legalLead, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(-1), hours: "0.25", activity: "drafting", description: "Proposed order" }, meta, handle.db);
    // Another attorney of the organization is not on the matter: it does not exist for them.
    expect((await refusal(logHours(w.orgAttorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(-1), hours: "1", activity: "drafting" }, meta, handle.db))).code).toBe("not_found");
    const bad = await refusal(logHours(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "30", activity: "court" }, meta, handle.db));
    expect(bad.fieldErrors?.hours).toBeDefined();
    expect((await refusal(logHours(w.advocate, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, workedOn: day(0), hours: "1", activity: "court" }, meta, handle.db))).code).toBe("forbidden");

    const report = await getHoursReport(w.legalLead, { from: null, to: null }, handle.db);
    expect(report.scope).toBe("organization");
    expect(report.totalHundredths).toBe(175);
    const own = await getHoursReport(w.attorney, { from: null, to: null }, handle.db);
    expect(own.totalHundredths).toBe(150);
    const ranged = await getHoursReport(w.legalLead, { from: day(-1), to: day(0) }, handle.db);
    expect(ranged.totalHundredths).toBe(25);
  });

  it("gives the attorney the document data and audits it", async () => {
    const w = await assignedMatter();
    const data = await getDocumentData(w.attorney, w.matterId, w.convictionId, "petition", meta, handle.db);
    expect(data).toMatchObject({ defendantName: "Robin Q. Example", aliases: [], conviction: { caseNumber: "SMC-612345", courtName: "Seattle Municipal Court" } });
    // No conclusion yet: the draft has no statutory basis to print.
    expect(data.conclusion).toEqual({ conclusion: null, route: null });
    await recordConclusion(w.attorney, { matterId: w.matterId, version: (await versionOf(w.matterId)).version, convictionId: w.convictionId, conclusion: "eligible", route: "rcw_9_96_080", note: "" }, meta, handle.db);
    const concluded = await getDocumentData(w.attorney, w.matterId, w.convictionId, "petition", meta, handle.db);
    expect(concluded.conclusion).toEqual({ conclusion: "eligible", route: "rcw_9_96_080" });
    const events = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "matter.document_generated"), eq(auditEvents.targetId, w.matterId)));
    expect(events).toHaveLength(2);
    expect((await refusal(getDocumentData(w.advocate, w.matterId, w.convictionId, "petition", meta, handle.db))).code).toBe("not_found");
  });
});
