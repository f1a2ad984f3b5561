import { addDays, differenceInCalendarDays, parseISO, format } from "date-fns";
import { DEFAULT_RELEASE_DAYS, EXPIRING_SOON_DAYS, type ReleaseStatus } from "./constants";

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
