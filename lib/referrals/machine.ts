import type { ReferralStatus } from "./constants";

// The referral state machine (DOMAIN.md §6.2), enforced by the commands and unit-tested:
//   draft -> sent -> accepted | declined (reason) | withdrawn
//   accepted -> in_service -> completed (outcome) | ended_without_service (reason)
// The sending side (the survivor's advocate or program lead) sends and withdraws; the receiving
// organization answers and reports. Every transition becomes an event with who, when and a note.

export type ReferralSide = "sender" | "recipient";

export type ReferralTransition = {
  action: ReferralAction;
  from: readonly ReferralStatus[];
  to: ReferralStatus;
  by: ReferralSide;
  /** a note is required (a decline's reason, a completion's outcome, why service ended) */
  noteRequired: boolean;
  label: string;
  noteLabel: string;
};

export const REFERRAL_ACTIONS = ["send", "withdraw", "accept", "decline", "start_service", "complete", "end_without_service"] as const;
export type ReferralAction = (typeof REFERRAL_ACTIONS)[number];

export const TRANSITIONS: Record<ReferralAction, ReferralTransition> = {
  send: { action: "send", from: ["draft"], to: "sent", by: "sender", noteRequired: false, label: "Send referral", noteLabel: "Note (optional)" },
  withdraw: { action: "withdraw", from: ["draft", "sent"], to: "withdrawn", by: "sender", noteRequired: false, label: "Withdraw", noteLabel: "Why (optional)" },
  accept: { action: "accept", from: ["sent"], to: "accepted", by: "recipient", noteRequired: false, label: "Accept", noteLabel: "Note (optional)" },
  decline: { action: "decline", from: ["sent"], to: "declined", by: "recipient", noteRequired: true, label: "Decline", noteLabel: "Reason for declining" },
  start_service: { action: "start_service", from: ["accepted"], to: "in_service", by: "recipient", noteRequired: false, label: "Service started", noteLabel: "Note (optional)" },
  complete: { action: "complete", from: ["in_service"], to: "completed", by: "recipient", noteRequired: true, label: "Completed", noteLabel: "Outcome" },
  end_without_service: {
    action: "end_without_service",
    from: ["accepted", "in_service"],
    to: "ended_without_service",
    by: "recipient",
    noteRequired: true,
    label: "Ended without service",
    noteLabel: "Why service ended",
  },
};

type TransitionCheck = { ok: true; to: ReferralStatus } | { ok: false; message: string; field?: "note" };

/** Whether `side` may take `action` on a referral in `status` with this note. */
export function checkTransition(status: ReferralStatus, action: ReferralAction, side: ReferralSide, note: string | null): TransitionCheck {
  const transition = TRANSITIONS[action];
  if (transition.by !== side) {
    return { ok: false, message: side === "sender" ? "Only the receiving organization can do that." : "Only the referring organization can do that." };
  }
  if (!transition.from.includes(status)) {
    return { ok: false, message: `A referral that is ${status.replace(/_/g, " ")} cannot be changed that way. Reload to see where it stands.` };
  }
  if (transition.noteRequired && !note?.trim()) return { ok: false, message: `${transition.noteLabel} is required.`, field: "note" };
  return { ok: true, to: transition.to };
}

/** The actions `side` can take now, for the buttons on the page. */
export function availableActions(status: ReferralStatus, side: ReferralSide): ReferralTransition[] {
  return Object.values(TRANSITIONS).filter((t) => t.by === side && t.from.includes(status));
}
