import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { feeCases, feeLedgerEntries, feePayments, jurisdictions, operations } from "../../db/schema/fees";
import type { SessionUser } from "../../lib/auth/sessions";
import { KING_COUNTY_DEFAULT_POLICY } from "../../lib/fees/allocation";
import { createFeeCase, recordJohnSchoolSession, recordPayment } from "../../lib/fees/commands";
import { commitImport, previewImport } from "../../lib/fees/import-commands";
import { feeFigureRows, getFeeCase, quarterlyFeeReport } from "../../lib/fees/queries";
import { newIdempotencyKey } from "../../lib/idempotency";
import { setAllocationPolicy, updateJurisdiction } from "../../lib/jurisdictions/commands";
import { getJurisdiction } from "../../lib/jurisdictions/queries";
import { createOperation, updateOperation } from "../../lib/operations/commands";
import { getOperation, listOperations, operationTrendRows } from "../../lib/operations/queries";
import { operationTrends } from "../../lib/operations/trends";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn } from "./support/factories";
import { as, useDatabase } from "./support/matrix/request";

// The demand side beyond a single fee case (issue 14): the clerk's-report import (preview, all or
// nothing, idempotent), operations and the fee cases that followed them, and jurisdictions' allocation
// policies held to the statute's floor.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);

let handle: DatabaseHandle;
/** On PostgreSQL the test files share one database: this file's names and case numbers carry its own tag. */
const TAG = randomBytes(3).toString("hex").toUpperCase();
const w = {} as { kent: string; auburn: string; kentPd: string; auburnPd: string; prosecutor: SessionUser; lead: SessionUser; admin: SessionUser; kentOfficer: SessionUser; auburnOfficer: SessionUser };

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  const db = handle.db;
  const rows = await db
    .insert(jurisdictions)
    .values([
      { name: `Kent ${TAG}`, kind: "city", county: "King", ownPolice: true },
      { name: `Auburn ${TAG}`, kind: "city", county: "King", ownPolice: true },
    ])
    .returning();
  [w.kent, w.auburn] = [rows[0]!.id, rows[1]!.id];
  await setAllocationPolicyDirect(w.kent);
  w.kentPd = (await makeOrganization(db, { type: "law_enforcement", name: `Kent Police Department ${TAG}` })).id;
  w.auburnPd = (await makeOrganization(db, { type: "law_enforcement", name: `Auburn Police Department ${TAG}` })).id;
  w.prosecutor = await signedIn(db, await makeUser(db, { role: "prosecutor" }));
  w.lead = await signedIn(db, await makeUser(db, { role: "program_lead" }));
  w.admin = await signedIn(db, await makeUser(db, { role: "admin" }));
  w.kentOfficer = await signedIn(db, await makeUser(db, { role: "law_enforcement", organizationId: w.kentPd }));
  w.auburnOfficer = await signedIn(db, await makeUser(db, { role: "law_enforcement", organizationId: w.auburnPd }));
});
afterAll(async () => {
  await handle.close();
});

async function setAllocationPolicyDirect(jurisdictionId: string) {
  const { allocationPolicies } = await import("../../db/schema/fees");
  await handle.db.insert(allocationPolicies).values({ jurisdictionId, effectiveFrom: "2013-07-28", lines: [...KING_COUNTY_DEFAULT_POLICY.lines] });
}

const HEADER = "Case No,Court,City,Charge,Dispo,Judgment Date,Fee Assessed,ITP,Agency,Date Paid,Amount Paid,Receipt #";

describe("importing a clerk's receivable report", () => {
  const good = [
    HEADER,
    `KMC-${TAG}-001,Kent Municipal Court,Kent ${TAG},9A.88.110,Conviction,3/14/2025,1500,N,Kent Police Department ${TAG},4/1/2025,500,R-100`,
    `KMC-${TAG}-001,Kent Municipal Court,Kent ${TAG},9A.88.110,Conviction,3/14/2025,1500,N,Kent Police Department ${TAG},5/1/2025,500,R-101`,
    `KMC-${TAG}-002,Kent Municipal Court,Kent ${TAG},RCW 9A.88.110,Deferred prosecution,2025-04-02,833.33,Y,,,,`,
  ].join("\n");

  it("shows a bad row's error in the preview and saves nothing, not even the good rows", async () => {
    as(w.prosecutor.sessionId, "/fees/import");
    const bad = `${good}\nKMC-${TAG}-003,Kent Municipal Court,Kent ${TAG},9A.88.110,Conviction,2/30/2025,1500,N,,,,`;
    const preview = await previewImport(w.prosecutor, { csv: bad });
    expect(preview.summary).toMatchObject({ rows: 4, withErrors: 1, newCases: 2, newPayments: 2 });
    const row = preview.rows.find((r) => r.line === 5)!;
    expect(row.errors.map((e) => e.field)).toContain("dispositionDate");
    const refused = await refusal(commitImport(w.prosecutor, { csv: bad, mapping: preview.mapping, idempotencyKey: newIdempotencyKey() }, meta));
    expect(refused.fieldErrors?.csv?.[0]).toMatch(/nothing was imported/);
    expect(await handle.db.select().from(feeCases).where(eq(feeCases.jurisdictionId, w.kent))).toHaveLength(0);
  });

  it("imports a clean file whole, splits its payments, and changes nothing when the same file comes again", async () => {
    as(w.prosecutor.sessionId, "/fees/import");
    const preview = await previewImport(w.prosecutor, { csv: good });
    expect(preview.summary).toMatchObject({ withErrors: 0, newCases: 2, newPayments: 2 });
    expect(await commitImport(w.prosecutor, { csv: good, mapping: preview.mapping, idempotencyKey: newIdempotencyKey() }, meta)).toEqual({ casesCreated: 2, paymentsCreated: 2 });

    const [first] = await handle.db.select().from(feeCases).where(eq(feeCases.caseNumber, `KMC-${TAG}-001`));
    expect(first).toMatchObject({ statutoryCents: 150_000, assessedCents: 150_000, arrestingAgencyId: w.kentPd, dispositionDate: "2025-03-14" });
    const [reduced] = await handle.db.select().from(feeCases).where(eq(feeCases.caseNumber, `KMC-${TAG}-002`));
    expect(reduced).toMatchObject({ assessedCents: 83_333, inabilityToPayFinding: true, disposition: "deferred_prosecution" });
    const allocations = await handle.db.select().from(feeLedgerEntries).where(and(eq(feeLedgerEntries.feeCaseId, first!.id), eq(feeLedgerEntries.kind, "allocation")));
    expect(allocations.reduce((s, a) => s + a.cents, 0)).toBe(100_000);

    const again = await previewImport(w.prosecutor, { csv: good });
    expect(again.summary).toMatchObject({ newCases: 0, existingCases: 2, newPayments: 0, existingPayments: 2 });
    expect(await commitImport(w.prosecutor, { csv: good, mapping: again.mapping, idempotencyKey: newIdempotencyKey() }, meta)).toEqual({ casesCreated: 0, paymentsCreated: 0 });
    expect(await handle.db.select().from(feePayments).where(eq(feePayments.feeCaseId, first!.id))).toHaveLength(2);
  });

  it("refuses the import to law enforcement", async () => {
    as(w.kentOfficer.sessionId, "/fees/import");
    expect((await refusal(previewImport(w.kentOfficer, { csv: good }))).code).toBe("forbidden");
  });
});

function operationInput(overrides: Record<string, unknown> = {}) {
  return {
    name: "Summer web reverse sting",
    agencyId: w.kentPd,
    partnerAgencyIds: [],
    jurisdictionId: w.kent,
    type: "web_reverse_sting",
    startDate: "2026-07-10",
    startTime: "14:00",
    endDate: "2026-07-10",
    endTime: "23:00",
    staffHours: "40",
    calls: 81,
    arrivals: 10,
    arrests: 7,
    vehiclesImpounded: 1,
    peopleContacted: 2,
    kitsGiven: 3,
    referralsToServices: 1,
    notes: null,
    idempotencyKey: newIdempotencyKey(),
    ...overrides,
  };
}

describe("operations", () => {
  it("are recorded by their agency, seen by it, its partners and the county, and not by another agency", async () => {
    as(w.kentOfficer.sessionId, "/operations/new");
    const { id } = await createOperation(w.kentOfficer, operationInput(), meta);
    const [row] = await handle.db.select().from(operations).where(eq(operations.id, id));
    // 2 p.m. to 11 p.m. in Seattle, daylight time
    expect(row!.startsAt.toISOString()).toBe("2026-07-10T21:00:00.000Z");
    expect(row!.endsAt.toISOString()).toBe("2026-07-11T06:00:00.000Z");

    expect((await getOperation(w.kentOfficer, id)).canRecord).toBe(true);
    expect((await getOperation(w.prosecutor, id)).canRecord).toBe(false);
    expect((await refusal(getOperation(w.auburnOfficer, id))).code).toBe("not_found");
    expect((await listOperations(w.auburnOfficer, {}, 1)).items.map((o) => o.id)).not.toContain(id);
    as(w.auburnOfficer.sessionId);
    expect((await refusal(updateOperation(w.auburnOfficer, { id, version: 1, ...operationInput() }, meta))).code).toBe("not_found");
    // Another agency's operation cannot be recorded in its name.
    const other = await refusal(createOperation(w.kentOfficer, operationInput({ agencyId: w.auburnPd }), meta));
    expect(other.fieldErrors?.agencyId?.[0]).toMatch(/only for your own agency/);

    // A partner agency sees the operation it joined.
    as(w.kentOfficer.sessionId);
    await updateOperation(w.kentOfficer, { id, version: 1, ...operationInput({ partnerAgencyIds: [w.auburnPd] }) }, meta);
    expect((await getOperation(w.auburnOfficer, id)).partners.map((p) => p.id)).toEqual([w.auburnPd]);
  });

  it("refuses an end before the start and a negative count", async () => {
    as(w.kentOfficer.sessionId);
    const backwards = await refusal(createOperation(w.kentOfficer, operationInput({ endTime: "13:00" }), meta));
    expect(backwards.fieldErrors?.endTime?.[0]).toMatch(/after the start/);
    const negative = await refusal(createOperation(w.kentOfficer, operationInput({ arrests: -1 }), meta));
    expect(negative.fieldErrors?.arrests?.[0]).toMatch(/number of arrests/);
  });

  it("shows the fee cases that followed, and the trend's rates per hour and per operation", async () => {
    as(w.kentOfficer.sessionId);
    const { id } = await createOperation(w.kentOfficer, operationInput({ name: "Autumn sting", startDate: "2026-10-02", endDate: "2026-10-02", startTime: "18:00", endTime: "22:00", calls: 40, arrests: 4, referralsToServices: 2 }), meta);
    as(w.prosecutor.sessionId);
    const feeCase = await createFeeCase(
      w.prosecutor,
      {
        jurisdictionId: w.kent,
        court: "Kent Municipal Court",
        caseNumber: `KMC-${TAG}-777`,
        offense: "patronizing",
        disposition: "diversion",
        dispositionDate: "2026-11-02",
        priors: 0,
        arrestingAgencyId: w.kentPd,
        operationId: id,
        internetAdCount: 0,
        depictionCount: 0,
        impounded: false,
        notImposed: false,
        assessed: "1500",
        inabilityToPayFinding: false,
        johnSchool: true,
        johnSchoolProgram: "Stopping Sexual Exploitation (King County)",
        johnSchoolSessions: 10,
        johnSchoolSessionFee: "60",
        idempotencyKey: newIdempotencyKey(),
      },
      meta,
    );
    await recordPayment(w.prosecutor, { feeCaseId: feeCase.id, receivedOn: "2026-11-10", amount: "300", reference: null, idempotencyKey: newIdempotencyKey() }, meta);
    await recordJohnSchoolSession(w.prosecutor, { feeCaseId: feeCase.id, attendedOn: "2026-11-12", feePaid: true, idempotencyKey: newIdempotencyKey() }, meta);

    expect((await getOperation(w.kentOfficer, id)).feeCases.map((c) => c.id)).toEqual([feeCase.id]);
    expect((await getFeeCase(w.kentOfficer, feeCase.id)).johnSchoolSessionDates).toEqual(["2026-11-12"]);
    // The same session twice is refused, and its fee is not taken twice.
    const twice = await refusal(recordJohnSchoolSession(w.prosecutor, { feeCaseId: feeCase.id, attendedOn: "2026-11-12", feePaid: true, idempotencyKey: newIdempotencyKey() }, meta));
    expect(twice.fieldErrors?.attendedOn?.[0]).toMatch(/already recorded/);
    const trends = operationTrends(await operationTrendRows(w.kentOfficer, {}));
    const q4 = trends.find((t) => t.quarter === "2026-Q4")!;
    expect(q4).toMatchObject({ operations: 1, hours: 4, arrests: 4, callsPerHour: 10, arrestsPerHour: 1, referralsPerOperation: 2, feeCases: 1, assessedCents: 150_000, paidCents: 30_000 });

    // The john-school fee is prevention in the quarter's report, beside the 50/48/2 split of the payment.
    const [kent] = (await quarterlyFeeReport(w.prosecutor, "2026-Q4", { jurisdiction: w.kent })).filter((l) => l.jurisdictionId === w.kent);
    expect(kent!.centsEducationFees).toBe(6_000);
    expect(kent!.commerceDue).toBe(600);
    expect(kent!.preventionShare).toBeCloseTo((15_000 + 6_000) / (30_000 + 6_000), 10);
  });
});

describe("allocation policies", () => {
  const lines = (prevention: string, enforcement: string, commerce: string) => [
    { label: "Service providers", category: "prevention", percent: prevention },
    { label: "Police", category: "enforcement", percent: enforcement },
    { label: "Commerce", category: "commerce", percent: commerce },
  ];

  it("refuses a policy below the statute's floor with the reason, and splits later payments under a new one", async () => {
    // A program lead (whose organization may receive a share) does not set the split; an administrator records it.
    as(w.lead.sessionId, `/jurisdictions/${w.auburn}`);
    expect((await refusal(setAllocationPolicy(w.lead, { jurisdictionId: w.auburn, effectiveFrom: "2026-01-01", lines: lines("70", "28", "2"), idempotencyKey: newIdempotencyKey() }, meta))).code).toBe("forbidden");
    as(w.admin.sessionId, `/jurisdictions/${w.auburn}`);
    const low = await refusal(setAllocationPolicy(w.admin, { jurisdictionId: w.auburn, effectiveFrom: "2026-01-01", lines: lines("49", "49", "2"), idempotencyKey: newIdempotencyKey() }, meta));
    expect(low.fieldErrors?.lines?.join(" ")).toMatch(/50%/);
    const noCommerce = await refusal(setAllocationPolicy(w.admin, { jurisdictionId: w.auburn, effectiveFrom: "2026-01-01", lines: lines("60", "37", "3"), idempotencyKey: newIdempotencyKey() }, meta));
    expect(noCommerce.fieldErrors?.lines?.join(" ")).toMatch(/2%/);

    // Before any policy, a payment is collected but not allocated.
    as(w.prosecutor.sessionId);
    const base = { court: "Auburn Municipal Court", offense: "patronizing", disposition: "conviction", dispositionDate: "2025-12-01", priors: 0, arrestingAgencyId: null, operationId: null, internetAdCount: 0, depictionCount: 0, impounded: false, notImposed: false, assessed: "1500", inabilityToPayFinding: false, johnSchool: false };
    const c = await createFeeCase(w.prosecutor, { ...base, jurisdictionId: w.auburn, caseNumber: `AMC-${TAG}-1`, idempotencyKey: newIdempotencyKey() }, meta);
    await recordPayment(w.prosecutor, { feeCaseId: c.id, receivedOn: "2025-12-15", amount: "100", reference: null, idempotencyKey: newIdempotencyKey() }, meta);
    expect((await feeFigureRows(w.prosecutor, { jurisdiction: w.auburn })).withoutPolicy.has(w.auburn)).toBe(true);

    as(w.admin.sessionId);
    // Not over money already split: the payment of Dec 15 came before any policy.
    const backdated = await refusal(setAllocationPolicy(w.admin, { jurisdictionId: w.auburn, effectiveFrom: "2025-12-01", lines: lines("70", "28", "2"), idempotencyKey: newIdempotencyKey() }, meta));
    expect(backdated.fieldErrors?.effectiveFrom?.[0]).toMatch(/already split/);
    await setAllocationPolicy(w.admin, { jurisdictionId: w.auburn, effectiveFrom: "2026-01-01", lines: lines("70", "28", "2"), idempotencyKey: newIdempotencyKey() }, meta);
    as(w.prosecutor.sessionId);
    await recordPayment(w.prosecutor, { feeCaseId: c.id, receivedOn: "2026-01-05", amount: "100", reference: null, idempotencyKey: newIdempotencyKey() }, meta);
    const detail = await getFeeCase(w.prosecutor, c.id);
    expect(Object.fromEntries(detail.allocations.map((a) => [a.recipientLabel, a.cents]))).toEqual({ "Service providers": 7_000, Police: 2_800, Commerce: 200 });
    expect((await getJurisdiction(w.lead, w.auburn)).policies).toHaveLength(1);
  });

  it("keeps the profile versioned: a stale save is refused, and law enforcement may read but not edit", async () => {
    as(w.lead.sessionId);
    const profile = { name: `Kent ${TAG}`, kind: "city", state: "WA", county: "King", ownPolice: true, population: "136,588", tactics: ["buyer_arrests", "john_school"], keyPartners: "Kent Police Department", narrative: null };
    expect((await updateJurisdiction(w.lead, { id: w.kent, version: 1, ...profile }, meta)).version).toBe(2);
    const stale = await refusal(updateJurisdiction(w.lead, { id: w.kent, version: 1, ...profile, narrative: "Later" }, meta));
    expect(stale.code).toBe("conflict");
    expect((await getJurisdiction(w.kentOfficer, w.kent)).canEdit).toBe(false);
    as(w.kentOfficer.sessionId);
    expect((await refusal(updateJurisdiction(w.kentOfficer, { id: w.kent, version: 2, ...profile }, meta))).code).toBe("forbidden");
    const [row] = await handle.db.select().from(jurisdictions).where(eq(jurisdictions.id, w.kent));
    expect(row).toMatchObject({ population: 136_588, version: 2 });
  });
});

describe("police and survivors", () => {
  it("refuses a release that names a law-enforcement agency, and leaves police agencies out of the choice", async () => {
    const { createSurvivor } = await import("../../lib/survivors/commands");
    const { createRelease } = await import("../../lib/releases/commands");
    const { listRecipientOptions } = await import("../../lib/releases/queries");
    const advocate = await signedIn(handle.db, await makeUser(handle.db, { role: "advocate" }));
    as(advocate.sessionId);
    const intake = await createSurvivor(
      advocate,
      { idempotencyKey: newIdempotencyKey(), preferredName: `Ivy ${TAG}`, intakeDate: "2026-11-01", victimizationTypes: ["sex_trafficking"], contactChannels: ["phone_call"], duplicateDecision: "create_anyway" },
      meta,
      handle.db,
    );
    if (intake.status !== "created") throw new Error("intake stopped at a duplicate check");
    const refused = await refusal(
      createRelease(
        advocate,
        { idempotencyKey: newIdempotencyKey(), survivorId: intake.id, recipientOrganizationId: w.kentPd, categories: ["identity_contact"], purpose: "Police", form: "written", signedOn: "2026-11-20", expiresOn: "2027-01-31", servicesNotConditioned: true },
        meta,
        handle.db,
      ),
    );
    expect(refused.fieldErrors?.recipientOrganizationId?.[0]).toMatch(/law-enforcement agency/);
    expect((await listRecipientOptions(advocate, handle.db)).map((o) => o.id)).not.toContain(w.kentPd);
  });
});
