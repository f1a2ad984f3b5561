import { AppError } from "../errors";
import type { OrganizationType } from "../organizations/constants";
import type { Role } from "./roles";

// The one place that answers "may this user do this?". Data-access functions and server actions call
// assertCan() before touching the database; pages call it (through requirePermission) to render a 403;
// the navigation is derived from it, so a link is shown exactly when its page would open.
//
// Record-level rules live with their records, one access function per resource, each taking the user,
// the record and the survivor's releases as they stand now: survivorAccess (lib/survivors/access.ts),
// matterAccess and courtRecordAccess (lib/vacatur/access.ts), referralAccess (lib/referrals/access.ts).

export type Permission =
  | "users.manage"
  /** approve or decline accounts waiting in one's own organization (lib/users/approval.ts) */
  | "users.approve"
  | "organizations.manage"
  | "audit.read"
  | "team.view"
  | "account.manage"
  /** open the survivors area (what each survivor shows is then decided by survivorAccess) */
  | "survivors.view"
  /** intake, edits, notes and releases on survivors one manages */
  | "survivors.manage"
  /** move survivors between advocates, share them, decide transfer requests */
  | "survivors.reassign"
  /** the partner directory */
  | "partners.view"
  /** keep one's own organization's directory entry (services, capacity) */
  | "partners.edit_own"
  /** see referrals (which ones: referralAccess) */
  | "referrals.view"
  /** refer survivors one manages */
  | "referrals.send"
  /** answer referrals to one's organization */
  | "referrals.respond"
  /** open /matters (which matters: matterAccess) */
  | "matters.view"
  /** open vacatur matters for survivors one manages; record their court records */
  | "matters.open"
  /** assign a pro bono attorney to a matter */
  | "matters.assign"
  /** the legal work on a matter assigned to one: screening, status, documents, hours, notes */
  | "matters.work"
  /** a prosecuting office's part: its position and communications on matters noticed to it */
  | "matters.respond_as_prosecutor"
  /** pro bono hours totals (a legal organization's lead: its attorneys; an attorney: their own) */
  | "matters.hours"
  /** the partnership dashboard and the funder report: aggregates only (lib/reports) */
  | "reports.view"
  /** the demand side's money: fee cases, payments and /fees (which cases: feeCaseScope, lib/fees/access.ts) */
  | "fees.view"
  /** record fee cases, payments and their status */
  | "fees.record"
  /** law-enforcement operations against demand (which: the same scope as fees) */
  | "operations.view"
  /** record one's agency's operations and their outcomes */
  | "operations.record"
  /** jurisdiction profiles: tactics, partners, narrative, with their fee and operation figures */
  | "jurisdictions.view"
  /** keep jurisdiction profiles and their allocation policies (in one's own county; an admin anywhere) */
  | "jurisdictions.edit"
  /** see which of one's own organization's closed records the retention purge removes in the next 30 days (client codes only) */
  | "retention.view"
  /** place and release legal holds on one's own organization's records (lib/retention) */
  | "retention.hold";

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["users.manage", "users.approve", "organizations.manage", "audit.read", "account.manage", "partners.view", "fees.view", "fees.record", "operations.view", "operations.record", "jurisdictions.view", "jurisdictions.edit"],
  program_lead: [
    "team.view",
    "users.approve",
    "account.manage",
    "survivors.view",
    "survivors.manage",
    "survivors.reassign",
    "partners.view",
    "partners.edit_own",
    "referrals.view",
    "referrals.send",
    "referrals.respond",
    "matters.view",
    "matters.open",
    "matters.assign",
    "matters.hours",
    "reports.view",
    "fees.view",
    "fees.record",
    "operations.view",
    "jurisdictions.view",
    "jurisdictions.edit",
    "retention.view",
    "retention.hold",
  ],
  advocate: ["team.view", "account.manage", "survivors.view", "survivors.manage", "partners.view", "referrals.view", "referrals.send", "matters.view", "matters.open"],
  attorney: ["team.view", "account.manage", "survivors.view", "partners.view", "referrals.view", "referrals.respond", "matters.view", "matters.work", "matters.hours"],
  prosecutor: ["team.view", "account.manage", "survivors.view", "partners.view", "matters.view", "matters.respond_as_prosecutor", "fees.view", "fees.record", "operations.view", "jurisdictions.view"],
  partner: ["team.view", "account.manage", "survivors.view", "partners.view", "partners.edit_own", "referrals.view", "referrals.respond"],
  // Demand-side data of their own agency only; never a survivor, a referral or a matter.
  law_enforcement: ["team.view", "account.manage", "fees.view", "operations.view", "operations.record", "jurisdictions.view"],
};

type Subject = { role: Role };

export function can(user: Subject, permission: Permission): boolean {
  return GRANTS[user.role].includes(permission);
}

/** Throws AppError("forbidden") unless the user holds the permission. */
export function assertCan(user: Subject, permission: Permission): void {
  if (!can(user, permission)) throw new AppError("forbidden");
}

export type NavItem = { href: string; label: string };

/**
 * Where each role lands after signing in: today's work (issue 12). The first link of its navigation.
 * A program lead's is the dashboard, with what waits for them on top; a partner's, the referral inbox.
 */
const HOMES: Record<Role, NavItem> = {
  admin: { href: "/admin", label: "Overview" },
  program_lead: { href: "/dashboard", label: "Dashboard" },
  advocate: { href: "/today", label: "My day" },
  attorney: { href: "/today", label: "Today" },
  prosecutor: { href: "/today", label: "Today" },
  partner: { href: "/referrals/inbox", label: "Inbox" },
  law_enforcement: { href: "/operations", label: "Operations" },
};

export function homePathFor(role: Role): string {
  return HOMES[role].href;
}

/**
 * What some links need besides a permission before they are shown: that their page would hold
 * something for this person (lib/home/nav-holdings.ts answers it with one cheap query). Survivors
 * another organization shared under a release are all that someone who manages none can list.
 */
export type NavHoldings = { sharedSurvivors: boolean };

const NAVIGATION: readonly (NavItem & { permission: Permission; holds?: (user: Subject, holdings: NavHoldings) => boolean })[] = [
  { href: "/survivors", label: "Survivors", permission: "survivors.view", holds: (user, h) => can(user, "survivors.manage") || h.sharedSurvivors },
  { href: "/referrals", label: "Referrals", permission: "referrals.view" },
  { href: "/matters", label: "Vacatur matters", permission: "matters.view" },
  { href: "/matters/hearings", label: "Hearings", permission: "matters.view" },
  { href: "/matters/hours", label: "Pro bono hours", permission: "matters.hours" },
  { href: "/reports/funder", label: "Funder report", permission: "reports.view" },
  { href: "/fees", label: "Sex-buyer fees", permission: "fees.view" },
  { href: "/operations", label: "Operations", permission: "operations.view" },
  { href: "/jurisdictions", label: "Jurisdictions", permission: "jurisdictions.view" },
  { href: "/retention", label: "Retention", permission: "retention.view" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/organizations", label: "Organizations", permission: "organizations.manage" },
  { href: "/admin/audit", label: "Audit trail", permission: "audit.read" },
  { href: "/partners", label: "Partners", permission: "partners.view" },
  // The organization, its team, approvals waiting and one's own sign-in activity.
  { href: "/home", label: "Team", permission: "team.view" },
];

/** The links this person's shell shows: their home first, then each area their role opens and that holds something for them. */
export function navigationFor(user: Subject, holdings: NavHoldings = { sharedSurvivors: false }): NavItem[] {
  const home = HOMES[user.role];
  const areas = NAVIGATION.filter((item) => item.href !== home.href && can(user, item.permission) && (item.holds?.(user, holdings) ?? true));
  return [home, ...areas.map(({ href, label }) => ({ href, label }))];
}

// Which kinds of organization each role can belong to. An attorney works for a legal-aid organization,
// a prosecutor for a prosecutor's office, an advocate for a service provider; admins may have none.
export const ORGANIZATION_TYPES_FOR_ROLE: Record<Role, readonly OrganizationType[]> = {
  admin: ["service_provider", "legal_aid", "prosecutor_office", "law_enforcement", "court", "government"],
  // Not a police agency: a program lead sees survivors, and police staff never do (they are law_enforcement).
  program_lead: ["service_provider", "legal_aid", "prosecutor_office", "court", "government"],
  advocate: ["service_provider"],
  attorney: ["legal_aid"],
  prosecutor: ["prosecutor_office"],
  partner: ["service_provider", "legal_aid"],
  law_enforcement: ["law_enforcement"],
};

export function roleFitsOrganization(role: Role, organizationType: OrganizationType | null): boolean {
  if (organizationType === null) return role === "admin";
  return ORGANIZATION_TYPES_FOR_ROLE[role].includes(organizationType);
}

/**
 * Who lets an account waiting for approval in (or keeps it out): an active, approved program lead of
 * the same organization who is not the person themself. Never an administrator: the organization
 * decides who sees its survivors.
 */
export function canDecideApproval(
  me: { id: string; role: Role; organizationId: string | null; active: boolean; approvalStatus: string },
  account: { id: string; organizationId: string | null; approvalRequestedBy: string | null },
  context: { approvers: number },
): boolean {
  if (!me.active || me.approvalStatus !== "approved" || me.id === account.id) return false;
  if (me.role === "program_lead") return me.organizationId !== null && me.organizationId === account.organizationId;
  // Break-glass, two people: only where the organization has no lead who could decide, and never the
  // administrator who made the change.
  return me.role === "admin" && context.approvers === 0 && account.approvalRequestedBy !== null && account.approvalRequestedBy !== me.id;
}

/** Who keeps an organization's directory entry: its partner staff and program leads, or an admin. */
export function canEditPartnerProfile(me: { role: Role; organizationId: string | null }, organizationId: string): boolean {
  if (can(me, "organizations.manage")) return true;
  return can(me, "partners.edit_own") && me.organizationId === organizationId;
}
