import { z } from "zod";
import { nameText, searchText } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import { ORGANIZATION_TYPES, SERVICES, WA_COUNTIES } from "./constants";

const organizationFields = z.object({
  name: nameText(160, "Enter the organization's name.").pipe(z.string().min(2, "Enter the organization's name.")),
  type: z.enum(ORGANIZATION_TYPES, "Choose the kind of organization."),
  county: z
    .string()
    .nullable()
    .transform((value) => value || null)
    .refine((value) => value === null || (WA_COUNTIES as readonly string[]).includes(value), {
      message: "Choose a Washington county, or leave it empty for statewide.",
    }),
  services: z
    .array(z.enum(SERVICES, "Choose services from the list."))
    .max(SERVICES.length)
    .default([])
    .transform((list) => [...new Set(list)]),
});

export const createOrganizationSchema = organizationFields.extend({ idempotencyKey });
export type CreateOrganizationInput = z.input<typeof createOrganizationSchema>;

export const updateOrganizationSchema = organizationFields.extend(recordRef);
export type UpdateOrganizationInput = z.input<typeof updateOrganizationSchema>;

export const setOrganizationActiveSchema = z.object({ ...recordRef, active: z.boolean() });

export const organizationFiltersSchema = z.object({
  q: searchText(120),
  type: z.enum(ORGANIZATION_TYPES).optional().catch(undefined),
  status: z.enum(["active", "inactive", "all"]).default("active").catch("active"),
});
export type OrganizationFilters = z.infer<typeof organizationFiltersSchema>;
