// Roles as DESIGN.md defines them. Pure data: imported by the schema, the policy and client forms.

export const ROLES = ["admin", "program_lead", "advocate", "attorney", "prosecutor", "partner", "law_enforcement"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  program_lead: "Program lead",
  advocate: "Advocate",
  attorney: "Attorney",
  prosecutor: "Prosecutor",
  partner: "Partner staff",
  law_enforcement: "Law enforcement",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: "Manages accounts, organizations and the audit trail. Sees no survivor details.",
  program_lead: "Leads an organization's program: its staff, caseloads and the partnership's de-identified aggregates.",
  advocate: "Keeps a caseload of survivors: intake, notes, releases, referrals and vacatur matters.",
  attorney: "Pro bono counsel: screens eligibility and carries assigned vacatur matters through court.",
  prosecutor: "Records notice, the office's position and communications on matters noticed to their office.",
  partner: "Service-provider staff: answers the referrals sent to their organization.",
  law_enforcement: "Police agency staff: records their agency's operations and sees its fee cases. Never sees a survivor.",
};
