import { AppError } from "../errors";
import type { OrganizationType } from "../organizations/constants";
import { RELEASE_CATEGORIES, type ReleaseCategory } from "../releases/constants";
import type { Role } from "./roles";

// The one place that answers "may this user do this?". Data-access functions and server actions call
// assertCan() before touching the database; pages call it (through requirePermission) to render a 403;
// the navigation is derived from it, so a link is shown exactly when its page would open.
//
// Record-level rules (a survivor on an advocate's caseload, a release to an organization) are the
// functions further down, taking the user and the record; the data layer's SQL scopes mirror them.

export type Permission =
  | "users.manage"
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
  /** see referrals (which ones: referralSide) */
  | "referrals.view"
  /** refer survivors one manages */
  | "referrals.send"
  /** answer referrals to one's organization */
  | "referrals.respond"
  /** open /matters (which matters: matterSide) */
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
  | "matters.hours";

const GRANTS: Record<Role, readonly Permission[]> = {
  admin: ["users.manage", "organizations.manage", "audit.read", "account.manage", "partners.view"],
  program_lead: [
    "team.view",
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
  ],
  advocate: ["team.view", "account.manage", "survivors.view", "survivors.manage", "partners.view", "referrals.view", "referrals.send", "matters.view", "matters.open"],
  attorney: ["team.view", "account.manage", "survivors.view", "partners.view", "referrals.view", "referrals.respond", "matters.view", "matters.work", "matters.hours"],
  prosecutor: ["team.view", "account.manage", "survivors.view", "partners.view", "matters.view", "matters.respond_as_prosecutor"],
  partner: ["team.view", "account.manage", "survivors.view", "partners.view", "partners.edit_own", "referrals.view", "referrals.respond"],
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
  if (role === "admin") return "/admin";
  if (role === "advocate" || role === "program_lead") return "/survivors";
  if (role === "attorney" || role === "prosecutor") return "/matters";
  return "/home";
}

export type NavItem = { href: string; label: string };

const NAVIGATION: readonly (NavItem & { permission: Permission })[] = [
  { href: "/home", label: "Home", permission: "team.view" },
  { href: "/survivors", label: "Survivors", permission: "survivors.view" },
  { href: "/referrals", label: "Referrals", permission: "referrals.view" },
  { href: "/matters", label: "Vacatur matters", permission: "matters.view" },
  { href: "/matters/hearings", label: "Hearings", permission: "matters.view" },
  { href: "/matters/hours", label: "Pro bono hours", permission: "matters.hours" },
  { href: "/admin", label: "Overview", permission: "users.manage" },
  { href: "/admin/users", label: "Users", permission: "users.manage" },
  { href: "/admin/organizations", label: "Organizations", permission: "organizations.manage" },
  { href: "/admin/audit", label: "Audit trail", permission: "audit.read" },
  { href: "/partners", label: "Partners", permission: "partners.view" },
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

// ---------------------------------------------------------------------------------------------
// Survivor records (VAWA 34 U.S.C. 12291(b)(2), VOCA 28 CFR 94.115, RCW 70.123.076).
//
// A survivor's record belongs to the organization that did the intake. Inside it, the assigned
// advocate and the advocates a program lead shared the record with manage it, and the organization's
// program leads manage all of its records. Nobody else sees anything unless an active release from
// the survivor names their organization, and then only the categories that release covers, read-only.
// Admins see no survivor details at all. Advocates of another organization are not given access by a
// release: a release opens the record to the recipient's program leads and its attorneys,
// prosecutors and partner staff, the people the survivor agreed to share with.

export type SurvivorOwnership = { organizationId: string; assignedAdvocateId: string };
export type SurvivorAccessSubject = { id: string; role: Role; organizationId: string | null };
export type ActiveRelease = { id: string; recipientOrganizationId: string; categories: readonly ReleaseCategory[] };

export type SurvivorAccess =
  | { kind: "caseload" | "organization"; manage: true; categories: ReadonlySet<ReleaseCategory>; releaseIds: [] }
  | { kind: "release"; manage: false; categories: ReadonlySet<ReleaseCategory>; releaseIds: string[] };

const ALL_CATEGORIES: ReadonlySet<ReleaseCategory> = new Set(RELEASE_CATEGORIES);
export const RELEASE_RECIPIENT_ROLES: readonly Role[] = ["program_lead", "attorney", "prosecutor", "partner"];

/**
 * What this user may see of a survivor, or null for nothing (the caller answers "not found").
 * `sharedWithMe`: a lead shared the record with this user. `activeReleases`: the survivor's releases
 * that are in effect right now (lib/releases/rules.ts releaseStatus).
 */
export function survivorAccess(
  me: SurvivorAccessSubject,
  survivor: SurvivorOwnership,
  context: { sharedWithMe: boolean; activeReleases: readonly ActiveRelease[] },
): SurvivorAccess | null {
  if (me.role === "admin" || !me.organizationId) return null;
  if (me.organizationId === survivor.organizationId) {
    if (me.role === "program_lead") return { kind: "organization", manage: true, categories: ALL_CATEGORIES, releaseIds: [] };
    if (me.role === "advocate" && (survivor.assignedAdvocateId === me.id || context.sharedWithMe)) {
      return { kind: "caseload", manage: true, categories: ALL_CATEGORIES, releaseIds: [] };
    }
    return null;
  }
  if (!RELEASE_RECIPIENT_ROLES.includes(me.role)) return null;
  const mine = context.activeReleases.filter((r) => r.recipientOrganizationId === me.organizationId);
  if (mine.length === 0) return null;
  return {
    kind: "release",
    manage: false,
    categories: new Set(mine.flatMap((r) => r.categories)),
    releaseIds: mine.map((r) => r.id),
  };
}

/** The releases an access relied on for one category (for the audit trail of a disclosure). */
export function releasesCovering(
  me: SurvivorAccessSubject,
  category: ReleaseCategory,
  activeReleases: readonly ActiveRelease[],
): string[] {
  return activeReleases.filter((r) => r.recipientOrganizationId === me.organizationId && r.categories.includes(category)).map((r) => r.id);
}

/**
 * Who reads a note. Restricted notes: only their author and the program leads of the author's
 * organization. Earlier versions of a corrected note: the same people. Everyone else with access to
 * case notes sees the current version of normal notes.
 */
export function canReadNote(
  me: SurvivorAccessSubject,
  note: { authorId: string; authorOrganizationId: string | null; visibility: "normal" | "restricted"; superseded: boolean },
  access: SurvivorAccess,
): boolean {
  if (!access.categories.has("case_notes")) return false;
  const authorOrLead =
    note.authorId === me.id || (me.role === "program_lead" && note.authorOrganizationId !== null && note.authorOrganizationId === me.organizationId);
  if (note.visibility === "restricted" || note.superseded) return authorOrLead;
  return true;
}

/** The Access tab (who has seen this record) is for the assigned advocate and their program leads. */
export function canSeeAccessLog(me: SurvivorAccessSubject, survivor: SurvivorOwnership): boolean {
  if (me.organizationId !== survivor.organizationId) return false;
  return me.role === "program_lead" || (me.role === "advocate" && survivor.assignedAdvocateId === me.id);
}

// ---------------------------------------------------------------------------------------------
// Referrals. The sending side is whoever manages the survivor's record (its advocates and its
// organization's program leads); the receiving side is the recipient organization's staff who answer
// referrals, and they never see drafts. Everyone else: not found.

export type ReferralParties = { fromOrganizationId: string; toOrganizationId: string; status: string };
const REFERRAL_RESPONDER_ROLES: readonly Role[] = ["program_lead", "attorney", "partner"];

export function referralSide(
  me: SurvivorAccessSubject,
  referral: ReferralParties,
  managesSurvivor: boolean,
): "sender" | "recipient" | null {
  if (!me.organizationId) return null;
  if (me.organizationId === referral.fromOrganizationId && managesSurvivor) return "sender";
  if (me.organizationId === referral.toOrganizationId && REFERRAL_RESPONDER_ROLES.includes(me.role) && referral.status !== "draft") {
    return "recipient";
  }
  return null;
}

/**
 * Whether the recipient sees who the referral is about: only for a referral sent identified, not
 * withdrawn, while a release to the recipient covering identity and referral details is in effect.
 */
export function referralShowsIdentity(
  referral: ReferralParties & { identified: boolean },
  activeReleases: readonly ActiveRelease[],
): string[] | null {
  if (!referral.identified || referral.status === "withdrawn" || referral.status === "draft") return null;
  const covering = activeReleases.filter(
    (r) => r.recipientOrganizationId === referral.toOrganizationId && r.categories.includes("identity_contact") && r.categories.includes("referral_details"),
  );
  return covering.length ? covering.map((r) => r.id) : null;
}

/** Who keeps an organization's directory entry: its partner staff and program leads, or an admin. */
export function canEditPartnerProfile(me: { role: Role; organizationId: string | null }, organizationId: string): boolean {
  if (can(me, "organizations.manage")) return true;
  return can(me, "partners.edit_own") && me.organizationId === organizationId;
}

// ---------------------------------------------------------------------------------------------
// Vacatur matters. Three sides see a matter, each for its own part:
// - "owner": whoever manages the survivor's record (the advocate, the organization's program leads);
// - "legal": the attorneys and program leads of the legal organization the matter was given to. They
//   see its details only once the assigned attorney has attested to having no conflict of interest;
// - "prosecutor": the prosecutors of the office the matter was noticed to, once notice was given.
// Everyone else: not found. Survivor fields shown to the legal and prosecutor sides are further limited
// to what an active release to their organization covers.

export type MatterParties = {
  organizationId: string;
  legalOrganizationId: string | null;
  attorneyId: string | null;
  conflictStatus: "pending" | "cleared" | null;
  prosecutorOfficeId: string | null;
  noticeOn: string | null;
};
export type MatterSide = "owner" | "legal" | "prosecutor";

export function matterSide(me: SurvivorAccessSubject, matter: MatterParties, managesSurvivor: boolean): MatterSide | null {
  if (!me.organizationId) return null;
  if (managesSurvivor && me.organizationId === matter.organizationId) return "owner";
  if (me.organizationId === matter.legalOrganizationId && (me.role === "attorney" || me.role === "program_lead")) return "legal";
  if (me.role === "prosecutor" && me.organizationId === matter.prosecutorOfficeId && matter.noticeOn) return "prosecutor";
  return null;
}

export type MatterAbilities = {
  /** convictions, screening, hearings, checklist, coordination (for the legal side: after the conflict check) */
  viewDetails: boolean;
  attestConflict: boolean;
  assignAttorney: boolean;
  /** the assigned attorney's moves through the state machine */
  moveAsAttorney: boolean;
  /** hold, resume, withdraw at the survivor's wish */
  moveAsOwner: boolean;
  /** privileged attorney notes: attorneys of the assigned legal organization only */
  attorneyNotes: boolean;
  logHours: boolean;
  viewHours: boolean;
  recordNotice: boolean;
  recordPosition: boolean;
  addCommunication: boolean;
  recordChecklist: boolean;
  editCourtRecords: boolean;
  generateDocuments: boolean;
};

export function matterAbilities(me: SurvivorAccessSubject, matter: MatterParties, side: MatterSide): MatterAbilities {
  const cleared = matter.conflictStatus === "cleared";
  const assigned = side === "legal" && me.role === "attorney" && matter.attorneyId === me.id;
  const orgAttorney = side === "legal" && me.role === "attorney" && cleared;
  const legalCleared = side === "legal" && cleared;
  return {
    viewDetails: side === "owner" || legalCleared || side === "prosecutor",
    attestConflict: assigned && matter.conflictStatus === "pending",
    assignAttorney: me.role === "program_lead" && (side === "owner" || side === "legal"),
    moveAsAttorney: assigned && cleared,
    moveAsOwner: side === "owner",
    attorneyNotes: orgAttorney,
    logHours: orgAttorney,
    viewHours: legalCleared,
    recordNotice: assigned && cleared,
    recordPosition: side === "prosecutor" || (assigned && cleared),
    addCommunication: side === "prosecutor" || orgAttorney,
    recordChecklist: side === "owner" || (assigned && cleared),
    editCourtRecords: side === "owner" || (assigned && cleared),
    generateDocuments: orgAttorney,
  };
}

/** A release to a legal organization must cover these before a matter (and the survivor's records) goes to it. */
export const MATTER_RELEASE_CATEGORIES: readonly ReleaseCategory[] = ["identity_contact", "criminal_court"];

function coversMatter(release: Pick<ActiveRelease, "categories">): boolean {
  return MATTER_RELEASE_CATEGORIES.every((c) => release.categories.includes(c));
}

export function releasesForMatter(organizationId: string, activeReleases: readonly ActiveRelease[]): string[] {
  return activeReleases.filter((r) => r.recipientOrganizationId === organizationId && coversMatter(r)).map((r) => r.id);
}

/** The organizations some active release lets receive a matter (for the assignment and open-matter choices). */
export function organizationsReleasedForMatter(activeReleases: readonly Pick<ActiveRelease, "recipientOrganizationId" | "categories">[]): Set<string> {
  return new Set(activeReleases.filter(coversMatter).map((r) => r.recipientOrganizationId));
}
