// The records the bench opens, written through the app's own commands as the bench people (as the
// demo seed does, db/demo-survivors.ts): so every encrypted value is sealed with the running key and
// bound to its row, and every timeline event, audit event and notification is what the app writes.
// A few hundred round trips, after the bulk.
import { addDays, format, subDays } from "date-fns";
import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { vacaturMatters } from "../../../db/schema/vacatur";
import type { SessionUser } from "../../../lib/auth/sessions";
import { pacificToday } from "../../../lib/format";
import { newIdempotencyKey } from "../../../lib/idempotency";
import { createReferral, transitionReferral } from "../../../lib/referrals/commands";
import { createRelease } from "../../../lib/releases/commands";
import { addNote, createSurvivor } from "../../../lib/survivors/commands";
import type { NoteKind } from "../../../lib/survivors/constants";
import { recordService } from "../../../lib/survivors/services-commands";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "../../../lib/vacatur/commands";
import { addCommunication, addMatterNote, logHours, recordConclusion, recordNotice } from "../../../lib/vacatur/matter-work";
import { addConviction } from "../../../lib/vacatur/records";
import type { TransitionMatterInput } from "../../../lib/vacatur/schema";

export type SamplePeople = {
  advocate: SessionUser;
  partner: SessionUser;
  attorney: SessionUser;
  legalLead: SessionUser;
  prosecutor: SessionUser;
  partnerOrganizationId: string;
  legalOrganizationId: string;
  prosecutorOfficeId: string;
};

/** The sample survivor's legal name: encrypted, so a page that shows it decrypted it. */
export const SAMPLE_LEGAL_NAME = "Marisol Castillo (bench)";

const iso = (date: Date) => format(date, "yyyy-MM-dd");
const meta = { ip: null, userAgent: "scale fill" };

const NOTES: [NoteKind, string][] = [
  ["contact", "Met at the drop-in center. Talked about housing options; she wants to wait on shelter until her court date."],
  ["advocacy", "Went over what vacatur can and cannot do (background checks, firearms, immigration). Wants to talk to legal aid."],
  ["safety", "Updated safety plan: changed phone number, uses the code word if she cannot talk."],
  ["contact", "Text check-in at the safe time. Doing okay; asked for bus passes."],
  ["advocacy", "Accompanied to the benefits office. Application submitted."],
  ["contact", "Missed the appointment; left a message without naming the agency as agreed."],
];

/** The sample survivor (a rich record in the advocate's caseload), its open referral to the partner, and its matter with the attorney. */
export async function fillSample(db: Db, people: SamplePeople): Promise<{ survivorId: string; referralId: string; matterId: string }> {
  const { advocate, partner, attorney, legalLead, prosecutor } = people;
  const today = new Date(`${pacificToday()}T12:00:00Z`);
  const ago = (days: number) => iso(subDays(today, days));

  const intake = await createSurvivor(
    advocate,
    {
      idempotencyKey: newIdempotencyKey(),
      preferredName: "Mari",
      pronouns: "she/her",
      legalName: SAMPLE_LEGAL_NAME,
      aliases: ["Mari Lopez"],
      dateOfBirth: "1994-03-14",
      phone: "206-555-0142",
      email: "marisol.bench@example.org",
      address: "PO Box 257, Olympia, WA 98507 (ACP substitute address)",
      acpParticipant: true,
      county: "King",
      languages: ["English", "Spanish"],
      interpreterNeeded: false,
      referralSource: "outreach",
      victimizationTypes: ["sex_trafficking", "commercial_sexual_exploitation"],
      genderIdentity: "woman",
      raceEthnicity: "hispanic_latino",
      ageBand: "25_34",
      contactChannels: ["text", "in_person"],
      safeTimes: "Weekdays 10am–2pm",
      mayIdentifyAgency: "no",
      codeWord: "marigold",
      doNotContact: "Do not call the number on her old court papers; someone else answers it.",
      intakeDate: ago(500),
      duplicateDecision: "create_anyway",
    },
    meta,
    db,
  );
  if (intake.status !== "created") throw new Error("the sample intake stopped at duplicates");
  const survivorId = intake.id;

  for (let n = 0; n < 30; n += 1) {
    const [kind, body] = NOTES[n % NOTES.length]!;
    await addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId, kind, visibility: kind === "safety" ? "restricted" : "normal", contactDate: ago(480 - n * 15), body }, meta, db);
  }
  for (const [n, category] of (["personal_advocacy", "emotional_support_safety", "information_referral", "justice_assistance"] as const).entries()) {
    await recordService(advocate, { idempotencyKey: newIdempotencyKey(), survivorId, category, occurredOn: ago(300 - n * 60), minutes: 45 }, meta, db);
  }
  const release = (recipientOrganizationId: string, categories: ("identity_contact" | "criminal_court" | "case_notes" | "referral_details")[], purpose: string) =>
    createRelease(
      advocate,
      { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId, categories, purpose, form: "written", signedOn: ago(30), expiresOn: iso(addDays(today, 335)), servicesNotConditioned: true, copyProvided: true },
      meta,
      db,
    );
  await release(people.partnerOrganizationId, ["identity_contact", "referral_details"], "Job-readiness referral");
  await release(people.legalOrganizationId, ["identity_contact", "criminal_court", "case_notes"], "Vacatur screening and representation");

  // An answered referral to the partner, and the open one the bench opens (identified: the partner's
  // page decrypts the survivor's identity under the release).
  const refer = (to: string, service: "employment" | "education" | "legal", reason: string) =>
    createReferral(advocate, { idempotencyKey: newIdempotencyKey(), survivorId, toOrganizationId: to, service, urgency: "routine", reason, notes: "Prefers morning appointments.", mode: "identified", send: true }, meta, db);
  const earlier = await refer(people.partnerOrganizationId, "education", "Wants to finish a GED.");
  await transitionReferral(partner, { id: earlier.id, version: 1, action: "accept", note: "Cohort starts on the 1st.", declineReason: null }, meta, db);
  const { id: referralId } = await refer(people.partnerOrganizationId, "employment", "Wants steady work with daytime hours; has retail experience.");

  // The matter: two convictions, assigned, screened, filed, noticed, a hearing set; hours, notes, a call.
  const conviction = async (courtName: string, courtLocality: string, caseNumber: string, offense: string, citation: string, daysAgo: number) =>
    (
      await addConviction(
        advocate,
        {
          idempotencyKey: newIdempotencyKey(),
          survivorId,
          courtType: "municipal",
          courtName,
          courtLocality,
          prosecutingAuthority: "city_attorney",
          prosecutingOffice: `${courtLocality} City Attorney's Office`,
          caseNumber,
          counts: [{ count: 1, offense, citation, offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" }],
          disposition: "guilty_plea",
          dispositionDate: ago(daysAgo),
          sentencingDate: ago(daysAgo),
          cvpaAmount: "500",
          cvpaStatus: "paid",
          restitutionOrder: "none",
          source: "court_docket",
          verifiedOn: ago(20),
        },
        meta,
        db,
      )
    ).id;
  const c1 = await conviction("Seattle Municipal Court", "Seattle", "SMC 615402", "Prostitution", "RCW 9A.88.030", 3100);
  const c2 = await conviction("Kent Municipal Court", "Kent", "K17-0093", "Prostitution", "RCW 9A.88.030", 2900);
  const { id: matterId } = await openMatter(advocate, { idempotencyKey: newIdempotencyKey(), survivorId, convictionIds: [c1, c2], legalOrganizationId: people.legalOrganizationId }, meta, db);
  const version = async () => (await db.select({ v: vacaturMatters.version }).from(vacaturMatters).where(eq(vacaturMatters.id, matterId)))[0]!.v;
  const move = async (action: TransitionMatterInput["action"], facts: Partial<TransitionMatterInput> = {}) => transitionMatter(attorney, { id: matterId, version: await version(), action, ...facts }, meta, db);
  await assignAttorney(legalLead, { id: matterId, version: await version(), attorneyId: attorney.id }, meta, db);
  await attestConflict(attorney, { id: matterId, version: await version(), decision: "no_conflict" }, meta, db);
  await move("start_screening");
  for (const convictionId of [c1, c2]) {
    await recordConclusion(attorney, { matterId, version: await version(), convictionId, conclusion: "eligible", route: "rcw_9_96_080", note: "Prostitution conviction; nexus clear from intake." }, meta, db);
  }
  await move("start_drafting");
  await move("send_for_review");
  await move("file", { filedOn: ago(6), court: "Seattle Municipal Court", caseNumber: "SMC 615402" });
  await recordNotice(attorney, { id: matterId, version: await version(), prosecutorOfficeId: people.prosecutorOfficeId, noticeOn: ago(6), noticeMethod: "efile_service", noticeGivenBy: attorney.name }, meta, db);
  await move("set_hearing", { hearingDate: iso(addDays(today, 12)), hearingTime: "09:30", place: "Seattle Municipal Court, Courtroom 1001" });
  for (const [daysAgo, hours, activity] of [[9, "1.5", "screening"], [8, "2", "records"], [7, "3.25", "drafting"], [6, "0.75", "court"]] as const) {
    await logHours(attorney, { idempotencyKey: newIdempotencyKey(), matterId, workedOn: ago(daysAgo), hours, activity }, meta, db);
  }
  await addMatterNote(attorney, { idempotencyKey: newIdempotencyKey(), matterId, body: "She wants the declaration kept to the minimum facts. Review by phone on the safe line, Tuesdays only." }, meta, db);
  await addCommunication(prosecutor, { idempotencyKey: newIdempotencyKey(), matterId, occurredOn: ago(3), channel: "email", summary: "Reviewing the petition; will state a position before the hearing." }, meta, db);
  return { survivorId, referralId, matterId };
}
