import { and, count, eq, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { idempotencyKeys } from "../../db/schema/idempotency";
import { organizations } from "../../db/schema/organizations";
import { referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { survivorNotes, survivors, transferRequests } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import {
  convictions,
  laterConvictions,
  matterConvictions,
  matterNotes,
  pendingCharges,
  postOrderChecks,
  proBonoHours,
  prosecutorCommunications,
  vacaturMatters,
} from "../../db/schema/vacatur";
import type { SessionUser } from "../../lib/auth/sessions";
import { pacificToday } from "../../lib/format";
import { ALREADY_SAVED_MESSAGE, newIdempotencyKey } from "../../lib/idempotency";
import { createOrganization } from "../../lib/organizations/commands";
import { createReferral } from "../../lib/referrals/commands";
import { createRelease } from "../../lib/releases/commands";
import { addNote, createSurvivor, requestTransfer } from "../../lib/survivors/commands";
import { createUser } from "../../lib/users/commands";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "../../lib/vacatur/commands";
import { addCommunication, addMatterNote, logHours, recordChecklistStep } from "../../lib/vacatur/matter-work";
import { addConviction, addLaterConviction, addPendingCharge } from "../../lib/vacatur/records";
import type { AddConvictionInput } from "../../lib/vacatur/schema";
import { backend, openTestDatabase } from "./support/database";
import { refusal } from "./support/expect";
import { makeOrganization, makeUser, meta, PASSWORD, signedIn, unique } from "./support/factories";

// Nothing is saved twice: the same form submitted five times at once (a double click, a retry)
// saves one record and answers each submit with it; the same key with another form's input saves
// nothing. On PostgreSQL the submits really run in parallel (several connections); on PGlite they
// queue on its one connection and the later ones find the stored result.

let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await openTestDatabase();
});
afterAll(async () => {
  await handle.close();
});

const day = (offset: number) => pacificToday(new Date(Date.now() + offset * 86_400_000));
const TIMES = 5;

async function rows(table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await handle.db.select({ n: count() }).from(table).where(where);
  return row!.n;
}

function conviction(survivorId: string, caseNumber = unique("SMC")): AddConvictionInput {
  return {
    idempotencyKey: newIdempotencyKey(),
    survivorId,
    courtType: "municipal",
    courtName: "Seattle Municipal Court",
    courtLocality: "Seattle",
    caseNumber,
    prosecutingAuthority: "city_attorney",
    prosecutingOffice: "Seattle City Attorney's Office",
    counts: [{ count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor", category: "prostitution", enhancement: "none" }],
    disposition: "guilty_plea",
    dispositionDate: "2015-06-02",
    source: "court_docket",
    verifiedOn: day(-3),
  };
}

/**
 * An agency with a survivor released to a legal organization, a partner taking housing referrals,
 * a matter assigned to an attorney (conflict cleared) and a second one granted (for post-order steps).
 */
async function world() {
  const db = handle.db;
  const agency = await makeOrganization(db, { type: "service_provider" });
  const legal = await makeOrganization(db, { type: "legal_aid" });
  const partner = await makeOrganization(db, { type: "service_provider" });
  await db.update(organizations).set({ services: ["housing"] }).where(eq(organizations.id, partner.id));
  const person = async (role: SessionUser["role"], organizationId: string | null) => signedIn(db, await makeUser(db, { role, organizationId }));
  const w = {
    agency,
    legal,
    partner,
    advocate: await person("advocate", agency.id),
    colleagues: await Promise.all(Array.from({ length: 8 }, () => person("advocate", agency.id))),
    attorney: await person("attorney", legal.id),
    legalLead: await person("program_lead", legal.id),
    admin: await person("admin", null),
  };
  const intake = await createSurvivor(
    w.advocate,
    { idempotencyKey: newIdempotencyKey(), preferredName: unique("Robin"), legalName: unique("Robin Legal"), intakeDate: day(-30), duplicateDecision: "create_anyway" },
    meta,
    db,
  );
  if (intake.status !== "created") throw new Error("intake stopped");
  const survivorId = intake.id;
  await createRelease(
    w.advocate,
    { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: legal.id, categories: ["identity_contact", "criminal_court"], purpose: "Vacatur", form: "written", signedOn: day(-1), expiresOn: day(60), servicesNotConditioned: true },
    meta,
    db,
  );
  const assigned = async () => {
    const { id: convictionId } = await addConviction(w.advocate, conviction(survivorId), meta, db);
    const { id } = await openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId, convictionIds: [convictionId], legalOrganizationId: legal.id }, meta, db);
    await assignAttorney(w.legalLead, { id, version: 1, attorneyId: w.attorney.id }, meta, db);
    await attestConflict(w.attorney, { id, version: 2, decision: "no_conflict" }, meta, db);
    return { id, convictionId };
  };
  const matter = await assigned();
  const granted = await assigned();
  const move = async (action: string, facts: Record<string, unknown> = {}) => {
    const [row] = await db.select({ version: vacaturMatters.version }).from(vacaturMatters).where(eq(vacaturMatters.id, granted.id));
    await transitionMatter(w.attorney, { id: granted.id, version: row!.version, action: action as never, ...facts }, meta, db);
  };
  for (const action of ["start_screening", "start_drafting", "send_for_review"]) await move(action);
  await move("file", { filedOn: day(-2), court: "Seattle Municipal Court", caseNumber: "SMC-1" });
  await move("grant", { orderOn: day(-1), counts: [`${granted.convictionId}:1`] });
  return { ...w, survivorId, matterId: matter.id, grantedMatterId: granted.id };
}

type World = Awaited<ReturnType<typeof world>>;

/**
 * Each create: how to call it with a key (`variant` changes the input, as another form would), and
 * which rows it writes. `fresh` is called once per test for a unique marker.
 */
type Prepared = Record<string, string>;
type Create = {
  name: string;
  /** Records the create needs first; what it returns is handed to `run`. */
  prepare?: (w: World, fresh: string) => Promise<Prepared>;
  run: (w: World, fresh: string, key: string, variant: boolean, prepared: Prepared) => Promise<unknown>;
  rows: (w: World, fresh: string) => Promise<number>;
};

const CREATES: Create[] = [
  {
    name: "intake (createSurvivor)",
    run: (w, fresh, key, variant) =>
      createSurvivor(w.advocate, { idempotencyKey: key, preferredName: fresh, intakeDate: variant ? day(-2) : day(-1), duplicateDecision: "create_anyway" }, meta, handle.db),
    rows: (w, fresh) => rows(survivors, and(eq(survivors.organizationId, w.agency.id), eq(survivors.preferredName, fresh))),
  },
  {
    name: "a note (addNote)",
    run: (w, fresh, key, variant) => addNote(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: variant ? `${fresh}, edited` : fresh }, meta, handle.db),
    rows: (w) => rows(survivorNotes, eq(survivorNotes.survivorId, w.survivorId)),
  },
  {
    name: "a note's correction (addNote)",
    prepare: async (w, fresh) => {
      const note = await addNote(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: `${fresh} first` }, meta, handle.db);
      return { threadId: note.threadId };
    },
    run: (w, fresh, key, variant, { threadId }) =>
      addNote(
        w.advocate,
        { idempotencyKey: key, survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: variant ? "other" : `${fresh} corrected`, correctsThreadId: threadId, correctsRevision: 1 },
        meta,
        handle.db,
      ),
    rows: (w) => rows(survivorNotes, eq(survivorNotes.survivorId, w.survivorId)),
  },
  {
    name: "a transfer request (requestTransfer)",
    run: (w, _fresh, key, variant) =>
      requestTransfer(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, requestedFor: w.colleagues[0]!.id, reason: variant ? "Other reason" : "Speaks Tigrinya" }, meta, handle.db),
    rows: (w) => rows(transferRequests, eq(transferRequests.survivorId, w.survivorId)),
  },
  {
    name: "a release (createRelease)",
    run: (w, fresh, key, variant) =>
      createRelease(
        w.advocate,
        { idempotencyKey: key, survivorId: w.survivorId, recipientOrganizationId: w.partner.id, categories: variant ? ["case_notes"] : ["referral_details"], purpose: fresh, form: "written", signedOn: day(0), expiresOn: day(30), servicesNotConditioned: true },
        meta,
        handle.db,
      ),
    rows: (w) => rows(releases, eq(releases.survivorId, w.survivorId)),
  },
  {
    name: "a referral (createReferral)",
    run: (w, fresh, key, variant) =>
      createReferral(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, toOrganizationId: w.partner.id, service: "housing", reason: fresh, mode: "anonymous", send: !variant }, meta, handle.db),
    rows: (w) => rows(referrals, eq(referrals.survivorId, w.survivorId)),
  },
  {
    name: "a vacatur matter (openMatter)",
    prepare: async (w, fresh) => ({
      conviction: (await addConviction(w.advocate, conviction(w.survivorId, fresh), meta, handle.db)).id,
      other: (await addConviction(w.advocate, conviction(w.survivorId, `${fresh}-b`), meta, handle.db)).id,
    }),
    run: (w, _fresh, key, variant, prepared) =>
      openMatter(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, convictionIds: [variant ? prepared.other! : prepared.conviction!] }, meta, handle.db),
    rows: (w) => rows(vacaturMatters, eq(vacaturMatters.survivorId, w.survivorId)),
  },
  {
    name: "a conviction (addConviction)",
    run: (w, fresh, key, variant) => addConviction(w.advocate, { ...conviction(w.survivorId, variant ? `${fresh}-b` : fresh), idempotencyKey: key }, meta, handle.db),
    rows: (w) => rows(convictions, eq(convictions.survivorId, w.survivorId)),
  },
  {
    name: "a pending charge (addPendingCharge)",
    run: (w, fresh, key, variant) =>
      addPendingCharge(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, jurisdiction: "washington", court: "Tacoma Municipal Court", offense: variant ? "Other" : fresh }, meta, handle.db),
    rows: (w) => rows(pendingCharges, eq(pendingCharges.survivorId, w.survivorId)),
  },
  {
    name: "a later conviction (addLaterConviction)",
    run: (w, fresh, key, variant) =>
      addLaterConviction(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, convictedOn: variant ? day(-20) : day(-10), jurisdiction: "other_state", description: fresh }, meta, handle.db),
    rows: (w) => rows(laterConvictions, eq(laterConvictions.survivorId, w.survivorId)),
  },
  {
    name: "hours (logHours)",
    run: (w, _fresh, key, variant) => logHours(w.attorney, { idempotencyKey: key, matterId: w.matterId, workedOn: day(-1), hours: variant ? "2" : "1.5", activity: "screening" }, meta, handle.db),
    rows: (w) => rows(proBonoHours, eq(proBonoHours.matterId, w.matterId)),
  },
  {
    name: "an attorney note (addMatterNote)",
    run: (w, fresh, key, variant) => addMatterNote(w.attorney, { idempotencyKey: key, matterId: w.matterId, body: variant ? "other" : fresh }, meta, handle.db),
    rows: (w) => rows(matterNotes, eq(matterNotes.matterId, w.matterId)),
  },
  {
    name: "a communication (addCommunication)",
    run: (w, fresh, key, variant) =>
      addCommunication(w.attorney, { idempotencyKey: key, matterId: w.matterId, occurredOn: day(0), channel: variant ? "phone" : "email", summary: fresh }, meta, handle.db),
    rows: (w) => rows(prosecutorCommunications, eq(prosecutorCommunications.matterId, w.matterId)),
  },
  {
    name: "a post-order step (recordChecklistStep)",
    run: (w, _fresh, key, variant) =>
      recordChecklistStep(w.attorney, { idempotencyKey: key, matterId: w.grantedMatterId, step: variant ? "wsp_updated" : "clerk_sent_wsp", doneOn: day(0) }, meta, handle.db),
    rows: (w) => rows(postOrderChecks, eq(postOrderChecks.matterId, w.grantedMatterId)),
  },
  {
    name: "a user (createUser)",
    run: (w, fresh, key, variant) =>
      createUser(
        w.admin,
        { idempotencyKey: key, name: variant ? "Someone else" : "New Advocate", email: `${fresh}@example.test`, role: "advocate", organizationId: w.agency.id, password: PASSWORD, confirmPassword: PASSWORD },
        meta,
        handle.db,
      ),
    rows: (_w, fresh) => rows(users, eq(users.email, `${fresh}@example.test`)),
  },
  {
    name: "an organization (createOrganization)",
    run: (w, fresh, key, variant) => createOrganization(w.admin, { idempotencyKey: key, name: fresh, type: "court", county: variant ? "King" : "", services: [] }, meta, handle.db),
    rows: (_w, fresh) => rows(organizations, eq(organizations.name, fresh)),
  },
];

describe("the same form submitted five times at once", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });

  it.each(CREATES.map((c) => [c.name, c] as const))("saves %s once and answers every submit with it; the key with other input saves nothing", async (_name, create) => {
    const fresh = unique("idem").toLowerCase();
    const prepared = (await create.prepare?.(w, fresh)) ?? {};
    const before = await create.rows(w, fresh);
    const key = newIdempotencyKey();

    const results = await Promise.all(Array.from({ length: TIMES }, () => create.run(w, fresh, key, false, prepared)));
    expect(await create.rows(w, fresh)).toBe(before + 1);
    for (const result of results) expect(result).toEqual(results[0]);

    // A later retry gets the same answer, and the same key sent with another form's input is refused.
    expect(await create.run(w, fresh, key, false, prepared)).toEqual(results[0]);
    const other = await refusal(create.run(w, fresh, key, true, prepared));
    expect(other.code).toBe("already_saved");
    expect(other.message).toBe(ALREADY_SAVED_MESSAGE);
    expect(await create.rows(w, fresh)).toBe(before + 1);
  });

  it("keeps each person's keys apart: another user's submit with the same key saves their own record", async () => {
    const key = newIdempotencyKey();
    const mine = await addNote(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: "mine" }, meta, handle.db);
    const lead = await signedIn(handle.db, await makeUser(handle.db, { role: "program_lead", organizationId: w.agency.id }));
    const theirs = await addNote(lead, { idempotencyKey: key, survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: "mine" }, meta, handle.db);
    expect(theirs.id).not.toBe(mine.id);
  });

  it("frees a key whose create was refused, so the corrected form saves with it", async () => {
    const key = newIdempotencyKey();
    const input = { idempotencyKey: key, survivorId: w.survivorId, recipientOrganizationId: w.agency.id, categories: ["case_notes"] as never, purpose: "x", form: "written" as const, signedOn: day(0), expiresOn: day(30), servicesNotConditioned: true as const };
    const refused = await refusal(createRelease(w.advocate, input, meta, handle.db));
    expect(refused.fieldErrors?.recipientOrganizationId).toBeDefined();
    expect(await rows(idempotencyKeys, and(eq(idempotencyKeys.userId, w.advocate.id), eq(idempotencyKeys.key, key)))).toBe(0);
    const saved = await createRelease(w.advocate, { ...input, recipientOrganizationId: w.legal.id }, meta, handle.db);
    expect(saved.id).toBeDefined();
  });

  it("refuses a create without a key and saves nothing", async () => {
    const before = await rows(survivorNotes, eq(survivorNotes.survivorId, w.survivorId));
    const missing = await refusal(addNote(w.advocate, { survivorId: w.survivorId, kind: "contact", contactDate: day(0), body: "no key" } as never, meta, handle.db));
    expect(missing.fieldErrors?.idempotencyKey).toBeDefined();
    expect(await rows(survivorNotes, eq(survivorNotes.survivorId, w.survivorId))).toBe(before);
  });
});

describe("intake's duplicate check", () => {
  it("answers 'possible duplicates' without using the key, so the advocate's decision saves with it once", async () => {
    const w = await world();
    const legalName = unique("Dana Duplicate");
    const person = { legalName, dateOfBirth: "1990-04-04", intakeDate: day(-1) };
    await createSurvivor(w.advocate, { idempotencyKey: newIdempotencyKey(), preferredName: unique("Dana"), ...person, duplicateDecision: "check" }, meta, handle.db);
    const key = newIdempotencyKey();
    const again = { idempotencyKey: key, preferredName: unique("Dee"), ...person };
    const check = await createSurvivor(w.colleagues[0]!, { ...again, duplicateDecision: "check" }, meta, handle.db);
    expect(check.status).toBe("duplicates");
    const decided = await Promise.all(Array.from({ length: TIMES }, () => createSurvivor(w.colleagues[0]!, { ...again, duplicateDecision: "create_anyway" }, meta, handle.db)));
    expect(decided[0]!.status).toBe("created");
    for (const result of decided) expect(result).toEqual(decided[0]);
    expect(await rows(survivors, eq(survivors.preferredName, again.preferredName))).toBe(1);
  });

  it(`holds under 8 parallel intakes of the same person with different keys (${backend}): one record, seven 'possible duplicates'`, async () => {
    const w = await world();
    const person = { preferredName: unique("Sam"), legalName: unique("Samira Parallel"), dateOfBirth: "1991-05-05", intakeDate: day(-1), duplicateDecision: "check" as const };
    const results = await Promise.all(w.colleagues.map((me) => createSurvivor(me, { ...person, idempotencyKey: newIdempotencyKey() }, meta, handle.db)));
    expect(results.filter((r) => r.status === "created")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicates")).toHaveLength(7);
    expect(await rows(survivors, and(eq(survivors.organizationId, w.agency.id), eq(survivors.preferredName, person.preferredName)))).toBe(1);
  });
});

describe("one open transfer request per survivor", () => {
  it(`holds under 8 parallel requests (${backend}): one waits for the lead, the others are told one is waiting`, async () => {
    const w = await world();
    const settled = await Promise.allSettled(
      w.colleagues.map((me) => requestTransfer(me, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, requestedFor: me.id, reason: "I know her" }, meta, handle.db)),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    const refused = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
    expect(refused).toHaveLength(7);
    for (const r of refused) expect(r.reason).toMatchObject({ code: "conflict", message: expect.stringMatching(/already waiting/) });
    expect(await rows(transferRequests, and(eq(transferRequests.survivorId, w.survivorId), eq(transferRequests.status, "open")))).toBe(1);
  });
});

describe("one open vacatur matter per conviction", () => {
  it("refuses a second open matter on the same conviction next to the field, and allows one after the first is withdrawn", async () => {
    const w = await world();
    const { id: convictionId } = await addConviction(w.advocate, conviction(w.survivorId), meta, handle.db);
    const open = (key = newIdempotencyKey()) => openMatter(w.advocate, { idempotencyKey: key, survivorId: w.survivorId, convictionIds: [convictionId] }, meta, handle.db);
    const first = await open();
    const before = await rows(vacaturMatters, eq(vacaturMatters.survivorId, w.survivorId));

    const second = await refusal(open());
    expect(second.fieldErrors?.convictionIds?.[0]).toMatch(/Seattle Municipal Court conviction of 2015-06-02 already has an open vacatur matter/);
    expect(await rows(vacaturMatters, eq(vacaturMatters.survivorId, w.survivorId))).toBe(before);

    await transitionMatter(w.advocate, { id: first.id, version: 1, action: "withdraw", note: "Opened by mistake" }, meta, handle.db);
    const [link] = await handle.db.select({ open: matterConvictions.open }).from(matterConvictions).where(eq(matterConvictions.matterId, first.id));
    expect(link!.open).toBe(false);
    const third = await open();
    expect(third.id).not.toBe(first.id);
  });

  it(`holds when six are opened at once with different keys (${backend})`, async () => {
    const w = await world();
    const { id: convictionId } = await addConviction(w.advocate, conviction(w.survivorId), meta, handle.db);
    const settled = await Promise.allSettled(
      Array.from({ length: 6 }, () => openMatter(w.advocate, { idempotencyKey: newIdempotencyKey(), survivorId: w.survivorId, convictionIds: [convictionId] }, meta, handle.db)),
    );
    expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(1);
    for (const s of settled.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(s.reason.fieldErrors?.convictionIds?.[0]).toMatch(/already has an open vacatur matter/);
    }
    const links = await handle.db.select().from(matterConvictions).where(eq(matterConvictions.convictionId, convictionId));
    expect(links).toHaveLength(1);
  });
});
