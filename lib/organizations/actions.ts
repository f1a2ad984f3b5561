"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { retentionSettingsSchema } from "../retention/schema";
import { createOrganization, setOrganizationActive, updateOrganization, updateRetentionSettings } from "./commands";
import { createOrganizationSchema, setOrganizationActiveSchema, updateOrganizationSchema } from "./schema";

export const createOrganizationAction = action("createOrganization", createOrganizationSchema, async (input, me) => {
  const created = await createOrganization(me, input, await currentRequestMeta());
  revalidatePath("/admin/organizations");
  return created;
}, { permission: "organizations.manage" });

export const updateOrganizationAction = action("updateOrganization", updateOrganizationSchema, async (input, me) => {
  const updated = await updateOrganization(me, input, await currentRequestMeta());
  revalidatePath("/admin/organizations");
  return updated;
}, { permission: "organizations.manage" });

export const setOrganizationActiveAction = action(
  "setOrganizationActive",
  setOrganizationActiveSchema,
  async (input, me) => {
    const updated = await setOrganizationActive(me, input, await currentRequestMeta());
    revalidatePath("/admin/organizations");
    return updated;
  },
  { permission: "organizations.manage" },
);

export const updateRetentionSettingsAction = action(
  "updateRetentionSettings",
  retentionSettingsSchema,
  async (input, me) => {
    const updated = await updateRetentionSettings(me, input, await currentRequestMeta());
    revalidatePath("/admin/organizations");
    return updated;
  },
  { permission: "organizations.manage" },
);
