import { and, eq, ne, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../db/client";
import { referrals, type ReferralRow } from "../../db/schema/referrals";
import type { Role } from "../auth/roles";
import { AppError } from "../errors";
import { loadLiveReleases } from "../releases/queries";
import { lapseOf, releasesCovering, type Lapse, type LiveReleases } from "../releases/rules";
import type { ReleaseCategory } from "../releases/constants";
import { managedSurvivorIdIn, managesSurvivor, type AccessSubject } from "../survivors/access";
import { isUuid } from "../validation";

// Who may see and do what with a referral, decided once (`referralAccess`) from the caller, the
// referral and the survivor's releases as they stand now. The sending side is whoever manages the
// survivor's record; the receiving side is the recipient organization's staff who answer referrals,
// and they never see drafts. A recipient sees who the referral is about only while it was sent
// identified, is not withdrawn, and an active release to the recipient covers identity and contact
// and referral details; when that release lapses they see only what the referral itself says (the
// client code and the need). Everyone else: not found.

/** What a release must cover before a referral carries identifying details to its recipient. */
const IDENTIFIED_REFERRAL_CATEGORIES: readonly ReleaseCategory[] = ["identity_contact", "referral_details"];
export const REFERRAL_RESPONDER_ROLES: readonly Role[] = ["program_lead", "attorney", "partner"];

type ReferralParties = { fromOrganizationId: string; toOrganizationId: string; status: string; identified: boolean };

type ReferralAccess = {
  side: "sender" | "recipient";
  /** the recipient sees who the referral is about and its notes: the releases relied on, or null */
  identityReleaseIds: string[] | null;
  /** an identified referral whose release is no longer in effect: the recipient sees the client code and the need only */
  lapse: Lapse | null;
  /** the sender's notes to the recipient: the sender always; the recipient only with identity */
  seeNotes: boolean;
};

/** The releases that let the recipient of an identified referral see who it is about, or null. */
export function releasesForIdentifiedReferral(referral: Pick<ReferralParties, "toOrganizationId">, live: LiveReleases): string[] | null {
  const covering = releasesCovering(live, referral.toOrganizationId, IDENTIFIED_REFERRAL_CATEGORIES);
  return covering.length ? covering.map((r) => r.id) : null;
}

export function referralAccess(me: AccessSubject, referral: ReferralParties, context: { managesSurvivor: boolean; releases: LiveReleases }): ReferralAccess | null {
  if (!me.organizationId || me.role === "admin") return null;
  const shareable = referral.identified && referral.status !== "withdrawn" && referral.status !== "draft";
  const identityReleaseIds = shareable ? releasesForIdentifiedReferral(referral, context.releases) : null;
  const lapse = shareable && !identityReleaseIds ? lapseOf(context.releases, referral.toOrganizationId, IDENTIFIED_REFERRAL_CATEGORIES) : null;
  if (me.organizationId === referral.fromOrganizationId && context.managesSurvivor) {
    return { side: "sender", identityReleaseIds, lapse, seeNotes: true };
  }
  if (me.organizationId === referral.toOrganizationId && REFERRAL_RESPONDER_ROLES.includes(me.role) && referral.status !== "draft") {
    return { side: "recipient", identityReleaseIds, lapse, seeNotes: identityReleaseIds !== null };
  }
  return null;
}

type LoadedReferral = { row: ReferralRow; access: ReferralAccess; releases: LiveReleases };

/** Loads a referral with the caller's access, or not_found (the same for missing and not yours). */
export async function loadReferral(db: Db, me: AccessSubject, id: string, options: { forUpdate?: boolean } = {}): Promise<LoadedReferral> {
  if (!isUuid(id) || !me.organizationId || me.role === "admin") throw new AppError("not_found");
  const query = db.select().from(referrals).where(eq(referrals.id, id)).limit(1);
  const [row] = options.forUpdate ? await query.for("update") : await query;
  if (!row) throw new AppError("not_found");
  const managed = me.organizationId === row.fromOrganizationId ? await managesSurvivor(db, me, row.survivorId) : null;
  const live = managed?.releases ?? (await loadLiveReleases(db, row.survivorId));
  const access = referralAccess(me, row, { managesSurvivor: managed !== null, releases: live });
  if (!access) throw new AppError("not_found");
  return { row, access, releases: live };
}

/** The SQL scope of referral lists: the same rule as referralAccess's sides. */
export function visibleReferrals(me: AccessSubject): SQL {
  if (!me.organizationId || me.role === "admin") return sql`false`;
  const conditions: SQL[] = [];
  if (me.role === "advocate" || me.role === "program_lead") {
    conditions.push(
      and(
        eq(referrals.fromOrganizationId, me.organizationId),
        managedSurvivorIdIn(me, referrals.survivorId),
      )!,
    );
  }
  if (REFERRAL_RESPONDER_ROLES.includes(me.role)) conditions.push(and(eq(referrals.toOrganizationId, me.organizationId), ne(referrals.status, "draft"))!);
  return conditions.length ? or(...conditions)! : sql`false`;
}
