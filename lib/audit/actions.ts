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
  "user.approval_requested": "Account waiting for a program lead's approval",
  "user.approved": "Account approved by a program lead",
  "user.approval_declined": "Account declined by a program lead",
  "user.approved_as_first_lead": "Program lead let in without approval (the organization's first lead)",
  "user.approval_cleared": "Approval no longer needed (administrator, or no survivor data)",
  "organization.created": "Organization created",
  "organization.updated": "Organization updated",
  "organization.deactivated": "Organization deactivated",
  "organization.reactivated": "Organization reactivated",
  "survivor.created": "Survivor record created (intake)",
  "survivor.duplicate_overridden": "Intake continued despite possible duplicates",
  "survivor.duplicate_opened": "Opened an existing record instead of a new intake",
  "survivor.viewed": "Survivor record viewed",
  "survivor.disclosed": "Survivor record disclosed under a release",
  "survivor.exported": "Survivor record exported or printed",
  "survivor.updated": "Survivor record updated",
  "survivor.status_changed": "Survivor case status changed",
  "survivor.reassigned": "Survivor reassigned to another advocate",
  "survivor.transfer_requested": "Transfer of a survivor requested",
  "survivor.transfer_declined": "Transfer request declined",
  "survivor.shared": "Survivor shared with an advocate",
  "survivor.unshared": "Survivor no longer shared with an advocate",
  "survivor.note_added": "Note added",
  "survivor.note_corrected": "Note corrected (new version)",
  "release.created": "Release of information recorded",
  "release.revoked": "Release of information revoked",
  "referral.drafted": "Referral saved as a draft",
  "referral.sent": "Referral sent",
  "referral.status_changed": "Referral status changed",
  "organization.profile_updated": "Partner directory entry updated",
  "court_record.added": "Court record added",
  "court_record.updated": "Court record updated",
  "matter.opened": "Vacatur matter opened",
  "matter.viewed": "Vacatur matter viewed",
  "matter.attorney_assigned": "Attorney assigned to a vacatur matter",
  "matter.conflict_cleared": "Attorney attested to no conflict of interest",
  "matter.conflict_declined": "Attorney declined a matter for a conflict of interest",
  "matter.status_changed": "Vacatur matter status changed",
  "matter.conclusion_recorded": "Attorney's eligibility conclusion recorded",
  "matter.applicant_recorded": "Vacatur matter applicant recorded",
  "matter.notice_recorded": "Prosecutor notice recorded",
  "matter.position_recorded": "Prosecutor's position recorded",
  "matter.communication_added": "Prosecutor communication logged",
  "matter.hours_logged": "Pro bono hours logged",
  "matter.checklist_recorded": "Post-order step recorded",
  "matter.note_added": "Attorney note added",
  "matter.document_generated": "Court document draft generated",
  "matter.calendar_exported": "Hearing calendar file downloaded",
  "system.demo_seeded": "Demo data created",
  "system.admin_bootstrapped": "First administrator created",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_KEYS = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && value in AUDIT_ACTIONS;
}

/** The events that show on a survivor's Access tab: every time their record was seen or left the agency. */
export const SURVIVOR_ACCESS_ACTIONS = ["survivor.viewed", "survivor.disclosed", "survivor.exported"] as const satisfies readonly AuditAction[];
