import { count, eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { DatabaseHandle } from "../../db/client";
import { survivorNotes, survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { convictions, proBonoHours } from "../../db/schema/vacatur";
import { pacificToday } from "../../lib/format";
import { createRelease } from "../../lib/releases/commands";
import { describeError, guardConsole, logServerError } from "../../lib/server-log";
import { addNote, createSurvivor } from "../../lib/survivors/commands";
import { listSurvivors } from "../../lib/survivors/queries/caseload";
import { survivorFiltersSchema } from "../../lib/survivors/schema";
import { NUL_FILTER_MESSAGE, NUL_MESSAGE, parseFilters } from "../../lib/validation";
import { logHours } from "../../lib/vacatur/matter-work";
import { addConviction } from "../../lib/vacatur/records";
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
afterEach(() => {
  vi.restoreAllMocks();
});

const today = pacificToday();

async function agency() {
  const db = handle.db;
  const organization = await makeOrganization(db, { type: "service_provider" });
  const advocate = await signedIn(db, await makeUser(db, { role: "advocate", organizationId: organization.id }));
  return { organization, advocate };
}

async function survivorsOf(organizationId: string) {
  const [row] = await handle.db.select({ n: count() }).from(survivors).where(eq(survivors.organizationId, organizationId));
  return row!.n;
}

async function intake(me: Awaited<ReturnType<typeof agency>>["advocate"]) {
  const created = await createSurvivor(me, { idempotencyKey: newIdempotencyKey(), preferredName: unique("Star"), intakeDate: today, duplicateDecision: "create_anyway" }, meta, handle.db);
  if (created.status !== "created") throw new Error("intake stopped");
  return created.id;
}

describe("NUL bytes", () => {
  it("in a command's input are a field error naming the field, and nothing is saved", async () => {
    const { organization, advocate } = await agency();
    const refused = await refusal(createSurvivor(advocate, { idempotencyKey: newIdempotencyKey(), preferredName: "Rosa\u0000", codeWord: "blue\u0000bird", intakeDate: today }, meta, handle.db));
    expect(refused.code).toBe("invalid");
    expect(refused.fieldErrors).toEqual({ preferredName: [NUL_MESSAGE], codeWord: [NUL_MESSAGE] });
    expect(await survivorsOf(organization.id)).toBe(0);

    const survivorId = await intake(advocate);
    const note = await refusal(addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId, kind: "contact", contactDate: today, body: "Called\u0000" }, meta, handle.db));
    expect(note.fieldErrors).toEqual({ body: [NUL_MESSAGE] });
    // Nested input (a conviction's counts) is named by its field too.
    const nested = await refusal(
      addConviction(
        advocate,
        {
          idempotencyKey: newIdempotencyKey(),
          survivorId,
          courtType: "municipal",
          courtName: "Seattle Municipal Court",
          courtLocality: "Seattle",
          caseNumber: "SMC-1",
          prosecutingAuthority: "city_attorney",
          prosecutingOffice: "Seattle City Attorney's Office",
          counts: [{ count: 1, offense: "Prostitution\u0000", citation: "RCW 9A.88.030", offenseClass: "misdemeanor" }],
          disposition: "guilty_plea",
          dispositionDate: "2015-06-02",
          source: "survivor",
        },
        meta,
        handle.db,
      ),
    );
    expect(nested.fieldErrors).toEqual({ counts: [NUL_MESSAGE] });
    const [notes] = await handle.db.select({ n: count() }).from(survivorNotes).where(eq(survivorNotes.survivorId, survivorId));
    const [records] = await handle.db.select({ n: count() }).from(convictions).where(eq(convictions.survivorId, survivorId));
    expect([notes!.n, records!.n]).toEqual([0, 0]);
  });

  it("in a list filter (/survivors?q=%00) leave the filter out with its error, and the list still answers", async () => {
    const { advocate } = await agency();
    const survivorId = await intake(advocate);
    const { filters, fieldErrors } = parseFilters(survivorFiltersSchema, { q: "\u0000", status: "all" });
    expect(fieldErrors).toEqual({ q: [NUL_FILTER_MESSAGE] });
    const page = await listSurvivors(advocate, filters, 1, "managed", handle.db);
    expect(page.items.map((s) => s.id)).toEqual([survivorId]);
    // Invisible characters in a client-code search are dropped, so the code still matches.
    const [{ clientCode }] = (await handle.db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, survivorId))) as [{ clientCode: string }];
    const hidden = parseFilters(survivorFiltersSchema, { q: `\u202E${clientCode.slice(0, 3)}\u200B${clientCode.slice(3)}` });
    expect((await listSurvivors(advocate, hidden.filters, 1, "managed", handle.db)).items.map((s) => s.id)).toEqual([survivorId]);
  });
});

describe("dates out of range", () => {
  it("are refused with the range in the message, and nothing is saved", async () => {
    const { organization, advocate } = await agency();
    const intakeYear1 = await refusal(createSurvivor(advocate, { idempotencyKey: newIdempotencyKey(), preferredName: "Ana", intakeDate: "0001-01-01", dateOfBirth: "0000-01-01" }, meta, handle.db));
    expect(intakeYear1.fieldErrors).toEqual({
      intakeDate: ["Enter a date between Jan 1, 2000 and today."],
      dateOfBirth: ["Enter a date between Jan 1, 1900 and today."],
    });
    expect(await survivorsOf(organization.id)).toBe(0);

    const survivorId = await intake(advocate);
    const note = await refusal(addNote(advocate, { idempotencyKey: newIdempotencyKey(), survivorId, kind: "contact", contactDate: "1999-12-31", body: "x" }, meta, handle.db));
    expect(note.fieldErrors).toEqual({ contactDate: ["Enter a date between Jan 1, 2000 and today."] });

    const legal = await makeOrganization(handle.db, { type: "legal_aid" });
    const release = await refusal(
      createRelease(
        advocate,
        { idempotencyKey: newIdempotencyKey(), survivorId, recipientOrganizationId: legal.id, categories: ["case_notes"], purpose: "x", form: "written", signedOn: "0000-01-01", expiresOn: "0000-03-01", servicesNotConditioned: true },
        meta,
        handle.db,
      ),
    );
    expect(release.fieldErrors?.signedOn).toEqual(["Enter a date between Jan 1, 2000 and today."]);

    const supervision = await refusal(
      addConviction(
        advocate,
        {
          idempotencyKey: newIdempotencyKey(),
          survivorId,
          courtType: "municipal",
          courtName: "Seattle Municipal Court",
          courtLocality: "Seattle",
          caseNumber: "SMC-2",
          prosecutingAuthority: "city_attorney",
          prosecutingOffice: "Seattle City Attorney's Office",
          counts: [{ count: 1, offense: "Prostitution", citation: "RCW 9A.88.030", offenseClass: "misdemeanor" }],
          disposition: "guilty_plea",
          dispositionDate: "2015-06-02",
          supervisionEndDate: "9999-12-31",
          source: "survivor",
        },
        meta,
        handle.db,
      ),
    );
    expect(supervision.fieldErrors?.supervisionEndDate?.[0]).toMatch(/^Enter a date between Jan 1, 1950 and \w{3} \d{1,2}, \d{4}\.$/);
    const [notes] = await handle.db.select({ n: count() }).from(survivorNotes).where(eq(survivorNotes.survivorId, survivorId));
    const [records] = await handle.db.select({ n: count() }).from(convictions).where(eq(convictions.survivorId, survivorId));
    expect([notes!.n, records!.n]).toEqual([0, 0]);
  });

  it("refuse hours logged in 1900 before anything is looked up", async () => {
    const attorney = await signedIn(handle.db, await makeUser(handle.db, { role: "attorney" }));
    const refused = await refusal(logHours(attorney, { idempotencyKey: newIdempotencyKey(), matterId: crypto.randomUUID(), workedOn: "1900-01-01", hours: "1", activity: "screening" }, meta, handle.db));
    expect(refused.fieldErrors).toEqual({ workedOn: ["Enter a date between Jan 1, 2000 and today."] });
    const [hours] = await handle.db.select({ n: count() }).from(proBonoHours).where(eq(proBonoHours.attorneyId, attorney.id));
    expect(hours!.n).toBe(0);
  });
});

describe("the server log", () => {
  function captureConsole() {
    const lines: string[] = [];
    const write = (...args: unknown[]) => void lines.push(args.map((a) => (typeof a === "string" ? a : String(a))).join(" "));
    vi.spyOn(console, "error").mockImplementation(write);
    vi.spyOn(console, "warn").mockImplementation(write);
    return lines;
  }

  async function failure(run: () => Promise<unknown>): Promise<unknown> {
    return run().then(
      () => {
        throw new Error("expected the query to fail");
      },
      (error: unknown) => error,
    );
  }

  it("shows a failed query's kind and SQLSTATE, never the values it carried", async () => {
    const preferredName = unique("Rosa Secret");
    const badQuery = await failure(() => handle.db.execute(sql`select ${`${preferredName}\u0000`}::text as name`));
    const taken = await makeUser(handle.db, { role: "advocate" });
    const duplicate = await failure(() => handle.db.insert(users).values({ email: taken.email, name: preferredName, role: "advocate", organizationId: taken.organizationId, passwordHash: "x", approvalStatus: "approved" }));

    const lines = captureConsole();
    logServerError("action createSurvivor", badQuery, { user: taken.id });
    logServerError("action createUser", duplicate);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`[action createSurvivor] (user=${taken.id}) DrizzleQueryError <- caused by`);
    expect(lines[0]).toContain("code=22021");
    expect(lines[1]).toContain("code=23505");
    const text = lines.join("\n");
    for (const value of [preferredName, taken.email, "params", "Key (email)"]) expect(text).not.toContain(value);
  });

  it("guards what Next logs itself for a page that threw", async () => {
    const preferredName = unique("Rosa Secret");
    const error = await failure(() => handle.db.execute(sql`select ${`${preferredName}\u0000`}::text as name`));
    // What an unguarded console would have printed: the name, twice.
    expect(`${(error as Error).message}`).toContain(preferredName);

    const lines = captureConsole();
    const sink = { error: console.error, warn: console.warn };
    guardConsole(sink);
    sink.error(" ⨯", error);
    sink.error(`Error: ${(error as Error).message}`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(describeError(error).split("\n")[0]);
    expect(lines.join("\n")).not.toContain(preferredName);
  });
});
