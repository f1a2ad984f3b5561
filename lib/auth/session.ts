import "server-only";
import { forbidden, redirect } from "next/navigation";
import { headers } from "next/headers";
import { cache } from "react";
import { getDb } from "../../db/client";
import { auditActor, recordAudit } from "../audit/record";
import { getEnv } from "../env";
import { requestMetaFromHeaders } from "../request-meta";
import { sessionIdFromCookie } from "./config";
import { can, type Permission } from "./policy";
import { resolveSession, type SessionCheck, type SessionUser } from "./sessions";

export type { SessionUser } from "./sessions";

// The proxy copies the requested path into this header so a redirect to sign-in can come back here.
const PATHNAME_HEADER = "x-clearway-pathname";

/** The session behind this request, checked against the database once per request (React cache). */
const checkSession = cache(async (): Promise<SessionCheck> => {
  const sessionId = await sessionIdFromCookie();
  if (!sessionId) return { status: "ended", reason: "missing" };
  return resolveSession(getDb(), sessionId, { now: new Date(), idleMinutes: getEnv().idleMinutes });
});

export async function getCurrentUser(): Promise<SessionUser | null> {
  const check = await checkSession();
  return check.status === "active" ? check.user : null;
}

/**
 * The signed-in user for a request the page makes by itself (the bell's poll): the session is checked
 * as for any request, but the call is not activity, so a tab left open does not keep an idle session
 * alive.
 */
export async function getCurrentUserWithoutActivity(): Promise<SessionUser | null> {
  const sessionId = await sessionIdFromCookie();
  if (!sessionId) return null;
  const check = await resolveSession(getDb(), sessionId, { now: new Date(), idleMinutes: getEnv().idleMinutes, noteActivity: false });
  return check.status === "active" ? check.user : null;
}

/**
 * The user of a session that has passed the password but not yet the second factor (for
 * /sign-in/verify and its action), or null for any other state.
 */
export async function getPendingSecondFactorUser(): Promise<SessionUser | null> {
  const check = await checkSession();
  return check.status === "second_factor" ? check.user : null;
}

/** Whether this request's session may only set up the second factor its role requires (the shell shows no navigation then). */
export async function mustSetUpSecondFactor(): Promise<boolean> {
  return (await checkSession()).status === "second_factor_setup";
}

/** The session's user whether or not it has passed the second factor (signing out ends either). */
export async function getSignedInUserEvenIfPending(): Promise<SessionUser | null> {
  const check = await checkSession();
  return check.status === "ended" ? null : check.user;
}

async function secondFactorPath(): Promise<string> {
  const from = (await headers()).get(PATHNAME_HEADER);
  return from && from !== "/" ? `/sign-in/verify?${new URLSearchParams({ callbackUrl: from })}` : "/sign-in/verify";
}

async function signInPath(reason: string): Promise<string> {
  const params = new URLSearchParams();
  const from = (await headers()).get(PATHNAME_HEADER);
  if (from && from !== "/") params.set("callbackUrl", from);
  if (reason === "idle_timeout") params.set("reason", "idle");
  else if (reason !== "missing") params.set("reason", "ended");
  const query = params.toString();
  return query ? `/sign-in?${query}` : "/sign-in";
}

/**
 * The signed-in user, or a redirect to sign-in. A session that has not yet passed the account's second
 * factor is sent to give it: every page, server action and route handler goes through here, so none
 * serves it anything else. A user whose password was set by an admin is sent to choose their own
 * first, except on the pages that let them do that.
 */
export type RequireUserOptions = {
  /** the pages and actions that let someone replace an administrator's password with their own */
  allowPendingPasswordChange?: boolean;
  /** the second step of signing in (its page's action) */
  allowPendingSecondFactor?: boolean;
  /** setting up the second factor a role requires (its page and actions) */
  allowSecondFactorSetup?: boolean;
};

export async function requireUser(options: RequireUserOptions = {}): Promise<SessionUser> {
  const check = await checkSession();
  if (check.status === "second_factor") {
    // Only the second-factor step itself (its page's action) serves a session waiting for it.
    if (options.allowPendingSecondFactor) return check.user;
    redirect(await secondFactorPath());
  }
  if (check.status === "second_factor_setup") {
    // Its own password first (an administrator chose the one it signed in with), then the setup.
    if (check.user.mustChangePassword) {
      if (options.allowPendingPasswordChange) return check.user;
      redirect("/account/password");
    }
    if (options.allowSecondFactorSetup) return check.user;
    redirect("/account/two-factor");
  }
  if (check.status !== "active") redirect(await signInPath(check.reason));
  if (check.user.mustChangePassword && !options.allowPendingPasswordChange) redirect("/account/password");
  return check.user;
}

/** For pages: the signed-in user if they hold the permission; otherwise a 403 page (and an audit event). */
export async function requirePermission(permission: Permission, options: RequireUserOptions = {}): Promise<SessionUser> {
  const me = await requireUser(options);
  if (!can(me, permission)) {
    await recordDenial(me, permission);
    forbidden();
  }
  return me;
}

/** Failed authorization is itself an audit event (ASVS 16.3.2). */
export async function recordDenial(me: SessionUser, attempted: string): Promise<void> {
  const requestHeaders = await headers();
  await recordAudit(getDb(), {
    actor: auditActor(me),
    action: "access.denied",
    meta: requestMetaFromHeaders(requestHeaders),
    // The path only: a query string can carry what someone searched for (a name).
    details: { attempted, path: requestHeaders.get(PATHNAME_HEADER)?.split("?")[0] ?? null },
  });
}

export async function currentRequestMeta() {
  return requestMetaFromHeaders(await headers());
}
