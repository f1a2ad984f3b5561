import { addDays, differenceInCalendarDays, parseISO, format } from "date-fns";
import { formatCalendarDate, formatDate } from "../format";
import { DEFAULT_RELEASE_DAYS, EXPIRING_SOON_DAYS, type ReleaseCategory, type ReleaseStatus } from "./constants";

// Pure rules about releases, used by the policy, the queries (mirrored in SQL) and the forms.
// Dates are calendar days (YYYY-MM-DD) in Pacific time: a release signed on the 1st with expiry the
// 31st covers the whole of the 31st.

export type ReleaseDates = { signedOn: string; expiresOn: string; revokedAt: Date | null };

export function releaseStatus(release: ReleaseDates, today: string): ReleaseStatus {
  if (release.revokedAt) return "revoked";
  if (release.expiresOn < today) return "expired";
  if (release.signedOn > today) return "not_yet_effective";
  return "active";
}

/** The default expiry: 90 days after signing (RCW 70.123.076). */
export function defaultExpiry(signedOn: string): string {
  return format(addDays(parseISO(signedOn), DEFAULT_RELEASE_DAYS), "yyyy-MM-dd");
}

/** Days left before an active release expires (0 on its last day), or null when it is not active. */
export function daysUntilExpiry(release: ReleaseDates, today: string): number | null {
  if (releaseStatus(release, today) !== "active") return null;
  return differenceInCalendarDays(parseISO(release.expiresOn), parseISO(today));
}

export function expiresSoon(release: ReleaseDates, today: string): boolean {
  const days = daysUntilExpiry(release, today);
  return days !== null && days <= EXPIRING_SOON_DAYS;
}

/** What every access decision needs to know of one release: whom it names, what it covers, and its dates. */
export type ReleaseFacts = ReleaseDates & { id: string; recipientOrganizationId: string; categories: readonly ReleaseCategory[] };

/**
 * A survivor's releases as they stand at one moment: all of them (to explain why access ended) and the
 * ones in effect (to decide access). Built once per request; every access function reads it.
 */
export type LiveReleases = { today: string; all: readonly ReleaseFacts[]; active: readonly ReleaseFacts[] };

export function liveReleases(all: readonly ReleaseFacts[], today: string): LiveReleases {
  return { today, all, active: all.filter((r) => releaseStatus(r, today) === "active") };
}

/** The active releases naming this organization that cover every one of `categories`. */
export function releasesCovering(live: LiveReleases, organizationId: string | null, categories: readonly ReleaseCategory[]): ReleaseFacts[] {
  if (!organizationId) return [];
  return live.active.filter((r) => r.recipientOrganizationId === organizationId && categories.every((c) => r.categories.includes(c)));
}

/** Every category some active release to this organization covers. */
export function categoriesReleasedTo(live: LiveReleases, organizationId: string | null): Set<ReleaseCategory> {
  return new Set(live.active.filter((r) => r.recipientOrganizationId === organizationId).flatMap((r) => r.categories));
}

export type Lapse = {
  /** "revoked": the survivor withdrew it; "expired": its time ran out; "none": there never was one */
  reason: "revoked" | "expired" | "not_yet_effective" | "none";
  /** when it ended (the revocation or the expiry date), for "release to Legal Hope revoked on …" */
  on: Date | string | null;
};

/**
 * Why no active release lets `organizationId` see `categories`: the most recent release that did, and
 * how it ended. For the notice both sides see when access stops.
 */
export function lapseOf(live: LiveReleases, organizationId: string, categories: readonly ReleaseCategory[]): Lapse {
  const candidates = live.all
    .filter((r) => r.recipientOrganizationId === organizationId && categories.every((c) => r.categories.includes(c)))
    .map((r) => ({ r, status: releaseStatus(r, live.today), ended: r.revokedAt ? r.revokedAt.toISOString().slice(0, 10) : r.expiresOn }))
    .sort((a, b) => (a.ended < b.ended ? 1 : -1));
  const latest = candidates[0];
  if (!latest) return { reason: "none", on: null };
  if (latest.status === "revoked") return { reason: "revoked", on: latest.r.revokedAt };
  if (latest.status === "not_yet_effective") return { reason: "not_yet_effective", on: latest.r.signedOn };
  return { reason: "expired", on: latest.r.expiresOn };
}

/** "The survivor's release to Legal Hope was revoked on Nov 3, 2026" — why an organization's access ended. */
export function describeLapse(lapse: Lapse, organizationName: string): string {
  const on = lapse.on === null ? null : typeof lapse.on === "string" ? formatCalendarDate(lapse.on) : formatDate(lapse.on);
  switch (lapse.reason) {
    case "revoked":
      return `The survivor's release to ${organizationName} was revoked${on ? ` on ${on}` : ""}`;
    case "expired":
      return `The survivor's release to ${organizationName} expired${on ? ` on ${on}` : ""}`;
    case "not_yet_effective":
      return `The survivor's release to ${organizationName} takes effect${on ? ` on ${on}` : " later"}`;
    case "none":
      return `No release from the survivor covers what ${organizationName} would need`;
  }
}
