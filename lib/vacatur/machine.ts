import type { MatterStatus } from "./constants";

// The vacatur matter's state machine (issue 5; DOMAIN.md §6.2), enforced by the commands and
// unit-tested:
//   referred → screening ⇄ records_requested → ineligible_now (blocker, revisit date) | drafting
//   drafting ⇄ survivor_review → filed → hearing_set → granted | partially_granted | denied | continued
//   continued → hearing_set; filed → granted | partially_granted | denied (an agreed order, no hearing)
//   granted | partially_granted → order_transmitted → verified → closed (needs a post-order verification)
//   denied | ineligible_now → closed
//   on_hold_by_survivor and withdrawn are reachable from every state before an order.
// The assigned attorney moves the legal steps; the survivor's advocate or program lead can also put the
// matter on hold at the survivor's wish, resume it, or withdraw it. Moves that need facts ask for them.

export type MatterActor = "attorney" | "owner";
export type MatterFact = "note" | "revisit" | "filing" | "hearing" | "order";

export const PRE_ORDER_STATUSES: readonly MatterStatus[] = [
  "referred",
  "screening",
  "records_requested",
  "ineligible_now",
  "drafting",
  "survivor_review",
  "filed",
  "hearing_set",
  "continued",
];

export const MATTER_ACTIONS = [
  "start_screening",
  "request_records",
  "records_received",
  "mark_ineligible",
  "revisit",
  "start_drafting",
  "send_for_review",
  "back_to_drafting",
  "file",
  "set_hearing",
  "grant",
  "grant_partially",
  "deny",
  "continue",
  "transmit_order",
  "verify",
  "close",
  "hold",
  "resume",
  "withdraw",
] as const;
export type MatterAction = (typeof MATTER_ACTIONS)[number];

export type MatterTransition = {
  action: MatterAction;
  from: readonly MatterStatus[];
  /** null: back to the status the matter was held from */
  to: MatterStatus | null;
  by: readonly MatterActor[];
  needs: readonly MatterFact[];
  /** the button: says what pressing it does */
  label: string;
};

const ATTORNEY = ["attorney"] as const;
const EITHER = ["attorney", "owner"] as const;

export const MATTER_TRANSITIONS: Record<MatterAction, MatterTransition> = {
  start_screening: { action: "start_screening", from: ["referred"], to: "screening", by: ATTORNEY, needs: [], label: "Start screening" },
  request_records: { action: "request_records", from: ["screening"], to: "records_requested", by: ATTORNEY, needs: [], label: "Mark records requested" },
  records_received: { action: "records_received", from: ["records_requested"], to: "screening", by: ATTORNEY, needs: [], label: "Records received: back to screening" },
  mark_ineligible: {
    action: "mark_ineligible",
    from: ["screening", "records_requested"],
    to: "ineligible_now",
    by: ATTORNEY,
    needs: ["note", "revisit"],
    label: "Mark ineligible for now",
  },
  revisit: { action: "revisit", from: ["ineligible_now"], to: "screening", by: ATTORNEY, needs: [], label: "Screen again" },
  start_drafting: { action: "start_drafting", from: ["screening"], to: "drafting", by: ATTORNEY, needs: [], label: "Start drafting" },
  send_for_review: { action: "send_for_review", from: ["drafting"], to: "survivor_review", by: ATTORNEY, needs: [], label: "Send to survivor for review" },
  back_to_drafting: { action: "back_to_drafting", from: ["survivor_review"], to: "drafting", by: ATTORNEY, needs: [], label: "Back to drafting" },
  file: { action: "file", from: ["survivor_review"], to: "filed", by: ATTORNEY, needs: ["filing"], label: "Record filing" },
  set_hearing: { action: "set_hearing", from: ["filed", "continued"], to: "hearing_set", by: ATTORNEY, needs: ["hearing"], label: "Set hearing" },
  grant: { action: "grant", from: ["filed", "hearing_set"], to: "granted", by: ATTORNEY, needs: ["order"], label: "Record order: granted" },
  grant_partially: { action: "grant_partially", from: ["filed", "hearing_set"], to: "partially_granted", by: ATTORNEY, needs: ["order"], label: "Record order: partially granted" },
  deny: { action: "deny", from: ["filed", "hearing_set"], to: "denied", by: ATTORNEY, needs: ["order"], label: "Record order: denied" },
  continue: { action: "continue", from: ["hearing_set"], to: "continued", by: ATTORNEY, needs: ["note"], label: "Record continuance" },
  transmit_order: { action: "transmit_order", from: ["granted", "partially_granted"], to: "order_transmitted", by: ATTORNEY, needs: [], label: "Mark order sent to record holders" },
  verify: { action: "verify", from: ["order_transmitted"], to: "verified", by: ATTORNEY, needs: [], label: "Mark records verified" },
  close: { action: "close", from: ["verified", "denied", "ineligible_now"], to: "closed", by: ATTORNEY, needs: [], label: "Close matter" },
  hold: { action: "hold", from: PRE_ORDER_STATUSES, to: "on_hold_by_survivor", by: EITHER, needs: ["note"], label: "Put on hold (survivor's wish)" },
  resume: { action: "resume", from: ["on_hold_by_survivor"], to: null, by: EITHER, needs: [], label: "Resume" },
  withdraw: { action: "withdraw", from: [...PRE_ORDER_STATUSES, "on_hold_by_survivor"], to: "withdrawn", by: EITHER, needs: ["note"], label: "Withdraw matter" },
};

export type MatterFacts = {
  note?: string | null;
  revisitOn?: string | null;
  filing?: { filedOn: string; court: string; caseNumber: string } | null;
  hearing?: { startsAt: Date; place: string } | null;
  order?: { orderOn: string; counts: readonly string[] } | null;
};

export type MatterContext = {
  heldFromStatus: MatterStatus | null;
  /** "convictionId:count" keys of every count the matter covers */
  countKeys: readonly string[];
  /** post-order checklist entries that verify the record changed (WSP, WATCH, FBI) */
  verificationCount: number;
  today: string;
};

type MatterCheck = { ok: true; to: MatterStatus } | { ok: false; message: string; field?: string };

/** Whether `actor` may take `action` on a matter in `status`, given these facts. Pure. */
export function checkMatterTransition(status: MatterStatus, action: MatterAction, actor: MatterActor, facts: MatterFacts, context: MatterContext): MatterCheck {
  const t = MATTER_TRANSITIONS[action];
  if (!t.by.includes(actor)) return { ok: false, message: "Only the assigned attorney can make that move." };
  if (!t.from.includes(status)) return { ok: false, message: `A matter that is ${status.replace(/_/g, " ")} cannot move that way. Reload to see where it stands.` };
  if (t.needs.includes("note") && !facts.note?.trim()) {
    return { ok: false, field: "note", message: action === "mark_ineligible" ? "Name the blocker and what would clear it." : "Say why." };
  }
  if (t.needs.includes("revisit")) {
    if (!facts.revisitOn) return { ok: false, field: "revisitOn", message: "Enter the date to revisit eligibility." };
    if (facts.revisitOn <= context.today) return { ok: false, field: "revisitOn", message: "The revisit date must be in the future." };
  }
  if (t.needs.includes("filing")) {
    const f = facts.filing;
    if (!f?.filedOn) return { ok: false, field: "filedOn", message: "Enter the filing date." };
    if (f.filedOn > context.today) return { ok: false, field: "filedOn", message: "The filing date cannot be in the future." };
    if (!f.court?.trim()) return { ok: false, field: "court", message: "Enter the court it was filed in." };
    if (!f.caseNumber?.trim()) return { ok: false, field: "caseNumber", message: "Enter the case number." };
  }
  if (t.needs.includes("hearing")) {
    const h = facts.hearing;
    if (!h?.startsAt || Number.isNaN(h.startsAt.getTime())) return { ok: false, field: "hearingDate", message: "Enter the hearing date and time." };
    if (!h.place?.trim()) return { ok: false, field: "place", message: "Enter where the hearing is (courtroom or address, or remote link)." };
  }
  if (t.needs.includes("order")) {
    const o = facts.order;
    if (!o?.orderOn) return { ok: false, field: "orderOn", message: "Enter the date of the order." };
    if (o.orderOn > context.today) return { ok: false, field: "orderOn", message: "The order date cannot be in the future." };
    const counts = [...new Set(o.counts)];
    if (counts.length === 0) return { ok: false, field: "counts", message: "Choose the counts the order covers." };
    if (counts.some((c) => !context.countKeys.includes(c))) return { ok: false, field: "counts", message: "Choose counts that belong to this matter." };
    if (action === "grant_partially" && counts.length === context.countKeys.length) {
      return { ok: false, field: "counts", message: "A partial grant leaves at least one count; choose only the counts granted, or record it as granted." };
    }
  }
  if ((action === "verify" || (action === "close" && status === "verified")) && context.verificationCount === 0) {
    return { ok: false, message: "Record at least one post-order verification (WSP record updated, a WATCH re-check or FBI forwarding) before closing." };
  }
  const to = t.to ?? context.heldFromStatus;
  if (!to) return { ok: false, message: "This matter has no earlier status to resume." };
  return { ok: true, to };
}

/** The moves open to `actor` now, for the buttons on the page. */
export function availableMatterActions(status: MatterStatus, actor: MatterActor): MatterTransition[] {
  return Object.values(MATTER_TRANSITIONS).filter((t) => t.by.includes(actor) && t.from.includes(status));
}
