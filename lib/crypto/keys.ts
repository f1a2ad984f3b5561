import { createHmac, hkdfSync } from "node:crypto";
import { getEnv } from "../env";

// Every purpose gets its own key, derived from CLEARWAY_ENCRYPTION_KEY with HKDF-SHA256, so a key
// used for look-up hashes can never decrypt anything and vice versa.

// Derived keys of the master key they came from: when the master key changes (a rotation, or a test
// switching keys) the cache is dropped, so no hash or seal is made under a key that is no longer current.
const derived = new Map<string, Buffer>();
let derivedFor: Buffer | undefined;

/** The 256-bit key of one purpose (for lib/crypto only: the rest of the app uses keyedHash, sealText, encryptField). */
export function deriveKey(purpose: string): Buffer {
  const master = getEnv().encryptionKey;
  if (!derivedFor?.equals(master)) {
    derived.clear();
    derivedFor = Buffer.from(master);
  }
  let key = derived.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", master, Buffer.alloc(0), `clearway:${purpose}`, 32));
    derived.set(purpose, key);
  }
  return key;
}

/** HMAC-SHA256 of a value under a purpose-specific key: equal inputs match, the input stays secret. */
export function keyedHash(purpose: string, value: string): string {
  return createHmac("sha256", deriveKey(purpose)).update(value, "utf8").digest("hex");
}
