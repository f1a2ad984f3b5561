import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import { organizations } from "../../db/schema/organizations";
import { notifications, referrals } from "../../db/schema/referrals";
import type { SessionUser } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { openNotification } from "../../lib/notifications/commands";
import { countUnreadNotifications } from "../../lib/notifications/queries";
import { updatePartnerProfile } from "../../lib/partners/commands";
import { listPartners } from "../../lib/partners/queries";
import { createReferral, transitionReferral } from "../../lib/referrals/commands";
import { countOverdueReferrals, getReferral, listReferrals } from "../../lib/referrals/queries";
import { createRelease, revokeRelease } from "../../lib/releases/commands";
import { createSurvivor, setSurvivorShare } from "../../lib/survivors/commands";
import { getSurvivorPage } from "../../lib/survivors/queries/record";
import { openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, signedIn, unique } from "./support/factories";
import { newIdempotencyKey } from "../../lib/idempotency";

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const ALL = { status: "all", overdue: false } as const;

async function world() {
  const db = handle.db;
  const agency = await makeOrganization(db, { type: "service_provider" });
  const shelter = await makeOrganization(db, { type: "service_provider" });
  const other = await makeOrganization(db, { type: "service_provider" });
  await db.update(organizations).set({ services: ["housing", "mental_health"] }).where(eq(organizations.id, shelter.id));
  await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, other.id));
  const person = async (role: "advocate" | "program_lead" | "partner", organizationId: string) => {
    const user = await signedIn(db, await makeUser(db, { role, organizationId }));
    return { ...user, organizationName: organizationId === agency.id ? "Agency" : "Partner" };
  };
  const advocate = await person("advocate", agency.id);
  const colleague = await person("advocate", agency.id);
  const lead = await person("program_lead", agency.id);
  const shelterStaff = await person("partner", shelter.id);
  const otherStaff = await person("partner", other.id);
  const created = await createSurvivor(advocate, { idempotencyKey: newIdempotencyKey(), preferredName: unique("Robin"), legalName: unique("Robin Legal"), phone: "206-555-0199", intakeDate: "2026-10-01", duplicateDecision: "create_anyway" }, meta, db);
  if (created.status !== "created") throw new Error("intake stopped");
  return { agency, shelter, other, advocate, colleague, lead, shelterStaff, otherStaff, survivorId: created.id };
}

function day(offset: number): string {
  return pacificToday(new Date(Date.now() + offset * 86_400_000));
}

async function release(me: SessionUser, survivorId: string, recipient: string, categories: string[]) {
  return createRelease(
    me,
    { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: recipient, categories: categories as never, purpose: "Housing referral", form: "written", signedOn: day(-1), expiresOn: day(60), servicesNotConditioned: true },
    meta,
    handle.db,
  );
}

const refer = (me: SessionUser, survivorId: string, toOrganizationId: string, mode: "identified" | "anonymous", send = true) =>
  createReferral(me, { idempotencyKey: newIdempotencyKey(), survivorId, toOrganizationId, service: "housing", urgency: "urgent", reason: "Needs a safe bed tonight", notes: "Has a dog", mode, send }, meta, handle.db);

describe("sending referrals", () => {
  it("needs a release covering identity and referral details to send identifying details; without one, sends the client code and need only", async () => {
    const w = await world();
    const refused = await refusal(refer(w.advocate, w.survivorId, w.shelter.id, "identified"));
    expect(refused.fieldErrors?.mode?.[0]).toMatch(/No active release/);

    const anonymous = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    const seen = await getReferral(w.shelterStaff, anonymous.id, meta, handle.db);
    expect(seen).toMatchObject({ side: "recipient", identity: null, notes: null, reason: "Needs a safe bed tonight", status: "sent" });

    await release(w.advocate, w.survivorId, w.shelter.id, ["identity_contact", "referral_details"]);
    const identified = await refer(w.advocate, w.survivorId, w.shelter.id, "identified");
    const shown = await getReferral(w.shelterStaff, identified.id, meta, handle.db);
    expect(shown.identity).toMatchObject({ phone: "206-555-0199" });
    expect(shown.notes).toBe("Has a dog");
    const [disclosure] = await handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "survivor.disclosed"), eq(auditEvents.actorUserId, w.shelterStaff.id)));
    expect(disclosure?.details).toMatchObject({ referralId: identified.id });
  });

  it("refuses a survivor outside the advocate's caseload, and a service the partner does not offer", async () => {
    const w = await world();
    expect((await refusal(refer(w.colleague, w.survivorId, w.shelter.id, "anonymous"))).code).toBe("not_found");
    const wrongService = await refusal(
      createReferral(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, toOrganizationId: w.other.id, service: "mental_health", reason: "x", mode: "anonymous" }, meta, handle.db),
    );
    expect(wrongService.fieldErrors?.service).toBeDefined();
    expect(await handle.db.select().from(referrals).where(eq(referrals.survivorId, w.survivorId))).toEqual([]);
  });
});

describe("the referral's road", () => {
  it("moves through the state machine, each side doing its own steps, with events, timeline and notifications", async () => {
    const w = await world();
    const { id } = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    expect(await countUnreadNotifications(w.shelterStaff, handle.db)).toBe(1);

    await refusal(transitionReferral(w.advocate, { id, version: 1, action: "accept" }, meta, handle.db));
    const declineWithoutReason = await refusal(transitionReferral(w.shelterStaff, { id, version: 1, action: "decline", declineReason: "no_capacity" }, meta, handle.db));
    expect(declineWithoutReason.fieldErrors?.note).toBeDefined();
    const declineWithoutChoice = await refusal(transitionReferral(w.shelterStaff, { id, version: 1, action: "decline", note: "Full" }, meta, handle.db));
    expect(declineWithoutChoice.fieldErrors?.declineReason).toEqual(["Choose why you are declining."]);

    let state = await transitionReferral(w.shelterStaff, { id, version: 1, action: "accept", note: "Bed held until 8pm" }, meta, handle.db);
    const illegal = await refusal(transitionReferral(w.shelterStaff, { id, version: state.version, action: "complete", note: "x" }, meta, handle.db));
    expect(illegal.code).toBe("conflict");
    const stale = await refusal(transitionReferral(w.shelterStaff, { id, version: 1, action: "start_service" }, meta, handle.db));
    expect(stale.message).toMatch(/saved changes to this referral at .*after you opened it/);
    state = await transitionReferral(w.shelterStaff, { id, version: state.version, action: "start_service" }, meta, handle.db);
    state = await transitionReferral(w.shelterStaff, { id, version: state.version, action: "complete", note: "Moved into transitional housing" }, meta, handle.db);
    expect(state.status).toBe("completed");

    const detail = await getReferral(w.advocate, id, meta, handle.db);
    expect(detail.events.map((e) => e.toStatus)).toEqual(["sent", "accepted", "in_service", "completed"]);
    expect(detail.events[3]?.note).toBe("Moved into transitional housing");
    expect(detail.actions).toEqual([]);

    // The advocate heard of every change, in words that name no one.
    const texts = (await handle.db.select().from(notifications).where(eq(notifications.userId, w.advocate.id))).map((n) => n.text);
    expect(texts).toHaveLength(3);
    const survivorPage = await getSurvivorPage(w.advocate, w.survivorId, null, {}, handle.db);
    for (const text of texts) expect(text).not.toContain(survivorPage.preferredName!);
    expect(survivorPage.timeline.filter((t) => t.kind.startsWith("referral_")).length).toBe(4);
  });

  it("keeps another partner out of a referral, by list, page and action, and leaves the row unchanged", async () => {
    const w = await world();
    const { id } = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    const before = (await handle.db.select().from(referrals).where(eq(referrals.id, id)))[0];
    expect((await refusal(getReferral(w.otherStaff, id, meta, handle.db))).code).toBe("not_found");
    expect((await refusal(transitionReferral(w.otherStaff, { id, version: 1, action: "accept" }, meta, handle.db))).code).toBe("not_found");
    expect((await listReferrals(w.otherStaff, ALL, 1, handle.db)).items).toEqual([]);
    expect((await handle.db.select().from(referrals).where(eq(referrals.id, id)))[0]).toEqual(before);
    // Drafts stay with the sender.
    const draft = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous", false);
    expect((await refusal(getReferral(w.shelterStaff, draft.id, meta, handle.db))).code).toBe("not_found");
  });

  it("stops showing identity to the partner the moment the release is revoked or the referral withdrawn", async () => {
    const w = await world();
    const granted = await release(w.advocate, w.survivorId, w.shelter.id, ["identity_contact", "referral_details"]);
    const first = await refer(w.advocate, w.survivorId, w.shelter.id, "identified");
    const second = await refer(w.advocate, w.survivorId, w.shelter.id, "identified");
    expect((await getReferral(w.shelterStaff, first.id, meta, handle.db)).identity).not.toBeNull();

    await transitionReferral(w.advocate, { id: second.id, version: 1, action: "withdraw", note: "Survivor found a place" }, meta, handle.db);
    expect((await getReferral(w.shelterStaff, second.id, meta, handle.db)).identity).toBeNull();

    await revokeRelease(w.advocate, { id: granted.id, version: 1, survivorId: w.survivorId, method: "oral_in_person" }, meta, handle.db);
    const after = await getReferral(w.shelterStaff, first.id, meta, handle.db);
    expect(after.identity).toBeNull();
    expect(after.notes).toBeNull();
  });

  it("flags sent referrals with no answer after the business-day limit, for the advocate and the partner", async () => {
    const w = await world();
    const old = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    const fresh = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    await handle.db.execute(sql`update referrals set sent_at = now() - interval '15 days' where id = ${old.id}`);
    for (const me of [w.advocate, w.lead, w.shelterStaff]) {
      const overdue = await listReferrals(me, { status: "all", overdue: true }, 1, handle.db);
      expect(overdue.items.map((r) => r.id)).toEqual([old.id]);
    }
    const all = await listReferrals(w.advocate, ALL, 1, handle.db);
    expect(all.items.find((r) => r.id === fresh.id)?.overdue).toBe(false);
  });
});

describe("the sending side's list", () => {
  it("holds the referrals of the survivors the advocate manages, assigned or shared with them by a lead, and only while they are", async () => {
    const w = await world();
    const sent = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    await handle.db.execute(sql`update referrals set sent_at = now() - interval '15 days' where id = ${sent.id}`);
    const seen = async (me: SessionUser) => ({
      list: (await listReferrals(me, ALL, 1, handle.db)).items.map((r) => r.id),
      open: (await listReferrals(me, { status: "open", overdue: false }, 1, handle.db)).total,
      overdue: await countOverdueReferrals(me, handle.db),
    });
    const mine = { list: [sent.id], open: 1, overdue: 1 };
    const none = { list: [], open: 0, overdue: 0 };
    expect(await seen(w.advocate)).toEqual(mine);
    expect(await seen(w.lead)).toEqual(mine);
    expect(await seen(w.colleague)).toEqual(none);

    await setSurvivorShare(w.lead, { survivorId: w.survivorId, userId: w.colleague.id, share: true }, meta, handle.db);
    expect(await seen(w.colleague)).toEqual(mine);
    await setSurvivorShare(w.lead, { survivorId: w.survivorId, userId: w.colleague.id, share: false }, meta, handle.db);
    expect(await seen(w.colleague)).toEqual(none);
  });
});

describe("the list by days sent", () => {
  it("keeps referrals sent on Pacific calendar days from and to, both included, and refuses a date that is not one", async () => {
    const w = await world();
    const march = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    const april = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    const late = await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    // 11:30 pm on March 31 in Seattle is April 1 in UTC: it belongs to March.
    await handle.db.execute(sql`update referrals set sent_at = '2026-04-01T06:30:00Z' where id = ${march.id}`);
    await handle.db.execute(sql`update referrals set sent_at = '2026-04-30T18:00:00Z' where id = ${april.id}`);
    await handle.db.execute(sql`update referrals set sent_at = '2026-05-01T08:00:00Z' where id = ${late.id}`);
    const { parseReferralFilters } = await import("../../lib/referrals/schema");
    const ids = async (params: Record<string, string>) => {
      const parsed = parseReferralFilters({ status: "all", ...params });
      expect(parsed.valid).toBe(true);
      return (await listReferrals(w.advocate, parsed.filters, 1, handle.db)).items.map((r) => r.id);
    };
    expect(await ids({ sentFrom: "2026-04-01", sentTo: "2026-04-30" })).toEqual([april.id]);
    expect((await ids({ sentFrom: "2026-03-31", sentTo: "2026-04-30" })).sort()).toEqual([march.id, april.id].sort());
    expect(await ids({ sentFrom: "2026-05-01" })).toEqual([late.id]);
    const wrong = parseReferralFilters({ sentFrom: "2026-02-30", sentTo: "2026-01-01" });
    expect(wrong.valid).toBe(false);
    expect(wrong.dateErrors.from).toBeDefined();
  });
});

describe("notifications", () => {
  it("open only for their owner, who is sent where they point and has them marked read", async () => {
    const w = await world();
    await refer(w.advocate, w.survivorId, w.shelter.id, "anonymous");
    const [mine] = await handle.db.select().from(notifications).where(eq(notifications.userId, w.shelterStaff.id));
    expect(await openNotification(w.otherStaff, mine!.id, handle.db)).toBeNull();
    expect(await countUnreadNotifications(w.shelterStaff, handle.db)).toBe(1);
    expect(await openNotification(w.shelterStaff, mine!.id, handle.db)).toBe(mine!.href);
    expect(await countUnreadNotifications(w.shelterStaff, handle.db)).toBe(0);
  });
});

describe("the partner directory", () => {
  it("lets an organization's own partner staff update its entry, and refuses others; filters by service, county, language and capacity", async () => {
    const w = await world();
    const values = { id: w.shelter.id, version: 1, services: ["housing"], countiesServed: ["Pierce"], languages: "Spanish, Amharic", capacity: "waitlist" as const };
    expect((await refusal(updatePartnerProfile(w.otherStaff, values, meta, handle.db))).code).toBe("forbidden");
    expect((await refusal(updatePartnerProfile(w.advocate, values, meta, handle.db))).code).toBe("forbidden");
    await updatePartnerProfile(w.shelterStaff, values, meta, handle.db);
    const stale = await refusal(updatePartnerProfile(w.shelterStaff, { ...values, capacity: "accepting" }, meta, handle.db));
    expect(stale.code).toBe("conflict");

    const found = await listPartners(w.advocate, { service: "housing", county: "Pierce", language: "amharic", capacity: "waitlist" }, 1, handle.db);
    expect(found.items.map((p) => p.id)).toEqual([w.shelter.id]);
    expect(found.items[0]?.capacityUpdatedAt).not.toBeNull();
    // The shelter no longer lists mental health (other tests' partners may, on the shared PostgreSQL database).
    expect((await listPartners(w.advocate, { service: "mental_health", county: "Pierce" }, 1, handle.db)).items.map((p) => p.id)).not.toContain(w.shelter.id);
  });
});
