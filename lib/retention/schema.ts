import { z } from "zod";
import { optionalText } from "../form-fields";
import { recordRef } from "../validation";
import { AUDIT_RETENTION_YEARS, HOLD_REASON_MAX, RECORD_RETENTION_YEARS } from "./rules";

function years(bounds: { min: number; max: number }, what: string) {
  const message = `Enter a whole number of years from ${bounds.min} to ${bounds.max} for ${what}.`;
  return z.coerce.number(message).int(message).min(bounds.min, message).max(bounds.max, message);
}

/** An admin's retention settings of one organization (a versioned edit of the organization). */
export const retentionSettingsSchema = z.object({
  ...recordRef,
  recordRetentionYears: years(RECORD_RETENTION_YEARS, "closed records"),
  auditRetentionYears: years(AUDIT_RETENTION_YEARS, "audit events"),
});
export type RetentionSettingsInput = z.input<typeof retentionSettingsSchema>;

const survivorId = z.uuid("This record reference is not valid.");

/** A program lead holds a record from the purge: why is required. */
export const placeLegalHoldSchema = z.object({
  survivorId,
  reason: optionalText(HOLD_REASON_MAX).pipe(z.string("Say why the record is held (a subpoena, a claim, an audit).").min(3, "Say why the record is held (a subpoena, a claim, an audit).")),
});
export type PlaceLegalHoldInput = z.input<typeof placeLegalHoldSchema>;

export const releaseLegalHoldSchema = z.object({ survivorId });
export type ReleaseLegalHoldInput = z.input<typeof releaseLegalHoldSchema>;
