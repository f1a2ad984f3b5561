import "server-only";
import { eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
import { users } from "../../db/schema/users";
import { getEnv } from "../env";
import { TRUSTED_DEVICE_DAYS, trustedDeviceToken, withTrustedDeviceToken } from "./trusted-device";

/** The trusted-device cookie's name: __Host- prefixed (Secure, path=/, no Domain) when the public URL is https. */
export function trustedDeviceCookieName(secureCookies: boolean): string {
  return secureCookies ? "__Host-clearway.device" : "clearway.device";
}

/** The trusted-device cookie this request carries (read at sign-in). */
export async function trustedDeviceCookie(): Promise<string | null> {
  return (await cookies()).get(trustedDeviceCookieName(getEnv().secureCookies))?.value ?? null;
}

/**
 * After this browser passed the account's second factor (or set it up): trusts it for 30 days
 * (lib/auth/trusted-device.ts). Only a server action may call it: it sets a cookie.
 */
export async function trustThisDevice(userId: string): Promise<void> {
  const [row] = await getDb().select({ since: users.totpEnabledAt }).from(users).where(eq(users.id, userId));
  if (!row?.since) return;
  const secure = getEnv().secureCookies;
  const jar = await cookies();
  const name = trustedDeviceCookieName(secure);
  jar.set(name, withTrustedDeviceToken(jar.get(name)?.value, userId, trustedDeviceToken(userId, row.since)), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: TRUSTED_DEVICE_DAYS * 86_400,
  });
}
