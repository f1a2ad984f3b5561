import { z } from "zod";
import { ROLES, type Role } from "../auth/roles";
import { emailSchema, newPasswordSchema } from "../auth/schema";
import { nameText, optionalId, searchText } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";

// One set of schemas for the admin user forms (zodResolver) and their server actions. Each schema
// accepts its own output, so a form may send the parsed values and the server parses them again.

const userFields = z.object({
  name: nameText(120, "Enter the person's name."),
  email: emailSchema,
  role: z.enum(ROLES, "Choose a role."),
  organizationId: optionalId("Choose an organization from the list."),
});

const organizationRequired = <T extends { role: string; organizationId: string | null }>(value: T) =>
  value.role === "admin" || value.organizationId !== null;
const organizationRequiredIssue = {
  path: ["organizationId"],
  message: "Everyone except administrators works for an organization: choose one.",
};

const passwordPair = {
  password: newPasswordSchema,
  confirmPassword: z.string(),
};
const passwordsMatch = (value: { password: string; confirmPassword: string }) => value.password === value.confirmPassword;
const passwordsMatchIssue = { path: ["confirmPassword"], message: "This does not match the password above." };

export const createUserSchema = userFields
  .extend({ ...passwordPair, idempotencyKey })
  .refine(organizationRequired, organizationRequiredIssue)
  .refine(passwordsMatch, passwordsMatchIssue);
export type CreateUserInput = z.input<typeof createUserSchema>;

export const updateUserSchema = userFields.extend(recordRef).refine(organizationRequired, organizationRequiredIssue);
export type UpdateUserInput = z.input<typeof updateUserSchema>;

export const setUserActiveSchema = z.object({ ...recordRef, active: z.boolean() });

export const resetUserPasswordSchema = z.object({ id: recordRef.id, ...passwordPair }).refine(passwordsMatch, passwordsMatchIssue);
export type ResetUserPasswordInput = z.input<typeof resetUserPasswordSchema>;

/** A program lead's answer to an account waiting for approval (lib/users/approval.ts). */
export const decideApprovalSchema = z.object({ ...recordRef, decision: z.enum(["approve", "decline"]) });
export type DecideApprovalInput = z.input<typeof decideApprovalSchema>;

const USER_STATUSES = ["active", "inactive", "all"] as const;
const USER_APPROVAL_FILTERS = ["pending", "declined"] as const;

export const userFiltersSchema = z.object({
  q: searchText(120),
  role: z.enum(ROLES).optional().catch(undefined),
  organizationId: z.uuid().optional().catch(undefined),
  status: z.enum(USER_STATUSES).default("active").catch("active"),
  approval: z.enum(USER_APPROVAL_FILTERS).optional().catch(undefined),
});
export type UserFilters = z.infer<typeof userFiltersSchema>;

// An administrator's second-factor decisions (lib/users/second-factor.ts).
export const secondFactorRequirementsSchema = z.object({
  // Checkbox values: every role but admin, true when ticked (admin's is not the form's to change).
  required: z.object(Object.fromEntries(ROLES.filter((r) => r !== "admin").map((r) => [r, z.boolean()])) as Record<Exclude<Role, "admin">, z.ZodBoolean>).strict(),
});
export type SecondFactorRequirementsInput = z.input<typeof secondFactorRequirementsSchema>;

export const resetSecondFactorSchema = z.object({ id: z.uuid("This record reference is not valid.") });
export type ResetSecondFactorInput = z.input<typeof resetSecondFactorSchema>;

