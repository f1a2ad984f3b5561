import { z } from "zod";

// The second factor's forms (shared by the pages and their server actions; lib/account/two-factor.ts).

export const totpCodeSchema = z.object({
  code: z.string().trim().min(1, "Enter the six-digit code from your authenticator app.").max(64, "That code is too long."),
});

export const secondFactorSchema = z.object({
  code: z.string().trim().min(1, "Enter the code from your authenticator app, or a recovery code.").max(64, "That code is too long."),
});

/** Confirming a new secret: the account's password, a code from the secret, and the sealed secret the setup page was given. */
export const confirmEnrolmentSchema = totpCodeSchema.extend({
  currentPassword: z.string().min(1, "Enter your password: setting up two-step sign-in needs it.").max(1024),
  enrolment: z.string().min(1).max(4096),
});
