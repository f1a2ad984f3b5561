import { z } from "zod";
import { SERVICES } from "../organizations/constants";
import { optionalChoice, optionalText, periodSchema, type Period } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import { DECLINE_REASONS, REFERRAL_STATUSES, URGENCIES } from "./constants";
import { REFERRAL_ACTIONS } from "./machine";

// Forms and server share these schemas.

export const createReferralSchema = z.object({
  survivorId: z.uuid(),
  toOrganizationId: z.uuid("Choose the organization to refer to."),
  service: z.enum(SERVICES, "Choose the service needed."),
  urgency: z.enum(URGENCIES, "Choose how urgent this is.").default("routine"),
  reason: z.string().trim().min(1, "Say what the survivor needs.").max(1000, "Use at most 1,000 characters."),
  notes: optionalText(2000),
  // "identified": carries who the survivor is (needs a release); "anonymous": client code and need only
  mode: z.enum(["identified", "anonymous"], "Choose what the referral carries."),
  send: z.boolean().default(true),
  idempotencyKey,
});
export type CreateReferralInput = z.input<typeof createReferralSchema>;

export const DECLINE_REASON_REQUIRED = "Choose why you are declining.";

export const transitionReferralSchema = z
  .object({
    ...recordRef,
    action: z.enum(REFERRAL_ACTIONS),
    note: optionalText(1000),
    // a decline's reason as a countable choice (the note says it in words); ignored for other actions
    declineReason: optionalChoice(DECLINE_REASONS, DECLINE_REASON_REQUIRED),
  })
  .refine((input) => input.action !== "decline" || input.declineReason !== null, { path: ["declineReason"], message: DECLINE_REASON_REQUIRED });
export type TransitionReferralInput = z.input<typeof transitionReferralSchema>;

const REFERRAL_STATUS_FILTERS = ["open", "all", ...REFERRAL_STATUSES] as const;

export const referralFiltersSchema = z.object({
  status: z.enum(REFERRAL_STATUS_FILTERS).default("open").catch("open"),
  service: z.enum(SERVICES).optional().catch(undefined),
  partnerId: z.uuid().optional().catch(undefined),
  overdue: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((value) => value === "1"),
});
/** The list's filters, with the days sent (Pacific calendar days, both ends included) when asked for. */
export type ReferralFilters = z.infer<typeof referralFiltersSchema> & { sentFrom?: Period["from"]; sentTo?: Period["to"] };

/**
 * The filters from search params. The days sent are parsed apart (periodSchema): an unusable date is
 * an error beside its field, and the list then shows nothing rather than another period.
 */
export function parseReferralFilters(params: Record<string, string | undefined>): { filters: ReferralFilters; dateErrors: { from?: string[]; to?: string[] }; valid: boolean } {
  const period = periodSchema.safeParse({ from: params.sentFrom, to: params.sentTo });
  const dateErrors = period.success ? {} : z.flattenError(period.error).fieldErrors;
  return { filters: { ...referralFiltersSchema.parse(params), sentFrom: period.data?.from ?? null, sentTo: period.data?.to ?? null }, dateErrors, valid: period.success };
}
