import type { Role } from "../auth/roles";
import { formatDate } from "../format";

// Account approval: who must be approved by a program lead of their organization before they can sign
// in. Pure data and logic, shared by the schema, the commands and the pages.

export const APPROVAL_STATUSES = ["approved", "pending", "declined"] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/** What an administrator did that put the account up for approval. */
export const APPROVAL_REASONS = ["created", "organization_changed", "role_changed", "password_reset", "reactivated", "second_factor_reset"] as const;
export type ApprovalReason = (typeof APPROVAL_REASONS)[number];

export const APPROVAL_REASON_LABELS: Record<ApprovalReason, string> = {
  created: "New account, created by an administrator",
  organization_changed: "Moved into this organization by an administrator",
  role_changed: "Role changed by an administrator",
  password_reset: "Password reset by an administrator",
  reactivated: "Reactivated by an administrator",
  second_factor_reset: "Two-step sign-in reset by an administrator",
};

export const APPROVAL_STATUS_LABELS: Record<ApprovalStatus, string> = {
  approved: "Approved",
  pending: "Waiting for a program lead's approval",
  declined: "Declined by a program lead",
};

/** An administrator's change that hands them the means to sign in as the person. */
const CREDENTIAL_RESETS: readonly ApprovalReason[] = ["password_reset", "second_factor_reset"];

/** The changes that can bring an organization its very first program lead (a reset or a reactivation cannot). */
const FIRST_LEAD_REASONS: readonly ApprovalReason[] = ["created", "organization_changed", "role_changed"];

/**
 * What an administrator's change to an account needs before the person may sign in:
 * - "not_needed": an administrator (they see no survivor data), or an organization that holds none;
 *   except an administrator's credential reset (password or second factor), which a second
 *   administrator confirms ("pending" with no lead who could approve);
 * - "first_lead": the first program lead an organization has ever had, created or moved in or made
 *   lead (nobody could approve them); allowed, and announced to the organization;
 * - "pending": a program lead of the organization must approve it. Where none is left who could
 *   (the only lead's password was reset, every lead left), a second administrator — not the one who
 *   made the change — must confirm it instead, so no one administrator lets themself in.
 */
export type ApprovalDecision = "not_needed" | "first_lead" | "pending";

export function approvalDecision(account: {
  role: Role;
  organizationId: string | null;
  organizationHoldsSurvivorData: boolean;
  /** the organization has, or has had, another program lead (of any state), or announced a first lead */
  organizationHadLead: boolean;
  reason: ApprovalReason;
}): ApprovalDecision {
  // An administrator's password or second factor reset by another: a second administrator confirms
  // it, or one administrator could make themself a second administrator (and then confirm anything).
  if (account.role === "admin" && CREDENTIAL_RESETS.includes(account.reason)) return "pending";
  if (account.role === "admin" || account.organizationId === null || !account.organizationHoldsSurvivorData) return "not_needed";
  if (account.role === "program_lead" && !account.organizationHadLead && FIRST_LEAD_REASONS.includes(account.reason)) return "first_lead";
  return "pending";
}

/** How long the first-lead notice stays on the home page of the organization's members. */
export const FIRST_LEAD_NOTICE_DAYS = 90;

/** The one wording of the first-lead announcement (notification, home page, admin's organization page). */
export function firstLeadNotice(input: { name: string; organizationName: string; on: Date }): string {
  return `${input.name} became program lead of ${input.organizationName} on ${formatDate(input.on)} without approval, as the organization's first program lead.`;
}
