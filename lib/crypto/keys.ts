import { createHmac, hkdfSync } from "node:crypto";
import { getEnv } from "../env";

// Every purpose gets its own key, derived from CLEARWAY_ENCRYPTION_KEY with HKDF-SHA256, so a key
// used for look-up hashes can never decrypt anything and vice versa.

const derived = new Map<string, Buffer>();

/** The 256-bit key of one purpose (for lib/crypto only: the rest of the app uses keyedHash, sealText, encryptField). */
export function deriveKey(purpose: string): Buffer {
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", getEnv().encryptionKey, Buffer.alloc(0), `clearway:${purpose}`, 32));
    derived.set(purpose, key);
  }
  return key;
}

/** HMAC-SHA256 of a value under a purpose-specific key: equal inputs match, the input stays secret. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", deriveKey(purpose)).update(value, "utf8").digest("hex");
}
