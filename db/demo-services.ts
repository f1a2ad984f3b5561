import { addDays, differenceInCalendarDays, format } from "date-fns";
import { inArray } from "drizzle-orm";
import type { SessionUser } from "../lib/auth/sessions";
import { pacificToday } from "../lib/format";
import { newIdempotencyKey } from "../lib/idempotency";
import type { ServiceCategory } from "../lib/survivors/services";
import { recordService } from "../lib/survivors/services-commands";
import type { Db } from "./client";
import { survivors as survivorsTable } from "./schema/survivors";

// Demo services: what the two demo advocates gave each demo survivor from intake to today (intakes
// spread over the last 18 months), recorded through the app's own command, so the funder report has
// new and continuing people in every quarter. Deterministic, like the rest of the demo.

// Emotional support and advocacy are the bulk of an advocate's work; shelter and justice help are rarer.
const CATEGORIES: ServiceCategory[] = [
  "emotional_support_safety",
  "emotional_support_safety",
  "emotional_support_safety",
  "personal_advocacy",
  "personal_advocacy",
  "information_referral",
  "information_referral",
  "shelter_housing",
  "justice_assistance",
];
const MINUTES = [null, 15, 30, 30, 45, 60, 90, 120];

function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
  return { pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!, int: (n: number) => Math.floor(next() * n) };
}

export async function seedDemoServices(db: Db, caseload: { id: string; advocate: SessionUser }[]): Promise<number> {
  const random = generator(20_260_401);
  const meta = { ip: null, userAgent: "demo seed" };
  const today = new Date(`${pacificToday()}T12:00:00Z`);
  const rows = await db
    .select({ id: survivorsTable.id, intakeDate: survivorsTable.intakeDate })
    .from(survivorsTable)
    .where(inArray(survivorsTable.id, caseload.map((c) => c.id)));
  const intakeOf = new Map(rows.map((r) => [r.id, new Date(`${r.intakeDate}T12:00:00Z`)]));
  let recorded = 0;
  for (const { id, advocate } of caseload) {
    const intake = intakeOf.get(id)!;
    const span = Math.max(0, differenceInCalendarDays(today, intake));
    // The first contact is the intake day; then a few more, spread over the months since.
    const days = [0, ...Array.from({ length: 1 + random.int(5) }, () => random.int(span + 1))].sort((a, b) => a - b);
    for (const offset of days) {
      await recordService(
        advocate,
        { idempotencyKey: newIdempotencyKey(), survivorId: id, category: offset === 0 ? "emotional_support_safety" : random.pick(CATEGORIES), occurredOn: format(addDays(intake, offset), "yyyy-MM-dd"), minutes: random.pick(MINUTES) },
        meta,
        db,
      );
      recorded += 1;
    }
  }
  return recorded;
}
