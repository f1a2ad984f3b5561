import { addDays, format, subDays } from "date-fns";
import type { SessionUser } from "../lib/auth/sessions";
import { pacificToday } from "../lib/format";
import { createRelease, revokeRelease } from "../lib/releases/commands";
import type { ReleaseCategory } from "../lib/releases/constants";
import { addNote, changeSurvivorStatus, createSurvivor, requestTransfer, setSurvivorShare } from "../lib/survivors/commands";
import type { Service } from "../lib/organizations/constants";
import { createReferral, transitionReferral } from "../lib/referrals/commands";
import type { ReferralAction } from "../lib/referrals/machine";
import { eq } from "drizzle-orm";
import { referrals } from "./schema/referrals";
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  GENDER_IDENTITIES,
  RACE_ETHNICITIES,
  REFERRAL_SOURCES,
  type NoteKind,
} from "../lib/survivors/constants";
import type { Db } from "./client";
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_PREFERRED_NAMES } from "./demo-names";
import { newIdempotencyKey } from "../lib/idempotency";

// The demo caseload: about 40 made-up survivors of the Organization for Prostitution Survivors, spread
// over the two demo advocates, written through the same commands the app uses (validation, encryption,
// timeline and audit). Every person here is fictional: names are assembled from common name lists,
// phone numbers are in the 555-01xx range reserved for fiction, emails use example.org, and every
// legal name carries the "(demo)" mark so no one mistakes the demo for real data.

const FIRST = DEMO_FIRST_NAMES;
const LAST = DEMO_LAST_NAMES;
const PREFERRED = DEMO_PREFERRED_NAMES;
const PRONOUNS = ["she/her", "she/her", "she/her", "they/them", "she/they", null];
const LANGUAGES = [["English"], ["English", "Spanish"], ["Spanish"], ["English"], ["Vietnamese", "English"], ["Russian"], ["English"], ["Tigrinya"]];
const COUNTIES = ["King", "King", "King", "Pierce", "Snohomish", "King", null];
const NOTES: [NoteKind, string][] = [
  ["contact", "Met at the drop-in center. Talked about housing options; she wants to wait on shelter until her court date."],
  ["advocacy", "Went over what vacatur can and cannot do (background checks, firearms, immigration). Wants to talk to Legal Hope."],
  ["safety", "Updated safety plan: changed phone number, uses the code word if she cannot talk."],
  ["contact", "Text check-in at the safe time. Doing okay; asked for bus passes."],
  ["advocacy", "Accompanied to the benefits office. Application submitted."],
  ["contact", "Missed the appointment; left a message without naming the agency as agreed."],
];

/** A small deterministic generator, so every fresh demo database looks the same. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, chance: (p: number) => next() < p, int: (n: number) => Math.floor(next() * n) };
}

const iso = (date: Date) => format(date, "yyyy-MM-dd");

type DemoPeople = {
  lead: SessionUser;
  advocates: [SessionUser, SessionUser];
  attorney: SessionUser;
  partner: SessionUser;
  legalHopeId: string;
  bestId: string;
  stolenYouthId: string;
  againstSlaveryId: string;
};

export async function seedDemoSurvivors(db: Db, people: DemoPeople): Promise<{ id: string; advocate: SessionUser }[]> {
  const random = generator(20_130_121);
  const meta = { ip: null, userAgent: "demo seed" };
  const today = new Date(`${pacificToday()}T12:00:00Z`);
  const created: { id: string; advocate: SessionUser }[] = [];

  for (let i = 0; i < 40; i += 1) {
    const advocate = people.advocates[i % 2]!;
    const first = FIRST[i]!;
    const last = random.pick(LAST);
    const intake = subDays(today, 20 + random.int(520));
    const born = subDays(intake, 365 * (18 + random.int(30)) + random.int(365));
    const result = await createSurvivor(
      advocate,
      {
        idempotencyKey: newIdempotencyKey(),
        preferredName: random.chance(0.5) ? random.pick(PREFERRED) : first,
        pronouns: random.pick(PRONOUNS),
        legalName: `${first} ${last} (demo)`,
        aliases: random.chance(0.4) ? [`${first.slice(0, 3)} ${random.pick(LAST)}`] : [],
        dateOfBirth: iso(born),
        phone: random.chance(0.8) ? `206-555-01${String(i).padStart(2, "0")}` : null,
        email: random.chance(0.5) ? `${first.toLowerCase()}.${i}@example.org` : null,
        address: random.chance(0.3) ? "PO Box 257, Olympia, WA 98507 (ACP substitute address)" : null,
        acpParticipant: false,
        county: random.pick(COUNTIES),
        languages: random.pick(LANGUAGES),
        interpreterNeeded: random.chance(0.15),
        referralSource: random.pick(REFERRAL_SOURCES),
        victimizationTypes: random.chance(0.7) ? ["sex_trafficking", "commercial_sexual_exploitation"] : ["commercial_sexual_exploitation"],
        genderIdentity: random.pick(GENDER_IDENTITIES),
        raceEthnicity: random.pick(RACE_ETHNICITIES),
        ageBand: random.pick(AGE_BANDS.filter((b) => b !== "under_18")),
        contactChannels: [random.pick(CONTACT_CHANNELS), "in_person"],
        safeTimes: random.pick(["Weekdays 10am–2pm", "Evenings after 7pm", "Only Tuesdays and Thursdays", null]),
        mayIdentifyAgency: random.pick(["no", "no", "yes", "not_asked"] as const),
        codeWord: random.chance(0.5) ? random.pick(["bluebird", "marigold", "harbor", "lantern"]) : null,
        doNotContact: random.chance(0.3) ? "Do not call the number on her old court papers; someone else answers it." : null,
        intakeDate: iso(intake),
        duplicateDecision: "create_anyway",
      },
      meta,
      db,
    );
    if (result.status !== "created") throw new Error("demo intake unexpectedly stopped at duplicates");
    created.push({ id: result.id, advocate });

    for (let n = 0; n < 1 + random.int(3); n += 1) {
      const [kind, body] = random.pick(NOTES);
      await addNote(
        advocate,
        { idempotencyKey: newIdempotencyKey(), survivorId: result.id, kind, visibility: kind === "safety" ? "restricted" : "normal", contactDate: iso(addDays(intake, 3 + n * 9)), body },
        meta,
        db,
      );
    }
    if (i % 9 === 4) await changeSurvivorStatus(advocate, { id: result.id, version: 1, status: "inactive" }, meta, db);
    if (i % 11 === 7) await changeSurvivorStatus(advocate, { id: result.id, version: 1, status: "closed", closedReason: "goals_met" }, meta, db);
  }

  // Releases: Legal Hope screens vacatur for a dozen; BEST has referral details for a few.
  const release = (index: number, recipient: string, categories: ReleaseCategory[], signedDaysAgo: number, lengthDays = 90) => {
    const { id, advocate } = created[index]!;
    const signedOn = subDays(today, signedDaysAgo);
    return createRelease(
      advocate,
      {
        idempotencyKey: newIdempotencyKey(),
        survivorId: id,
        recipientOrganizationId: recipient,
        categories,
        purpose: recipient === people.legalHopeId ? "Vacatur screening and representation by Legal Hope" : "Job-readiness referral to BEST",
        form: signedDaysAgo % 2 ? "written" : "electronic",
        signedOn: iso(signedOn),
        expiresOn: iso(addDays(signedOn, lengthDays)),
        servicesNotConditioned: true,
        copyProvided: true,
      },
      meta,
      db,
    );
  };
  for (const index of [0, 1, 2, 3, 5, 6, 8, 10, 12, 14]) {
    await release(index, people.legalHopeId, ["identity_contact", "criminal_court", "case_notes"], 5 + index * 3);
  }
  await release(16, people.legalHopeId, ["identity_contact", "criminal_court"], 80); // expires in 10 days
  await release(17, people.legalHopeId, ["criminal_court"], 85); // expires in 5 days
  await release(18, people.legalHopeId, ["identity_contact", "case_notes"], 120); // expired a month ago
  const revoked = await release(19, people.legalHopeId, ["identity_contact", "case_notes"], 30);
  await revokeRelease(created[19]!.advocate, { id: revoked.id, version: 1, survivorId: created[19]!.id, method: "oral_phone", note: "Called to say she is not ready to share yet." }, meta, db);
  for (const index of [0, 3, 20, 21]) await release(index, people.bestId, ["referral_details", "identity_contact"], 12 + index);

  // The lead shares one survivor with the other advocate, and one transfer request waits for her.
  await setSurvivorShare(people.lead, { survivorId: created[0]!.id, userId: people.advocates[1].id, share: true }, meta, db);
  await requestTransfer(
    people.advocates[1],
    { idempotencyKey: newIdempotencyKey(), survivorId: created[2]!.id, requestedFor: people.advocates[1].id, reason: "She asked for an advocate who speaks Vietnamese." },
    meta,
    db,
  );
  // Referrals in every status, answered by the demo partner (BEST) and attorney (Legal Hope).
  type Step = [SessionUser, ReferralAction, string?];
  const referral = async (index: number, to: string, service: Service, mode: "identified" | "anonymous", steps: Step[], options: { draft?: boolean; sentDaysAgo?: number } = {}) => {
    const { id: survivorId, advocate } = created[index]!;
    const { id } = await createReferral(
      advocate,
      { idempotencyKey: newIdempotencyKey(), survivorId, toOrganizationId: to, service, urgency: index % 3 === 0 ? "urgent" : "routine", reason: REASONS[service] ?? "Asked for support.", notes: mode === "identified" ? "Prefers morning appointments." : null, mode, send: !options.draft },
      meta,
      db,
    );
    let version = 1;
    for (const [who, action, note] of steps) version = (await transitionReferral(who, { id, version, action, note: note ?? null }, meta, db)).version;
    if (options.sentDaysAgo) await db.update(referrals).set({ sentAt: subDays(new Date(), options.sentDaysAgo) }).where(eq(referrals.id, id));
  };
  const { partner, attorney } = people;
  await referral(0, people.bestId, "employment", "identified", [[partner, "accept", "Cohort starts on the 1st."], [partner, "start_service"]]);
  await referral(3, people.bestId, "education", "identified", [[partner, "decline", "Our GED cohort is full until January; please refer again then."]]);
  await referral(5, people.stolenYouthId, "housing", "anonymous", [], { sentDaysAgo: 9 });
  await referral(7, people.stolenYouthId, "exit_support", "anonymous", [], { sentDaysAgo: 12 });
  await referral(1, people.legalHopeId, "legal", "anonymous", [[attorney, "accept", "Screening appointment offered."]]);
  await referral(2, people.legalHopeId, "legal", "anonymous", [[attorney, "accept"], [attorney, "start_service"], [attorney, "complete", "Vacatur motion granted for two convictions."]]);
  await referral(4, people.bestId, "employment", "anonymous", [], { draft: true });
  await referral(6, people.bestId, "employment", "anonymous", [[created[6]!.advocate, "withdraw", "She found a job on her own."]]);
  await referral(8, people.bestId, "education", "anonymous", [[partner, "accept"], [partner, "end_without_service", "Could not reach her after three tries at the safe times."]]);
  await referral(9, people.againstSlaveryId, "education", "anonymous", []);
  return created;
}

const REASONS: Partial<Record<Service, string>> = {
  employment: "Wants steady work with daytime hours; has retail experience.",
  education: "Wants to finish a GED.",
  housing: "Needs transitional housing within the month.",
  exit_support: "Asked for peer support from someone with lived experience.",
  legal: "Has prostitution-related convictions blocking housing applications; wants a vacatur screening.",
};
