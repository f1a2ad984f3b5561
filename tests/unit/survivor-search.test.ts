import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientCodePart, parseSearchDate, planSearch, plainSearchTokens, searchWords } from "@/lib/survivors/search";

// How a search text and a record's identity become comparable tokens: what a caseworker types must
// land on the same token as what intake stored, whatever the case, accents or spacing.

const ORG_A = "6f1c2b0e-0000-4000-8000-00000000000a";
const ORG_B = "6f1c2b0e-0000-4000-8000-00000000000b";

async function withKey(key: Buffer) {
  vi.resetModules();
  vi.stubEnv("CLEARWAY_ENCRYPTION_KEY", key.toString("base64"));
  return import("@/lib/survivors/search");
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("search words", () => {
  it("ignores case, accents and spacing", () => {
    expect(searchWords("  María   JOSÉ  ")).toEqual(["maria", "jose"]);
    expect(searchWords("MARIA\tjose")).toEqual(["maria", "jose"]);
    expect(searchWords("Nguyễn Thị Ánh")).toEqual(["nguyen", "thi", "anh"]);
    expect(searchWords("Zoë")).toEqual(searchWords("zoe"));
    // full-width letters (NFKD) and letters that are not a letter plus a mark
    expect(searchWords("ＭＡＲＩＡ")).toEqual(["maria"]);
    expect(searchWords("Łukasz Søren Strauß")).toEqual(["lukasz", "soren", "strauss"]);
  });

  it("splits at punctuation, and nothing is left of punctuation alone", () => {
    expect(searchWords("de la Cruz-Ortega")).toEqual(["de", "la", "cruz", "ortega"]);
    expect(searchWords(" - ' ")).toEqual([]);
  });
});

describe("dates of birth as typed", () => {
  it("reads the date field's form, US order and the form pages show, to one ISO date", () => {
    for (const typed of ["1990-03-14", "1990/3/14", "3/14/1990", "03/14/1990", "3-14-1990", "3.14.1990", "Mar 14, 1990", "mar. 14 1990", "March 14, 1990", "14 March 1990", " 3/14/1990 "]) {
      expect(parseSearchDate(typed), typed).toBe("1990-03-14");
    }
    expect(parseSearchDate("Sept 2, 1985")).toBe("1985-09-02");
  });

  it("refuses dates that do not exist, two-digit years and anything else", () => {
    for (const typed of ["2/30/1990", "1990-13-01", "14/3/1990", "3/14/90", "Marching 14, 1990", "1990", "maria", "CW-2026-00042"]) {
      expect(parseSearchDate(typed), typed).toBeNull();
    }
  });
});

describe("client code parts", () => {
  it("takes any piece of a code, in any case, as long as it holds a digit", () => {
    expect(clientCodePart("00042")).toBe("00042");
    expect(clientCodePart("2026-00042")).toBe("2026-00042");
    expect(clientCodePart("cw-2026-0004")).toBe("CW-2026-0004");
    expect(clientCodePart("W-2026")).toBe("W-2026");
    expect(clientCodePart("6-000")).toBe("6-000");
    expect(clientCodePart("CW-2026-123456")).toBe("CW-2026-123456");
    // spaces stand for hyphens, as a code is read aloud
    expect(clientCodePart("cw 2026 00018")).toBe("CW-2026-00018");
    expect(clientCodePart(" 2026  00042 ")).toBe("2026-00042");
  });

  it("is not a code when no code could contain it", () => {
    for (const typed of ["CW", "maria", "1990-03-14", "3/14/1990", "CW-26-1", "C-2026", "20266-1", "-CW"]) {
      expect(clientCodePart(typed), typed).toBeNull();
    }
  });
});

describe("a record's tokens", () => {
  it("are every word of the legal name and each alias, closed-up forms of O'Brien and hyphenated names, and the date of birth", () => {
    const tokens = plainSearchTokens({ legalName: "María O'Brien-Cruz", aliases: ["Mari Q", "Zoë"], dateOfBirth: "1990-03-14" });
    expect(tokens.sort()).toEqual(
      ["name:maria", "name:o", "name:brien", "name:cruz", "name:obrien", "name:obriencruz", "name:mari", "name:q", "name:zoe", "dob:1990-03-14"].sort(),
    );
    expect(plainSearchTokens({ legalName: null, aliases: [], dateOfBirth: null })).toEqual([]);
  });

  it("are matched by a search's words, whatever the case or accents, and by the date in any accepted form", () => {
    const stored = new Set(plainSearchTokens({ legalName: "María O'Brien-Cruz", aliases: ["Mari Q"], dateOfBirth: "1990-03-14" }));
    const found = (q: string) => {
      const { tokens } = planSearch(q);
      return tokens.length > 0 && tokens.every((t) => stored.has(t));
    };
    for (const q of ["maria", "MARÍA", "  maria   cruz ", "O'Brien", "obrien", "o brien", "Brien-Cruz", "mari q", "MARI", "1990-03-14", "3/14/1990", "Mar 14, 1990"]) {
      expect(found(q), q).toBe(true);
    }
    // exact words only: not a prefix, not a word that is not there, not another date
    for (const q of ["mar", "maria lopez", "3/15/1990", "00042"]) expect(found(q), q).toBe(false);
  });

  it("a search plan keeps a date to its date token and leaves digits alone as names", () => {
    expect(planSearch("3/14/1990")).toEqual({ codePart: null, preferredNamePrefix: "3 14 1990", tokens: ["dob:1990-03-14"] });
    expect(planSearch("00042")).toEqual({ codePart: "00042", preferredNamePrefix: "00042", tokens: [] });
    expect(planSearch("Zoë  Q")).toEqual({ codePart: null, preferredNamePrefix: "zoe q", tokens: ["name:zoe", "name:q"] });
  });
});

describe("stored tokens", () => {
  it("are keyed hashes: no plaintext, one key, and different for another organization or another key", async () => {
    const key = randomBytes(32);
    const search = await withKey(key);
    const identity = { legalName: "Maria Quintero", aliases: ["Mari Q"], dateOfBirth: "1990-03-14" };
    const stored = search.searchTokensFor(ORG_A, identity);
    expect(stored).toHaveLength(search.plainSearchTokens(identity).length);
    for (const token of stored) expect(token).toMatch(/^[0-9a-f]{32}$/);
    expect(stored.join(" ")).not.toMatch(/maria|quintero|1990/i);
    expect(stored).toContain(search.hashSearchToken(ORG_A, "name:maria"));
    // same input, same token: that is what makes them searchable
    expect(search.searchTokensFor(ORG_A, identity)).toEqual(stored);
    // another organization's records never share a token with this one
    const other = search.searchTokensFor(ORG_B, identity);
    expect(other.filter((t) => stored.includes(t))).toEqual([]);
    // and the key matters (rotation needs the tokens made again)
    const rekeyed = await withKey(randomBytes(32));
    expect(rekeyed.searchTokensFor(ORG_A, identity).filter((t) => stored.includes(t))).toEqual([]);
  });
});
