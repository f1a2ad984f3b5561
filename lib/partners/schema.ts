import { z } from "zod";
import { CAPACITIES, SERVICES, WA_COUNTIES } from "../organizations/constants";
import { choices, optionalText, searchText } from "../form-fields";
import { recordRef } from "../validation";

/** What an organization says about itself in the partner directory. */
export const partnerProfileSchema = z.object({
  ...recordRef,
  services: choices(SERVICES, "Choose services from the list."),
  countiesServed: choices(WA_COUNTIES as unknown as readonly [string, ...string[]], "Choose Washington counties from the list."),
  languages: z
    .union([z.string(), z.array(z.string())])
    .nullish()
    .transform((value) =>
      [...new Set((Array.isArray(value) ? value : (value ?? "").split(/[\n;,]/)).map((l) => l.trim()).filter(Boolean))],
    )
    .refine((list) => list.length <= 20, "List at most 20 languages.")
    .refine((list) => list.every((l) => l.length <= 40), "Each language can have at most 40 characters."),
  eligibilityNotes: optionalText(1000),
  intakeContact: optionalText(300),
  capacity: z.enum(CAPACITIES, "Say whether you are taking referrals."),
});
export type PartnerProfileInput = z.input<typeof partnerProfileSchema>;

export const partnerFiltersSchema = z.object({
  service: z.enum(SERVICES).optional().catch(undefined),
  county: z
    .string()
    .optional()
    .refine((value) => value === undefined || (WA_COUNTIES as readonly string[]).includes(value))
    .catch(undefined),
  language: searchText(40),
  capacity: z.enum(CAPACITIES).optional().catch(undefined),
});
export type PartnerFilters = z.infer<typeof partnerFiltersSchema>;
