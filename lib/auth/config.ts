import "server-only";
import { cookies } from "next/headers";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import { decode } from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "../../db/client";
import { getEnv } from "../env";
import { requestMetaFromHeaders } from "../request-meta";
import { logServerError } from "../server-log";
import { safeParseInput } from "../validation";
import { authenticate } from "./authenticate";
import { trustedDeviceCookie } from "./trusted-device-cookie";
import { safeCallbackPath, signInSchema } from "./schema";

// The codes travel from authorize() to the sign-in action (and, for direct posts to the Auth.js
// endpoint, into its redirect URL): they say which message to show, never which credential was wrong.
class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class InactiveAccount extends CredentialsSignin {
  override code = "inactive";
}
/** Right password, but a program lead of the organization has not approved the account (or declined it). */
export class AccountNotApproved extends CredentialsSignin {
  constructor(
    code: "awaiting_approval" | "approval_declined",
    readonly organizationName: string | null,
  ) {
    super();
    this.code = code;
  }
}
class LockedAccount extends CredentialsSignin {
  constructor(retryAfterMinutes: number) {
    super();
    this.code = `locked:${retryAfterMinutes}`;
  }
}

class AddressLimited extends CredentialsSignin {
  constructor(retryAfterMinutes: number) {
    super();
    this.code = `address_limited:${retryAfterMinutes}`;
  }
}

/** The session cookie's name: with the __Host- prefix (ASVS 3.3.3) when the public URL is https. Also the JWT's key-derivation salt. */
export function sessionCookieName(secureCookies: boolean): string {
  return secureCookies ? "__Host-clearway.session" : "clearway.session";
}

let config: NextAuthConfig | undefined;

// Built on first use rather than at import, so `next build` never needs the secrets.
function buildConfig(): NextAuthConfig {
  if (config) return config;
  const env = getEnv();
  config = {
    secret: env.authSecret,
    trustHost: true,
    // Credentials sign-in only works with JWT sessions; user_sessions makes each token revocable.
    session: { strategy: "jwt", maxAge: env.sessionMaxHours * 3600 },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    cookies: {
      sessionToken: {
        // __Host- (ASVS 3.3.3): Secure, path=/, no Domain, so no subdomain can set or read it.
        name: sessionCookieName(env.secureCookies),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: env.secureCookies },
      },
    },
    providers: [
      Credentials({
        credentials: { email: {}, password: {} },
        async authorize(credentials, request) {
          const parsed = safeParseInput(signInSchema, credentials);
          if (!parsed.ok) throw new InvalidCredentials();
          const outcome = await authenticate(
            getDb(),
            { email: parsed.data.email, password: parsed.data.password },
            requestMetaFromHeaders(request.headers),
            { sessionMaxHours: env.sessionMaxHours, trustedDevice: await trustedDeviceCookie() },
          );
          if (outcome.ok) return { id: outcome.user.id, sessionId: outcome.user.sessionId };
          if (outcome.reason === "locked") throw new LockedAccount(outcome.retryAfterMinutes);
          if (outcome.reason === "address_limited") throw new AddressLimited(outcome.retryAfterMinutes);
          if (outcome.reason === "inactive") throw new InactiveAccount();
          if (outcome.reason === "awaiting_approval" || outcome.reason === "approval_declined") {
            throw new AccountNotApproved(outcome.reason, outcome.organizationName);
          }
          throw new InvalidCredentials();
        },
      }),
    ],
    callbacks: {
      // Where a direct post to /api/auth/callback/credentials may send the browser: the sign-in form's rule.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackPath(url, baseUrl) ?? "/"}`;
      },
      jwt({ token, user }) {
        // Only at sign-in is `user` set; the token then carries the session row id and nothing personal.
        if (user) return { sub: user.id, sid: user.sessionId };
        return token;
      },
      session({ session, token }) {
        return { expires: session.expires, sessionId: token.sid } as typeof session;
      },
    },
    logger: {
      error(error) {
        // A refused sign-in is an expected outcome, already in the audit trail; not a server error.
        if (error instanceof CredentialsSignin) return;
        logServerError("auth", error);
      },
    },
  };
  return config;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());

/**
 * The session row id this request's cookie carries: Auth.js's JWT decrypted, its expiry checked, as
 * auth() does, without what auth() adds for a page: the callbacks and a freshly encrypted cookie that
 * a server component cannot set anyway (a third of the session check's time on every page). Whether
 * the session is live is decided by its row (lib/auth/sessions.ts resolveSession), as before; the
 * JWT's own expiry is the session's absolute lifetime either way.
 */
export async function sessionIdFromCookie(): Promise<string | null> {
  const env = getEnv();
  const name = sessionCookieName(env.secureCookies);
  const token = (await cookies()).get(name)?.value;
  if (!token) return null;
  try {
    const payload = await decode({ token, secret: env.authSecret, salt: name });
    return typeof payload?.sid === "string" ? payload.sid : null;
  } catch {
    // tampered, expired or sealed with another secret: no session
    return null;
  }
}
