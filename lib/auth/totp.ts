import { createHash, randomBytes } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

// The second factor's arithmetic (RFC 6238 TOTP through otplib, a QR code through qrcode), with no
// database: lib/account/two-factor.ts keeps the secret (encrypted), the last step used and the
// recovery codes (hashed).

export const TOTP_ISSUER = "Clearway";
/** A code is accepted for its own 30-second step and the one before and after (clock drift). */
const EPOCH_TOLERANCE_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;
/** 24 base-32 characters: 120 bits, so a plain SHA-256 is a fitting way to store them (ASVS 6.5.2). */
const RECOVERY_CODE_CHARS = 24;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

export function newTotpSecret(): string {
  return generateSecret();
}

/** What an authenticator app scans: otpauth://totp/Clearway:email?secret=...&issuer=Clearway. */
export function totpUri(secret: string, accountEmail: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: accountEmail, secret });
}

/** The URI as an SVG QR code (rendered on the server: no script, fits the CSP). */
export function totpQrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 1 });
}

/** A typed code as digits only ("123 456" and "123-456" are "123456"), or null if it is not six digits. */
export function totpDigits(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, "");
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * The time step a code matched, or null. A step at or before `afterStep` (the last one this account
 * used) is refused, so a code works once (ASVS 6.5.1).
 */
export async function matchTotp(secret: string, typed: string, options: { afterStep?: number | null; now?: Date } = {}): Promise<number | null> {
  const token = totpDigits(typed);
  if (!token) return null;
  const result = await verify({
    secret,
    token,
    epochTolerance: EPOCH_TOLERANCE_SECONDS,
    ...(options.afterStep != null ? { afterTimeStep: options.afterStep } : {}),
    ...(options.now ? { epoch: Math.floor(options.now.getTime() / 1000) } : {}),
  });
  // (otplib's result type covers HOTP too, whose results carry no time step)
  return result.valid && "timeStep" in result && typeof result.timeStep === "number" ? result.timeStep : null;
}

/** Ten recovery codes, each shown once as six groups of four ("abcd-efgh-..."). */
export function newRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const bytes = randomBytes(RECOVERY_CODE_CHARS);
    const chars = Array.from(bytes, (b) => BASE32[b & 31]).join("");
    return chars.match(/.{4}/g)!.join("-");
  });
}

/** A recovery code as typed (any case, spaces or dashes), in its stored form: SHA-256 hex, or null if it cannot be one. */
export function recoveryCodeHash(typed: string): string | null {
  const normalized = typed.toLowerCase().replace(/[\s-]/g, "");
  if (normalized.length !== RECOVERY_CODE_CHARS || [...normalized].some((c) => !BASE32.includes(c))) return null;
  return createHash("sha256").update(normalized).digest("hex");
}
