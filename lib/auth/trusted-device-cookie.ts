import "server-only";
import { and, eq } from "drizzle-orm";
import { cookies } from "next/headers";
import { getDb } from "../../db/client";
import { userSessions } from "../../db/schema/auth";
import { users } from "../../db/schema/users";
import { getEnv } from "../env";
import type { SessionUser } from "./sessions";
import { TRUSTED_DEVICE_DAYS, trustedDeviceToken, withTrustedDeviceToken } from "./trusted-device";

/** The trusted-device cookie's name: __Host- prefixed (Secure, path=/, no Domain) when the public URL is https. */
export function trustedDeviceCookieName(secureCookies: boolean): string {
  return secureCookies ? "__Host-clearway.device" : "clearway.device";
}

/** The trusted-device cookie this request carries (read at sign-in). */
export async function trustedDeviceCookie(): Promise<string | null> {
  return (await cookies()).get(trustedDeviceCookieName(getEnv().secureCookies))?.value ?? null;
}

/** How long after passing (or setting up) the second factor a session may still have its browser trusted. */
const TRUST_WITHIN_MINUTES = 15;

/**
 * After this browser passed the account's second factor (or set it up), in the last 15 minutes: trusts
 * it for 30 days (lib/auth/trusted-device.ts). Only a server action may call it: it sets a cookie. Returns
 * whether it did.
 */
export async function trustThisDevice(me: SessionUser): Promise<boolean> {
  const [row] = await getDb()
    .select({ since: users.totpEnabledAt, passwordChangedAt: users.passwordChangedAt, passedAt: userSessions.secondFactorAt })
    .from(userSessions)
    .innerJoin(users, eq(users.id, userSessions.userId))
    .where(and(eq(userSessions.id, me.sessionId), eq(userSessions.userId, me.id)));
  if (!row?.since || !row.passedAt || Date.now() - row.passedAt.getTime() > TRUST_WITHIN_MINUTES * 60_000) return false;
  const secure = getEnv().secureCookies;
  const jar = await cookies();
  const name = trustedDeviceCookieName(secure);
  jar.set(name, withTrustedDeviceToken(jar.get(name)?.value, me.id, trustedDeviceToken(me.id, { totpEnabledAt: row.since, passwordChangedAt: row.passwordChangedAt })), {
    httpOnly: true,
    sameSite: "lax",
    secure,
    path: "/",
    maxAge: TRUSTED_DEVICE_DAYS * 86_400,
  });
  return true;
}
