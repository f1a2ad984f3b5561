import { deadlineState, deadlineStateText } from "@/lib/vacatur/deadlines";

/** A due date's flag: words first (Past due, Due today), colour only as a second cue. Nothing for an upcoming date. */
export function DeadlineFlag({ dueOn, today }: { dueOn: string | null; today: string }) {
  if (!dueOn) return null;
  const state = deadlineState(dueOn, today);
  if (state === "upcoming") return null;
  return (
    <span className={`badge ml-2 ${state === "past_due" ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-800"}`} data-testid="deadline-flag">
      {deadlineStateText(state)}
    </span>
  );
}
