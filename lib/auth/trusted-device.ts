import { randomBytes } from "node:crypto";
import { keyedHash } from "../crypto/keys";
import { openSealed, sealText } from "../crypto/seal";

// A trusted device: a browser where an account's owner passed the second factor in the last 30 days.
// It carries a token sealed to that account (lib/crypto/seal.ts: encrypted and authenticated, bound to
// the user id, expiring), naming a random device id and the moment the account's second factor was set
// up, so a reset of the second factor retires every device trusted before it.
//
// What it is for (ASVS 6.3.5's "lock out" concern): someone who knows an advocate's email can make five
// wrong guesses and lock her account. From a trusted device, her password is counted on that device's
// own counter instead of the account's, so the lockout does not keep her out; her second factor is
// still asked for. The device's counter locks after the same five failures, so a stolen cookie is no
// way around the limit either. The token also names when the password was last changed: changing it
// (or an administrator's reset) forgets every device, which is how an owner revokes a lost laptop.

export const TRUSTED_DEVICE_DAYS = 30;
const PURPOSE = "trusted-device";
/** At most this many accounts' tokens in one browser (a shared office computer), newest first. */
const MAX_TOKENS = 3;
const SEPARATOR = "~";

export type TrustedDevice = { deviceId: string };

/** What a token is bound to besides the user: when the second factor was set up, and the password last changed. */
export type DeviceBinding = { totpEnabledAt: Date | null; passwordChangedAt: Date | null };

const stamp = (date: Date | null) => date?.getTime() ?? 0;

/** A new token for this account, as its second factor and password now stand. */
export function trustedDeviceToken(userId: string, binding: DeviceBinding, now = new Date()): string {
  const payload = JSON.stringify({ d: randomBytes(16).toString("base64url"), t: stamp(binding.totpEnabledAt), p: stamp(binding.passwordChangedAt) });
  return sealText(payload, { purpose: PURPOSE, holder: userId }, new Date(now.getTime() + TRUSTED_DEVICE_DAYS * 86_400_000));
}

/**
 * The device this cookie value vouches for, for this account, or null: no token sealed to the account,
 * expired, tampered with, or from before its second factor was last set up or its password last changed.
 */
export function trustedDeviceFor(cookieValue: string | null | undefined, account: { id: string } & DeviceBinding, now = new Date()): TrustedDevice | null {
  if (!cookieValue || !account.totpEnabledAt) return null;
  for (const token of cookieValue.split(SEPARATOR).slice(0, MAX_TOKENS)) {
    const opened = openSealed(token, { purpose: PURPOSE, holder: account.id }, now);
    if (!opened) continue;
    try {
      const payload = JSON.parse(opened) as { d?: unknown; t?: unknown; p?: unknown };
      if (typeof payload.d === "string" && payload.t === stamp(account.totpEnabledAt) && payload.p === stamp(account.passwordChangedAt)) return { deviceId: payload.d };
    } catch {
      // not ours
    }
  }
  return null;
}

/** The cookie's new value: this account's new token first, then up to two other accounts' tokens (never a second one of this account's). */
export function withTrustedDeviceToken(cookieValue: string | null | undefined, userId: string, token: string, now = new Date()): string {
  const others = (cookieValue ?? "")
    .split(SEPARATOR)
    .filter((t) => t && /^[A-Za-z0-9_-]+$/.test(t) && openSealed(t, { purpose: PURPOSE, holder: userId }, now) === null);
  return [token, ...others].slice(0, MAX_TOKENS).join(SEPARATOR);
}

/** The sign-in throttle key of a trusted device (a keyed hash of its id). */
export function deviceThrottleKey(device: TrustedDevice): string {
  return keyedHash("sign-in-device", device.deviceId);
}
