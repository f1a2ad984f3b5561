import type { DefaultSession } from "next-auth";

// The JWT carries one claim of ours: the id of the user_sessions row that makes it revocable.
// Role and organization are deliberately not trusted from the token; they are re-read each request.
declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session extends DefaultSession {
    sessionId?: string;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
  }
}
