import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { notifications } from "../../db/schema/referrals";
import { matterHearings } from "../../db/schema/vacatur";
import { newIdempotencyKey } from "../../lib/idempotency";
import { hearingCalendar } from "../../lib/vacatur/calendar";
import { assignAttorney, attestConflict, openMatter } from "../../lib/vacatur/commands";
import { cancelHearing, continueHearing, editHearing } from "../../lib/vacatur/hearings";
import { recordChecklistStep, recordNotice } from "../../lib/vacatur/matter-work";
import { getHearingForCalendar } from "../../lib/vacatur/queries/downloads";
import { listHearings, listHearingsInMonth } from "../../lib/vacatur/queries/hearings";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { listMatters } from "../../lib/vacatur/queries/matters";
import { addConviction } from "../../lib/vacatur/records";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { meta } from "./support/factories";
import { assignedMatter, day, matterVersion, moveMatter, prostitutionConviction } from "./support/matter-world";

// Deadlines (computed from their sources, in SQL) and hearing changes (correct, continue, cancel),
// as the attorney, the survivor's side and the prosecutor see them.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

type World = Awaited<ReturnType<typeof assignedMatter>>;
const world = () => assignedMatter(handle.db);
const move = (w: World, id: string, action: string, extra: Record<string, unknown> = {}) => moveMatter(handle.db, w.attorney, id, action, extra);
const mine = { status: "open", scope: "mine", stale: false } as const;
const row = async (w: World, id: string) => (await listMatters(w.attorney, mine, 1, handle.db)).items.find((m) => m.id === id)!;
const deadlinesOf = async (w: World, id: string) => (await getMatterPage(w.attorney, id, meta, handle.db)).deadlines;
const hearingsOf = (id: string) => handle.db.select().from(matterHearings).where(eq(matterHearings.matterId, id)).orderBy(matterHearings.createdAt);

function plusDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Another matter of the same survivor for the same attorney (a second conviction). */
async function anotherMatter(w: World): Promise<string> {
  const conviction = await addConviction(w.advocate, prostitutionConviction(w.survivorId, { caseNumber: `SMC-${Math.floor(Math.random() * 1e6)}` }), meta, handle.db);
  const { id } = await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [conviction.id], legalOrganizationId: w.legal.id }, meta, handle.db);
  await assignAttorney(w.legalLead, { id, version: 1, attorneyId: w.attorney.id }, meta, handle.db);
  await attestConflict(w.attorney, { id, version: 2, decision: "no_conflict" }, meta, handle.db);
  return id;
}

async function filed(w: World, id: string, filedOn: string) {
  for (const action of ["start_screening", "start_drafting", "send_for_review"]) await move(w, id, action);
  await move(w, id, "file", { filedOn, court: "Seattle Municipal Court", caseNumber: "SMC-612345" });
}

async function withHearing(w: World, id: string, hearingDate: string, filedOn = day(-40)) {
  await filed(w, id, filedOn);
  await move(w, id, "set_hearing", { hearingDate, hearingTime: "09:30", place: "Courtroom 1001" });
  const [hearing] = await hearingsOf(id);
  return hearing!;
}

describe("deadlines", () => {
  it("owes notice from the filing day: due that day, past due the day after, gone once notice is recorded", async () => {
    const w = await world();
    await filed(w, w.matterId, day(-1));
    expect(await row(w, w.matterId)).toMatchObject({ nextDate: day(-1), nextDateKind: "prosecutor_notice", pastDue: true });
    expect(await deadlinesOf(w, w.matterId)).toEqual([{ kind: "prosecutor_notice", dueOn: day(-1) }]);

    const today = await anotherMatter(w);
    await filed(w, today, day(0));
    expect(await row(w, today)).toMatchObject({ nextDate: day(0), pastDue: false });

    await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(handle.db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Attorney" }, meta, handle.db);
    expect(await row(w, w.matterId)).toMatchObject({ nextDate: null, pastDue: false });
    expect(await deadlinesOf(w, w.matterId)).toEqual([]);
  });

  it("a hearing is due on its day until its outcome is recorded; then the WATCH re-checks fall due 30, 60 and 90 days after the order", async () => {
    const w = await world();
    const orderOn = day(-31);
    await withHearing(w, w.matterId, day(-32));
    await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(handle.db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(-40), noticeMethod: "email", noticeGivenBy: "Attorney" }, meta, handle.db);
    expect(await row(w, w.matterId)).toMatchObject({ nextDate: day(-32), nextDateKind: "hearing", pastDue: true });

    const page = await getMatterPage(w.attorney, w.matterId, meta, handle.db);
    await move(w, w.matterId, "grant", { orderOn, counts: page.countKeys.map((k) => k.key) });
    expect(await deadlinesOf(w, w.matterId)).toEqual([
      { kind: "watch_30", dueOn: plusDays(orderOn, 30) },
      { kind: "watch_60", dueOn: plusDays(orderOn, 60) },
      { kind: "watch_90", dueOn: plusDays(orderOn, 90) },
    ]);
    expect(await row(w, w.matterId)).toMatchObject({ nextDateKind: "watch_30", pastDue: plusDays(orderOn, 30) < day(0) });

    await recordChecklistStep(w.attorney, { idempotencyKey: newIdempotencyKey(), matterId: w.matterId, step: "watch_30", doneOn: day(0) }, meta, handle.db);
    expect(await row(w, w.matterId)).toMatchObject({ nextDate: plusDays(orderOn, 60), nextDateKind: "watch_60", pastDue: false });
  });

  it("a hearing the court set stays due while the survivor has the matter on hold", async () => {
    const w = await world();
    await withHearing(w, w.matterId, day(6));
    await moveMatter(handle.db, w.advocate, w.matterId, "hold", { note: "Survivor asked to pause" });
    expect((await deadlinesOf(w, w.matterId)).map((d) => d.kind)).toContain("hearing");
    expect((await deadlinesOf(w, w.matterId)).find((d) => d.kind === "hearing")!.dueOn).toBe(day(6));
  });

  it("an ineligible-for-now matter is due for a fresh look on its revisit date; the survivor's side sees the deadlines too", async () => {
    const w = await world();
    await move(w, w.matterId, "start_screening");
    await move(w, w.matterId, "mark_ineligible", { note: "Unpaid CVPA", revisitOn: day(120) });
    expect(await deadlinesOf(w, w.matterId)).toEqual([{ kind: "revisit", dueOn: day(120) }]);
    expect((await getMatterPage(w.advocate, w.matterId, meta, handle.db)).deadlines).toEqual([{ kind: "revisit", dueOn: day(120) }]);
    await move(w, w.matterId, "revisit");
    expect(await deadlinesOf(w, w.matterId)).toEqual([]);
  });

  it("sorts the attorney's list by the next due date, past due first, matters with nothing due last", async () => {
    const w = await world();
    const nothingDue = w.matterId;
    const hearingSoon = await anotherMatter(w);
    await withHearing(w, hearingSoon, day(10));
    await recordNotice(w.attorney, { id: hearingSoon, version: (await matterVersion(handle.db, hearingSoon)).version, prosecutorOfficeId: w.office.id, noticeOn: day(-40), noticeMethod: "email", noticeGivenBy: "Attorney" }, meta, handle.db);
    const pastDue = await anotherMatter(w);
    await filed(w, pastDue, day(-3));
    const list = await listMatters(w.attorney, mine, 1, handle.db);
    expect(list.items.map((m) => m.id)).toEqual([pastDue, hearingSoon, nothingDue]);
    expect(list.items.map((m) => [m.nextDate, m.nextDateKind, m.pastDue])).toEqual([
      [day(-3), "prosecutor_notice", true],
      [day(10), "hearing", false],
      [null, null, false],
    ]);
  });

  it("shows a prosecutor the next hearing only, never the legal side's deadlines", async () => {
    const w = await world();
    await withHearing(w, w.matterId, day(12), day(-1));
    await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(handle.db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Attorney" }, meta, handle.db);
    const seen = (await listMatters(w.prosecutor, mine, 1, handle.db)).items.find((m) => m.id === w.matterId)!;
    expect(seen).toMatchObject({ nextDate: day(12), nextDateKind: null, pastDue: false });
  });
});

describe("hearing changes", () => {
  it("continues a hearing: the old one is kept and names the new date, the matter stays set, the calendar and the survivor's side are told", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(5));
    const input = { id: hearing.id, version: hearing.version, hearingDate: day(30), hearingTime: "13:30", place: "Courtroom 1002", idempotencyKey: newIdempotencyKey() };
    const first = await continueHearing(w.attorney, input, meta, handle.db);
    // A double submit with the same key answers with the first save and schedules nothing more.
    expect(await continueHearing(w.attorney, input, meta, handle.db)).toEqual(first);

    const [old, successor] = await hearingsOf(w.matterId);
    expect(old).toMatchObject({ id: hearing.id, status: "continued", continuedToId: first.id, version: 2 });
    expect(successor).toMatchObject({ id: first.id, status: "scheduled", place: "Courtroom 1002" });
    expect((await matterVersion(handle.db, w.matterId)).status).toBe("hearing_set");

    const page = await getMatterPage(w.advocate, w.matterId, meta, handle.db);
    expect(page.hearings.map((h) => h.status)).toEqual(["continued", "scheduled"]);
    expect(page.hearings[0]!.continuedToStartsAt).toEqual(successor!.startsAt);
    expect(page.history.some((h) => h.kind === "matter_hearing_changed" && h.details.change === "continued")).toBe(true);
    expect(await handle.db.select().from(notifications).where(eq(notifications.userId, w.advocate.id))).toEqual(
      expect.arrayContaining([expect.objectContaining({ text: expect.stringMatching(/continued to a new date/) })]),
    );
    const audited = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "matter.hearing_continued"), eq(auditEvents.targetId, w.matterId)));
    expect(audited).toHaveLength(1);

    const month = await listHearingsInMonth(w.attorney, day(30).slice(0, 7), handle.db);
    expect(month.items.find((h) => h.id === first.id)).toMatchObject({ hearingStatus: "scheduled" });
    expect((await row(w, w.matterId)).nextDateKind).toBe("prosecutor_notice");

    // (unfolded: iCalendar folds long lines)
    const ics = hearingCalendar(await getHearingForCalendar(w.attorney, w.matterId, hearing.id, meta, handle.db)).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toMatch(/SUMMARY:Vacatur hearing \(CW-[\d-]+\)\\, continued to/);
  });

  it("corrects a hearing's place and refuses a save made on an out-of-date version, leaving the hearing as it was", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(8));
    const saved = await editHearing(w.attorney, { id: hearing.id, version: 1, hearingDate: day(8), hearingTime: "10:00", place: "Courtroom 1201" }, meta, handle.db);
    expect(saved.version).toBe(2);
    const stale = await refusal(editHearing(w.attorney, { id: hearing.id, version: 1, hearingDate: day(9), hearingTime: "10:00", place: "Courtroom 9" }, meta, handle.db));
    expect(stale.code).toBe("conflict");
    expect(stale.message).toMatch(/after you opened it/);
    const [after] = await hearingsOf(w.matterId);
    expect(after).toMatchObject({ place: "Courtroom 1201", version: 2 });
    const ics = hearingCalendar(await getHearingForCalendar(w.attorney, w.matterId, hearing.id, meta, handle.db));
    expect(ics).toContain("Courtroom 1201");
    expect(ics).not.toMatch(/Seattle Municipal Court,\s*Seattle Municipal Court/);
  });

  it("refuses a date the calendar has no such day for beside its field", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(8));
    const bad = await refusal(editHearing(w.attorney, { id: hearing.id, version: 1, hearingDate: "2027-02-30", hearingTime: "10:00", place: "Courtroom 1" }, meta, handle.db));
    expect(bad.fieldErrors?.hearingDate?.[0]).toMatch(/not valid/);
    const past = await refusal(continueHearing(w.attorney, { id: hearing.id, version: 1, hearingDate: day(-2), hearingTime: "10:00", place: "Courtroom 1", idempotencyKey: newIdempotencyKey() }, meta, handle.db));
    expect(past.fieldErrors?.hearingDate?.[0]).toMatch(/from today on/);
    // A continuance puts the hearing off: an earlier date is a correction, said beside the date.
    const earlier = await refusal(continueHearing(w.attorney, { id: hearing.id, version: 1, hearingDate: day(4), hearingTime: "10:00", place: "Courtroom 1", idempotencyKey: newIdempotencyKey() }, meta, handle.db));
    expect(earlier.fieldErrors?.hearingDate?.[0]).toMatch(/moves the hearing later than .*correct the hearing instead/);
    expect(await hearingsOf(w.matterId)).toHaveLength(1);
  });

  it("cancels a hearing: kept and marked cancelled, the .ics says so, and the matter goes back to filed for a new hearing", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(8));
    await cancelHearing(w.attorney, { id: hearing.id, version: 1 }, meta, handle.db);
    const [kept] = await hearingsOf(w.matterId);
    expect(kept).toMatchObject({ status: "cancelled", continuedToId: null });
    expect((await matterVersion(handle.db, w.matterId)).status).toBe("filed");
    expect(hearingCalendar(await getHearingForCalendar(w.attorney, w.matterId, hearing.id, meta, handle.db))).toContain("STATUS:CANCELLED");
    expect((await refusal(cancelHearing(w.attorney, { id: hearing.id, version: 2 }, meta, handle.db))).message).toMatch(/already cancelled/);
    // A new hearing can be set the usual way.
    await move(w, w.matterId, "set_hearing", { hearingDate: day(20), hearingTime: "09:00", place: "Courtroom 3" });
    expect((await hearingsOf(w.matterId)).map((h) => h.status)).toEqual(["cancelled", "scheduled"]);
  });

  it("lets only the matter's attorney change hearings: the survivor's side, the legal lead and prosecutors are refused, other attorneys find nothing; the hearing is unchanged", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(8));
    await recordNotice(w.attorney, { id: w.matterId, version: (await matterVersion(handle.db, w.matterId)).version, prosecutorOfficeId: w.office.id, noticeOn: day(0), noticeMethod: "email", noticeGivenBy: "Attorney" }, meta, handle.db);
    const edit = { id: hearing.id, version: 1, hearingDate: day(9), hearingTime: "11:00", place: "Elsewhere" };
    for (const [who, code] of [
      [w.advocate, "forbidden"],
      [w.legalLead, "forbidden"],
      [w.prosecutor, "forbidden"],
      [w.orgAttorney, "not_found"],
      [w.outsideAttorney, "not_found"],
      // Prosecutors never change court dates here: refused before any matter is looked up.
      [w.otherProsecutor, "forbidden"],
    ] as const) {
      expect((await refusal(editHearing(who, edit, meta, handle.db))).code, who.role).toBe(code);
      expect((await refusal(continueHearing(who, { ...edit, idempotencyKey: newIdempotencyKey() }, meta, handle.db))).code).toBe(code);
      expect((await refusal(cancelHearing(who, { id: hearing.id, version: 1 }, meta, handle.db))).code).toBe(code);
    }
    const [unchanged] = await hearingsOf(w.matterId);
    expect(unchanged).toMatchObject({ status: "scheduled", place: "Courtroom 1001", version: 1 });
    expect((await matterVersion(handle.db, w.matterId)).status).toBe("hearing_set");
  });

  it("a continuance without a date marks the hearing continued at once (listed as such, no longer due); the next hearing set names it as its successor", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(5));
    await move(w, w.matterId, "continue", { note: "Interpreter not available" });
    const [waiting] = await hearingsOf(w.matterId);
    expect(waiting).toMatchObject({ id: hearing.id, status: "continued", continuedToId: null });
    // Still on the upcoming list, but saying what became of it.
    expect((await listHearings(w.attorney, "upcoming", 1, handle.db)).items.find((h) => h.id === hearing.id)).toMatchObject({ hearingStatus: "continued", continuedToStartsAt: null });
    expect((await getMatterPage(w.attorney, w.matterId, meta, handle.db)).deadlines.map((d) => d.kind)).not.toContain("hearing");
    await move(w, w.matterId, "set_hearing", { hearingDate: day(14), hearingTime: "13:30", place: "Courtroom 1002" });
    const [old, reset] = await hearingsOf(w.matterId);
    expect(old).toMatchObject({ id: hearing.id, status: "continued", continuedToId: reset!.id });
    expect((await listHearings(w.attorney, "upcoming", 1, handle.db)).items.find((h) => h.id === hearing.id)).toMatchObject({ hearingStatus: "continued", continuedToStartsAt: reset!.startsAt });
  });

  it("holds in the database: only a continued hearing names a successor, and one of the same matter", async () => {
    const w = await world();
    const hearing = await withHearing(w, w.matterId, day(8));
    const [sibling] = await handle.db.insert(matterHearings).values({ matterId: w.matterId, startsAt: new Date(Date.now() + 20 * 86_400_000), place: "Courtroom 1003", createdBy: w.attorney.id }).returning();
    // A scheduled hearing cannot name a successor.
    await expect(handle.db.update(matterHearings).set({ continuedToId: sibling!.id }).where(eq(matterHearings.id, hearing.id))).rejects.toThrow();
    const other = await world();
    const elsewhere = await withHearing(other, other.matterId, day(9));
    await expect(handle.db.update(matterHearings).set({ status: "continued", continuedToId: elsewhere.id }).where(eq(matterHearings.id, hearing.id))).rejects.toThrow();
    const [still] = await handle.db.select({ status: matterHearings.status }).from(matterHearings).where(eq(matterHearings.id, hearing.id));
    expect(still!.status).toBe("scheduled");
  });
});
