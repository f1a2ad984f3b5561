import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { allocationPolicies, feeCases, feeLedgerEntries, feePayments, jurisdictions } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import type { SessionUser } from "../../lib/auth/sessions";
import { KING_COUNTY_DEFAULT_POLICY } from "../../lib/fees/allocation";
import { changeFeeStatus, createFeeCase, recordPayment } from "../../lib/fees/commands";
import { feeFigureRows, getFeeCase, listFeeCases } from "../../lib/fees/queries";
import { feeFigures } from "../../lib/fees/rates";
import { pacificToday } from "../../lib/format";
import { newIdempotencyKey } from "../../lib/idempotency";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn } from "./support/factories";
import { as, useDatabase } from "./support/matrix/request";

// Sex-buyer fee cases (issue 14): the statute's amounts and floor enforced on the server, the ledger's
// split adding up, payments moving the status, the append-only money tables, and the scope rule of
// lib/fees/access.ts for every role: a prosecutor records in their county, law enforcement sees only
// its agency's cases read-only, and the survivor-side roles see nothing.

vi.mock("../../db/client", async (importOriginal) => ({ ...(await importOriginal<object>()), getDb: (await import("./support/matrix/request")).currentDb }));
vi.mock("../../lib/auth/config", async () => (await import("./support/matrix/request")).authConfigMock);
vi.mock("next-auth", async () => (await import("./support/matrix/request")).nextAuthMock);
vi.mock("next/headers", async () => (await import("./support/matrix/request")).headersMock);
vi.mock("next/cache", async () => (await import("./support/matrix/request")).cacheMock);

let handle: DatabaseHandle;
/** On PostgreSQL the test files share one database: this file's names and case numbers carry its own tag. */
const TAG = randomBytes(3).toString("hex").toUpperCase();
const w = {} as {
  kent: string;
  tacoma: string;
  kentPd: string;
  tacomaPd: string;
  prosecutor: SessionUser;
  pierceProsecutor: SessionUser;
  lead: SessionUser;
  admin: SessionUser;
  kentOfficer: SessionUser;
  tacomaOfficer: SessionUser;
  advocate: SessionUser;
  attorney: SessionUser;
  partner: SessionUser;
};

beforeAll(async () => {
  handle = await openTestDatabase();
  useDatabase(handle);
  const db = handle.db;
  const [kent, tacoma] = await db
    .insert(jurisdictions)
    .values([
      { name: `Kent ${TAG}`, kind: "city", county: "King", ownPolice: true },
      { name: `Tacoma ${TAG}`, kind: "city", county: "Pierce", ownPolice: true },
    ])
    .returning();
  w.kent = kent!.id;
  w.tacoma = tacoma!.id;
  await db.insert(allocationPolicies).values({ jurisdictionId: w.kent, effectiveFrom: "2013-07-28", lines: [...KING_COUNTY_DEFAULT_POLICY.lines] });
  w.kentPd = (await makeOrganization(db, { type: "law_enforcement" })).id;
  w.tacomaPd = (await makeOrganization(db, { type: "law_enforcement" })).id;
  const pierceOffice = await makeOrganization(db, { type: "prosecutor_office" });
  await db.update(organizations).set({ county: "Pierce" }).where(eq(organizations.id, pierceOffice.id));
  const user = async (role: Parameters<typeof makeUser>[1]["role"], organizationId?: string) => signedIn(db, await makeUser(db, { secondFactor: true, role, organizationId }));
  w.prosecutor = await user("prosecutor");
  w.pierceProsecutor = await user("prosecutor", pierceOffice.id);
  w.lead = await user("program_lead");
  w.admin = await user("admin");
  w.kentOfficer = await user("law_enforcement", w.kentPd);
  w.tacomaOfficer = await user("law_enforcement", w.tacomaPd);
  w.advocate = await user("advocate");
  w.attorney = await user("attorney");
  w.partner = await user("partner");
});
afterAll(async () => {
  await handle.close();
});

let caseCounter = 0;
function feeCaseInput(overrides: Record<string, unknown> = {}) {
  caseCounter += 1;
  return {
    jurisdictionId: w.kent,
    court: "Kent Municipal Court",
    caseNumber: `KMC-${TAG}-${String(caseCounter).padStart(5, "0")}`,
    offense: "patronizing",
    disposition: "conviction",
    dispositionDate: "2026-03-02",
    priors: 0,
    arrestingAgencyId: w.kentPd,
    internetAdCount: 0,
    depictionCount: 0,
    impounded: false,
    notImposed: false,
    assessed: "1500",
    inabilityToPayFinding: false,
    idempotencyKey: newIdempotencyKey(),
    ...overrides,
  };
}

async function record(me: SessionUser, overrides: Record<string, unknown> = {}) {
  as(me.sessionId, "/fees/new");
  return createFeeCase(me, feeCaseInput(overrides), meta);
}

async function pay(me: SessionUser, feeCaseId: string, amount: string, overrides: Record<string, unknown> = {}) {
  as(me.sessionId, `/fees/${feeCaseId}`);
  return recordPayment(me, { feeCaseId, receivedOn: "2026-04-01", amount, reversesPaymentId: null, reference: null, idempotencyKey: newIdempotencyKey(), ...overrides }, meta);
}

async function stored(id: string) {
  const [row] = await handle.db.select().from(feeCases).where(eq(feeCases.id, id));
  return row!;
}

describe("recording a fee case", () => {
  it("stores the statutory fee the offense and priors set, once however often the form is sent", async () => {
    const input = feeCaseInput({ offense: "promoting_2", priors: 1, assessed: "6,000.00" });
    as(w.prosecutor.sessionId, "/fees/new");
    const first = await createFeeCase(w.prosecutor, input, meta);
    const again = await createFeeCase(w.prosecutor, input, meta);
    expect(again.id).toBe(first.id);
    const row = await stored(first.id);
    expect(row).toMatchObject({ statutoryCents: 600_000, assessedCents: 600_000, status: "assessed", recordedByOrganizationId: w.prosecutor.organizationId });
    expect(await handle.db.select().from(feeCases).where(eq(feeCases.caseNumber, input.caseNumber))).toHaveLength(1);
    const [event] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "fee_case.created"), eq(auditEvents.targetId, first.id)));
    // ids only: no amount, court or case number in the trail
    expect(JSON.stringify(event!.details)).not.toMatch(/6000|KMC|Kent Municipal/);
  });

  it("refuses a reduced fee without the court's inability-to-pay finding, and any fee below one third", async () => {
    const withoutFinding = await refusal(record(w.prosecutor, { assessed: "1000" }));
    expect(withoutFinding.fieldErrors?.assessed?.[0]).toMatch(/finds, on the record/);
    const belowFloor = await refusal(record(w.prosecutor, { offense: "patronizing", priors: 1, assessed: "833.32", inabilityToPayFinding: true }));
    expect(belowFloor.fieldErrors?.assessed?.[0]).toMatch(/\$833\.33/);
    const atFloor = await record(w.prosecutor, { priors: 1, assessed: "833.33", inabilityToPayFinding: true });
    expect((await stored(atFloor.id)).assessedCents).toBe(83_333);
    const above = await refusal(record(w.prosecutor, { assessed: "1500.01" }));
    expect(above.fieldErrors?.assessed?.[0]).toMatch(/more than/);
  });

  it("records a judgment that left the fee out as not imposed, and takes no payment on it", async () => {
    const { id } = await record(w.prosecutor, { notImposed: true, assessed: "" });
    expect((await stored(id)).assessedCents).toBe(0);
    const refused = await refusal(pay(w.prosecutor, id, "100"));
    expect(refused.message).toMatch(/imposed no fee/);
  });

  it("refuses a second case with the same court and case number, and a case outside the prosecutor's county", async () => {
    const first = feeCaseInput();
    as(w.prosecutor.sessionId);
    await createFeeCase(w.prosecutor, first, meta);
    const duplicate = await refusal(createFeeCase(w.prosecutor, { ...first, court: "kent municipal court", idempotencyKey: newIdempotencyKey() }, meta));
    expect(duplicate.fieldErrors?.caseNumber?.[0]).toMatch(/already recorded/);
    const elsewhere = await refusal(record(w.prosecutor, { jurisdictionId: w.tacoma }));
    expect(elsewhere.fieldErrors?.jurisdictionId?.[0]).toMatch(/only where your office works/);
  });
});

describe("payments and the ledger", () => {
  it("splits each payment 50/48/2 in the ledger to the cent, and moves the case to paid and back", async () => {
    const { id } = await record(w.prosecutor);
    await pay(w.prosecutor, id, "1000");
    expect((await stored(id)).status).toBe("assessed");
    const done = await pay(w.prosecutor, id, "500.00", { receivedOn: "2026-05-01" });
    expect(done.status).toBe("paid");
    await pay(w.prosecutor, id, "0.01", { receivedOn: "2026-05-02", reversesPaymentId: done.id });
    expect((await stored(id)).status).toBe("assessed");

    const lines = await handle.db.select().from(feeLedgerEntries).where(eq(feeLedgerEntries.feeCaseId, id));
    const payments = lines.filter((l) => l.kind === "payment").map((l) => l.cents);
    expect(payments).toEqual([100_000, 50_000, -1]);
    const allocations = lines.filter((l) => l.kind === "allocation");
    for (const paymentId of new Set(lines.map((l) => l.paymentId))) {
      const paid = lines.find((l) => l.kind === "payment" && l.paymentId === paymentId)!.cents;
      expect(allocations.filter((l) => l.paymentId === paymentId).reduce((s, l) => s + l.cents, 0)).toBe(paid);
    }
    const first = allocations.filter((l) => l.cents > 0 && lines.find((p) => p.kind === "payment" && p.paymentId === l.paymentId)!.cents === 100_000);
    expect(Object.fromEntries(first.map((l) => [l.recipientKey, l.cents]))).toEqual({ direct_services: 50_000, hosting_agency: 48_000, commerce: 2_000 });

    const detail = await getFeeCase(w.prosecutor, id);
    expect(detail.paidCents).toBe(149_999);
    // Every change is on the case's history, newest first, with who made it.
    expect(detail.history.map((e) => e.action)).toEqual(["fee_case.payment_recorded", "fee_case.payment_recorded", "fee_case.payment_recorded", "fee_case.created"]);
    expect(detail.history.every((e) => e.actorName === w.prosecutor.name)).toBe(true);
    expect(detail.allocations.reduce((s, a) => s + a.cents, 0)).toBe(149_999);
  });

  it("refuses a reversal larger than its payment, a payment beyond the balance, and a receipt number recorded twice on a case", async () => {
    const { id } = await record(w.prosecutor);
    const first = await pay(w.prosecutor, id, "200", { reference: "R-1" });
    const tooMuch = await refusal(pay(w.prosecutor, id, "200.01", { reversesPaymentId: first.id }));
    expect(tooMuch.fieldErrors?.amount?.[0]).toMatch(/cannot exceed/);
    const beyond = await refusal(pay(w.prosecutor, id, "1300.01"));
    expect(beyond.fieldErrors?.amount?.[0]).toMatch(/more than the balance of \$1,300\.00/);
    const twice = await refusal(pay(w.prosecutor, id, "50", { reference: "R-1" }));
    expect(twice.fieldErrors?.reference?.[0]).toMatch(/already recorded/);
    const early = await refusal(pay(w.prosecutor, id, "50", { receivedOn: "2026-03-01" }));
    expect(early.fieldErrors?.receivedOn?.[0]).toMatch(/before the disposition/);
  });

  it("undoes a reversed payment's split under the policy it was split under, even after a new policy", async () => {
    const { id } = await record(w.prosecutor, { dispositionDate: "2024-01-10" });
    const paid = await pay(w.prosecutor, id, "100", { receivedOn: "2024-02-01" });
    // A new policy from a later day: the reversal still undoes the 50/48/2 split exactly.
    await handle.db.insert(allocationPolicies).values({
      jurisdictionId: w.kent,
      effectiveFrom: "2026-06-01",
      lines: [
        { key: "direct_services", label: "Local direct service providers", category: "prevention", basisPoints: 9_800 },
        { key: "commerce", label: "Department of Commerce", category: "commerce", basisPoints: 200 },
      ],
    });
    await pay(w.prosecutor, id, "100", { receivedOn: pacificToday(), reversesPaymentId: paid.id });
    const lines = await handle.db.select().from(feeLedgerEntries).where(and(eq(feeLedgerEntries.feeCaseId, id), eq(feeLedgerEntries.kind, "allocation")));
    const byKey = (key: string) => lines.filter((l) => l.recipientKey === key).reduce((s, l) => s + l.cents, 0);
    expect([byKey("direct_services"), byKey("hosting_agency"), byKey("commerce")]).toEqual([0, 0, 0]);
  });

  it("keeps payments and the ledger append-only: UPDATE and DELETE are refused by the database", async () => {
    const { id } = await record(w.prosecutor);
    await pay(w.prosecutor, id, "10");
    for (const statement of [
      sql`update ${feeLedgerEntries} set cents = 0 where fee_case_id = ${id}`,
      sql`delete from ${feeLedgerEntries} where fee_case_id = ${id}`,
      sql`update ${feePayments} set cents = 1 where fee_case_id = ${id}`,
      sql`delete from ${feePayments} where fee_case_id = ${id}`,
    ]) {
      await expect(handle.db.transaction(async (tx) => tx.execute(statement))).rejects.toThrow();
    }
    expect(await handle.db.select().from(feeLedgerEntries).where(eq(feeLedgerEntries.feeCaseId, id))).toHaveLength(4);
  });

  it("shows the payment in the quarter's collection and the cohort's rate", async () => {
    const { id } = await record(w.prosecutor, { dispositionDate: "2025-01-15" });
    await pay(w.prosecutor, id, "750", { receivedOn: "2025-02-01" });
    const rows = await feeFigureRows(w.prosecutor, { jurisdiction: w.kent });
    const q1 = feeFigures(rows.cases, rows.payments, { quarter: "2025-Q1" }).find((r) => r.jurisdictionId === w.kent)!;
    expect(q1).toMatchObject({ eligibleDispositions: 1, assessedCount: 1, centsAssessed: 150_000, centsCollected: 75_000, cohortCollectionRate: 0.5 });
    const commerce = rows.allocations.filter((a) => a.quarter === "2025-Q1" && a.category === "commerce").reduce((s, a) => s + a.cents, 0);
    expect(commerce).toBe(1_500);
  });
});

describe("status", () => {
  it("waives the rest only with the finding on record and at least a third paid, and refuses a stale save", async () => {
    const plain = await record(w.prosecutor);
    const noFinding = await refusal(changeFeeStatus(w.prosecutor, { id: plain.id, version: 1, status: "waived" }, meta));
    expect(noFinding.fieldErrors?.status?.[0]).toMatch(/cannot pay/);

    const reduced = await record(w.prosecutor, { assessed: "900", inabilityToPayFinding: true });
    await pay(w.prosecutor, reduced.id, "499.99");
    const tooLittle = await refusal(changeFeeStatus(w.prosecutor, { id: reduced.id, version: 1, status: "waived" }, meta));
    expect(tooLittle.fieldErrors?.status?.[0]).toMatch(/one third/);
    await pay(w.prosecutor, reduced.id, "0.01");
    expect((await changeFeeStatus(w.prosecutor, { id: reduced.id, version: 1, status: "waived" }, meta)).version).toBe(2);
    const stale = await refusal(changeFeeStatus(w.prosecutor, { id: reduced.id, version: 1, status: "assessed" }, meta));
    expect(stale.code).toBe("conflict");

    const plan = await changeFeeStatus(w.prosecutor, { id: plain.id, version: 1, status: "payment_plan", planMonthly: "125", planFirstDueOn: "2026-04-01" }, meta);
    expect(plan.version).toBe(2);
    expect(await stored(plain.id)).toMatchObject({ status: "payment_plan", planMonthlyCents: 12_500, planFirstDueOn: "2026-04-01" });
  });
});

describe("who sees and records which cases", () => {
  it("shows law enforcement only its agency's cases, read-only", async () => {
    const ours = await record(w.prosecutor);
    const theirs = await record(w.prosecutor, { arrestingAgencyId: null });
    const listed = await listFeeCases(w.kentOfficer, {}, 1);
    expect(listed.items.map((c) => c.id)).toContain(ours.id);
    expect(listed.items.map((c) => c.id)).not.toContain(theirs.id);
    const seen = await getFeeCase(w.kentOfficer, ours.id);
    expect(seen.canRecord).toBe(false);
    // The police read the case, not who in the prosecutor's office did what with it.
    expect(seen.history).toEqual([]);
    expect((await refusal(getFeeCase(w.kentOfficer, theirs.id))).code).toBe("not_found");
    expect((await refusal(getFeeCase(w.tacomaOfficer, ours.id))).code).toBe("not_found");
    expect((await listFeeCases(w.tacomaOfficer, {}, 1)).items).toHaveLength(0);
    expect((await refusal(pay(w.kentOfficer, ours.id, "10"))).code).toBe("forbidden");
    expect((await refusal(record(w.kentOfficer))).code).toBe("forbidden");
  });

  it("keeps another county's prosecutor out, and lets a program lead of the county and an admin record", async () => {
    const { id } = await record(w.prosecutor);
    expect((await refusal(getFeeCase(w.pierceProsecutor, id))).code).toBe("not_found");
    expect((await refusal(pay(w.pierceProsecutor, id, "10"))).code).toBe("not_found");
    expect((await listFeeCases(w.pierceProsecutor, {}, 1)).items.map((c) => c.id)).not.toContain(id);
    await pay(w.lead, id, "10");
    await pay(w.admin, id, "10");
    expect((await getFeeCase(w.lead, id)).paidCents).toBe(2_000);
  });

  it("refuses advocates, attorneys and partner staff everything on the demand side", async () => {
    const { id } = await record(w.prosecutor);
    for (const me of [w.advocate, w.attorney, w.partner]) {
      expect((await refusal(listFeeCases(me, {}, 1))).code).toBe("forbidden");
      expect((await refusal(getFeeCase(me, id))).code).toBe("forbidden");
      expect((await refusal(feeFigureRows(me, {}))).code).toBe("forbidden");
      expect((await refusal(record(me))).code).toBe("forbidden");
      expect((await refusal(pay(me, id, "10"))).code).toBe("forbidden");
    }
  });

  it("downloads the judgment's fee clause with an audit event, and refuses it to an advocate", async () => {
    const { id } = await record(w.prosecutor, { priors: 1, assessed: "2500" });
    const { GET } = await import("../../app/(app)/fees/[id]/clause/route");
    as(w.prosecutor.sessionId, `/fees/${id}/clause`);
    const response = await GET(new Request(`http://localhost/fees/${id}/clause`), { params: Promise.resolve({ id }) });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).toMatch(/RCW 9A\.88\.120/);
    expect(text).toMatch(/\$2,500\.00/);
    expect(text).toContain(`treasurer of Kent ${TAG}`);
    expect(text).toMatch(/2% shall be remitted quarterly to the Department of Commerce/);
    const [event] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "fee_case.clause_downloaded"), eq(auditEvents.targetId, id)));
    expect(event).toBeDefined();

    as(w.advocate.sessionId, `/fees/${id}/clause`);
    const refused = await GET(new Request(`http://localhost/fees/${id}/clause`), { params: Promise.resolve({ id }) });
    expect(refused.status).toBe(403);
    expect(await refused.text()).not.toMatch(/Kent/);
  });

describe("the fee-case list as CSV", () => {
  it("holds the caller's own scope: law enforcement gets its agency's cases only, and the file is audited", async () => {
    const ours = await record(w.prosecutor, { caseNumber: `CSV-OURS-${caseCounter}` });
    const theirs = await record(w.prosecutor, { caseNumber: `CSV-THEIRS-${caseCounter}`, arrestingAgencyId: w.tacomaPd });
    const { GET } = await import("../../app/(app)/fees/export/route");
    as(w.kentOfficer.sessionId, "/fees/export");
    const response = await GET(new Request("http://localhost/fees/export"));
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.split("\r\n")[0]).toContain("Court,Case number,Offense");
    const ourRow = await stored(ours.id);
    expect(text).toContain(ourRow.caseNumber);
    expect(text).not.toContain((await stored(theirs.id)).caseNumber);
    const [event] = await handle.db.select().from(auditEvents).where(and(eq(auditEvents.action, "export.downloaded"), eq(auditEvents.actorUserId, w.kentOfficer.id)));
    expect(event).toBeDefined();

    as(w.advocate.sessionId, "/fees/export");
    expect((await GET(new Request("http://localhost/fees/export"))).status).toBe(403);
  });
});

describe("the import and another county's cases", () => {
  it("never describes a case of a county the importer cannot see, and stops on its line at commit", async () => {
    const { id } = await record(w.prosecutor);
    const kept = await stored(id);
    await pay(w.prosecutor, id, "100", { reference: `SECRET-${TAG}` });
    // A Pierce prosecutor's file names King County's case (with a Tacoma jurisdiction they may record in).
    const csv = ["Court,Case No,Jurisdiction,Offense,Disposition,Disposition Date,Fee Assessed,Payment Date,Payment Amount,Receipt", `${kept.court},${kept.caseNumber},Tacoma ${TAG},9A.88.110,Conviction,2026-03-02,1500,2026-04-01,100,SECRET-${TAG}`].join("\n");
    const { commitImport, previewImport } = await import("../../lib/fees/import-commands");
    as(w.pierceProsecutor.sessionId, "/fees/import");
    const preview = await previewImport(w.pierceProsecutor, { csv });
    expect(preview.rows[0]).toMatchObject({ errors: [], caseAction: "create", paymentAction: "create" });
    expect(JSON.stringify(preview)).not.toMatch(/recorded|another office/);
    expect(JSON.stringify(preview)).not.toContain(`Kent ${TAG}`);
    const refused = await refusal(commitImport(w.pierceProsecutor, { csv, mapping: preview.mapping, idempotencyKey: newIdempotencyKey() }, meta));
    expect(refused.message).toMatch(/^Line 2: this court and case number is already recorded by another office/);
    expect((await getFeeCase(w.prosecutor, id)).paidCents).toBe(10_000);
  });
});
});
