import { addDays, differenceInDays, format, subDays } from "date-fns";
import { eq } from "drizzle-orm";
import { allocate, KING_COUNTY_DEFAULT_POLICY } from "../lib/fees/allocation";
import { EDUCATION_RECIPIENT, JOHN_SCHOOL_DEFAULT, type DemandTactic } from "../lib/fees/constants";
import { minimumAssessmentCents, statutoryFeeCents, type FeeDisposition, type FeeOffense } from "../lib/fees/statute";
import { pacificToday } from "../lib/format";
import type { Db } from "./client";
import { allocationPolicies, feeCases, feeLedgerEntries, feePayments, jurisdictions, operations } from "./schema/fees";
import { organizations } from "./schema/organizations";

// The demand side of the demo: jurisdiction profiles from ../shared/seeds (Kent and Des Moines WA,
// West Sacramento CA, St. Joseph MO) and the King County cities of the Buyer Beware initiative, and two
// years of sex buyers' fee cases in King County with payments, payment plans that went delinquent, and
// reductions for inability to pay, each split under the Ending Exploitation Collaborative's 50/48/2.
// Made up, but shaped like a clerk's receivable report. Written directly (not through the commands):
// hundreds of rows, and no survivor anywhere near them.

const ALL_TACTICS_KENT: DemandTactic[] = [
  "buyer_arrests",
  "reverse_stings",
  "auto_seizure",
  "community_service",
  "public_education",
  "neighborhood_action",
  "soap_orders",
  "john_school",
  "web_stings",
  "license_suspension",
];

type DemoJurisdiction = {
  name: string;
  kind: "county" | "city";
  state: string;
  county: string | null;
  ownPolice: boolean;
  population: number | null;
  tactics: DemandTactic[];
  keyPartners: string | null;
  narrative: string | null;
  /** fee cases over two years, the police agency and the court that hears them */
  cases?: { count: number; agency: string; court: string; prefix: string };
};

export const DEMO_JURISDICTIONS: readonly DemoJurisdiction[] = [
  {
    name: "King County",
    kind: "county",
    state: "WA",
    county: "King",
    ownPolice: false,
    population: 2_270_000,
    tactics: ["buyer_arrests", "reverse_stings", "web_stings", "john_school", "public_education"],
    keyPartners: "King County Prosecuting Attorney's Office; King County Sheriff's Office; Organization for Prostitution Survivors",
    narrative:
      "Unincorporated King County, where the Sheriff's Office is the police. The county's Buyer Beware initiative (2014) joined eight police departments and city attorneys' offices to shift enforcement to the buyers of commercial sex.",
    cases: { count: 20, agency: "King County Sheriff's Office", court: "King County District Court", prefix: "KCDC" },
  },
  {
    name: "Seattle",
    kind: "city",
    state: "WA",
    county: "King",
    ownPolice: true,
    population: 755_000,
    tactics: ["buyer_arrests", "reverse_stings", "web_stings", "john_school", "public_education"],
    keyPartners: "Seattle Police Department; Seattle City Attorney's Office; Seattle Against Slavery",
    narrative: "Seattle police have assisted neighboring departments with web-based reverse stings; the city's buyers go through Seattle Municipal Court.",
    cases: { count: 56, agency: "Seattle Police Department", court: "Seattle Municipal Court", prefix: "SMC" },
  },
  {
    name: "Kent",
    kind: "city",
    state: "WA",
    county: "King",
    ownPolice: true,
    population: 121_000,
    tactics: ALL_TACTICS_KENT,
    keyPartners: "Kent Police Department; Kent City Attorney's Office; King County Prosecuting Attorney's Office",
    narrative:
      "A city of about 121,000 in south King County that has struggled with prostitution and sex trafficking for decades. In November 2018 an investigation closed 18 massage parlors that were fronts for prostitution, and the city charged their customers who were patrons of prostitution.",
    cases: { count: 36, agency: "Kent Police Department", court: "Kent Municipal Court", prefix: "KMC" },
  },
  {
    name: "Des Moines",
    kind: "city",
    state: "WA",
    county: "King",
    ownPolice: true,
    population: 30_000,
    tactics: ALL_TACTICS_KENT,
    keyPartners: "Des Moines Police Department; Des Moines City Attorney's Office; Seattle Police Department (decoys)",
    narrative:
      "A suburb just south of Seattle of about 30,000. The police department runs web-based and street reverse stings, one or two a year, often with decoys from other departments; in October 2014 a web-based reversal with Seattle police arrested nine men.",
    cases: { count: 14, agency: "Des Moines Police Department", court: "Des Moines Municipal Court", prefix: "DMMC" },
  },
  {
    name: "West Sacramento",
    kind: "city",
    state: "CA",
    county: "Yolo",
    ownPolice: true,
    population: 54_000,
    tactics: [
      "auto_seizure",
      "buyer_arrests",
      "community_service",
      "employment_loss",
      "identity_disclosure",
      "it_based",
      "john_school",
      "license_suspension",
      "neighborhood_action",
      "public_education",
      "reverse_stings",
      "soap_orders",
      "web_stings",
    ],
    keyPartners: "West Sacramento Police Department",
    narrative:
      "A city of about 54,000 across the river from Sacramento, with persistent street prostitution downtown for decades, robberies of buyers and harassment of residents by buyers in some neighborhoods. Washington's fee statute does not apply here; the profile is for comparison.",
  },
  {
    name: "St. Joseph",
    kind: "city",
    state: "MO",
    county: "Buchanan",
    ownPolice: true,
    population: 72_000,
    tactics: ["reverse_stings", "web_stings", "buyer_arrests", "public_education"],
    keyPartners: "St. Joseph Police Department; Break Every Chain Coalition",
    narrative:
      "In April 2019 the police and the Break Every Chain Coalition ran a nine-hour web reverse sting (2 to 11 p.m.): over 80 calls, 10 people arrived, 7 arrests. The year before, their outreach gave go-bags with contact information to people in the life.",
  },
];

/** A small deterministic generator, so every fresh demo database holds the same cases. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, chance: (p: number) => next() < p, int: (n: number) => Math.floor(next() * n) };
}

const iso = (date: Date) => format(date, "yyyy-MM-dd");
/** HB 1291 (2013 c 121), which added the 2% to Commerce, took effect on this day. */
const POLICY_FROM = "2013-07-28";

const OFFENSES: readonly FeeOffense[] = [...Array<FeeOffense>(17).fill("patronizing"), "promoting_2", "permitting", "promoting_1"];
const DISPOSITIONS: readonly FeeDisposition[] = ["conviction", "conviction", "conviction", "deferred_prosecution", "deferred_prosecution", "diversion", "diversion", "deferred_sentence"];

export async function seedDemoFees(db: Db, people: { prosecutorOfficeId: string; createdBy: string }): Promise<void> {
  const random = generator(20_130_121);
  const today = new Date(`${pacificToday()}T12:00:00Z`);
  const jurisdictionRows = await db
    .insert(jurisdictions)
    .values(DEMO_JURISDICTIONS.map(({ cases: _cases, ...j }) => j))
    .returning({ id: jurisdictions.id, name: jurisdictions.name, state: jurisdictions.state });
  const agencies = new Map((await db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.type, "law_enforcement"))).map((o) => [o.name, o.id]));

  const placeId = (name: string, state = "WA") => jurisdictionRows.find((j) => j.name === name && j.state === state)!.id;
  const at = (day: string, time: string) => new Date(`${day}T${time}:00-07:00`);

  // The operations the seeds tell of, as they were reported.
  await db.insert(operations).values([
    {
      name: "Spring web reverse sting",
      agencyId: agencies.get("St. Joseph Police Department")!,
      jurisdictionId: placeId("St. Joseph", "MO"),
      type: "web_reverse_sting",
      startsAt: at("2019-04-26", "14:00"),
      endsAt: at("2019-04-26", "23:00"),
      calls: 80,
      arrivals: 10,
      arrests: 7,
      notes: "Over 80 calls in nine hours; 10 arrived, 7 tried to pay. Months of preparation: fake ads, a website, trained decoys, a dry run of the surveillance equipment. With the Break Every Chain Coalition.",
      createdBy: people.createdBy,
    },
    {
      name: "Web-based reversal with Seattle decoys",
      agencyId: agencies.get("Des Moines Police Department")!,
      partnerAgencyIds: [agencies.get("Seattle Police Department")!],
      jurisdictionId: placeId("Des Moines"),
      type: "web_reverse_sting",
      startsAt: at("2014-10-10", "12:00"),
      endsAt: at("2014-10-10", "22:00"),
      arrests: 9,
      notes: "Seattle police provided the undercover decoys: the department's own officers are too well known to buyers.",
      createdBy: people.createdBy,
    },
    {
      name: "Massage-business closures",
      agencyId: agencies.get("Kent Police Department")!,
      jurisdictionId: placeId("Kent"),
      type: "massage_business_enforcement",
      startsAt: at("2018-11-06", "08:00"),
      endsAt: at("2018-11-07", "18:00"),
      staffHours: 160,
      arrests: 4,
      notes: "18 massage parlors that were fronts for prostitution closed; the city will charge their customers who were patrons.",
      createdBy: people.createdBy,
    },
  ]);

  // Recent operations in the King County cities, which the fee cases below follow.
  const recent = new Map<string, { id: string; startsAt: Date; agencyId: string; arrests: number }[]>();
  /** fee cases already following each operation: never more than it made arrests */
  const followed = new Map<string, number>();
  for (const demo of DEMO_JURISDICTIONS) {
    if (!demo.cases) continue;
    const agencyId = agencies.get(demo.cases.agency)!;
    const count = Math.max(2, Math.round(demo.cases.count / 9));
    const rows = Array.from({ length: count }, (_, k) => {
      const start = subDays(today, 40 + Math.round((k * 680) / count) + random.int(20));
      start.setUTCHours(22 + random.int(3), 0, 0, 0);
      const hours = 5 + random.int(5);
      const web = random.chance(0.6);
      const calls = web ? 30 + random.int(60) : 5 + random.int(20);
      const arrivals = Math.round(calls / (5 + random.int(4)));
      return {
        name: `${web ? "Web" : "Street"} reverse sting, ${demo.name}`,
        agencyId,
        jurisdictionId: placeId(demo.name),
        type: web ? ("web_reverse_sting" as const) : ("street_reverse_sting" as const),
        startsAt: start,
        endsAt: new Date(start.getTime() + hours * 3_600_000),
        staffHours: hours * (6 + random.int(6)),
        calls,
        arrivals,
        arrests: Math.max(1, arrivals - random.int(3)),
        vehiclesImpounded: random.int(2),
        peopleContacted: random.int(4),
        kitsGiven: random.int(6),
        referralsToServices: random.int(3),
        createdBy: people.createdBy,
      };
    });
    recent.set(demo.name, await db.insert(operations).values(rows).returning({ id: operations.id, startsAt: operations.startsAt, agencyId: operations.agencyId, arrests: operations.arrests }));
  }

  for (const demo of DEMO_JURISDICTIONS) {
    if (!demo.cases) continue;
    const jurisdictionId = placeId(demo.name);
    const [policy] = await db.insert(allocationPolicies).values({ jurisdictionId, effectiveFrom: POLICY_FROM, lines: [...KING_COUNTY_DEFAULT_POLICY.lines], createdBy: people.createdBy }).returning({ id: allocationPolicies.id });

    for (let n = 0; n < demo.cases.count; n++) {
      const offense = random.pick(OFFENSES);
      const felony = offense === "promoting_1" || offense === "promoting_2";
      const priors = random.chance(0.85) ? 0 : random.chance(0.8) ? 1 : 2;
      const disposed = subDays(today, 7 + random.int(720));
      // Most buyers' cases follow one of the city's operations, disposed of weeks to months later.
      const before = (recent.get(demo.name) ?? []).filter((o) => o.startsAt < subDays(disposed, 14) && (followed.get(o.id) ?? 0) < o.arrests);
      const operation = before.length && random.chance(0.7) ? before[random.int(Math.min(2, before.length))]! : null;
      if (operation) followed.set(operation.id, (followed.get(operation.id) ?? 0) + 1);
      const statutory = statutoryFeeCents(offense, priors);
      // Most judgments impose the full fee; some reduce it on a finding of inability to pay; a few leave it out.
      const roll = random.int(100);
      const notImposed = roll < 10;
      const reduced = !notImposed && roll < 28;
      const floor = minimumAssessmentCents(statutory);
      const assessed = notImposed ? 0 : reduced ? Math.max(floor, Math.round((floor + random.int(statutory - floor)) / 5_000) * 5_000) : statutory;

      // How the money came in: at once, by a plan kept or a plan that stopped, or not yet.
      const path = notImposed ? "none" : random.pick(["lump", "lump", "plan", "plan", "plan", "stopped", "none"] as const);
      const payments: { receivedOn: string; cents: number; reference: string }[] = [];
      let status: "assessed" | "payment_plan" | "paid" | "delinquent" = "assessed";
      let planMonthlyCents: number | null = null;
      let planFirstDueOn: string | null = null;
      const reference = (k: number) => `${demo.cases!.prefix}-R${String(n).padStart(4, "0")}-${k}`;
      if (path === "lump") {
        const on = addDays(disposed, 10 + random.int(50));
        if (on < today) {
          payments.push({ receivedOn: iso(on), cents: assessed, reference: reference(1) });
          status = "paid";
        }
      } else if (path === "plan" || path === "stopped") {
        planMonthlyCents = Math.max(5_000, Math.round(assessed / (6 + random.int(18)) / 500) * 500);
        planFirstDueOn = iso(addDays(disposed, 30));
        status = "payment_plan";
        let paid = 0;
        const stopAfter = path === "stopped" ? 1 + random.int(4) : Number.POSITIVE_INFINITY;
        for (let k = 1; paid < assessed; k++) {
          const on = addDays(disposed, 30 * k + random.int(5));
          if (on >= today) break;
          if (k > stopAfter) {
            status = "delinquent";
            break;
          }
          const cents = Math.min(planMonthlyCents, assessed - paid);
          payments.push({ receivedOn: iso(on), cents, reference: reference(k) });
          paid += cents;
        }
        if (paid >= assessed) status = "paid";
      }

      // King County's john school for some first-time buyers: ten sessions, a fee for each attended.
      const johnSchool = offense === "patronizing" && priors === 0 && !notImposed && random.chance(0.3);
      const sessionsAttended = johnSchool ? Math.min(10, Math.floor(differenceInDays(today, disposed) / 14), 4 + random.int(7)) : 0;
      const [row] = await db
        .insert(feeCases)
        .values({
          jurisdictionId,
          court: felony ? "King County Superior Court" : demo.cases.court,
          caseNumber: `${felony ? "KCSC" : demo.cases.prefix}-${iso(disposed).slice(2, 4)}-${String(1000 + n * 7 + random.int(7)).padStart(5, "0")}`,
          offense,
          disposition: random.pick(DISPOSITIONS),
          dispositionDate: iso(disposed),
          priors,
          arrestingAgencyId: agencies.get(demo.cases.agency) ?? null,
          operationId: operation?.id ?? null,
          johnSchoolProgram: johnSchool ? JOHN_SCHOOL_DEFAULT.program : null,
          johnSchoolSessions: johnSchool ? JOHN_SCHOOL_DEFAULT.sessions : null,
          johnSchoolSessionFeeCents: johnSchool ? 6_000 : null,
          johnSchoolSessionDates: Array.from({ length: sessionsAttended }, (_, k) => iso(addDays(disposed, 14 * (k + 1)))),
          johnSchoolCompletedOn: johnSchool && sessionsAttended >= JOHN_SCHOOL_DEFAULT.sessions ? iso(addDays(disposed, 14 * JOHN_SCHOOL_DEFAULT.sessions)) : null,
          impoundFineCents: offense === "patronizing" && random.chance(0.08) ? 50_000 : null,
          statutoryCents: statutory,
          assessedCents: assessed,
          inabilityToPayFinding: reduced,
          status,
          planMonthlyCents,
          planFirstDueOn,
          recordedByOrganizationId: people.prosecutorOfficeId,
          createdBy: people.createdBy,
          updatedBy: people.createdBy,
        })
        .returning({ id: feeCases.id });
      if (sessionsAttended > 0) {
        await db.insert(feeLedgerEntries).values(
          Array.from({ length: sessionsAttended }, (_, k) => ({
            jurisdictionId,
            feeCaseId: row!.id,
            entryDate: iso(addDays(disposed, 14 * (k + 1))),
            kind: "education_fee" as const,
            recipientKey: EDUCATION_RECIPIENT.key,
            recipientLabel: EDUCATION_RECIPIENT.label,
            recipientCategory: EDUCATION_RECIPIENT.category,
            cents: 6_000,
            createdBy: people.createdBy,
          })),
        );
      }
      if (payments.length === 0) continue;
      const paymentRows = await db
        .insert(feePayments)
        .values(payments.map((p) => ({ feeCaseId: row!.id, ...p, source: "import" as const, createdBy: people.createdBy })))
        .returning({ id: feePayments.id, receivedOn: feePayments.receivedOn, cents: feePayments.cents });
      await db.insert(feeLedgerEntries).values(
        paymentRows.flatMap((p) => {
          const base = { jurisdictionId, feeCaseId: row!.id, paymentId: p.id, entryDate: p.receivedOn, createdBy: people.createdBy };
          return [
            { ...base, kind: "payment" as const, cents: p.cents },
            ...allocate(KING_COUNTY_DEFAULT_POLICY, p.cents)
              .filter((share) => share.cents !== 0)
              .map((share) => ({
              ...base,
              kind: "allocation" as const,
              policyId: policy!.id,
              recipientKey: share.key,
              recipientLabel: share.label,
              recipientCategory: share.category,
              cents: share.cents,
            })),
          ];
        }),
      );
    }
  }
}
