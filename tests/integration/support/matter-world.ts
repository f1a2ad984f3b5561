import { eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { vacaturMatters } from "../../../db/schema/vacatur";
import type { SessionUser } from "../../../lib/auth/sessions";
import { pacificToday } from "../../../lib/format";
import type { ReleaseCategory } from "../../../lib/releases/constants";
import { createRelease } from "../../../lib/releases/commands";
import { createSurvivor } from "../../../lib/survivors/commands";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "../../../lib/vacatur/commands";
import { addConviction } from "../../../lib/vacatur/records";
import type { AddConvictionInput } from "../../../lib/vacatur/schema";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./factories";
import { newIdempotencyKey } from "../../../lib/idempotency";

// A partnership for vacatur tests: an agency with its survivor, a legal organization (and another),
// two prosecuting offices, and the people of each, built through the app's own commands.

export function day(offset: number): string {
  return pacificToday(new Date(Date.now() + offset * 86_400_000));
}

export async function matterWorld(db: Db) {
  const agency = await makeOrganization(db, { type: "service_provider" });
  const legal = await makeOrganization(db, { type: "legal_aid" });
  const otherLegal = await makeOrganization(db, { type: "legal_aid" });
  const office = await makeOrganization(db, { type: "prosecutor_office" });
  const otherOffice = await makeOrganization(db, { type: "prosecutor_office" });
  const person = async (role: SessionUser["role"], organizationId: string) => signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId }));
  const w = {
    agency,
    legal,
    otherLegal,
    office,
    otherOffice,
    advocate: await person("advocate", agency.id),
    colleague: await person("advocate", agency.id),
    lead: await person("program_lead", agency.id),
    attorney: await person("attorney", legal.id),
    orgAttorney: await person("attorney", legal.id),
    legalLead: await person("program_lead", legal.id),
    outsideAttorney: await person("attorney", otherLegal.id),
    prosecutor: await person("prosecutor", office.id),
    otherProsecutor: await person("prosecutor", otherOffice.id),
  };
  const created = await createSurvivor(
    w.advocate,
    { idempotencyKey: newIdempotencyKey(), preferredName: unique("Robin"), legalName: "Robin Q. Example", phone: "206-555-0142", intakeDate: "2026-10-01", victimizationTypes: ["sex_trafficking"], duplicateDecision: "create_anyway" },
    meta,
    db,
  );
  if (created.status !== "created") throw new Error("intake stopped");
  return { ...w, survivorId: created.id };
}

export function giveRelease(db: Db, me: SessionUser, survivorId: string, recipient: string, categories: ReleaseCategory[]) {
  return createRelease(
    me,
    { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: recipient, categories, purpose: "Vacatur petition", form: "written", signedOn: day(-1), expiresOn: day(60), servicesNotConditioned: true },
    meta,
    db,
  );
}

export function prostitutionConviction(survivorId: string, overrides: Partial<AddConvictionInput> = {}): AddConvictionInput {
  return {
    idempotencyKey: newIdempotencyKey(),
    survivorId,
    courtType: "municipal",
    courtName: "Seattle Municipal Court",
    courtLocality: "Seattle",
    caseNumber: "SMC-612345",
    prosecutingAuthority: "city_attorney",
    prosecutingOffice: "Seattle City Attorney's Office",
    counts: [
      { count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" },
      { count: 2, offense: "Theft 3", citation: "RCW 9A.56.050", offenseClass: "gross_misdemeanor", category: "other", enhancement: "none" },
    ],
    disposition: "guilty_plea",
    dispositionDate: "2015-06-02",
    sentencingDate: "2015-06-02",
    supervisionEndDate: "2016-06-02",
    cvpaAmount: "500",
    cvpaStatus: "unpaid",
    restitutionOrder: "none",
    source: "court_docket",
    verifiedOn: "2026-10-05",
    citedRoute: "RCW 9.96.070",
    ...overrides,
  };
}

export async function matterVersion(db: Db, id: string) {
  const [row] = await db.select({ version: vacaturMatters.version, status: vacaturMatters.status }).from(vacaturMatters).where(eq(vacaturMatters.id, id));
  return row!;
}

export async function moveMatter(db: Db, me: SessionUser, id: string, action: string, extra: Record<string, unknown> = {}) {
  const { version } = await matterVersion(db, id);
  return transitionMatter(me, { id, version, action: action as never, ...extra }, meta, db);
}

/** A matter with the legal organization (released), assigned to the attorney, conflict cleared. */
export async function assignedMatter(db: Db) {
  const w = await matterWorld(db);
  const legalRelease = await giveRelease(db, w.advocate, w.survivorId, w.legal.id, ["identity_contact", "criminal_court"]);
  const conviction = await addConviction(w.advocate, prostitutionConviction(w.survivorId), meta, db);
  const { id } = await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [conviction.id], legalOrganizationId: w.legal.id }, meta, db);
  await assignAttorney(w.legalLead, { id, version: 1, attorneyId: w.attorney.id }, meta, db);
  await attestConflict(w.attorney, { id, version: 2, decision: "no_conflict" }, meta, db);
  return { ...w, matterId: id, convictionId: conviction.id, legalReleaseId: legalRelease.id };
}
