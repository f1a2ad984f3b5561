import { z } from "zod";
import { SERVICES } from "../organizations/constants";
import { optionalText } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import { REFERRAL_STATUSES, URGENCIES } from "./constants";
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

export const transitionReferralSchema = z.object({
  ...recordRef,
  action: z.enum(REFERRAL_ACTIONS),
  note: optionalText(1000),
});
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
export type ReferralFilters = z.infer<typeof referralFiltersSchema>;
