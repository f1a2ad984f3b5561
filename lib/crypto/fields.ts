import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from "node:crypto";
import { getEnv } from "../env";
import { keyedHash } from "./keys";

// Field-level encryption for survivors' identifying details (DESIGN.md "Data rules"), done in the
// application so the database, its backups and its logs only ever hold ciphertext.
//
// Format: "v1.<keyId>.<iv>.<ciphertext+tag>" (base64url parts). AES-256-GCM with a random 96-bit IV.
// The key is derived (HKDF) from a master key; keyId is a fingerprint of that master key, so after a
// rotation (new CLEARWAY_ENCRYPTION_KEY, old one moved to CLEARWAY_PREVIOUS_ENCRYPTION_KEYS) old
// values still decrypt while new ones are written under the new key.
// The additional authenticated data names the column and the row, so a ciphertext copied into another
// row or column fails to decrypt instead of silently showing someone else's details.

type Keyring = { current: { id: string; key: Buffer }; byId: Map<string, Buffer> };

let keyring: Keyring | undefined;
let keyringFor: Buffer | undefined;

function fingerprint(master: Buffer): string {
  return createHash("sha256").update("clearway:key-id").update(master).digest("base64url").slice(0, 8);
}

function fieldKey(master: Buffer): Buffer {
  return Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), "clearway:field-encryption", 32));
}

function getKeyring(): Keyring {
  const env = getEnv();
  if (keyring && keyringFor === env.encryptionKey) return keyring;
  const byId = new Map<string, Buffer>();
  for (const master of [...env.previousEncryptionKeys, env.encryptionKey]) byId.set(fingerprint(master), fieldKey(master));
  const id = fingerprint(env.encryptionKey);
  keyring = { current: { id, key: byId.get(id)! }, byId };
  keyringFor = env.encryptionKey;
  return keyring;
}

/** Where a value lives: its column and its row. Bound into the ciphertext. */
export type FieldContext = { field: string; rowId: string };

function aad(context: FieldContext): Buffer {
  return Buffer.from(`${context.field}:${context.rowId}`, "utf8");
}

export function encryptField(value: string, context: FieldContext): string;
export function encryptField(value: string | null | undefined, context: FieldContext): string | null;
export function encryptField(value: string | null | undefined, context: FieldContext): string | null {
  if (value === null || value === undefined || value === "") return null;
  const { current } = getKeyring();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", current.key, iv);
  cipher.setAAD(aad(context));
  const body = Buffer.concat([cipher.update(value, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return ["v1", current.id, iv.toString("base64url"), body.toString("base64url")].join(".");
}

export class DecryptionError extends Error {
  constructor(reason: string) {
    super(`An encrypted value could not be read: ${reason}`);
    this.name = "DecryptionError";
  }
}

export function decryptField(stored: string | null, context: FieldContext): string | null {
  if (stored === null) return null;
  const [version, keyId, ivText, bodyText] = stored.split(".");
  if (version !== "v1" || !keyId || !ivText || !bodyText) throw new DecryptionError("unknown format");
  const key = getKeyring().byId.get(keyId);
  if (!key) throw new DecryptionError(`key ${keyId} is not configured (see CLEARWAY_PREVIOUS_ENCRYPTION_KEYS)`);
  const body = Buffer.from(bodyText, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
  decipher.setAAD(aad(context));
  decipher.setAuthTag(body.subarray(body.length - 16));
  try {
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptionError("authentication failed (wrong key, row or column)");
  }
}

/** The key id new values are written under (shown to admins checking a rotation). */
export function currentKeyId(): string {
  return getKeyring().current.id;
}

/**
 * How names are compared for exact look-ups and duplicate checks: case, accents, punctuation and
 * spacing do not matter ("María  de la Cruz" = "maria de la cruz" = "MARIA DE LA-CRUZ").
 */
export function normalizeName(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Blind index of a legal name alone (exact legal-name search). */
export function nameIndex(name: string): string {
  return keyedHash("blind-index:name", normalizeName(name));
}

/** Blind index of legal name + date of birth (duplicate detection at intake). */
export function identityIndex(name: string, dateOfBirth: string): string {
  return keyedHash("blind-index:identity", `${normalizeName(name)}|${dateOfBirth}`);
}
