import { handlers } from "@/lib/auth/config";

// Auth.js endpoints (CSRF token, credentials callback, session). Sign-in attempts posted here go
// through the same authorize() as the sign-in form: same lockout, same audit trail.
export const { GET, POST } = handlers;
