import { z } from "zod";
import { calendarDate, DATE_RANGES } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import type { MatterStatus } from "./constants";

// The hearing forms' schemas, shared by the browser (zodResolver) and the commands. A hearing's
// version is its own (matter_hearings.version): editing a hearing does not make the matter's other
// forms stale.

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const hearingTime = z.string("Enter the time.").trim().min(1, "Enter the time.").regex(TIME, "Enter a time like 09:30.");
const place = z.string("Enter where the hearing is.").trim().min(1, "Enter where the hearing is (courtroom or address, or remote link).").max(300, "Use at most 300 characters.");

const hearingFacts = {
  hearingDate: calendarDate(DATE_RANGES.hearing, "Enter the hearing date."),
  hearingTime,
  place,
};

/** Correct a scheduled hearing's date, time or place (a typo, a courtroom change): the same hearing. */
export const editHearingSchema = z.object({ ...recordRef, ...hearingFacts });
export type EditHearingInput = z.input<typeof editHearingSchema>;

/** The court continued the hearing: it is kept, marked continued, and a new hearing is scheduled. */
export const continueHearingSchema = z.object({ ...recordRef, ...hearingFacts, idempotencyKey });
export type ContinueHearingInput = z.input<typeof continueHearingSchema>;

/** The court struck the hearing: it is kept, marked cancelled. */
export const cancelHearingSchema = z.object({ ...recordRef });
export type CancelHearingInput = z.input<typeof cancelHearingSchema>;

/** A hearing can be changed while the matter waits for it (after an order, or a continuance without a date, it is history). */
export function hearingsChangeable(status: MatterStatus): boolean {
  return status === "hearing_set";
}
