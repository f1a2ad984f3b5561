import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { proBonoHours, proBonoRates, type ProBonoHoursRow } from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { formatDateTime } from "../format";
import type { RequestMeta } from "../request-meta";
import { isUniqueViolation, parseInput } from "../validation";
import { assertVersion, writeVersioned } from "../versioned-write";
import { loadMatter } from "./access";
import { correctableUntil, HOURS_CORRECTION_DAYS, mayCorrectHours } from "./hours";
import { matterAudit, touch } from "./matter-writes";
import { correctHoursSchema, hourlyRateSchema, removeHoursSchema, type CorrectHoursInput, type HourlyRateInput, type RemoveHoursInput } from "./schema";

// Corrections and removals of pro bono hours, and the rate they are valued at. An entry is never
// overwritten: a correction inserts the corrected entry (pointing at the one it corrects, which is
// marked superseded) and a removal marks the entry removed; both are versioned saves of the entry,
// audited with ids and field names. Only the entry's author, within 30 days of first logging it,
// and only while they may still log hours on the matter (matterAccess logHours).

const ENTRY_NOUN = "hours entry";

/** Loads and locks the caller's own entry, with the matter it is on (refused when they may no longer log hours there). */
async function loadOwnEntry(tx: Db, me: SessionUser, id: string, version: number): Promise<{ entry: ProBonoHoursRow; matter: { id: string; survivorId: string } }> {
  const [entry] = await tx.select().from(proBonoHours).where(eq(proBonoHours.id, id)).for("update").limit(1);
  // Someone else's entry is not found, unless it is on a matter of the caller's own organization, where they see it listed.
  if (!entry || entry.organizationId !== me.organizationId) throw new AppError("not_found");
  const { row } = await loadMatter(tx, me, entry.matterId, { need: "logHours" });
  if (entry.attorneyId !== me.id) throw new AppError("forbidden", "Only the attorney who logged these hours can correct or remove them.");
  await assertVersion(tx, proBonoHours, ENTRY_NOUN, entry, version);
  if (entry.supersededAt || entry.removedAt) throw new AppError("conflict", "These hours were already corrected or removed. Reload the page to see the current entry.");
  if (!mayCorrectHours(me, entry)) {
    throw new AppError("conflict", `Hours can be corrected or removed for ${HOURS_CORRECTION_DAYS} days after they are logged; this entry could be changed until ${formatDateTime(correctableUntil(entry.loggedAt))}.`);
  }
  return { entry, matter: row };
}

/** The author corrects an entry: the corrected entry replaces it in every total; the original is kept, marked superseded. */
export async function correctHours(me: SessionUser, input: CorrectHoursInput, meta: RequestMeta, db: Db = getDb()): Promise<{ id: string; matterId: string }> {
  assertCan(me, "matters.view");
  const data = parseInput(correctHoursSchema, input);
  return db.transaction(async (tx) => {
    const { entry, matter } = await loadOwnEntry(tx, me, data.id, data.version);
    const hundredths = Math.round(Number(data.hours) * 100);
    const corrected = { workedOn: data.workedOn, hundredths, activity: data.activity, description: data.description ?? null };
    const fields = (Object.keys(corrected) as (keyof typeof corrected)[]).filter((f) => corrected[f] !== entry[f]);
    if (fields.length === 0) return { id: entry.id, matterId: matter.id };
    const id = randomUUID();
    const now = new Date();
    await writeVersioned(tx, proBonoHours, {
      noun: ENTRY_NOUN,
      current: entry,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { supersededAt: now },
      audit: matterAudit(matter, "matter.hours_corrected", { hoursEntryId: entry.id, correctionId: id, fields }, meta),
      after: async () => {
        await tx.insert(proBonoHours).values({
          id,
          matterId: entry.matterId,
          attorneyId: entry.attorneyId,
          organizationId: entry.organizationId,
          ...corrected,
          loggedAt: entry.loggedAt,
          correctsId: entry.id,
          createdAt: now,
          updatedAt: now,
          updatedBy: me.id,
        });
      },
    });
    await touch(tx, matter.id);
    return { id, matterId: matter.id };
  });
}

/** The author removes an entry: it leaves every total, and stays in the table, marked removed by them. */
export async function removeHours(me: SessionUser, input: RemoveHoursInput, meta: RequestMeta, db: Db = getDb()): Promise<{ matterId: string }> {
  assertCan(me, "matters.view");
  const data = parseInput(removeHoursSchema, input);
  return db.transaction(async (tx) => {
    const { entry, matter } = await loadOwnEntry(tx, me, data.id, data.version);
    const now = new Date();
    await writeVersioned(tx, proBonoHours, {
      noun: ENTRY_NOUN,
      current: entry,
      expectedVersion: data.version,
      actor: me,
      now,
      changes: { removedAt: now, removedBy: me.id },
      audit: matterAudit(matter, "matter.hours_removed", { hoursEntryId: entry.id }, meta),
    });
    await touch(tx, matter.id);
    return { matterId: matter.id };
  });
}

/**
 * A legal organization's program lead sets the hourly rate its hours are valued at in the CSV.
 * The first rate is an insert (version 0 on the form); later ones are versioned saves.
 */
export async function setHourlyRate(me: SessionUser, input: HourlyRateInput, meta: RequestMeta, db: Db = getDb()): Promise<{ version: number }> {
  assertCan(me, "matters.hours");
  const data = parseInput(hourlyRateSchema, input);
  const hourlyRateCents = Math.round(Number(data.rate) * 100);
  return db.transaction(async (tx) => {
    const [organization] = me.organizationId ? await tx.select({ type: organizations.type }).from(organizations).where(eq(organizations.id, me.organizationId)) : [];
    if (me.role !== "program_lead" || organization?.type !== "legal_aid") throw new AppError("forbidden", "Only a legal organization's program lead sets the rate its hours are valued at.");
    const organizationId = me.organizationId!;
    const audit = { action: "hours.rate_set" as const, target: { type: "organization", id: organizationId }, meta, details: { fields: ["hourlyRateCents"] } };
    const [existing] = await tx.select().from(proBonoRates).where(eq(proBonoRates.organizationId, organizationId)).limit(1);
    if (!existing) {
      if (data.version !== 0) throw new AppError("not_found");
      try {
        await tx.insert(proBonoRates).values({ organizationId, hourlyRateCents, updatedBy: me.id });
      } catch (error) {
        if (isUniqueViolation(error, "pro_bono_rates_organization_key")) throw new AppError("conflict", "Someone set the rate after you opened this page. Nothing was saved; reload the page to see it.");
        throw error;
      }
      await recordAudit(tx, { ...audit, actor: auditActor(me) });
      return { version: 1 };
    }
    const { version } = await writeVersioned(tx, proBonoRates, {
      noun: "hourly rate",
      current: existing,
      expectedVersion: data.version,
      actor: me,
      changes: existing.hourlyRateCents === hourlyRateCents ? null : { hourlyRateCents },
      audit,
    });
    return { version };
  });
}
