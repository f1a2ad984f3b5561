import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey } from "./keys";

// Sealed values: a short text that must travel through a URL without being readable there (a search
// for a name), given back only to whom it was sealed for and only until it expires. AES-256-GCM under
// a key of the purpose's own (HKDF from CLEARWAY_ENCRYPTION_KEY, lib/crypto/keys.ts), with the purpose
// and the holder (a session id) as additional authenticated data, so a token is refused by any other
// purpose, any other session, after its expiry, and when a single bit of it was changed.
//
// Token: base64url of version (1 byte) | IV (12) | ciphertext | tag (16); the plaintext is the expiry
// (milliseconds since the epoch, 8 bytes), the text's length in bytes (2) and the text, padded with
// zeros to a multiple of 128 bytes, so a token's length does not tell a date of birth (always ten
// characters) from a name. After a rotation of the master key every
// token is refused, as if expired: they live no longer than a session anyway.

const VERSION = 2;
const LENGTH_BYTES = 2;
const PAD_TO = 128;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const EXPIRY_BYTES = 8;

export type SealBinding = {
  /** what the token is for: each purpose has its own key */
  purpose: string;
  /** whom the token is for (a session id): it opens for them only */
  holder: string;
};

function keyOf(purpose: string): Buffer {
  return deriveKey(`sealed:${purpose}`);
}

function aad({ purpose, holder }: SealBinding): Buffer {
  return Buffer.from(`${purpose}\u0000${holder}`, "utf8");
}

export function sealText(text: string, binding: SealBinding, expiresAt: Date): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyOf(binding.purpose), iv);
  cipher.setAAD(aad(binding));
  const expiry = Buffer.alloc(EXPIRY_BYTES);
  expiry.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(expiresAt.getTime()))));
  const textBytes = Buffer.from(text, "utf8");
  if (textBytes.length > 0xffff) throw new Error("sealText: text too long");
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt16BE(textBytes.length);
  const padding = Buffer.alloc((PAD_TO - ((LENGTH_BYTES + textBytes.length) % PAD_TO)) % PAD_TO);
  const body = Buffer.concat([cipher.update(expiry), cipher.update(length), cipher.update(textBytes), cipher.update(padding), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([Buffer.from([VERSION]), iv, body]).toString("base64url");
}

/** The sealed text, or null when the token is not one (malformed, tampered, another purpose or holder, another key) or has expired. */
export function openSealed(token: string, binding: SealBinding, now: Date = new Date()): string | null {
  if (!/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const bytes = Buffer.from(token, "base64url");
  if (bytes.length < 1 + IV_BYTES + EXPIRY_BYTES + LENGTH_BYTES + TAG_BYTES || bytes[0] !== VERSION) return null;
  const iv = bytes.subarray(1, 1 + IV_BYTES);
  const body = bytes.subarray(1 + IV_BYTES, bytes.length - TAG_BYTES);
  let plain: Buffer;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyOf(binding.purpose), iv);
    decipher.setAAD(aad(binding));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    plain = Buffer.concat([decipher.update(body), decipher.final()]);
  } catch {
    return null;
  }
  const expiresAt = Number(plain.readBigUInt64BE(0));
  if (expiresAt <= now.getTime()) return null;
  const textLength = plain.readUInt16BE(EXPIRY_BYTES);
  if (EXPIRY_BYTES + LENGTH_BYTES + textLength > plain.length) return null;
  return plain.subarray(EXPIRY_BYTES + LENGTH_BYTES, EXPIRY_BYTES + LENGTH_BYTES + textLength).toString("utf8");
}
