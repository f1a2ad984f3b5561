import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { convictions, vacaturMatters } from "../../db/schema/vacatur";
import { recordApplicant } from "../../lib/vacatur/matter-applicant";
import { getCourtRecords } from "../../lib/vacatur/queries/court-records";
import { getMatterPage } from "../../lib/vacatur/queries/matter-page";
import { addConviction, updateConviction } from "../../lib/vacatur/records";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { meta } from "./support/factories";
import { assignedMatter, matterVersion, prostitutionConviction } from "./support/matter-world";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const routesOf = (page: Awaited<ReturnType<typeof getMatterPage>>) =>
  page.convictions.flatMap((c) => c.screen?.counts.flatMap((count) => count.routes.map((r) => r.route)) ?? []);

describe("who applies on a matter (RCW 9.96.060(7), a family member for a survivor who died by homicide)", () => {
  it("the screen shows RCW 9.96.060(7) only once the attorney records a family member's application; audited with the field's name only", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    expect(routesOf(await getMatterPage(w.attorney, w.matterId, meta, db))).not.toContain("rcw_9_96_060_7");

    const { version } = await matterVersion(db, w.matterId);
    await recordApplicant(w.attorney, { id: w.matterId, version, homicideFamilyApplicant: "on" }, meta, db);
    expect(routesOf(await getMatterPage(w.attorney, w.matterId, meta, db))).toContain("rcw_9_96_060_7");

    const events = await db.select({ action: auditEvents.action, details: auditEvents.details }).from(auditEvents).where(eq(auditEvents.targetId, w.matterId));
    const recorded = events.filter((e) => e.action === "matter.applicant_recorded");
    expect(recorded).toHaveLength(1);
    expect(JSON.stringify(recorded[0]!.details)).not.toMatch(/true|false/);
  });

  it("is refused to the prosecutor, another legal organization's attorney and the legal organization's other attorneys, and the matter is unchanged", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const before = await matterVersion(db, w.matterId);
    for (const outsider of [w.prosecutor, w.otherProsecutor, w.outsideAttorney, w.orgAttorney]) {
      await refusal(recordApplicant(outsider, { id: w.matterId, version: before.version, homicideFamilyApplicant: "on" }, meta, db));
    }
    const [row] = await db.select({ version: vacaturMatters.version, family: vacaturMatters.homicideFamilyApplicant }).from(vacaturMatters).where(eq(vacaturMatters.id, w.matterId));
    expect(row).toEqual({ version: before.version, family: false });
  });

  it("a save on a page opened before someone else's change is refused, not silently applied", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const { version } = await matterVersion(db, w.matterId);
    await recordApplicant(w.advocate, { id: w.matterId, version, homicideFamilyApplicant: "on" }, meta, db);
    const stale = await refusal(recordApplicant(w.attorney, { id: w.matterId, version, homicideFamilyApplicant: false }, meta, db));
    expect(stale.message).toMatch(/saved changes to this vacatur matter .* after you opened it\. Nothing was saved/);
    const [row] = await db.select({ family: vacaturMatters.homicideFamilyApplicant }).from(vacaturMatters).where(eq(vacaturMatters.id, w.matterId));
    expect(row!.family).toBe(true);
  });
});

describe("restitution recorded per payee", () => {
  it("round-trips each entry, and an unpaid insurer keeps the general misdemeanor route's financial test from passing (RCW 9.96.060(2)(a))", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const { id } = await addConviction(
      w.advocate,
      prostitutionConviction(w.survivorId, {
        caseNumber: "SMC-777001",
        cvpaStatus: "paid",
        restitutionOrder: "ordered",
        restitution: [
          { owedTo: "victim", payment: "paid" },
          { owedTo: "insurer", payment: "unpaid" },
        ],
      }),
      meta,
      db,
    );
    const page = await getCourtRecords(w.advocate, w.survivorId, meta, db);
    const saved = page.convictions.find((c) => c.id === id)!;
    expect({ order: saved.restitutionOrder, entries: saved.restitution }).toEqual({
      order: "ordered",
      entries: [
        { owedTo: "victim", payment: "paid" },
        { owedTo: "insurer", payment: "unpaid" },
      ],
    });
    const general = saved.screen!.counts.flatMap((c) => c.routes).filter((r) => r.route === "rcw_9_96_060_2");
    expect(general.length).toBeGreaterThan(0);
    for (const route of general) expect(route.outcome).not.toBe("appears_eligible");
  });

  it("'ordered' with no payee, or entries without 'ordered', is an error beside the field; the database refuses it too", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const none = await refusal(addConviction(w.advocate, prostitutionConviction(w.survivorId, { restitutionOrder: "ordered", restitution: [] }), meta, db));
    expect(JSON.stringify(none)).toMatch(/Add an entry for each payee/);
    const stray = await refusal(addConviction(w.advocate, prostitutionConviction(w.survivorId, { restitutionOrder: "none", restitution: [{ owedTo: "victim", payment: "unpaid" }] }), meta, db));
    expect(JSON.stringify(stray)).toMatch(/Choose \\"Ordered\\"/);
    await expect(db.update(convictions).set({ restitutionOrder: "ordered", restitution: [] }).where(eq(convictions.id, w.convictionId))).rejects.toThrow();
  });

  it("an edit replaces the entries, versioned", async () => {
    const db = handle.db;
    const w = await assignedMatter(db);
    const [row] = await db.select({ version: convictions.version }).from(convictions).where(eq(convictions.id, w.convictionId));
    const { caseNumber: _c, idempotencyKey: _k, survivorId: _s, ...fields } = prostitutionConviction(w.survivorId);
    await updateConviction(w.advocate, { ...fields, caseNumber: "SMC-612345", id: w.convictionId, version: row!.version, restitutionOrder: "ordered", restitution: [{ owedTo: "other", payment: "paid" }] }, meta, db);
    const [after] = await db.select({ order: convictions.restitutionOrder, entries: convictions.restitution, version: convictions.version }).from(convictions).where(eq(convictions.id, w.convictionId));
    expect(after).toEqual({ order: "ordered", entries: [{ owedTo: "other", payment: "paid" }], version: row!.version + 1 });
  });
});
