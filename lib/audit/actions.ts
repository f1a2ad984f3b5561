// Every kind of audit event, with the label admins filter by. Pure data (the filter form imports it).

export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.lockout": "Account locked after failed sign-ins",
  "auth.sign_out": "Signed out",
  "auth.session_ended": "Session ended",
  "auth.password_changed": "Changed own password",
  "auth.sessions_revoked": "Ended other sessions",
  "access.denied": "Access refused",
  "user.created": "User created",
  "user.updated": "User updated",
  "user.deactivated": "User deactivated",
  "user.reactivated": "User reactivated",
  "user.password_reset": "User's password reset by an admin",
  "organization.created": "Organization created",
  "organization.updated": "Organization updated",
  "organization.deactivated": "Organization deactivated",
  "organization.reactivated": "Organization reactivated",
  "system.demo_seeded": "Demo data created",
  "system.admin_bootstrapped": "First administrator created",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && value in AUDIT_ACTIONS;
}
