import {
  DEMAND_VIEWERS,
  demandPage,
  FC_VIEWERS,
  FEE_RECORDERS,
  J_EDITORS,
  legalReleaseLive,
  O_RECORDERS,
  O_VIEWERS,
  OWNERS,
  partnerReleaseLive,
  REFUSE,
  seeKnown,
  seeOfMatter,
  suspensionReason,
  type PageReach,
} from "./expectations";
import type { Marker, Member, ReleaseState, World } from "./world";

// Every page, with the URL a hostile caller would open and what it must do for each member of the
// cast (expectations.ts). A page missing here fails the matrix by name; add it with the records it can
// show and who must be refused them.

/** Someone allowed opens the page (with all releases live) and sees the record: the URL is right. */
export type PageControl = { as: Member; shows?: readonly Marker[] };
export type PageQuery = { label: string; searchParams: (w: World) => Record<string, string>; control?: PageControl };

export type PageEntry = {
  route: string;
  params?: (w: World) => Record<string, string>;
  /** the query strings to open it with; each is a cell of its own (default: none) */
  queries?: PageQuery[];
  reach: (who: Member, state: ReleaseState) => PageReach;
  control?: PageControl;
  /** pages anyone may open signed out (the default for the rest: a redirect to sign-in) */
  public?: { searchParams: (w: World) => Record<string, string> };
};

const S = (w: World) => ({ id: w.survivorId });
const LEADS: readonly Member[] = ["LA", "LB", "LL"];
const ownersOnly = (who: Member, state: ReleaseState): PageReach => (OWNERS.includes(who) ? seeKnown(who, state) : REFUSE);
const adminOnly = (who: Member, state: ReleaseState): PageReach => (who === "admin" ? seeKnown(who, state) : REFUSE);
/** Lists and pages about the caller's own things: show each caller only what they may know. */
const list = seeKnown;

/**
 * Under a release: the survivor page and court records open for whom it names, for what it covers —
 * of L's attorneys, only T1, who is on the survivor's open matter.
 */
function released(category: "identity" | "court") {
  return (who: Member, state: ReleaseState): PageReach => {
    if (OWNERS.includes(who) || who === "P1") return seeKnown(who, state);
    if (who === "T1" || who === "LL") return legalReleaseLive(state) ? seeKnown(who, state) : REFUSE;
    if (who === "R1" && category === "identity") return partnerReleaseLive(state) ? seeKnown(who, state) : REFUSE;
    return REFUSE;
  };
}

/** Court records are written by the survivor's side and by M's assigned attorney while the release to L covers them. */
function courtRecordEditors(who: Member, state: ReleaseState): PageReach {
  if (OWNERS.includes(who) || (who === "T1" && legalReleaseLive(state))) return seeKnown(who, state);
  return REFUSE;
}

export const PAGES: PageEntry[] = [
  { route: "/", reach: () => null },
  // The bench's yardstick (CLEARWAY_BENCH_ROUTES=1 only; a 404 here): shows nothing, signed in or not.
  { route: "/bench/floor", reach: () => null, public: { searchParams: () => ({}) } },
  { route: "/account", control: { as: "A1" }, reach: list },
  { route: "/account/password", control: { as: "A1" }, reach: list },
  { route: "/account/two-factor", control: { as: "A1" }, reach: list },
  { route: "/admin", control: { as: "admin" }, reach: adminOnly },
  { route: "/admin/security", control: { as: "admin" }, reach: adminOnly },
  {
    route: "/admin/audit",
    reach: adminOnly,
    queries: [
      { label: "A1's events", searchParams: (w) => ({ user: w.people.A1.id }), control: { as: "admin" } },
      { label: "T1's events", searchParams: (w) => ({ user: w.people.T1.id }), control: { as: "admin" } },
    ],
  },
  { route: "/admin/organizations", reach: adminOnly, queries: [{ label: "all", searchParams: () => ({ status: "all" }), control: { as: "admin" } }] },
  { route: "/admin/organizations/[id]", control: { as: "admin" }, params: (w) => ({ id: w.orgs.A }), reach: adminOnly },
  { route: "/admin/organizations/new", control: { as: "admin" }, reach: adminOnly },
  { route: "/admin/users", reach: adminOnly, queries: [{ label: "all", searchParams: () => ({ status: "all" }), control: { as: "admin" } }] },
  { route: "/admin/users/[id]", control: { as: "admin" }, params: (w) => ({ id: w.people.A1.id }), reach: adminOnly },
  { route: "/admin/users/new", control: { as: "admin" }, reach: adminOnly },
  // Program leads' aggregates: a lead sees no more of S than they know; everyone else is refused.
  { route: "/dashboard", control: { as: "LA" }, reach: (who, state) => (LEADS.includes(who) ? seeKnown(who, state) : REFUSE) },
  { route: "/home", control: { as: "R1" }, reach: list },
  // The demand side (issue 14).
  { route: "/fees", control: { as: "P1" }, reach: demandPage(DEMAND_VIEWERS) },
  { route: "/fees/[id]", control: { as: "E1" }, params: (w) => ({ id: w.feeCaseId }), reach: demandPage(FC_VIEWERS) },
  { route: "/fees/new", control: { as: "P1" }, reach: demandPage(FEE_RECORDERS) },
  { route: "/fees/import", control: { as: "P1" }, reach: demandPage(FEE_RECORDERS) },
  { route: "/fees/report", control: { as: "LA" }, reach: demandPage(DEMAND_VIEWERS) },
  { route: "/operations", control: { as: "E1" }, reach: demandPage(DEMAND_VIEWERS) },
  { route: "/operations/[id]", control: { as: "E1" }, params: (w) => ({ id: w.operationId }), reach: demandPage(O_VIEWERS) },
  { route: "/operations/new", control: { as: "E1" }, reach: demandPage(O_RECORDERS) },
  { route: "/jurisdictions", control: { as: "E1" }, reach: demandPage(DEMAND_VIEWERS) },
  { route: "/jurisdictions/[id]", control: { as: "Q1" }, params: (w) => ({ id: w.jurisdictionId }), reach: demandPage(DEMAND_VIEWERS) },
  { route: "/jurisdictions/new", control: { as: "LA" }, reach: demandPage(J_EDITORS) },
  { route: "/matters", reach: seeOfMatter, queries: [{ label: "organization, all", searchParams: () => ({ status: "all", scope: "organization" }), control: { as: "A1", shows: ["clientCode", "courtName"] } }] },
  {
    route: "/matters/[id]",
    params: (w) => ({ id: w.matterId }),
    control: { as: "T1", shows: ["clientCode", "courtName", "filingCaseNumber", "hearingPlace", "agencyStatusNote", "attorneyNote", "hoursDescription"] },
    reach: (who, state) => {
      if (OWNERS.includes(who) || who === "P1" || who === "T2") return seeOfMatter(who, state);
      if (who === "T1" || who === "LL") {
        if (legalReleaseLive(state)) return seeKnown(who, state);
        // Suspended: the page still opens, with the client code, why, and (for the attorney) their own notes and hours.
        return { see: ["clientCode", "attorneyNote", "hoursDescription"], opens: { show: who === "T1" ? ["clientCode", "attorneyNote", "hoursDescription"] : ["clientCode"], says: suspensionReason(state) } };
      }
      return REFUSE;
    },
  },
  { route: "/matters/hearings", control: { as: "T1", shows: ["clientCode", "hearingPlace"] }, reach: seeOfMatter },
  { route: "/matters/hours", control: { as: "LL" }, reach: seeOfMatter },
  { route: "/notifications", control: { as: "A1", shows: ["clientCode"] }, reach: list },
  { route: "/partners", control: { as: "A1" }, reach: list },
  { route: "/partners/[id]", control: { as: "A1" }, params: (w) => ({ id: w.orgs.R }), reach: list },
  // The funder report: program leads only, aggregate counts of their own organization (no marker of anyone).
  { route: "/reports/funder", control: { as: "LA" }, reach: (who) => (["LA", "LB", "LL"].includes(who) ? { see: [] } : REFUSE) },
  // Retention (issue 15): program leads, their own organization's closed records due for purge and its holds (client codes only).
  // S is open and not held, so it is listed for nobody; the page itself opens for leads only.
  { route: "/retention", control: { as: "LA" }, reach: (who, state) => (LEADS.includes(who) ? seeKnown(who, state) : REFUSE) },
  { route: "/referrals", reach: list, queries: [{ label: "all", searchParams: () => ({ status: "all" }), control: { as: "R1", shows: ["clientCode"] } }] },
  // A partner's home: what was sent to their organization (program leads and attorneys answer referrals too).
  { route: "/referrals/inbox", control: { as: "R1", shows: ["clientCode"] }, reach: list },
  {
    route: "/referrals/[id]",
    params: (w) => ({ id: w.referralId }),
    control: { as: "R1", shows: ["clientCode", "preferredName", "referralReason", "referralNote"] },
    reach: (who, state) => {
      if (OWNERS.includes(who)) return seeKnown(who, state);
      if (who !== "R1") return REFUSE;
      // The recipient keeps what the referral itself says; identity and notes only under the release.
      return partnerReleaseLive(state) ? seeKnown(who, state) : { see: ["clientCode", "referralReason"], opens: { show: ["clientCode", "referralReason"] } };
    },
  },
  {
    route: "/survivors",
    reach: list,
    queries: [
      { label: "managed, all", searchParams: () => ({ status: "all" }), control: { as: "A1", shows: ["clientCode", "preferredName"] } },
      { label: "released, all", searchParams: () => ({ status: "all", scope: "released" }), control: { as: "T1", shows: ["clientCode", "preferredName"] } },
    ],
  },
  { route: "/survivors/[id]", control: { as: "A1", shows: ["clientCode", "preferredName", "legalName", "caseNote"] }, params: S, reach: released("identity") },
  { route: "/survivors/[id]/access", control: { as: "A1", shows: ["clientCode"] }, params: S, reach: ownersOnly },
  { route: "/survivors/[id]/court-records", control: { as: "T1", shows: ["courtName", "convictionCaseNumber"] }, params: S, reach: released("court") },
  { route: "/survivors/[id]/court-records/[convictionId]", control: { as: "T1", shows: ["convictionCaseNumber"] }, params: (w) => ({ id: w.survivorId, convictionId: w.convictionId }), reach: courtRecordEditors },
  { route: "/survivors/[id]/court-records/new", control: { as: "T1", shows: ["clientCode"] }, params: S, reach: courtRecordEditors },
  { route: "/survivors/[id]/edit", control: { as: "A1", shows: ["preferredName", "legalName"] }, params: S, reach: ownersOnly },
  { route: "/survivors/[id]/matters/new", control: { as: "A1", shows: ["clientCode"] }, params: S, reach: ownersOnly },
  { route: "/survivors/[id]/referrals/new", control: { as: "A1", shows: ["clientCode"] }, params: S, reach: ownersOnly },
  { route: "/survivors/[id]/releases/new", control: { as: "A1", shows: ["clientCode"] }, params: S, reach: ownersOnly },
  { route: "/survivors/[id]/services", control: { as: "A1", shows: ["clientCode"] }, params: S, reach: ownersOnly },
  { route: "/survivors/new", control: { as: "LA" }, reach: list },
  // The home of advocates, attorneys and prosecutors; program leads and partners are sent on to theirs (a redirect, no cell).
  { route: "/today", control: { as: "A1", shows: ["clientCode"] }, reach: (who, state) => (["LA", "LB", "LL", "R1", "R2", "E1"].includes(who) ? null : list(who, state)) },
  // Signed out, with a callback naming S's record: the form shows nothing of it.
  { route: "/sign-in", reach: () => null, public: { searchParams: (w) => ({ callbackUrl: `/survivors/${w.survivorId}` }) } },
  // The second sign-in step: serves only a session waiting for it (none here); everyone else is sent on.
  { route: "/sign-in/verify", reach: () => null },
];
