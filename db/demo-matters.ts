import { addDays, format, subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import type { SessionUser } from "../lib/auth/sessions";
import { pacificToday } from "../lib/format";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "../lib/vacatur/commands";
import { addCommunication, addMatterNote, logHours, recordChecklistStep, recordConclusion, recordNotice, recordPosition } from "../lib/vacatur/matter-work";
import { addConviction, addLaterConviction, addPendingCharge } from "../lib/vacatur/records";
import type { AddConvictionInput, TransitionMatterInput } from "../lib/vacatur/schema";
import type { Db } from "./client";

/** The screening rules before wa-2026.12 (statutory definitions replaced the chapter approximation). */
const PREVIOUS_RULESET_VERSION = "wa-2026.11";
import { matterConvictions, matterHearings, vacaturMatters } from "./schema/vacatur";
import { continueHearing } from "../lib/vacatur/hearings";
import { newIdempotencyKey } from "../lib/idempotency";

// Vacatur demo data: fictional Washington court records and matters in every stage, made through
// the app's own commands as the demo people. Courts and offices are real institutions; every case
// number, person and event is invented.

type DemoMatterPeople = {
  legalLead: SessionUser;
  attorney: SessionUser;
  attorney2: SessionUser;
  prosecutor: SessionUser;
  legalHopeId: string;
  kcpaoId: string;
  cityAttorneyId: string;
};

const iso = (date: Date) => format(date, "yyyy-MM-dd");

type Court = Pick<AddConvictionInput, "courtType" | "courtName" | "courtLocality" | "prosecutingAuthority" | "prosecutingOffice">;
const SEATTLE_MUNI: Court = { courtType: "municipal", courtName: "Seattle Municipal Court", courtLocality: "Seattle", prosecutingAuthority: "city_attorney", prosecutingOffice: "Seattle City Attorney's Office" };
const KENT_MUNI: Court = { courtType: "municipal", courtName: "Kent Municipal Court", courtLocality: "Kent", prosecutingAuthority: "city_attorney", prosecutingOffice: "Kent City Attorney's Office" };
const KC_DISTRICT: Court = { courtType: "district", courtName: "King County District Court", courtLocality: "King", prosecutingAuthority: "county_prosecutor", prosecutingOffice: "King County Prosecuting Attorney's Office" };
const KC_SUPERIOR: Court = { courtType: "superior", courtName: "King County Superior Court", courtLocality: "King", prosecutingAuthority: "county_prosecutor", prosecutingOffice: "King County Prosecuting Attorney's Office" };
const PIERCE_DISTRICT: Court = { courtType: "district", courtName: "Pierce County District Court", courtLocality: "Pierce", prosecutingAuthority: "county_prosecutor", prosecutingOffice: "Pierce County Prosecuting Attorney's Office" };

const PROSTITUTION = { offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" } as const;
const LOITERING = { offense: "Prostitution loitering", citation: "SMC 12A.10.010", offenseClass: "misdemeanor", category: "prostitution_loitering", enhancement: "none" } as const;
const THEFT_3 = { offense: "Theft in the third degree", citation: "RCW 9A.56.050", offenseClass: "gross_misdemeanor", category: "other", enhancement: "none" } as const;
const TRESPASS_2 = { offense: "Criminal trespass in the second degree", citation: "RCW 9A.52.080", offenseClass: "misdemeanor", category: "other", enhancement: "none" } as const;
const PSP_2 = { offense: "Possessing stolen property in the second degree", citation: "RCW 9A.56.160", offenseClass: "felony_c", category: "other", enhancement: "none" } as const;

export async function seedDemoMatters(db: Db, survivors: { id: string; advocate: SessionUser }[], people: DemoMatterPeople): Promise<void> {
  const meta = { ip: null, userAgent: "demo seed" };
  const today = new Date(`${pacificToday()}T12:00:00Z`);
  const ago = (days: number) => iso(subDays(today, days));
  const ahead = (days: number) => iso(addDays(today, days));
  const { legalLead, attorney, prosecutor } = people;

  const conviction = async (index: number, court: Court, caseNumber: string, counts: AddConvictionInput["counts"], convictedDaysAgo: number, extra: Partial<AddConvictionInput> = {}) => {
    const { id: survivorId, advocate } = survivors[index]!;
    const date = ago(convictedDaysAgo);
    return (
      await addConviction(
        advocate,
        {
          survivorId,
          ...court,
          caseNumber,
          counts,
          disposition: "guilty_plea",
          dispositionDate: date,
          sentencingDate: date,
          supervisionEndDate: iso(addDays(subDays(today, convictedDaysAgo), 365)),
          cvpaAmount: "500",
          cvpaStatus: "paid",
          restitutionOrder: "none",
          source: "court_docket",
          verifiedOn: ago(20),
          ...extra,
          idempotencyKey: newIdempotencyKey(),
        },
        meta,
        db,
      )
    ).id;
  };
  const version = async (id: string) => (await db.select({ v: vacaturMatters.version }).from(vacaturMatters).where(eq(vacaturMatters.id, id)))[0]!.v;
  const move = async (id: string, action: TransitionMatterInput["action"], facts: Partial<TransitionMatterInput> = {}, who: SessionUser = attorney) =>
    transitionMatter(who, { id, version: await version(id), action, ...facts }, meta, db);
  const open = async (index: number, convictionIds: string[]) => (await openMatter(survivors[index]!.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: survivors[index]!.id, convictionIds, legalOrganizationId: people.legalHopeId }, meta, db)).id;
  const assigned = async (index: number, convictionIds: string[], who: SessionUser = attorney) => {
    const id = await open(index, convictionIds);
    await assignAttorney(legalLead, { id, version: 1, attorneyId: who.id }, meta, db);
    await attestConflict(who, { id, version: 2, decision: "no_conflict" }, meta, db);
    await move(id, "start_screening", {}, who);
    return id;
  };
  const hours = (id: string, daysAgo: number, amount: string, activity: "screening" | "records" | "drafting" | "client_meeting" | "court", who: SessionUser = attorney) =>
    logHours(who, { idempotencyKey: newIdempotencyKey(), matterId: id, workedOn: ago(daysAgo), hours: amount, activity }, meta, db);
  const notice = async (id: string, officeId: string, daysAgo: number) =>
    recordNotice(attorney, { id, version: await version(id), prosecutorOfficeId: officeId, noticeOn: ago(daysAgo), noticeMethod: "efile_service", noticeGivenBy: attorney.name }, meta, db);

  // 0: just referred to Legal Hope; its lead has to assign an attorney.
  const m0 = await open(0, [await conviction(0, SEATTLE_MUNI, "SMC 615402", [{ count: 1, ...PROSTITUTION }], 3100)]);

  // 1: assigned to Daniel, who has not yet done the conflict check.
  const m1 = await open(1, [await conviction(1, KENT_MUNI, "K17-0093", [{ count: 1, ...TRESPASS_2 }], 2900)]);
  await assignAttorney(legalLead, { id: m1, version: 1, attorneyId: attorney.id }, meta, db);

  // 5: screening, with the intake paperwork citing the repealed RCW 9.96.070, and records requested.
  const c5 = await conviction(5, SEATTLE_MUNI, "SMC 598231", [{ count: 1, ...PROSTITUTION }, { count: 2, ...LOITERING }], 3600, { citedRoute: "RCW 9.96.070", cvpaStatus: "unpaid", source: "survivor", verifiedOn: null });
  const m5 = await assigned(5, [c5]);
  await move(m5, "request_records");
  await hours(m5, 6, "1.5", "screening");

  // 3: ineligible for now: unpaid assessment on a theft count and a recent out-of-state conviction.
  const c3 = await conviction(3, KC_DISTRICT, "3A0412871", [{ count: 1, ...THEFT_3 }], 2500, {
    cvpaStatus: "unpaid",
    // The store was paid back; its insurer was not: the survivor route does not count the insurer, the general route does.
    restitutionOrder: "ordered",
    restitution: [
      { owedTo: "victim", payment: "paid" },
      { owedTo: "insurer", payment: "unpaid" },
    ],
  });
  await addLaterConviction(survivors[3]!.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: survivors[3]!.id, convictedOn: ago(700), jurisdiction: "other_state", description: "Trespass, Multnomah County (Oregon) Circuit Court" }, meta, db);
  const m3 = await assigned(3, [c3]);
  await move(m3, "mark_ineligible", { note: "Unpaid CVPA ($500) on the theft count, and an Oregon conviction inside the 3-year lookback. Move to waive the CVPA; revisit when the lookback passes.", revisitOn: ahead(400) });
  await hours(m3, 30, "2", "screening");

  // 3 again: a second, older case with Grace, still in screening.
  const m3b = await assigned(3, [await conviction(3, KENT_MUNI, "K12-3310", [{ count: 1, ...LOITERING, citation: "KCC 9.02.340", offense: "Loitering for the purpose of prostitution" }], 5000)], people.attorney2);

  // 6: drafting, and stale (no activity for six weeks).
  const m6 = await assigned(6, [await conviction(6, PIERCE_DISTRICT, "4Z0388140", [{ count: 1, ...PROSTITUTION }], 4000)], people.attorney2);
  await move(m6, "start_drafting", {}, people.attorney2);
  await db.update(vacaturMatters).set({ lastActivityAt: subDays(new Date(), 45) }).where(eq(vacaturMatters.id, m6));

  // 8: the survivor is reviewing her declaration.
  const c8 = await conviction(8, SEATTLE_MUNI, "SMC 633017", [{ count: 1, ...LOITERING }], 2800);
  const m8 = await assigned(8, [c8]);
  await recordConclusion(attorney, { matterId: m8, version: await version(m8), convictionId: c8, conclusion: "eligible", route: "rcw_9_96_080", note: "Loitering ordinance; nexus clear from intake. No CVPA proof needed." }, meta, db);
  // ...concluded before the screening rules last changed: the page says so and asks for a fresh look.
  await db.update(matterConvictions).set({ rulesetVersion: PREVIOUS_RULESET_VERSION }).where(and(eq(matterConvictions.matterId, m8), eq(matterConvictions.convictionId, c8)));
  await move(m8, "start_drafting");
  await move(m8, "send_for_review");
  await addMatterNote(attorney, { idempotencyKey: newIdempotencyKey(), matterId: m8, body: "She wants the declaration kept to the minimum facts. Review by phone on the safe line, Tuesdays only." }, meta, db);
  await hours(m8, 12, "3.25", "drafting");

  // 10: felony filed in superior court; notice to the prosecutor was due on the filing day and is past due.
  const c10 = await conviction(10, KC_SUPERIOR, "17-1-04412-8 SEA", [{ count: 1, ...PSP_2 }], 3200, { dischargeDate: ago(2700) });
  const m10 = await assigned(10, [c10]);
  await move(m10, "start_drafting");
  await move(m10, "send_for_review");
  await move(m10, "file", { filedOn: ago(1), court: "King County Superior Court", caseNumber: "17-1-04412-8 SEA" });

  // 12: hearing set (once continued by the court), noticed to the King County prosecutor, who has no objection.
  const c12 = await conviction(12, KC_DISTRICT, "1A0199725", [{ count: 1, ...PROSTITUTION }, { count: 2, ...THEFT_3 }], 3900);
  const m12 = await assigned(12, [c12]);
  await move(m12, "start_drafting");
  await move(m12, "send_for_review");
  await move(m12, "file", { filedOn: ago(21), court: "King County District Court", caseNumber: "1A0199725" });
  await notice(m12, people.kcpaoId, 21);
  await move(m12, "set_hearing", { hearingDate: ahead(2), hearingTime: "09:30", place: "Seattle Courthouse, Courtroom 1201" });
  // The court continued the first date; the hearings list and calendar show both, the first marked continued.
  const [firstHearing] = await db.select({ id: matterHearings.id, version: matterHearings.version }).from(matterHearings).where(eq(matterHearings.matterId, m12));
  await continueHearing(attorney, { idempotencyKey: newIdempotencyKey(), id: firstHearing!.id, version: firstHearing!.version, hearingDate: ahead(9), hearingTime: "09:30", place: "Seattle Courthouse, Courtroom 1201" }, meta, db);
  await recordPosition(prosecutor, { id: m12, version: await version(m12), position: "no_objection" }, meta, db);
  await addCommunication(prosecutor, { idempotencyKey: newIdempotencyKey(), matterId: m12, occurredOn: ago(10), channel: "email", summary: "Reviewed the petition; no objection. Will sign the proposed order at the hearing." }, meta, db);
  await hours(m12, 20, "4", "drafting");
  await hours(m12, 21, "1", "court");

  // 14: continued once, hearing reset; noticed to the Seattle City Attorney.
  const m14 = await assigned(14, [await conviction(14, SEATTLE_MUNI, "SMC 641188", [{ count: 1, ...PROSTITUTION }], 2600)]);
  await move(m14, "start_drafting");
  await move(m14, "send_for_review");
  await move(m14, "file", { filedOn: ago(40), court: "Seattle Municipal Court", caseNumber: "SMC 641188" });
  await notice(m14, people.cityAttorneyId, 40);
  await move(m14, "set_hearing", { hearingDate: ago(5), hearingTime: "13:30", place: "Seattle Municipal Court, Courtroom 1002" });
  await move(m14, "continue", { note: "Interpreter was not available; reset by the clerk." });
  await move(m14, "set_hearing", { hearingDate: ahead(16), hearingTime: "13:30", place: "Seattle Municipal Court, Courtroom 1002" });

  // 2: granted, order transmitted, verification under way (WATCH re-checks still to come).
  const c2a = await conviction(2, SEATTLE_MUNI, "SMC 577730", [{ count: 1, ...PROSTITUTION }], 4300);
  const c2b = await conviction(2, KENT_MUNI, "K15-2241", [{ count: 1, ...TRESPASS_2 }], 4100);
  const m2 = await assigned(2, [c2a, c2b]);
  await move(m2, "start_drafting");
  await move(m2, "send_for_review");
  await move(m2, "file", { filedOn: ago(75), court: "Seattle Municipal Court", caseNumber: "SMC 577730" });
  await notice(m2, people.cityAttorneyId, 75);
  await move(m2, "set_hearing", { hearingDate: ago(45), hearingTime: "10:00", place: "Seattle Municipal Court, Courtroom 1001" });
  await move(m2, "grant", { orderOn: ago(45), counts: [`${c2a}:1`, `${c2b}:1`] });
  await move(m2, "transmit_order");
  await recordChecklistStep(attorney, { idempotencyKey: newIdempotencyKey(), matterId: m2, step: "clerk_sent_wsp", doneOn: ago(44) }, meta, db);
  await recordChecklistStep(attorney, { idempotencyKey: newIdempotencyKey(), matterId: m2, step: "clerk_sent_local", doneOn: ago(44) }, meta, db);
  await recordChecklistStep(survivors[2]!.advocate, { idempotencyKey: newIdempotencyKey(), matterId: m2, step: "survivor_told", doneOn: ago(44), note: "Told in person at the drop-in." }, meta, db);
  await recordChecklistStep(attorney, { idempotencyKey: newIdempotencyKey(), matterId: m2, step: "watch_30", doneOn: ago(14), note: "WATCH still shows the Kent conviction; recheck at 60 days." }, meta, db);
  await hours(m2, 80, "2.5", "drafting");
  await hours(m2, 45, "1.5", "court");

  // 16: on hold at the survivor's wish; a pending charge is recorded.
  await addPendingCharge(survivors[16]!.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: survivors[16]!.id, jurisdiction: "washington", court: "Tacoma Municipal Court", offense: "Prostitution", citation: "RCW 9A.88.030", prostitution: true, filedOn: ago(60) }, meta, db);
  const m16 = await assigned(16, [await conviction(16, KC_DISTRICT, "2A0551093", [{ count: 1, ...PROSTITUTION }], 3000)]);
  await move(m16, "hold", { note: "She asked to pause until her housing is settled." }, survivors[16]!.advocate);

  // When each matter was opened (the commands stamp today): before its filing, so the dashboard's "days
  // from opened to filed" and the matters' age mean something.
  const openedDaysAgo: [string, number][] = [[m0, 3], [m1, 10], [m5, 35], [m3, 320], [m3b, 50], [m6, 120], [m8, 70], [m10, 95], [m12, 130], [m14, 160], [m2, 210], [m16, 90]];
  for (const [id, days] of openedDaysAgo) await db.update(vacaturMatters).set({ createdAt: subDays(today, days) }).where(eq(vacaturMatters.id, id));

  // Matters carried to an order over the last 18 months and closed since (granted, partly granted, denied):
  // the grant rate, the days from filing to order and the convictions vacated have a history.
  type Conviction = [Court, string, AddConvictionInput["counts"]];
  const concluded = async (index: number, records: Conviction[], who: SessionUser, days: { opened: number; filed: number; order: number }, outcome: "grant" | "grant_partially" | "deny") => {
    const ids: string[] = [];
    for (const [court, caseNumber, counts] of records) ids.push(await conviction(index, court, caseNumber, counts, days.opened + 1500));
    const id = await assigned(index, ids, who);
    await move(id, "start_drafting", {}, who);
    await move(id, "send_for_review", {}, who);
    await move(id, "file", { filedOn: ago(days.filed), court: records[0]![0].courtName, caseNumber: records[0]![1] }, who);
    await hours(id, days.filed + 3, "4.75", "drafting", who);
    await move(id, "set_hearing", { hearingDate: ago(days.order), hearingTime: "09:00", place: "Seattle Municipal Court, Courtroom 1001" }, who);
    const keys = records.flatMap(([, , counts], i) => counts.map((c) => `${ids[i]}:${c.count}`));
    await move(id, outcome, { orderOn: ago(days.order), counts: outcome === "grant_partially" ? keys.slice(0, 1) : keys }, who);
    if (outcome !== "deny") {
      await move(id, "transmit_order", {}, who);
      await recordChecklistStep(who, { idempotencyKey: newIdempotencyKey(), matterId: id, step: "wsp_updated", doneOn: ago(days.order - 25) }, meta, db);
      await move(id, "verify", {}, who);
    }
    await move(id, "close", {}, who);
    const settled = subDays(today, days.order - 30);
    await db.update(vacaturMatters).set({ createdAt: subDays(today, days.opened), statusChangedAt: settled, lastActivityAt: settled }).where(eq(vacaturMatters.id, id));
  };
  await concluded(21, [[SEATTLE_MUNI, "SMC 552190", [{ count: 1, ...PROSTITUTION }]]], attorney, { opened: 520, filed: 430, order: 380 }, "grant");
  await concluded(23, [[SEATTLE_MUNI, "SMC 560044", [{ count: 1, ...LOITERING }]]], people.attorney2, { opened: 470, filed: 400, order: 340 }, "deny");
  await concluded(
    25,
    [
      [SEATTLE_MUNI, "SMC 571502", [{ count: 1, ...PROSTITUTION }]],
      [KENT_MUNI, "K16-1187", [{ count: 1, ...TRESPASS_2 }]],
    ],
    attorney,
    { opened: 330, filed: 260, order: 215 },
    "grant",
  );
  await concluded(26, [[SEATTLE_MUNI, "SMC 583391", [{ count: 1, ...PROSTITUTION }, { count: 2, ...LOITERING }]]], people.attorney2, { opened: 250, filed: 190, order: 150 }, "grant_partially");
  await concluded(27, [[SEATTLE_MUNI, "SMC 590876", [{ count: 1, ...PROSTITUTION }]]], attorney, { opened: 140, filed: 100, order: 70 }, "grant");

}
