import type { DatabaseHandle, Db } from "../../../../db/client";
import { authenticate } from "../../../../lib/auth/authenticate";
import { requestMetaFromHeaders } from "../../../../lib/request-meta";

// The Next.js request a matrix cell makes, for the module mocks in authorization-matrix-*.test.ts:
// whose session cookie it carries (a real user_sessions row, resolved by the real lib/auth/session),
// the path it asks for, and the test database that getDb() answers with. Only the framework's edges
// are stood in for: Auth.js's cookie reader, next/headers, next/cache and the database handle.

const request: { db: Db | null; sessionId: string | null; path: string } = { db: null, sessionId: null, path: "/" };

export function useDatabase(handle: DatabaseHandle) {
  request.db = handle.db;
}

class RolledBack extends Error {}

/**
 * Runs one cell inside a transaction that is always rolled back, with getDb() answering that
 * transaction (the app's own transactions nest as savepoints). A call that should have been refused
 * but was not changes nothing the next cell sees, so each cell fails for itself only.
 */
export async function isolated(run: () => Promise<void>): Promise<void> {
  const outer = currentDb();
  try {
    await outer.transaction(async (tx) => {
      request.db = tx as unknown as Db;
      try {
        await run();
      } finally {
        request.db = outer;
      }
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
}

export function as(sessionId: string | null, path = "/") {
  request.sessionId = sessionId;
  request.path = path;
}

export function currentDb(): Db {
  if (!request.db) throw new Error("The authorization matrix has no database yet.");
  return request.db;
}

function requestHeaders(): Headers {
  return new Headers({ "user-agent": "authorization-matrix", "x-forwarded-for": "198.51.100.23", "x-clearway-pathname": request.path });
}

// next-auth cannot load under vitest (its ESM imports "next/server" without an extension), and only
// its error classes are used outside lib/auth/config.ts: these stand in for them.
class AuthError extends Error {
  type = "AuthError";
}
class CredentialsSignin extends AuthError {
  code = "credentials";
}
class InvalidCredentials extends CredentialsSignin {
  override code = "invalid";
}
class InactiveAccount extends CredentialsSignin {
  override code = "inactive";
}
class LockedAccount extends CredentialsSignin {
  constructor(retryAfterMinutes: number) {
    super();
    this.code = `locked:${retryAfterMinutes}`;
  }
}
class AccountNotApproved extends CredentialsSignin {
  constructor(
    code: "awaiting_approval" | "approval_declined",
    readonly organizationName: string | null,
  ) {
    super();
    this.code = code;
  }
}

export const nextAuthMock = { AuthError, CredentialsSignin };

/** lib/auth/config: the session cookie as Auth.js would decode it, and a sign-in that runs the real credential check. */
export const authConfigMock = {
  InvalidCredentials,
  InactiveAccount,
  LockedAccount,
  AccountNotApproved,
  handlers: {},
  auth: async () => (request.sessionId ? { sessionId: request.sessionId, expires: new Date(Date.now() + 3_600_000).toISOString() } : null),
  sessionIdFromCookie: async () => request.sessionId,
  signIn: async (_provider: string, credentials: { email: string; password: string }) => {
    const outcome = await authenticate(currentDb(), credentials, requestMetaFromHeaders(requestHeaders()), { sessionMaxHours: 12 });
    if (outcome.ok) return "/";
    if (outcome.reason === "locked") throw new LockedAccount(outcome.retryAfterMinutes);
    if (outcome.reason === "inactive") throw new InactiveAccount();
    if (outcome.reason === "awaiting_approval" || outcome.reason === "approval_declined") throw new AccountNotApproved(outcome.reason, outcome.organizationName);
    throw new InvalidCredentials();
  },
  signOut: async () => undefined,
};

export const headersMock = {
  headers: async () => requestHeaders(),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => undefined, delete: () => undefined }),
  draftMode: async () => ({ isEnabled: false }),
};

export const cacheMock = {
  revalidatePath: () => undefined,
  revalidateTag: () => undefined,
  refresh: () => undefined,
  updateTag: () => undefined,
};
