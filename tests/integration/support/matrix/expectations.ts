import type { Marker, Member, ReleaseState } from "./world";

// What each member of the cast may know about S, M and F in each release state: every other marker
// is one they must not be shown anywhere. This is issue 10's rule written down once:
// - the agency (A1, LA) sees its own survivor, but not the legal organization's privileged notes or hours;
// - L's assigned attorney and program lead see what the release to L covers (identity, court records)
//   and the matter; once that release is revoked or expired the matter is suspended for them: the client
//   code, their own notes and hours, and nothing the agency recorded;
// - L's other attorneys see what the release covers on the survivor, and of the matter only its row;
// - the noticed prosecutor sees what the release to P covers (court records) and the matter's court side;
// - R's staff see the referral, with identity and notes only while the release to R is in effect;
// - everyone else sees nothing.

export const MARKERS: readonly Marker[] = [
  "clientCode",
  "preferredName",
  "legalName",
  "caseNote",
  "courtName",
  "convictionCaseNumber",
  "filingCaseNumber",
  "hearingPlace",
  "agencyStatusNote",
  "attorneyNote",
  "hoursDescription",
  "referralReason",
  "referralNote",
];

export const OWNERS: readonly Member[] = ["A1", "LA"];

export function legalReleaseLive(state: ReleaseState): boolean {
  return state !== "release to L revoked" && state !== "release to L expired";
}

export function partnerReleaseLive(state: ReleaseState): boolean {
  return state !== "release to R revoked";
}

const LEGAL_SIDE: readonly Marker[] = [
  "clientCode",
  "preferredName",
  "legalName",
  "courtName",
  "convictionCaseNumber",
  "filingCaseNumber",
  "hearingPlace",
  "agencyStatusNote",
  "attorneyNote",
  "hoursDescription",
];

function knows(who: Member, state: ReleaseState): readonly Marker[] {
  switch (who) {
    case "A1":
    case "LA":
      return MARKERS.filter((m) => m !== "attorneyNote" && m !== "hoursDescription");
    case "T1":
    case "LL":
      return legalReleaseLive(state) ? LEGAL_SIDE : ["clientCode", "attorneyNote", "hoursDescription"];
    case "T2":
      // Not on the matter: the release to L does not open the survivor to them; they see M's row in their list.
      return ["clientCode"];
    case "P1":
      return ["clientCode", "courtName", "convictionCaseNumber", "filingCaseNumber", "hearingPlace"];
    case "R1":
      return partnerReleaseLive(state) ? ["clientCode", "preferredName", "legalName", "referralReason", "referralNote"] : ["clientCode", "referralReason"];
    default:
      return [];
  }
}

/**
 * What a page must do for one caller:
 * - refuse: answer 404 or 403 (a redirect to sign-in only for someone not signed in);
 * - see: it may open (or refuse), and shows no marker outside `see`;
 * - opens: it must open, show `show` (and `says`), and nothing outside `see`.
 * null: the caller may see everything the page can show; no cell.
 */
export type PageReach = { refuse: true } | { see: readonly Marker[]; opens?: { show: readonly Marker[]; says?: RegExp } } | null;

export const REFUSE = { refuse: true } as const;

/** The default: the page may show this caller what they may know, and nothing else. */
export function seeKnown(who: Member, state: ReleaseState): PageReach {
  const see = knows(who, state);
  return see.length === MARKERS.length ? null : { see };
}

/** Of a matter, L's other attorneys see only its row (client code, status, next date). */
export function seeOfMatter(who: Member, state: ReleaseState): PageReach {
  return who === "T2" ? { see: ["clientCode"] } : seeKnown(who, state);
}

/** Why the matter is suspended for the legal side, as the page must say it. */
export function suspensionReason(state: ReleaseState): RegExp {
  return state === "release to L expired" ? /expired/i : /revoked/i;
}

// The demand side (issue 14): fee cases, operations and jurisdictions name no survivor, so its pages show
// no marker of S, M or F to anyone. Who may open them at all, by role and the demand side's scope
// (lib/fees/access.ts): J, O and FC are in King County, where every organization of the cast is but P2.

/** fees.view, operations.view and jurisdictions.view: program leads, prosecutors, law enforcement, admins */
export const DEMAND_VIEWERS: readonly Member[] = ["LA", "LB", "LL", "P1", "Q1", "E1", "admin"];
/** fees.record */
export const FEE_RECORDERS: readonly Member[] = ["LA", "LB", "LL", "P1", "Q1", "admin"];
/** FC, in King County and arrested by E: all of King County's demand-side viewers, E's staff and admins */
export const FC_VIEWERS: readonly Member[] = ["LA", "LB", "LL", "P1", "E1", "admin"];
/** recording on FC: King County's fee recorders (E1 reads it only) */
export const FC_RECORDERS: readonly Member[] = ["LA", "LB", "LL", "P1", "admin"];
/** O, hosted by E in King County: as FC */
export const O_VIEWERS = FC_VIEWERS;
/** recording O: its agency's staff and admins */
export const O_RECORDERS: readonly Member[] = ["E1", "admin"];
/** keeping J's profile and policy: King County's program leads and admins */
export const J_EDITORS: readonly Member[] = ["LA", "LB", "LL", "admin"];

/** A demand-side page: opens (showing nothing of S, M or F) for `who`, refused to everyone else. */
export function demandPage(allowed: readonly Member[]) {
  return (who: Member): PageReach => (allowed.includes(who) ? { see: [], opens: { show: [] } } : REFUSE);
}
