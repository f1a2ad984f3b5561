import { hash, parseOptions, verify } from "@node-rs/argon2";

// argon2id at OWASP's/ASVS 5 Appendix C minimum: m = 46 MiB, t = 1, p = 1 (about 0.1 s on this stack's
// 2-core machines). @node-rs/argon2 defaults to argon2id and ships prebuilt binaries (no node-gyp).
const HASH_OPTIONS = { memoryCost: 47_104, timeCost: 1, parallelism: 1 } as const;

// Verifying against this hash costs the same as verifying a real one, so a sign-in with an unknown
// email takes as long as one with a known email and a wrong password. (Its password is random and
// unknown; the hash is fixed only so nothing is computed at start-up.)
const UNKNOWN_ACCOUNT_HASH =
  "$argon2id$v=19$m=47104,t=1,p=1$zt4QQuANGqTaGcvzdVI+AQ$a05m/mYhJDNhRYBcjthusdhQAypxV0E+EQ6/Pb9rDdo";

export function hashPassword(password: string): Promise<string> {
  return hash(password, HASH_OPTIONS);
}

/** Verifies a password; with no stored hash it still spends the full verification time. */
export async function verifyPassword(storedHash: string | null, password: string): Promise<boolean> {
  if (!storedHash) {
    await verify(UNKNOWN_ACCOUNT_HASH, password);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker parameters than today's and should be replaced. */
export function needsRehash(storedHash: string): boolean {
  try {
    const current = parseOptions(storedHash);
    return current.memoryCost < HASH_OPTIONS.memoryCost || current.timeCost < HASH_OPTIONS.timeCost;
  } catch {
    return true;
  }
}
