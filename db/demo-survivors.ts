import { addDays, format, subDays } from "date-fns";
import type { SessionUser } from "../lib/auth/sessions";
import { pacificToday } from "../lib/format";
import { createRelease, revokeRelease } from "../lib/releases/commands";
import type { ReleaseCategory } from "../lib/releases/constants";
import { addNote, changeSurvivorStatus, createSurvivor, requestTransfer, setSurvivorShare } from "../lib/survivors/commands";
import type { Service } from "../lib/organizations/constants";
import { createReferral, transitionReferral } from "../lib/referrals/commands";
import type { ReferralAction } from "../lib/referrals/machine";
import { eq, sql } from "drizzle-orm";
import type { DeclineReason } from "../lib/referrals/constants";
import { survivors } from "./schema/survivors";
import {
  AGE_BANDS,
  CONTACT_CHANNELS,
  GENDER_IDENTITIES,
  RACE_ETHNICITIES,
  REFERRAL_SOURCES,
  type AgeBand,
  type GenderIdentity,
  type NoteKind,
  type RaceEthnicity,
  type ReferralSource,
  type VictimizationType,
} from "../lib/survivors/constants";
import type { Db } from "./client";
import { DEMO_FIRST_NAMES, DEMO_LAST_NAMES, DEMO_PREFERRED_NAMES } from "./demo-names";
import { newIdempotencyKey } from "../lib/idempotency";

// The demo caseload: about 40 made-up survivors of the Organization for Prostitution Survivors, spread
// over the two demo advocates, written through the same commands the app uses (validation, encryption,
// timeline and audit). Every person here is fictional: names are assembled from common name lists,
// phone numbers are in the 555-01xx range reserved for fiction, emails use example.org, and every
// legal name carries the "(demo)" mark so no one mistakes the demo for real data. Stolen Youth has a
// smaller caseload of its own, so the leads' partnership figures cross organizations (and show what
// small-cell suppression hides). Intakes, referrals and their answers spread over the last 18 months.

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
  /** Stolen Youth's advocate */
  youthAdvocate: SessionUser;
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
    // ...some weeks after intake, not on the day of seeding, so "people served" in a period means something.
    if (i % 9 === 4 || i % 11 === 7) await db.update(survivors).set({ statusChangedAt: new Date(Math.min(addDays(intake, 45).getTime(), subDays(today, 3).getTime())) }).where(eq(survivors.id, result.id));
  }

  const youth = await seedYouthCaseload(db, people.youthAdvocate, today);

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
  // Survivors whose vacatur matters Legal Hope has already carried to an order (db/demo-matters.ts).
  for (const index of [21, 23, 25, 26, 27]) await release(index, people.legalHopeId, ["identity_contact", "criminal_court"], 10);

  // The lead shares one survivor with the other advocate, and one transfer request waits for her.
  await setSurvivorShare(people.lead, { survivorId: created[0]!.id, userId: people.advocates[1].id, share: true }, meta, db);
  await requestTransfer(
    people.advocates[1],
    { idempotencyKey: newIdempotencyKey(), survivorId: created[2]!.id, requestedFor: people.advocates[1].id, reason: "She asked for an advocate who speaks Vietnamese." },
    meta,
    db,
  );
  // Referrals in every status, answered by the demo partner (BEST) and attorney (Legal Hope), sent over
  // the last 18 months and answered some days later (the commands stamp "now"; the dates are moved back after).
  type Step = [SessionUser, ReferralAction, string?, DeclineReason?];
  const referral = async (
    survivor: { id: string; advocate: SessionUser },
    to: string,
    service: Service,
    mode: "identified" | "anonymous",
    steps: Step[],
    options: { draft?: boolean; sentDaysAgo?: number; answerDays?: number } = {},
  ) => {
    const { id } = await createReferral(
      survivor.advocate,
      {
        idempotencyKey: newIdempotencyKey(),
        survivorId: survivor.id,
        toOrganizationId: to,
        service,
        urgency: (options.sentDaysAgo ?? 0) % 3 === 0 ? "urgent" : "routine",
        reason: REASONS[service] ?? "Asked for support.",
        notes: mode === "identified" ? "Prefers morning appointments." : null,
        mode,
        send: !options.draft,
      },
      meta,
      db,
    );
    let version = 1;
    for (const [who, action, note, reason] of steps) {
      version = (await transitionReferral(who, { id, version, action, note: note ?? null, declineReason: action === "decline" ? (reason ?? "no_capacity") : null }, meta, db)).version;
    }
    if (options.sentDaysAgo) await backdateReferral(db, id, options.sentDaysAgo, steps.length ? (options.answerDays ?? 2) : 0);
  };
  const { partner, attorney } = people;
  const ops = (index: number) => created[index]!;
  await referral(ops(0), people.bestId, "employment", "identified", [[partner, "accept", "Cohort starts on the 1st."], [partner, "start_service"]], { sentDaysAgo: 160, answerDays: 3 });
  await referral(ops(3), people.bestId, "education", "identified", [[partner, "decline", "Our GED cohort is full until January; please refer again then."]], { sentDaysAgo: 75, answerDays: 6 });
  await referral(ops(5), people.stolenYouthId, "housing", "anonymous", [], { sentDaysAgo: 9 });
  await referral(ops(7), people.stolenYouthId, "exit_support", "anonymous", [], { sentDaysAgo: 12 });
  await referral(ops(1), people.legalHopeId, "legal", "anonymous", [[attorney, "accept", "Screening appointment offered."]], { sentDaysAgo: 40, answerDays: 2 });
  await referral(ops(2), people.legalHopeId, "legal", "anonymous", [[attorney, "accept"], [attorney, "start_service"], [attorney, "complete", "Vacatur motion granted for two convictions."]], { sentDaysAgo: 400, answerDays: 4 });
  await referral(ops(4), people.bestId, "employment", "anonymous", [], { draft: true });
  await referral(ops(6), people.bestId, "employment", "anonymous", [[created[6]!.advocate, "withdraw", "She found a job on her own."]], { sentDaysAgo: 220, answerDays: 10 });
  await referral(ops(8), people.bestId, "education", "anonymous", [[partner, "accept"], [partner, "end_without_service", "Could not reach her after three tries at the safe times."]], { sentDaysAgo: 300, answerDays: 1 });
  await referral(ops(9), people.againstSlaveryId, "education", "anonymous", []);
  // More answered referrals over the 18 months, from both service organizations, so rates and medians mean something.
  const answered: [number, string, Service, Step[], number, number][] = [
    [11, people.bestId, "employment", [[partner, "accept"]], 500, 2],
    [17, people.bestId, "education", [[partner, "decline", "She lives in Yakima; our cohorts meet in Seattle.", "outside_service_area"]], 450, 5],
    [15, people.bestId, "employment", [[partner, "accept"], [partner, "start_service"], [partner, "complete", "Placed in a warehouse job with daytime hours."]], 350, 3],
    [20, people.bestId, "education", [[partner, "decline", "The program is for people who finished high school.", "not_eligible"]], 260, 8],
    [23, people.bestId, "employment", [[partner, "accept"], [partner, "start_service"]], 130, 2],
    [24, people.bestId, "employment", [[partner, "decline", "She chose to wait until her housing is settled.", "survivor_declined"]], 25, 1],
    [10, people.legalHopeId, "legal", [[attorney, "accept"]], 330, 2],
    [12, people.legalHopeId, "legal", [[attorney, "accept"]], 280, 4],
    [14, people.legalHopeId, "legal", [[attorney, "accept"]], 260, 1],
    [16, people.legalHopeId, "legal", [[attorney, "accept"]], 110, 2],
  ];
  for (const [index, to, service, steps, sentDaysAgo, answerDays] of answered) await referral(ops(index), to, service, "anonymous", steps, { sentDaysAgo, answerDays });
  const fromYouth: [number, string, Service, Step[], number, number][] = [
    [0, people.bestId, "employment", [[partner, "accept"], [partner, "start_service"]], 480, 3],
    [1, people.bestId, "education", [[partner, "accept"]], 380, 2],
    [2, people.bestId, "employment", [[partner, "decline", "No openings for under-18s this cycle.", "not_eligible"]], 290, 4],
    [3, people.bestId, "education", [[partner, "accept"], [partner, "start_service"], [partner, "complete", "Finished the GED prep course."]], 190, 2],
    [4, people.bestId, "employment", [[partner, "accept"]], 100, 5],
    [5, people.bestId, "education", [[partner, "decline", "Cohort full.", "no_capacity"]], 35, 3],
    [6, people.legalHopeId, "legal", [[attorney, "accept"]], 240, 3],
    [7, people.legalHopeId, "legal", [[attorney, "accept"]], 60, 2],
  ];
  for (const [index, to, service, steps, sentDaysAgo, answerDays] of fromYouth) await referral(youth[index]!, to, service, "anonymous", steps, { sentDaysAgo, answerDays });
  return created;
}

/**
 * Moves a referral made today back in time: sent `sentDaysAgo` days ago and answered (with whatever
 * followed) `answerDays` later, its events with it. Audit events keep the real moment of seeding.
 */
async function backdateReferral(db: Db, id: string, sentDaysAgo: number, answerDays: number) {
  const sent = sql`make_interval(days => ${sentDaysAgo}::int)`;
  const later = sql`make_interval(days => ${sentDaysAgo - answerDays}::int)`;
  await db.execute(sql`update referrals set created_at = created_at - ${sent}, sent_at = sent_at - ${sent}, answered_at = answered_at - ${later},
    status_changed_at = status_changed_at - ${answerDays > 0 ? later : sent}, updated_at = updated_at - ${answerDays > 0 ? later : sent} where id = ${id}::uuid`);
  await db.execute(sql`update referral_events set occurred_at = occurred_at - case when to_status in ('draft', 'sent') then ${sent} else ${later} end where referral_id = ${id}::uuid`);
}

type YouthPerson = [GenderIdentity, RaceEthnicity, AgeBand, VictimizationType[], ReferralSource, string];

// Stolen Youth's caseload (young people up to 24): three of them survived labor trafficking, a count
// another organization's lead sees only as "fewer than 5".
const YOUTH: YouthPerson[] = [
  ["woman", "black_african_american", "18_24", ["labor_trafficking"], "outreach", "King"],
  ["nonbinary", "hispanic_latino", "under_18", ["labor_trafficking"], "hotline", "King"],
  ["woman", "white", "18_24", ["labor_trafficking"], "law_enforcement_operation", "Pierce"],
  ["woman", "black_african_american", "under_18", ["sex_trafficking"], "law_enforcement_operation", "King"],
  ["not_reported", "hispanic_latino", "18_24", ["sex_trafficking"], "self", "King"],
  ["woman", "black_african_american", "under_18", ["sex_trafficking"], "outreach", "King"],
  ["nonbinary", "white", "18_24", ["sex_trafficking"], "partner_referral", "Pierce"],
  ["woman", "hispanic_latino", "18_24", ["sex_trafficking"], "outreach", "King"],
  ["woman", "black_african_american", "under_18", ["sex_trafficking"], "law_enforcement_operation", "King"],
  ["nonbinary", "white", "18_24", ["sex_trafficking"], "hotline", "King"],
  ["not_reported", "hispanic_latino", "under_18", ["sex_trafficking"], "outreach", "Pierce"],
  ["woman", "black_african_american", "18_24", ["sex_trafficking"], "law_enforcement_operation", "King"],
];

async function seedYouthCaseload(db: Db, advocate: SessionUser, today: Date): Promise<{ id: string; advocate: SessionUser }[]> {
  const meta = { ip: null, userAgent: "demo seed" };
  const created: { id: string; advocate: SessionUser }[] = [];
  for (const [j, [genderIdentity, raceEthnicity, ageBand, victimizationTypes, referralSource, county]] of YOUTH.entries()) {
    const first = FIRST[FIRST.length - 1 - j]!;
    const last = LAST[(j * 7) % LAST.length]!;
    const intake = subDays(today, 25 + j * 42);
    const born = subDays(intake, 365 * (ageBand === "under_18" ? 16 : 20) + j * 11);
    const result = await createSurvivor(
      advocate,
      {
        idempotencyKey: newIdempotencyKey(),
        preferredName: PREFERRED[(j + 5) % PREFERRED.length]!,
        pronouns: genderIdentity === "nonbinary" ? "they/them" : "she/her",
        legalName: `${first} ${last} (demo)`,
        aliases: [],
        dateOfBirth: iso(born),
        phone: `253-555-01${String(50 + j).padStart(2, "0")}`,
        email: null,
        address: null,
        acpParticipant: false,
        county,
        languages: j % 3 === 1 ? ["Spanish", "English"] : ["English"],
        interpreterNeeded: false,
        referralSource,
        victimizationTypes,
        genderIdentity,
        raceEthnicity,
        ageBand,
        contactChannels: ["text", "in_person"],
        safeTimes: "After school hours",
        mayIdentifyAgency: "no",
        codeWord: null,
        doNotContact: null,
        intakeDate: iso(intake),
        duplicateDecision: "create_anyway",
      },
      meta,
      db,
    );
    if (result.status !== "created") throw new Error("demo intake unexpectedly stopped at duplicates");
    created.push({ id: result.id, advocate });
  }
  return created;
}

const REASONS: Partial<Record<Service, string>> = {
  employment: "Wants steady work with daytime hours; has retail experience.",
  education: "Wants to finish a GED.",
  housing: "Needs transitional housing within the month.",
  exit_support: "Asked for peer support from someone with lived experience.",
  legal: "Has prostitution-related convictions blocking housing applications; wants a vacatur screening.",
};
