import { DEMAND_VIEWERS, FC_VIEWERS, legalReleaseLive, OWNERS, seeKnown } from "./expectations";
import { RELEASE_STATES, type Marker, type Member, type ReleaseState, type World } from "./world";

// Every route handler, with the URL a hostile caller would request and who must be refused it.
// "refuse": a 404 or 403 response. "fallback": the handler answers without acting, by redirecting
// to this path (opening someone else's notification goes to one's own list and marks nothing read).
// "see": the handler may answer (a list's CSV, for whoever may open the list), and its file shows
// no marker outside `see` (or it refuses).

export type HandlerReach = "refuse" | { fallback: string } | { see: readonly Marker[] } | null;

export type HandlerEntry = {
  route: string;
  /** what tells two entries of one route apart (their query) */
  label?: string;
  params: (w: World) => Record<string, string>;
  query?: (w: World) => Record<string, string>;
  /** a form posted to the handler (its POST), instead of a GET */
  form?: (w: World) => Record<string, string>;
  reach: (who: Member, state: ReleaseState) => HandlerReach;
  /** someone allowed requests it (with all releases live) and gets this answer (and file showing these markers): the URL is right */
  control?: { as: Member; answer: (w: World) => string; shows?: readonly Marker[] };
  /** what someone signed out gets, when not the redirect to sign-in (a handler that scripts call) */
  signedOut?: string;
};

/** Whose knowledge of S, M and F changes with the release states (expectations.ts); everyone else's is the same in all four. */
const RELEASE_DEPENDENT: readonly Member[] = ["T1", "LL", "R1"];

/**
 * A list's CSV: refused to those the list is not for; for everyone else it shows no more of S, M
 * and F than they may know (the list page's own rule, expectations.ts). A refusal by permission and
 * a file whose caller knows the same in every state are checked once, with all releases live.
 */
function listExport(refused: readonly Member[]) {
  return (who: Member, state: ReleaseState): HandlerReach => {
    if (state !== RELEASE_STATES[0] && !RELEASE_DEPENDENT.includes(who)) return null;
    if (refused.includes(who)) return "refuse";
    const reach = seeKnown(who, state);
    return reach && "see" in reach ? { see: reach.see } : null;
  };
}

const NOT_ADMIN: readonly Member[] = ["A1", "A2", "LA", "B1", "LB", "T1", "T2", "LL", "U1", "P1", "Q1", "R1", "R2", "E1"];
const none = () => ({});

export const HANDLERS: HandlerEntry[] = [
  {
    // A court-form draft (PDF) names the survivor: for M's assigned attorney while the release to L covers it.
    route: "/matters/[id]/documents/[convictionId]/[form]",
    params: (w) => ({ id: w.matterId, convictionId: w.convictionId, form: "petition" }),
    control: { as: "T1", answer: () => "status 200" },
    reach: (who, state) => {
      if (who === "T1" && legalReleaseLive(state)) return null;
      // Whether L's program lead may draft documents is the legal organization's call; once suspended, no one may.
      if (who === "LL" && legalReleaseLive(state)) return null;
      return "refuse";
    },
  },
  {
    // A hearing's .ics: for those who see M's details.
    route: "/matters/[id]/hearings/[hearingId]",
    params: (w) => ({ id: w.matterId, hearingId: w.hearingId }),
    control: { as: "T1", answer: () => "status 200" },
    reach: (who, state) => {
      if (OWNERS.includes(who) || who === "P1") return null;
      if ((who === "T1" || who === "LL") && legalReleaseLive(state)) return null;
      return "refuse";
    },
  },
  {
    // The pro bono hours CSV: each lead or attorney gets their own organization's (or own) hours; those who keep none are refused.
    route: "/matters/hours/export",
    params: none,
    control: { as: "LL", answer: () => "status 200", shows: ["clientCode"] },
    reach: listExport(["A1", "A2", "B1", "P1", "Q1", "R1", "R2", "admin"]),
  },
  // The lists' CSVs (issue 12): the list's rows for its filter, cut like the page.
  {
    route: "/survivors/export",
    label: "managed",
    params: none,
    query: () => ({ status: "all" }),
    control: { as: "A1", answer: () => "status 200", shows: ["clientCode", "preferredName"] },
    reach: listExport(["admin"]),
  },
  {
    route: "/survivors/export",
    label: "released",
    params: none,
    query: () => ({ status: "all", scope: "released" }),
    control: { as: "T1", answer: () => "status 200", shows: ["clientCode", "preferredName"] },
    reach: listExport(["admin"]),
  },
  {
    // The caseload's search form posts here (issue 12: no search in a URL): for whoever may open the list,
    // a 303 to it with the search sealed; the admin, who may not, is refused.
    route: "/survivors/search",
    label: "form",
    params: none,
    form: () => ({ q: "Quintero", status: "all", sort: "name" }),
    control: { as: "A1", answer: () => "status 303" },
    reach: (who) => (who === "admin" ? "refuse" : null),
  },
  {
    // Where sign-in comes back to after a search posted with an ended session: the list (nothing to refuse).
    route: "/survivors/search",
    label: "back from sign-in",
    params: none,
    control: { as: "A1", answer: () => "status 303" },
    reach: () => null,
  },
  {
    route: "/referrals/export",
    params: none,
    query: () => ({ status: "all" }),
    control: { as: "R1", answer: () => "status 200", shows: ["clientCode"] },
    reach: listExport(["P1", "Q1", "admin"]),
  },
  {
    route: "/matters/export",
    params: none,
    query: () => ({ status: "all", scope: "organization" }),
    control: { as: "A1", answer: () => "status 200", shows: ["clientCode", "courtName"] },
    reach: listExport(["R1", "R2", "admin"]),
  },
  {
    route: "/matters/hearings/export",
    params: none,
    query: () => ({ view: "upcoming" }),
    control: { as: "T1", answer: () => "status 200", shows: ["clientCode", "hearingPlace"] },
    reach: listExport(["R1", "R2", "admin"]),
  },
  {
    route: "/admin/users/export",
    params: none,
    query: () => ({ status: "all" }),
    control: { as: "admin", answer: () => "status 200" },
    reach: listExport(NOT_ADMIN),
  },
  {
    route: "/admin/audit/export",
    params: none,
    control: { as: "admin", answer: () => "status 200" },
    reach: listExport(NOT_ADMIN),
  },
  {
    // The funder report's CSV: aggregate counts of the caller's own organization, for program leads only.
    route: "/reports/funder/csv",
    params: () => ({}),
    control: { as: "LA", answer: () => "status 200" },
    reach: (who) => (["LA", "LB", "LL"].includes(who) ? null : "refuse"),
  },
  {
    // The bell's count: each person's own, so nobody signed in is refused; signed out, 401 (a script polls it, not a person).
    route: "/notifications/count",
    params: () => ({}),
    control: { as: "A1", answer: () => "status 200" },
    reach: () => null,
    signedOut: "status 401",
  },
  {
    // A dashboard chart's CSV (aggregates only): for program leads; everyone else is refused.
    route: "/dashboard/csv/[chart]",
    params: () => ({ chart: "referrals-summary" }),
    control: { as: "LA", answer: () => "status 200" },
    reach: (who) => (["LA", "LB", "LL"].includes(who) ? null : "refuse"),
  },
  {
    // The judgment's fee clause for FC (issue 14): for those who see FC.
    route: "/fees/[id]/clause",
    params: (w) => ({ id: w.feeCaseId }),
    control: { as: "P1", answer: () => "status 200" },
    reach: (who) => (FC_VIEWERS.includes(who) ? null : "refuse"),
  },
  {
    // The fee-case and operations lists' CSVs: each caller's own scope; refused to those the lists are not for.
    route: "/fees/export",
    params: () => ({}),
    control: { as: "E1", answer: () => "status 200" },
    reach: (who) => (DEMAND_VIEWERS.includes(who) ? null : "refuse"),
  },
  {
    route: "/operations/export",
    params: () => ({}),
    control: { as: "E1", answer: () => "status 200" },
    reach: (who) => (DEMAND_VIEWERS.includes(who) ? null : "refuse"),
  },
  {
    // The quarterly fee report's CSV: aggregates of the caller's demand-side scope.
    route: "/fees/report/csv",
    params: () => ({}),
    query: () => ({ quarter: "2026-Q3" }),
    control: { as: "LA", answer: () => "status 200" },
    reach: (who) => (DEMAND_VIEWERS.includes(who) ? null : "refuse"),
  },
  {
    // One of A1's notifications (it names M's client code): only A1 opens it.
    route: "/notifications/[id]",
    params: (w) => ({ id: w.notificationId }),
    control: { as: "A1", answer: (w) => `redirect → /matters/${w.matterId}` },
    reach: (who) => (who === "A1" ? null : { fallback: "/notifications" }),
  },
];
