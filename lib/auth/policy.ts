import { AppError } from "../errors";
import type { OrganizationType } from "../organizations/constants";
import type { Role } from "./roles";

// The one place that answers "may this user do this?". Data-access functions and server actions call
// assertCan() before touching the database; pages call it (through requirePermission) to render a 403;
// the navigation is derived from it, so a link is shown exactly when its page would open.
//
// Record-level rules (a survivor on an advocate's caseload, a matter assigned to an attorney) join
// this module as functions taking the user and the record, as those areas arrive.

export type Permission =
  | "users.manage"
  | "organizations.manage"
  | "audit.read"
  | "team.view"
  | "account.manage";

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["users.manage", "organizations.manage", "audit.read", "account.manage"],
  program_lead: ["team.view", "account.manage"],
  advocate: ["team.view", "account.manage"],
  attorney: ["team.view", "account.manage"],
  prosecutor: ["team.view", "account.manage"],
  partner: ["team.view", "account.manage"],
};

type Subject = { role: Role };

export function can(user: Subject, permission: Permission): boolean {
  return GRANTS[user.role].includes(permission);
}

/** Throws AppError("forbidden") unless the user holds the permission. */
export function assertCan(user: Subject, permission: Permission): void {
  if (!can(user, permission)) throw new AppError("forbidden");
}

/** Where each role lands after signing in. */
export function homePathFor(role: Role): string {
  return role === "admin" ? "/admin" : "/home";
}

export type NavItem = { href: string; label: string };

const NAVIGATION: readonly (NavItem & { permission: Permission })[] = [
  { href: "/home", label: "Home", permission: "team.view" },
  { href: "/admin", label: "Overview", permission: "users.manage" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/organizations", label: "Organizations", permission: "organizations.manage" },
  { href: "/admin/audit", label: "Audit trail", permission: "audit.read" },
];

export function navigationFor(user: Subject): NavItem[] {
  return NAVIGATION.filter((item) => can(user, item.permission)).map(({ href, label }) => ({ href, label }));
}

// Which kinds of organization each role can belong to. An attorney works for a legal-aid organization,
// a prosecutor for a prosecutor's office, an advocate for a service provider; admins may have none.
export const ORGANIZATION_TYPES_FOR_ROLE: Record<Role, readonly OrganizationType[]> = {
  admin: ["service_provider", "legal_aid", "prosecutor_office", "law_enforcement", "court", "government"],
  program_lead: ["service_provider", "legal_aid", "prosecutor_office", "law_enforcement", "court", "government"],
  advocate: ["service_provider"],
  attorney: ["legal_aid"],
  prosecutor: ["prosecutor_office"],
  partner: ["service_provider", "legal_aid"],
};

export function roleFitsOrganization(role: Role, organizationType: OrganizationType | null): boolean {
  if (organizationType === null) return role === "admin";
  return ORGANIZATION_TYPES_FOR_ROLE[role].includes(organizationType);
}
