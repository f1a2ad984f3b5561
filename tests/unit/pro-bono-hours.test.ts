import { describe, expect, it } from "vitest";
import { centsAsDollars, correctableUntil, hoursValueCents, mayCorrectHours } from "@/lib/vacatur/hours";

describe("correcting pro bono hours", () => {
  const loggedAt = new Date("2026-03-01T17:00:00Z");
  const entry = { attorneyId: "u-author", loggedAt, supersededAt: null, removedAt: null };
  const author = { id: "u-author" };

  it("is open to the author until 30 days of 24 hours after the entry was first logged", () => {
    expect(correctableUntil(loggedAt).toISOString()).toBe("2026-03-31T17:00:00.000Z");
    expect(mayCorrectHours(author, entry, new Date("2026-03-30T17:00:00Z"))).toBe(true); // day 29
    expect(mayCorrectHours(author, entry, new Date("2026-03-31T16:59:59Z"))).toBe(true); // the last second of day 30
    expect(mayCorrectHours(author, entry, new Date("2026-03-31T17:00:00Z"))).toBe(false);
    expect(mayCorrectHours(author, entry, new Date("2026-04-01T17:00:00Z"))).toBe(false); // day 31
  });

  it("is closed to anyone else, and to an entry already corrected or removed", () => {
    const now = new Date("2026-03-02T17:00:00Z");
    expect(mayCorrectHours({ id: "u-colleague" }, entry, now)).toBe(false);
    expect(mayCorrectHours(author, { ...entry, supersededAt: now }, now)).toBe(false);
    expect(mayCorrectHours(author, { ...entry, removedAt: now }, now)).toBe(false);
  });
});

describe("the value of hours at a rate", () => {
  it("is exact to the cent, half a cent rounded up", () => {
    expect(hoursValueCents(150, 25_000)).toBe(37_500); // 1.5 h at $250.00
    expect(hoursValueCents(33, 17_550)).toBe(5_792); // 0.33 h at $175.50 = $57.915
    expect(hoursValueCents(1, 12_345)).toBe(123); // 0.01 h at $123.45 = $1.2345
    expect(hoursValueCents(2_400, 200_000)).toBe(4_800_000);
    expect(centsAsDollars(5_792)).toBe("57.92");
  });
});
