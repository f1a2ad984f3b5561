import { addDays, format, parseISO } from "date-fns";
import { z } from "zod";
import { calendarDate, checkbox, choices, DATE_RANGES, optionalNameText, optionalText } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import { MAX_RELEASE_DAYS, RELEASE_CATEGORIES, RELEASE_FORMS, REVOCATION_METHODS } from "./constants";

// Forms and server share these. The expiry is required (RCW 70.123.076: a reasonable time limit);
// the form pre-fills 90 days after signing, and no release may run longer than MAX_RELEASE_DAYS.

export const createReleaseSchema = z
  .object({
    survivorId: z.uuid(),
    recipientOrganizationId: z.uuid("Choose the organization that will receive the information."),
    categories: choices(RELEASE_CATEGORIES, "Choose from the list.").refine((list) => list.length > 0, "Choose at least one kind of information to release."),
    purpose: z.string().trim().min(1, "Say what the information will be used for.").max(300, "Use at most 300 characters."),
    form: z.enum(RELEASE_FORMS, "Choose how the survivor signed."),
    signedOn: calendarDate(DATE_RANGES.casework, "Enter the date the survivor signed."),
    expiresOn: calendarDate(DATE_RANGES.releaseExpiry, "Enter when the release expires (90 days after signing unless the survivor chose otherwise)."),
    servicesNotConditioned: z.literal(true, "Confirm the survivor was told that services never depend on signing a release."),
    copyProvided: checkbox,
    guardianName: optionalNameText(120),
    idempotencyKey,
  })
  .refine((value) => value.expiresOn >= value.signedOn, { path: ["expiresOn"], message: "The expiry must be on or after the signing date." })
  .refine((value) => value.expiresOn <= format(addDays(parseISO(value.signedOn), MAX_RELEASE_DAYS), "yyyy-MM-dd"), {
    path: ["expiresOn"],
    message: `A release must be time-limited: at most ${MAX_RELEASE_DAYS} days after signing.`,
  });
export type CreateReleaseInput = z.input<typeof createReleaseSchema>;

export const revokeReleaseSchema = z.object({
  ...recordRef,
  survivorId: z.uuid(),
  method: z.enum(REVOCATION_METHODS, "Say how the survivor told you."),
  note: optionalText(500),
});
export type RevokeReleaseInput = z.input<typeof revokeReleaseSchema>;
