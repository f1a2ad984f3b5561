import { and, eq, exists, ne, notInArray, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { cache } from "react";
import type { Db } from "../../db/client";
import { releases } from "../../db/schema/releases";
import { survivors, survivorShares, type SurvivorRow } from "../../db/schema/survivors";
import { vacaturMatters } from "../../db/schema/vacatur";
import type { Role } from "../auth/roles";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import { RELEASE_CATEGORIES, type ReleaseCategory } from "../releases/constants";
import { activeReleaseCondition, loadLiveReleases } from "../releases/queries";
import { categoriesReleasedTo, type LiveReleases } from "../releases/rules";
import { isUuid } from "../validation";
import { CLOSED_MATTER_STATUSES } from "../vacatur/constants";

// Who may see and do what with a survivor's record (VAWA 34 U.S.C. 12291(b)(2), VOCA 28 CFR 94.115,
// RCW 70.123.076), decided once: `survivorAccess` is the rule, `loadSurvivor` applies it to one record,
// and the SQL scopes below are the same rule for lists.
//
// A survivor's record belongs to the organization that did the intake. Inside it, the assigned
// advocate and the advocates a program lead shared the record with manage it, and the organization's
// program leads manage all of its records. Nobody else sees anything unless an active release from
// the survivor names their organization, and then only the categories that release covers, read-only.
// Admins see no survivor details at all. Advocates of another organization are not given access by a
// release: a release opens the record to the recipient's program leads, prosecutors and partner
// staff, the people the survivor agreed to share with — and, of a legal organization's attorneys,
// only to the one assigned to the survivor's open matter who has attested to no conflict of interest
// (the others see their organization's matter rows, nothing more).

export type AccessSubject = { id: string; role: Role; organizationId: string | null };
type SurvivorOwnership = { organizationId: string; assignedAdvocateId: string };

export type SurvivorAccess =
  | { kind: "caseload" | "organization"; manage: true; categories: ReadonlySet<ReleaseCategory>; releaseIds: []; canSeeAccessLog: boolean }
  | { kind: "release"; manage: false; categories: ReadonlySet<ReleaseCategory>; releaseIds: string[]; canSeeAccessLog: false };

const ALL_CATEGORIES: ReadonlySet<ReleaseCategory> = new Set(RELEASE_CATEGORIES);
const RELEASE_RECIPIENT_ROLES: readonly Role[] = ["program_lead", "attorney", "prosecutor", "partner"];

/**
 * What this user may see and do with a survivor's record, or null for nothing (the caller answers "not
 * found"). `sharedWithMe`: a lead shared the record with this user. `releases`: the survivor's releases
 * as they stand now. `onOpenMatter`: the user is the attorney assigned to one of the survivor's open
 * matters and has attested to no conflict (attorneyOnOpenMatter below).
 */
export function survivorAccess(
  me: AccessSubject,
  survivor: SurvivorOwnership,
  context: { sharedWithMe: boolean; releases: LiveReleases; onOpenMatter?: boolean },
): SurvivorAccess | null {
  if (me.role === "admin" || !me.organizationId) return null;
  if (me.organizationId === survivor.organizationId) {
    if (me.role === "program_lead") return { kind: "organization", manage: true, categories: ALL_CATEGORIES, releaseIds: [], canSeeAccessLog: true };
    if (me.role === "advocate" && (survivor.assignedAdvocateId === me.id || context.sharedWithMe)) {
      // The Access tab (who has seen this record) is for the assigned advocate and the program leads.
      return { kind: "caseload", manage: true, categories: ALL_CATEGORIES, releaseIds: [], canSeeAccessLog: survivor.assignedAdvocateId === me.id };
    }
    return null;
  }
  if (!RELEASE_RECIPIENT_ROLES.includes(me.role)) return null;
  if (me.role === "attorney" && !context.onOpenMatter) return null;
  const mine = context.releases.active.filter((r) => r.recipientOrganizationId === me.organizationId);
  if (mine.length === 0) return null;
  return { kind: "release", manage: false, categories: categoriesReleasedTo(context.releases, me.organizationId), releaseIds: mine.map((r) => r.id), canSeeAccessLog: false };
}

/**
 * Who reads a note. Restricted notes: only their author and the program leads of the author's
 * organization. Earlier versions of a corrected note: the same people. Everyone else with access to
 * case notes sees the current version of normal notes.
 */
export function canReadNote(
  me: AccessSubject,
  note: { authorId: string; authorOrganizationId: string | null; visibility: "normal" | "restricted"; superseded: boolean },
  access: SurvivorAccess,
): boolean {
  if (!access.categories.has("case_notes")) return false;
  const authorOrLead =
    note.authorId === me.id || (me.role === "program_lead" && note.authorOrganizationId !== null && note.authorOrganizationId === me.organizationId);
  if (note.visibility === "restricted" || note.superseded) return authorOrLead;
  return true;
}

type LoadedSurvivor = { row: SurvivorRow; access: SurvivorAccess; releases: LiveReleases };

/**
 * Loads a survivor and decides the caller's access, or throws not_found. With `forUpdate`, the row is
 * locked for the rest of the transaction (pass the transaction as db). With `manage`, read-only
 * access (a release) is also not found: commands refuse exactly like pages do.
 */
export async function loadSurvivor(db: Db, me: AccessSubject, id: string, options: { forUpdate?: boolean; manage?: boolean } = {}): Promise<LoadedSurvivor> {
  if (!isUuid(id) || me.role === "admin" || !me.organizationId) throw new AppError("not_found");
  const query = db.select().from(survivors).where(eq(survivors.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  const [shared, onMatter, live] = await Promise.all([
    row.organizationId === me.organizationId && me.role === "advocate"
      ? db
          .select({ userId: survivorShares.userId })
          .from(survivorShares)
          .where(and(eq(survivorShares.survivorId, id), eq(survivorShares.userId, me.id)))
          .limit(1)
      : Promise.resolve([]),
    me.role === "attorney" ? db.select({ id: vacaturMatters.id }).from(vacaturMatters).where(and(eq(vacaturMatters.survivorId, id), attorneyOnOpenMatter(me))).limit(1) : Promise.resolve([]),
    loadLiveReleases(db, id),
  ]);
  const access = survivorAccess(me, row, { sharedWithMe: shared.length > 0, onOpenMatter: onMatter.length > 0, releases: live });
  if (!access || (options.manage && !access.manage)) throw new AppError("not_found");
  return { row, access, releases: live };
}

/**
 * loadSurvivor asked once per request however many parts of a page ask (the page's title, a section):
 * React's request cache, keyed by the session user, the id and the database handle. For reads outside a
 * transaction only: a transaction's own read, and any write, asks loadSurvivor itself.
 */
export const loadSurvivorOncePerRequest = cache((me: AccessSubject, id: string, db: Db): Promise<LoadedSurvivor> => loadSurvivor(db, me, id));

/**
 * The survivor an advocate asks to have moved: one they manage, or — to ask for a colleague's survivor
 * (found at intake as a duplicate) to be moved to themselves — any survivor of their own organization,
 * without seeing more of it than its client code. Not found otherwise.
 */
export async function loadTransferSubject(db: Db, me: AccessSubject, survivorId: string, requestedFor: string | null): Promise<SurvivorRow> {
  const managed = await managesSurvivor(db, me, survivorId);
  if (managed) return managed.row;
  if (me.role !== "advocate" || requestedFor !== me.id || !isUuid(survivorId)) throw new AppError("not_found");
  const [row] = await db.select().from(survivors).where(and(eq(survivors.id, survivorId), eq(survivors.organizationId, me.organizationId!))).limit(1);
  if (!row) throw new AppError("not_found");
  return row;
}

/** Whether the caller manages this survivor (survivorAccess kinds "caseload" and "organization"). */
export async function managesSurvivor(db: Db, me: AccessSubject, survivorId: string): Promise<LoadedSurvivor | null> {
  if (me.role !== "advocate" && me.role !== "program_lead") return null;
  return loadSurvivor(db, me, survivorId, { manage: true }).catch((error: unknown) => {
    if (error instanceof AppError && error.code === "not_found") return null;
    throw error;
  });
}

/**
 * Who manages which records (survivorAccess kinds "caseload" and "organization"), said once for both
 * SQL shapes below: the organization's records, narrowed for an advocate to those assigned to them or
 * shared with them by a lead (`within`: any one of them; none means the whole organization).
 */
function managedScope(me: AccessSubject): { organization: SQL; within: SQL[] } | null {
  if (me.role === "admin" || !me.organizationId) return null;
  const organization = eq(survivors.organizationId, me.organizationId);
  if (me.role === "program_lead") return { organization, within: [] };
  if (me.role === "advocate") {
    return {
      organization,
      within: [
        eq(survivors.assignedAdvocateId, me.id),
        sql`${survivors.id} in (select ${survivorShares.survivorId} from ${survivorShares} where ${survivorShares.userId} = ${me.id})`,
      ],
    };
  }
  return null;
}

/**
 * The SQL condition on `survivors` for the records this user manages: an advocate's caseload and
 * shares, a program lead's organization. "Assigned to me OR shared with me" is written as IN so each
 * side can use its own index.
 */
export function managedSurvivors(me: AccessSubject): SQL {
  const scope = managedScope(me);
  if (!scope) return sql`false`;
  return scope.within.length ? and(scope.organization, or(...scope.within))! : scope.organization;
}

/**
 * The same records as a condition on another table's survivor id (a referral's, a matter's): one
 * `IN (select id from survivors ...)` per way of managing, OR-ed. Each is read from its own index once
 * and kept as a hash the other table's rows are checked against, so a list can walk its own index in
 * its own order (an advocate's caseload of 3,000 is read from the advocate's index in under a
 * millisecond; as one condition, "assigned OR shared", it could only be filtered out of the whole
 * organization's records). For lists; for one survivor, managedSurvivors on its own record is cheaper
 * than building the caseload's hash.
 */
export function managedSurvivorIdIn(me: AccessSubject, survivorId: SQLWrapper): SQL {
  const scope = managedScope(me);
  if (!scope) return sql`false`;
  const ids = (condition: SQL) => sql`${survivorId} in (select ${survivors.id} from ${survivors} where ${condition})`;
  return scope.within.length ? or(...scope.within.map((way) => ids(and(scope.organization, way)!)))! : ids(scope.organization);
}

/**
 * The SQL condition on `vacatur_matters` for the open matters this attorney is assigned to, with the
 * conflict check cleared, in their own organization (survivorAccess `onOpenMatter`).
 */
export function attorneyOnOpenMatter(me: AccessSubject): SQL {
  if (me.role !== "attorney" || !me.organizationId) return sql`false`;
  return and(
    eq(vacaturMatters.attorneyId, me.id),
    eq(vacaturMatters.legalOrganizationId, me.organizationId),
    eq(vacaturMatters.conflictStatus, "cleared"),
    notInArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]),
  )!;
}

/**
 * The SQL condition for records another organization shared with this user's organization under a
 * release active today (survivorAccess kind "release").
 */
export function releasedSurvivors(me: AccessSubject, today = pacificToday()): SQL {
  if (!me.organizationId || !RELEASE_RECIPIENT_ROLES.includes(me.role)) return sql`false`;
  const organizationId = me.organizationId;
  return and(
    ne(survivors.organizationId, organizationId),
    exists(
      sql`(select 1 from ${releases} where ${releases.survivorId} = ${survivors.id}
        and ${releases.recipientOrganizationId} = ${organizationId} and ${activeReleaseCondition(today)})`,
    ),
    me.role === "attorney" ? exists(sql`(select 1 from ${vacaturMatters} where ${vacaturMatters.survivorId} = ${survivors.id} and ${attorneyOnOpenMatter(me)})`) : undefined,
  )!;
}
