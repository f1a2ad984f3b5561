import { and, eq, isNotNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { releases } from "../../db/schema/releases";
import { survivors, type SurvivorRow } from "../../db/schema/survivors";
import { vacaturMatters, type MatterRow } from "../../db/schema/vacatur";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import { RELEASE_CATEGORIES, type ReleaseCategory } from "../releases/constants";
import { activeReleaseCondition, loadLiveReleases } from "../releases/queries";
import { categoriesReleasedTo, describeLapse, lapseOf, releasesCovering, type Lapse, type LiveReleases } from "../releases/rules";
import { loadSurvivor, managedSurvivorIdIn, managesSurvivor, type AccessSubject, type SurvivorAccess } from "../survivors/access";
import { isUuid } from "../validation";
import { CLOSED_MATTER_STATUSES, type MatterStatus } from "./constants";

// Who may see and do what with a vacatur matter and with a survivor's court records, decided once
// (`matterAccess`, `courtRecordAccess`) from the caller, the record and the survivor's releases as
// they stand now. Page queries, commands, downloads and links all read these answers; the SQL scopes
// at the end are the same rules for lists.
//
// Three sides see a matter:
// - "owner": whoever manages the survivor's record (the advocate, the organization's program leads);
// - "legal": the legal organization the matter was given to. Only its program lead and the assigned
//   attorney (details only after the attorney attests to no conflict of interest) open the matter;
//   its other attorneys see the matter's row in their organization's list, nothing more. The legal
//   side works on the matter only while an active release to its organization covers the survivor's
//   identity and court records: without one the matter is suspended for it — it sees the client code,
//   the status and its own privileged notes and hours, nothing the survivor's agency recorded, and
//   every legal-side action is refused until the survivor's advocate records a new release;
// - "prosecutor": the prosecutors of the office the matter was noticed to, once notice was given. They
//   see what service of the petition gives the office anyway (see.petition: the filing court and case
//   number, the counts petitioned with the original court and case number, the hearings), and of the
//   survivor's own data only what a release to their office covers.
// Everyone else: not found.

/** A release to a legal organization must cover these before the organization works on a matter. */
export const MATTER_RELEASE_CATEGORIES: readonly ReleaseCategory[] = ["identity_contact", "criminal_court"];

export type MatterParties = {
  organizationId: string;
  legalOrganizationId: string | null;
  attorneyId: string | null;
  conflictStatus: "pending" | "cleared" | null;
  prosecutorOfficeId: string | null;
  noticeOn: string | null;
  status: MatterStatus;
};

export type MatterSide = "owner" | "legal" | "prosecutor";
export type MatterStanding = "owner" | "assigned_attorney" | "legal_lead" | "organization_attorney" | "prosecutor";

/** The legal organization's access is suspended: no active release to it covers identity and court records. */
export type MatterSuspension = Lapse & { legalOrganizationId: string };

export type MatterAccess = {
  side: MatterSide;
  standing: MatterStanding;
  /** told to the survivor's side and the legal side; never to the prosecutor */
  suspension: MatterSuspension | null;
  /** the survivor categories shown on the matter: all for the owner, else what releases to the caller's organization cover */
  categories: ReadonlySet<ReleaseCategory>;
  /** the releases the caller's view relies on (for the audit trail of a disclosure) */
  releaseIds: string[];
  see: {
    /** open the matter at all (else: not found; the list shows its row only) */
    page: boolean;
    /** the road through court: filing court and date, hearings, the order, notice and the prosecutor's position and communications */
    court: boolean;
    /**
     * what service of the petition puts in the prosecuting office's hands, release or not: the filing
     * case number and the counts petitioned (offense, citation, the original court and case number as
     * the petition states them). Nothing else of the convictions (dates, sentence, obligations, screens).
     */
    petition: boolean;
    /** the convictions the matter covers and case numbers (a case number finds the person in the public court index): criminal-history records */
    convictions: boolean;
    /** the eligibility screens and the attorney's conclusions */
    screens: boolean;
    /** what the survivor's agency and the legal work recorded along the way: notes on moves, blocker, tasks, checklist, history */
    workflow: boolean;
    /** the names and courts an assigned attorney checks for conflicts before attesting */
    conflictCheck: boolean;
    /** the safe-contact plan and contact details (a release covering identity and contact) */
    contact: boolean;
    /** the legal organization's privileged notes */
    notes: boolean;
    /** pro bono hours on the matter */
    hours: boolean;
  };
  can: {
    attestConflict: boolean;
    assignAttorney: boolean;
    /** the assigned attorney's moves through the state machine, and their eligibility conclusions */
    moveAsAttorney: boolean;
    /** hold, resume, withdraw at the survivor's wish */
    moveAsOwner: boolean;
    /** record who applies: the survivor, or a family member for a survivor who died by homicide (RCW 9.96.060(7)) */
    recordApplicant: boolean;
    writeNotes: boolean;
    logHours: boolean;
    recordNotice: boolean;
    recordPosition: boolean;
    addCommunication: boolean;
    recordChecklist: boolean;
    editCourtRecords: boolean;
    generateDocuments: boolean;
    downloadCalendar: boolean;
  };
};

export type MatterAbility = keyof MatterAccess["can"];

const ALL_CATEGORIES: ReadonlySet<ReleaseCategory> = new Set(RELEASE_CATEGORIES);
const NOTHING: MatterAccess["can"] = {
  attestConflict: false,
  assignAttorney: false,
  moveAsAttorney: false,
  moveAsOwner: false,
  recordApplicant: false,
  writeNotes: false,
  logHours: false,
  recordNotice: false,
  recordPosition: false,
  addCommunication: false,
  recordChecklist: false,
  editCourtRecords: false,
  generateDocuments: false,
  downloadCalendar: false,
};
const UNSEEN: MatterAccess["see"] = {
  page: false,
  court: false,
  petition: false,
  convictions: false,
  screens: false,
  workflow: false,
  conflictCheck: false,
  contact: false,
  notes: false,
  hours: false,
};
const EVERYTHING_OF_THE_CASE = { page: true, court: true, petition: true, convictions: true, screens: true, workflow: true, contact: true } as const;

/** The legal organizations some active release lets receive a matter (the open-matter and assignment choices). */
export function organizationsReleasedForMatter(live: LiveReleases): Set<string> {
  const recipients = new Set(live.active.map((r) => r.recipientOrganizationId));
  return new Set([...recipients].filter((organizationId) => releasesCovering(live, organizationId, MATTER_RELEASE_CATEGORIES).length > 0));
}

/** Whether the legal organization's work on the matter is suspended, and why. */
export function matterSuspension(matter: Pick<MatterParties, "legalOrganizationId">, live: LiveReleases): MatterSuspension | null {
  if (!matter.legalOrganizationId) return null;
  if (releasesCovering(live, matter.legalOrganizationId, MATTER_RELEASE_CATEGORIES).length > 0) return null;
  return { ...lapseOf(live, matter.legalOrganizationId, MATTER_RELEASE_CATEGORIES), legalOrganizationId: matter.legalOrganizationId };
}

/**
 * What this user may see and do with a vacatur matter, or null for nothing (not found).
 * `managesSurvivor`: the caller manages the survivor's record (survivorAccess "caseload"/"organization").
 */
export function matterAccess(me: AccessSubject, matter: MatterParties, context: { managesSurvivor: boolean; releases: LiveReleases }): MatterAccess | null {
  const access = accessBySide(me, matter, context);
  if (!access || !CLOSED_MATTER_STATUSES.includes(matter.status)) return access;
  return { ...access, can: { ...access.can, ...Object.fromEntries(STOPPED_BY_CLOSING.map((a) => [a, false])) } };
}

/** What a closed or withdrawn matter no longer takes (notes, hours and the post-order record keep their own rules). */
const STOPPED_BY_CLOSING: readonly MatterAbility[] = ["attestConflict", "assignAttorney", "recordNotice", "recordPosition", "addCommunication"];

function accessBySide(me: AccessSubject, matter: MatterParties, context: { managesSurvivor: boolean; releases: LiveReleases }): MatterAccess | null {
  if (me.role === "admin" || !me.organizationId) return null;
  const live = context.releases;
  const suspension = matterSuspension(matter, live);

  if (context.managesSurvivor && me.organizationId === matter.organizationId) {
    return {
      side: "owner",
      standing: "owner",
      suspension,
      categories: ALL_CATEGORIES,
      releaseIds: [],
      see: { ...UNSEEN, ...EVERYTHING_OF_THE_CASE },
      can: {
        ...NOTHING,
        assignAttorney: me.role === "program_lead",
        moveAsOwner: true,
        recordApplicant: true,
        recordChecklist: true,
        editCourtRecords: true,
        downloadCalendar: true,
      },
    };
  }

  if (me.organizationId === matter.legalOrganizationId && (me.role === "attorney" || me.role === "program_lead")) {
    const standing: MatterStanding = me.role === "program_lead" ? "legal_lead" : matter.attorneyId === me.id ? "assigned_attorney" : "organization_attorney";
    const covering = releasesCovering(live, me.organizationId, MATTER_RELEASE_CATEGORIES);
    const base = { side: "legal" as const, standing, suspension, categories: categoriesReleasedTo(live, me.organizationId), releaseIds: covering.map((r) => r.id) };
    if (standing === "organization_attorney") return { ...base, see: UNSEEN, can: NOTHING };
    // Suspended: the organization's own work product stays readable; nothing of the agency's, and no writes.
    if (suspension) return { ...base, categories: new Set(), releaseIds: [], see: { ...UNSEEN, page: true, notes: true, hours: true }, can: NOTHING };
    const cleared = matter.conflictStatus === "cleared";
    if (standing === "assigned_attorney") {
      return {
        ...base,
        see: cleared ? { ...UNSEEN, ...EVERYTHING_OF_THE_CASE, notes: true, hours: true } : { ...UNSEEN, page: true, conflictCheck: matter.conflictStatus === "pending" },
        can: cleared
          ? {
              ...NOTHING,
              moveAsAttorney: true,
              recordApplicant: true,
              writeNotes: true,
              logHours: true,
              recordNotice: true,
              // A position is an office's answer to notice: none before an office was noticed.
              recordPosition: matter.noticeOn !== null,
              addCommunication: true,
              recordChecklist: true,
              editCourtRecords: true,
              generateDocuments: true,
              downloadCalendar: true,
            }
          : { ...NOTHING, attestConflict: matter.conflictStatus === "pending" },
      };
    }
    // The legal organization's program lead: assigns its attorneys; sees and writes once an attorney has cleared conflicts.
    return {
      ...base,
      see: cleared ? { ...UNSEEN, ...EVERYTHING_OF_THE_CASE, notes: true, hours: true } : { ...UNSEEN, page: true },
      can: { ...NOTHING, assignAttorney: true, ...(cleared ? { writeNotes: true, logHours: true, addCommunication: true, generateDocuments: true, downloadCalendar: true } : {}) },
    };
  }

  if (me.role === "prosecutor" && me.organizationId === matter.prosecutorOfficeId && matter.noticeOn) {
    const categories = categoriesReleasedTo(live, me.organizationId);
    return {
      side: "prosecutor",
      standing: "prosecutor",
      // Whether the survivor withdrew a release from the legal organization is not the office's to know.
      suspension: null,
      categories,
      releaseIds: live.active.filter((r) => r.recipientOrganizationId === me.organizationId).map((r) => r.id),
      // Served with the petition, the office holds its court, case number, counts and hearing whatever the releases say.
      see: { ...UNSEEN, page: true, court: true, petition: true, convictions: categories.has("criminal_court") },
      can: { ...NOTHING, recordPosition: true, addCommunication: true, downloadCalendar: true },
    };
  }
  return null;
}

type CourtRecordAccess = {
  /** read the survivor's court records (the owner, or a release covering criminal-history records) */
  read: boolean;
  /** record and correct them: the survivor's side, or the attorney working the survivor's open matter */
  edit: boolean;
  /** the eligibility screen: the survivor's side and attorneys */
  screens: boolean;
  releaseIds: string[];
};

/**
 * What this user may do with a survivor's court records: from their access to the survivor
 * (survivorAccess) and, for attorneys, their access to the survivor's open matters (matterAccess).
 */
export function courtRecordAccess(
  me: AccessSubject,
  context: { survivor: SurvivorAccess | null; matters: readonly MatterParties[]; releases: LiveReleases },
): CourtRecordAccess | null {
  const survivor = context.survivor;
  const viaMatter = context.matters.some(
    (m) => !CLOSED_MATTER_STATUSES.includes(m.status) && matterAccess(me, m, { managesSurvivor: false, releases: context.releases })?.can.editCourtRecords,
  );
  const read = Boolean(survivor?.categories.has("criminal_court"));
  if (!read && !viaMatter) return null;
  return {
    read,
    edit: Boolean(survivor?.manage) || viaMatter,
    screens: Boolean(survivor?.manage) || me.role === "attorney",
    releaseIds: survivor?.kind === "release" ? releasesCovering(context.releases, me.organizationId, ["criminal_court"]).map((r) => r.id) : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Loaders: the rule applied to one record (not found for anyone on no side, exactly like pages).

type LoadedMatter = { row: MatterRow; access: MatterAccess; releases: LiveReleases };

/** The refusal for an ability the caller lacks on a matter they can see: says why when the matter is suspended. */
export function matterRefusal(access: MatterAccess, legalOrganizationName?: string | null): AppError {
  if (access.side === "legal" && access.suspension) return new AppError("forbidden", suspensionSentence(access.suspension, legalOrganizationName ?? "your organization"));
  return new AppError("forbidden");
}

/** Why a matter is suspended for its legal organization, shown to both sides of it. */
export function suspensionSentence(suspension: MatterSuspension, legalOrganizationName: string): string {
  const why =
    suspension.reason === "none" ? `No release lets ${legalOrganizationName} see the survivor's identity and court records` : describeLapse(suspension, legalOrganizationName);
  return `${why}, so ${legalOrganizationName}'s work on this matter is suspended. Nothing more can be recorded by ${legalOrganizationName} until the survivor's advocate records a new release.`;
}

/**
 * Loads a matter with the caller's access, or throws not_found (missing, not on any side, or an
 * attorney of the legal organization who is not on it). With `need`, refuses unless the caller holds
 * that ability (forbidden, saying why when the matter is suspended for the legal side).
 */
export async function loadMatter(db: Db, me: AccessSubject, id: string, options: { forUpdate?: boolean; need?: MatterAbility } = {}): Promise<LoadedMatter> {
  if (!isUuid(id) || !me.organizationId || me.role === "admin") throw new AppError("not_found");
  const query = db.select().from(vacaturMatters).where(eq(vacaturMatters.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  const managed = me.organizationId === row.organizationId ? await managesSurvivor(db, me, row.survivorId) : null;
  const live = managed?.releases ?? (await loadLiveReleases(db, row.survivorId));
  const access = matterAccess(me, row, { managesSurvivor: managed !== null, releases: live });
  if (!access?.see.page) throw new AppError("not_found");
  if (options.need && !access.can[options.need]) {
    if (CLOSED_MATTER_STATUSES.includes(row.status) && STOPPED_BY_CLOSING.includes(options.need)) {
      throw new AppError("conflict", "This matter is closed; nothing more can be recorded on it.");
    }
    const [legal] = access.suspension ? await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, access.suspension.legalOrganizationId)) : [];
    throw matterRefusal(access, legal?.name);
  }
  return { row, access, releases: live };
}

type LoadedCourtRecords = { row: SurvivorRow; survivorAccess: SurvivorAccess | null; access: CourtRecordAccess; releases: LiveReleases };

/** Loads what courtRecordAccess needs about a survivor, or not_found unless the caller may `read` (or `edit`) the records. */
export async function loadCourtRecords(db: Db, me: AccessSubject, survivorId: string, need: "read" | "edit"): Promise<LoadedCourtRecords> {
  if (!isUuid(survivorId) || !me.organizationId || me.role === "admin") throw new AppError("not_found");
  const loaded = await loadSurvivor(db, me, survivorId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
  const matters =
    me.role === "attorney" || me.role === "program_lead"
      ? await db.select().from(vacaturMatters).where(and(eq(vacaturMatters.survivorId, survivorId), eq(vacaturMatters.legalOrganizationId, me.organizationId)))
      : [];
  const live = loaded?.releases ?? (await loadLiveReleases(db, survivorId));
  const access = courtRecordAccess(me, { survivor: loaded?.access ?? null, matters, releases: live });
  if (!access?.[need]) throw new AppError("not_found");
  const row = loaded?.row ?? (await db.select().from(survivors).where(eq(survivors.id, survivorId)))[0];
  if (!row) throw new AppError("not_found");
  return { row, survivorAccess: loaded?.access ?? null, access, releases: live };
}

// ---------------------------------------------------------------------------------------------
// SQL scopes for lists: the same rules as matterAccess.

/**
 * The SQL scope of the matters a caller sees on each side. `rows`: every matter whose row shows in a
 * list (the legal organization's attorneys see all of its rows); `court`: those whose court dates the
 * caller sees (matterAccess see.court), for the hearings list.
 */
function mattersBySide(me: AccessSubject, scope: "rows" | "court", today: string): SQL {
  if (!me.organizationId || me.role === "admin") return sql`false`;
  const conditions: SQL[] = [];
  if (me.role === "advocate" || me.role === "program_lead") {
    conditions.push(
      and(
        eq(vacaturMatters.organizationId, me.organizationId),
        managedSurvivorIdIn(me, vacaturMatters.survivorId),
      )!,
    );
  }
  if (me.role === "attorney" || me.role === "program_lead") {
    const legalOrganization = eq(vacaturMatters.legalOrganizationId, me.organizationId);
    conditions.push(
      scope === "rows"
        ? legalOrganization
        : and(
            legalOrganization,
            eq(vacaturMatters.conflictStatus, "cleared"),
            me.role === "attorney" ? eq(vacaturMatters.attorneyId, me.id) : undefined,
            legalReleaseInEffect(today),
          )!,
    );
  }
  if (me.role === "prosecutor") conditions.push(and(eq(vacaturMatters.prosecutorOfficeId, me.organizationId), isNotNull(vacaturMatters.noticeOn))!);
  return conditions.length ? or(...conditions)! : sql`false`;
}

/** An active release to the matter's legal organization covers identity and court records (not suspended). */
function legalReleaseInEffect(today: string): SQL {
  // "offset 0" keeps this a lookup per matter on releases_recipient_idx (a few microseconds each).
  // Without it, inside an OR PostgreSQL may hash the whole table's live releases first (35,000 rows at
  // 100,000 survivors, 40 ms) to answer for a few hundred matters.
  return sql`exists (select 1 from ${releases} where ${releases.survivorId} = ${vacaturMatters.survivorId}
    and ${releases.recipientOrganizationId} = ${vacaturMatters.legalOrganizationId}
    and ${releases.categories} @> ${`{${MATTER_RELEASE_CATEGORIES.join(",")}}`}::release_category[]
    and ${activeReleaseCondition(today)} offset 0)`;
}

/** Matters given to a legal organization whose work on them is suspended (matterSuspension), in SQL. */
export function legalSideSuspended(today = pacificToday()): SQL {
  return and(isNotNull(vacaturMatters.legalOrganizationId), sql`not ${legalReleaseInEffect(today)}`)!;
}

/** Matters whose row the caller sees in a list (every side, including attorneys of the legal organization). */
export function visibleMatters(me: AccessSubject): SQL {
  return mattersBySide(me, "rows", pacificToday());
}

/** Matters whose court dates the caller sees (matterAccess see.court): for the hearings list. */
export function mattersWithCourtDates(me: AccessSubject, today = pacificToday()): SQL {
  return mattersBySide(me, "court", today);
}

export const openMatterCondition = notInArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]);
