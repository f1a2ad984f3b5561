import { normalizeName } from "../crypto/fields";
import { keyedHash } from "../crypto/keys";

// Finding a survivor by what an advocate remembers: a part of the client code, the start of the
// preferred name, or exactly a legal first or last name, an alias (or one of its words) or the date of
// birth — case, accents and spacing aside. Client codes and preferred names are not secret and are
// matched as they are stored; the identifying details are encrypted, so they are matched through
// search tokens: keyed hashes of normalized words ("name:maria", "dob:1990-03-14") kept in
// survivors.search_tokens. Each token is hashed with the owning organization's id under a key of its
// own (not the blind indexes' key), so the same name in two organizations gives two unrelated hashes:
// a search can only ever meet its own organization's records, and nothing in the database tells that
// two agencies serve the same person.

export type SearchableIdentity = { legalName: string | null; aliases: readonly string[]; dateOfBirth: string | null };

const TOKEN_KEY_PURPOSE = "search-token";
/** 128 bits of the HMAC: collisions stay out of reach, and the column stays small. */
const TOKEN_HEX_LENGTH = 32;
/** The words of one search that must all be found (the field allows 120 characters). */
const MAX_QUERY_WORDS = 8;

// Letters that NFKD leaves whole (they are not a base letter plus a mark), as people type them
// without the key: "Łukasz" is found by "lukasz", "Søren" by "soren", "Strauß" by "strauss".
const FOLDS: Record<string, string> = { ß: "ss", ẞ: "ss", ø: "o", Ø: "o", ł: "l", Ł: "l", đ: "d", Đ: "d", æ: "ae", Æ: "ae", œ: "oe", Œ: "oe", ı: "i", þ: "th", Þ: "th", ð: "d", Ð: "d" };
const FOLDABLE = new RegExp(`[${Object.keys(FOLDS).join("")}]`, "gu");
// Apostrophes inside a name: "O'Brien" is found by "O'Brien", "o brien" and "obrien".
const APOSTROPHES = /['’ʼ`´]/gu;

function fold(value: string): string {
  return value.replace(FOLDABLE, (c) => FOLDS[c] ?? c);
}

/** The words of a text as search compares them: NFKD without marks, folded, lower case, split at anything not a letter or digit. */
export function searchWords(value: string): string[] {
  const normalized = normalizeName(fold(value));
  return normalized ? normalized.split(" ") : [];
}

/**
 * The words a stored name is found by: its words, and the same closed up at apostrophes and then at
 * hyphens ("O'Brien-Cruz": o, brien, cruz, obrien, obriencruz).
 */
function nameWords(name: string): string[] {
  const closed = name.replace(APOSTROPHES, "");
  return [...searchWords(name), ...searchWords(closed), ...searchWords(closed.replace(/[-‐‑–—]/gu, ""))];
}

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/**
 * A date typed the ways the app writes and accepts dates — 1990-03-14 (the date field), 3/14/1990
 * (US order; also with - or .), Mar 14, 1990 (as pages show it), 14 March 1990 — as YYYY-MM-DD, or
 * null for anything else (two-digit years are refused: a birth year's century cannot be guessed).
 */
export function parseSearchDate(value: string): string | null {
  const text = value.trim().toLowerCase().replace(/\s+/g, " ");
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return isoDate(Number(m[3]), Number(m[1]), Number(m[2]));
  m = /^([a-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(text);
  if (m) return monthNamed(m[1]!, Number(m[2]), Number(m[3]));
  m = /^(\d{1,2}) ([a-z]{3,9})\.?,? (\d{4})$/.exec(text);
  if (m) return monthNamed(m[2]!, Number(m[1]), Number(m[3]));
  return null;
}

/** "Mar", "Mar.", "Sept" or "March" (the start of a month's name, three letters or more). */
function monthNamed(name: string, day: number, year: number): string | null {
  const month = MONTHS.findIndex((full) => full.startsWith(name));
  return month < 0 ? null : isoDate(year, month + 1, day);
}

// Client codes look like CW-2026-00042 (the number has five digits or more).
const CODE_PREFIX = "CW-####-";

/**
 * The text as a piece of a client code ("00042", "2026-00042", "cw-2026-0004"), upper-cased, or null
 * when it could not be one. It must hold a digit: "CW" alone would match every record.
 */
export function clientCodePart(value: string): string | null {
  // "cw 2026 00018" is how a code is read aloud or typed in haste: spaces stand for its hyphens
  const part = value.trim().replace(/[\s-]+/g, "-").toUpperCase();
  if (!/\d/.test(part) || !/^[CW0-9-]+$/.test(part)) return null;
  const fits = (offset: number) =>
    [...part].every((char, i) => {
      const expected = CODE_PREFIX[offset + i] ?? "#";
      return expected === "#" ? /\d/.test(char) : char === expected;
    });
  for (let offset = 0; offset <= CODE_PREFIX.length; offset += 1) if (fits(offset)) return part;
  return null;
}

/** The plaintext tokens of a record (never stored: only their keyed hashes are). */
export function plainSearchTokens(identity: SearchableIdentity): string[] {
  const tokens = new Set<string>();
  for (const name of [identity.legalName, ...identity.aliases]) {
    if (name) for (const word of nameWords(name)) tokens.add(`name:${word}`);
  }
  if (identity.dateOfBirth) tokens.add(`dob:${identity.dateOfBirth}`);
  return [...tokens];
}

/** A token as stored and searched: keyed, and bound to the organization that owns the record. */
export function hashSearchToken(organizationId: string, token: string): string {
  return keyedHash(TOKEN_KEY_PURPOSE, `${organizationId}\u0000${token}`).slice(0, TOKEN_HEX_LENGTH);
}

/** What survivors.search_tokens holds for a record of this organization (sorted: the order tells nothing). */
export function searchTokensFor(organizationId: string, identity: SearchableIdentity): string[] {
  return [...new Set(plainSearchTokens(identity).map((token) => hashSearchToken(organizationId, token)))].sort();
}

export type SearchPlan = {
  /** a piece of the client code to look for anywhere in it */
  codePart: string | null;
  /** the start of a preferred name (normalized like preferred_name_key) */
  preferredNamePrefix: string | null;
  /** plaintext tokens a record must all hold: one date of birth, or every word of a name */
  tokens: string[];
};

/** How one search text is looked for. */
export function planSearch(q: string): SearchPlan {
  const dateOfBirth = parseSearchDate(q);
  const words = searchWords(q);
  const hasLetter = /\p{L}/u.test(q);
  return {
    codePart: clientCodePart(q),
    preferredNamePrefix: normalizeName(q) || null,
    tokens: dateOfBirth ? [`dob:${dateOfBirth}`] : hasLetter ? [...new Set(words)].slice(0, MAX_QUERY_WORDS).map((w) => `name:${w}`) : [],
  };
}
