import type { MatterStatus, PostOrderStep } from "./constants";

// A matter's deadlines: every dated obligation on it, with its due date. They are computed from their
// sources (the open prosecutor-notice task, the hearing awaiting its outcome, the WATCH re-checks after
// a granted order, the revisit date of an ineligible-for-now matter) rather than stored, so no command
// can forget to keep a copy in step; queries/deadlines.ts states the same rules in SQL, so the list
// sorts and pages by the next due date in the database. Pure data and rules; unit-tested.

export const DEADLINE_KINDS = ["prosecutor_notice", "hearing", "watch_30", "watch_60", "watch_90", "revisit"] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const DEADLINE_LABELS: Record<DeadlineKind, string> = {
  prosecutor_notice: "Give the prosecuting office notice of the filing",
  hearing: "Hearing (record its outcome)",
  watch_30: "WATCH re-check, 30 days after the order",
  watch_60: "WATCH re-check, 60 days after the order",
  watch_90: "WATCH re-check, 90 days after the order",
  revisit: "Revisit eligibility",
};

/** The WATCH re-checks recommended after an order (DOMAIN.md §2.2 step 11), days after the order, with their checklist steps. */
export const WATCH_RECHECKS: readonly { days: number; step: PostOrderStep & DeadlineKind }[] = [
  { days: 30, step: "watch_30" },
  { days: 60, step: "watch_60" },
  { days: 90, step: "watch_90" },
];

/**
 * Statuses in which each obligation is open (outside them it is done, moot or not yet due). A matter put
 * on hold at the survivor's wish keeps a hearing the court has set: it stays due (held from hearing_set).
 */
export const HEARING_AWAITS_OUTCOME: readonly MatterStatus[] = ["hearing_set"];
export const WATCH_RECHECK_STATUSES: readonly MatterStatus[] = ["granted", "partially_granted", "order_transmitted", "verified"];
export const REVISIT_STATUSES: readonly MatterStatus[] = ["ineligible_now"];

export type Deadline = { kind: DeadlineKind; dueOn: string };
export type DeadlineState = "past_due" | "due_today" | "upcoming";

/**
 * Where a due date stands on `today` (both Pacific calendar days, YYYY-MM-DD): an obligation is due
 * through the whole of its day and past due from the next day on.
 */
export function deadlineState(dueOn: string, today: string): DeadlineState {
  if (dueOn < today) return "past_due";
  return dueOn === today ? "due_today" : "upcoming";
}

export function isPastDue(dueOn: string | null, today: string): boolean {
  return dueOn !== null && deadlineState(dueOn, today) === "past_due";
}

/** What the flag says: text, never colour alone. */
export function deadlineStateText(state: DeadlineState): string {
  return state === "past_due" ? "Past due" : state === "due_today" ? "Due today" : "Upcoming";
}
