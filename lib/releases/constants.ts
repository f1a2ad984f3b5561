// Releases of information (consent to share). Pure data shared by the schema, forms and the policy.

/** What a release can cover. Each category is decided separately for each recipient organization. */
export const RELEASE_CATEGORIES = ["identity_contact", "criminal_court", "case_notes", "referral_details"] as const;
export type ReleaseCategory = (typeof RELEASE_CATEGORIES)[number];
export const RELEASE_CATEGORY_LABELS: Record<ReleaseCategory, string> = {
  identity_contact: "Identity and contact details",
  criminal_court: "Criminal-history and court records",
  case_notes: "Case notes",
  referral_details: "Referral details",
};

export const RELEASE_FORMS = ["written", "electronic"] as const;
export type ReleaseForm = (typeof RELEASE_FORMS)[number];
export const RELEASE_FORM_LABELS: Record<ReleaseForm, string> = {
  written: "Written, signed on paper",
  electronic: "Electronic signature",
};

export const REVOCATION_METHODS = ["oral_in_person", "oral_phone", "written", "electronic"] as const;
export type RevocationMethod = (typeof REVOCATION_METHODS)[number];
export const REVOCATION_METHOD_LABELS: Record<RevocationMethod, string> = {
  oral_in_person: "Told us in person",
  oral_phone: "Told us by phone",
  written: "In writing",
  electronic: "Electronically (email, text, portal)",
};

/** RCW 70.123.076: without a stated time limit an authorization expires 90 days after signing. */
export const DEFAULT_RELEASE_DAYS = 90;
/** Longest expiry offered: "reasonably time-limited" (VAWA, VOCA). */
export const MAX_RELEASE_DAYS = 366;
/** The survivor page warns about releases expiring within this many days. */
export const EXPIRING_SOON_DAYS = 14;

export type ReleaseStatus = "active" | "expired" | "revoked" | "not_yet_effective";
export const RELEASE_STATUS_LABELS: Record<ReleaseStatus, string> = {
  active: "Active",
  expired: "Expired",
  revoked: "Revoked",
  not_yet_effective: "Not yet in effect",
};
