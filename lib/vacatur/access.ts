import { and, eq, inArray, isNotNull, notInArray, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { survivors } from "../../db/schema/survivors";
import { vacaturMatters, type MatterRow } from "../../db/schema/vacatur";
import { matterAbilities, matterSide, type ActiveRelease, type MatterAbilities, type MatterSide, type SurvivorAccessSubject } from "../auth/policy";
import { AppError } from "../errors";
import type { ReleaseCategory } from "../releases/constants";
import { activeReleasesOf, loadSurvivor, managedSurvivors } from "../survivors/access";
import { isUuid } from "../validation";
import { CLOSED_MATTER_STATUSES } from "./constants";

// The data layer's side of the matter policy (lib/auth/policy.ts matterSide, matterAbilities): load a
// matter with the caller's side and abilities, or answer not found; and the SQL scope for lists.

export type LoadedMatter = {
  row: MatterRow;
  side: MatterSide;
  abilities: MatterAbilities;
  /** the survivor categories the caller may see: all for the owner side, else what releases to their organization cover */
  categories: ReadonlySet<ReleaseCategory>;
  activeReleases: ActiveRelease[];
};

const ALL: ReadonlySet<ReleaseCategory> = new Set(["identity_contact", "criminal_court", "case_notes", "referral_details"]);

export async function loadMatter(db: Db, me: SurvivorAccessSubject, id: string, options: { forUpdate?: boolean } = {}): Promise<LoadedMatter> {
  if (!isUuid(id) || !me.organizationId) throw new AppError("not_found");
  const query = db.select().from(vacaturMatters).where(eq(vacaturMatters.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  let managed: ActiveRelease[] | null = null;
  if (me.organizationId === row.organizationId && (me.role === "advocate" || me.role === "program_lead")) {
    managed = await loadSurvivor(db, me, row.survivorId, { manage: true }).then(
      (loaded) => loaded.activeReleases,
      () => null,
    );
  }
  const side = matterSide(me, row, managed !== null);
  if (!side) throw new AppError("not_found");
  const activeReleases = managed ?? (await activeReleasesOf(db, row.survivorId));
  const categories =
    side === "owner" ? ALL : new Set(activeReleases.filter((r) => r.recipientOrganizationId === me.organizationId).flatMap((r) => r.categories));
  return { row, side, abilities: matterAbilities(me, row, side), categories, activeReleases };
}

/** Loads a matter and refuses unless the caller holds `ability` on it (not found when they cannot see it at all). */
export async function loadMatterFor(db: Db, me: SurvivorAccessSubject, id: string, ability: keyof MatterAbilities, options: { forUpdate?: boolean } = {}) {
  const loaded = await loadMatter(db, me, id, options);
  if (!loaded.abilities[ability]) throw new AppError("forbidden");
  return loaded;
}

/** The SQL condition on vacatur_matters for every matter the caller sees on some side. */
export function visibleMatters(me: SurvivorAccessSubject): SQL {
  if (!me.organizationId) return sql`false`;
  const conditions: SQL[] = [];
  if (me.role === "advocate" || me.role === "program_lead") {
    conditions.push(
      and(
        eq(vacaturMatters.organizationId, me.organizationId),
        inArray(vacaturMatters.survivorId, sql`(select ${survivors.id} from ${survivors} where ${managedSurvivors(me)})`),
      )!,
    );
  }
  if (me.role === "attorney" || me.role === "program_lead") conditions.push(eq(vacaturMatters.legalOrganizationId, me.organizationId));
  if (me.role === "prosecutor") conditions.push(and(eq(vacaturMatters.prosecutorOfficeId, me.organizationId), isNotNull(vacaturMatters.noticeOn))!);
  return conditions.length ? or(...conditions)! : sql`false`;
}

export const openMatter = notInArray(vacaturMatters.status, [...CLOSED_MATTER_STATUSES]);
