import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";

// The caseload's search travels in URLs only sealed (lib/crypto/seal.ts, lib/survivors/sealed-search.ts):
// it opens for the session that searched, unchanged, until it expires, and for nothing else.

async function load() {
  vi.resetModules();
  vi.stubEnv("CLEARWAY_ENCRYPTION_KEY", randomBytes(32).toString("base64"));
  vi.stubEnv("CLEARWAY_SESSION_MAX_HOURS", "8");
  return { ...(await import("@/lib/survivors/sealed-search")), ...(await import("@/lib/crypto/seal")) };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

const mine = { sessionId: "6f1c2b0e-0000-4000-8000-000000000001" };
const theirs = { sessionId: "6f1c2b0e-0000-4000-8000-000000000002" };
const NOW = new Date("2026-05-04T17:00:00Z");
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

/** The token with one bit of its byte at `index` flipped, still base64url. */
function flipped(token: string, index: number): string {
  const bytes = Buffer.from(token, "base64url");
  bytes[index]! ^= 1;
  return bytes.toString("base64url");
}

describe("a sealed search", () => {
  it("opens for the session that sealed it, as typed, and holds no trace of the text", async () => {
    const { sealSearch, openSearch } = await load();
    const text = "María José Quintero";
    const token = sealSearch(mine, text, NOW);
    expect(openSearch(mine, token, NOW)).toBe(text);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(token.toLowerCase()).not.toContain("quintero");
    expect(decodeURIComponent(token)).toBe(token);
    // never the same token twice: two searches for the same name cannot be told equal from their URLs
    expect(sealSearch(mine, text, NOW)).not.toBe(token);
  });

  it("is as long for a date of birth as for a name: its length does not tell what was searched", async () => {
    const { sealSearch, openSearch } = await load();
    const searches = ["1990-03-14", "Quintero", "María José Quintero", "CW-2026-00042", "ab", "ß".repeat(40)];
    const lengths = new Set(searches.map((text) => sealSearch(mine, text, NOW).length));
    expect(lengths.size).toBe(1);
    for (const text of [...searches, "x".repeat(126), "x".repeat(127), ""]) expect(openSearch(mine, sealSearch(mine, text, NOW), NOW)).toBe(text);
  });

  it("is refused to another session", async () => {
    const { sealSearch, openSearch } = await load();
    expect(openSearch(theirs, sealSearch(mine, "Quintero", NOW), NOW)).toBeNull();
  });

  it("is refused when any byte of it was changed, cut short, or is not a token at all", async () => {
    const { sealSearch, openSearch } = await load();
    const token = sealSearch(mine, "Quintero", NOW);
    const length = Buffer.from(token, "base64url").length;
    for (const index of [0, 1, 13, 20, length - 1]) expect(openSearch(mine, flipped(token, index), NOW), `byte ${index}`).toBeNull();
    expect(openSearch(mine, token.slice(0, -4), NOW)).toBeNull();
    for (const junk of ["", "x", "Quintero", "%00", "a".repeat(200), `${token}=`]) expect(openSearch(mine, junk, NOW), junk).toBeNull();
  });

  it("expires with the longest a session may last (CLEARWAY_SESSION_MAX_HOURS), and cannot be pushed past it", async () => {
    const { sealSearch, openSearch } = await load();
    const token = sealSearch(mine, "Quintero", NOW);
    expect(openSearch(mine, token, hours(7.99))).toBe("Quintero");
    expect(openSearch(mine, token, hours(8))).toBeNull();
    expect(openSearch(mine, token, hours(30 * 24))).toBeNull();
  });

  it("is refused under another master key (after a rotation) and for another purpose", async () => {
    const first = await load();
    const token = first.sealSearch(mine, "Quintero", NOW);
    const other = first.sealText("Quintero", { purpose: "another-purpose", holder: mine.sessionId }, hours(1));
    expect(first.openSearch(mine, other, NOW)).toBeNull();
    const rotated = await load();
    expect(rotated.openSearch(mine, token, NOW)).toBeNull();
  });
});

describe("the caseload's filters from a URL", () => {
  it("read the search from s only: a q is never used, and an s that does not open is an expired search", async () => {
    const { sealSearch, caseloadFiltersOf, SEARCH_EXPIRED_MESSAGE } = await load();
    const s = sealSearch(mine, "Quintero", NOW);
    expect(caseloadFiltersOf(mine, { status: "all", county: "King", s }, NOW)).toEqual({
      filters: { q: "Quintero", status: "all", county: "King", advocateId: undefined, sort: "name" },
      fieldErrors: {},
      searchExpired: false,
    });
    const plain = caseloadFiltersOf(mine, { status: "all", q: "Quintero" }, NOW);
    expect(plain.filters.q).toBeUndefined();
    expect(plain).toMatchObject({ filters: { status: "all" }, fieldErrors: {}, searchExpired: false });
    for (const [who, when] of [[theirs, NOW], [mine, hours(9)]] as const) {
      const expired = caseloadFiltersOf(who, { status: "all", s }, when);
      expect(expired.filters.q).toBeUndefined();
      expect(expired).toMatchObject({ filters: { status: "all" }, fieldErrors: { q: [SEARCH_EXPIRED_MESSAGE] }, searchExpired: true });
    }
  });

  it("come from a posted form as the list's address: the other filters plain, the search sealed", async () => {
    const { caseloadSearchLocation, caseloadFiltersOf } = await load();
    const location = caseloadSearchLocation(mine, { q: "  1990-03-14 ", status: "inactive", county: "Pierce", sort: "intake_newest", advocateId: "" }, false, NOW);
    expect(location).not.toContain("1990");
    const url = new URL(location, "http://localhost");
    expect(url.pathname).toBe("/survivors");
    expect([...url.searchParams.keys()]).toEqual(["status", "county", "sort", "s"]);
    expect(caseloadFiltersOf(mine, Object.fromEntries(url.searchParams), NOW).filters).toMatchObject({ q: "1990-03-14", status: "inactive", county: "Pierce", sort: "intake_newest" });
    // no search, no s; the released list keeps its scope; filters the schema refuses fall back as on the page
    expect(caseloadSearchLocation(mine, { q: " ", status: "bogus", county: "Atlantis" }, true, NOW)).toBe("/survivors?scope=released&status=active&sort=name");
    // a NUL is sealed as typed, so the page can say beside the field why it was not used
    const nul = new URL(caseloadSearchLocation(mine, { q: "a\u0000b" }, false, NOW), "http://localhost");
    expect(caseloadFiltersOf(mine, Object.fromEntries(nul.searchParams), NOW).fieldErrors.q?.[0]).toMatch(/NUL character/);
  });
});
