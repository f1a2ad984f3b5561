import { legalReleaseLive, OWNERS } from "./expectations";
import type { Member, ReleaseState, World } from "./world";

// Every route handler, with the URL a hostile caller would request and who must be refused it.
// "refuse": a 404 or 403 response. "fallback": the handler answers without acting, by redirecting
// to this path (opening someone else's notification goes to one's own list and marks nothing read).

export type HandlerReach = "refuse" | { fallback: string } | null;

export type HandlerEntry = {
  route: string;
  params: (w: World) => Record<string, string>;
  reach: (who: Member, state: ReleaseState) => HandlerReach;
  /** someone allowed requests it (with all releases live) and gets this answer: the URL is right */
  control?: { as: Member; answer: (w: World) => string };
};

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
    params: () => ({}),
    control: { as: "LL", answer: () => "status 200" },
    reach: (who) => (["LA", "LB", "LL", "T1", "T2", "U1"].includes(who) ? null : "refuse"),
  },
  {
    // One of A1's notifications (it names M's client code): only A1 opens it.
    route: "/notifications/[id]",
    params: (w) => ({ id: w.notificationId }),
    control: { as: "A1", answer: (w) => `redirect → /matters/${w.matterId}` },
    reach: (who) => (who === "A1" ? null : { fallback: "/notifications" }),
  },
];
