"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { createJurisdiction, setAllocationPolicy, updateJurisdiction } from "./commands";
import { allocationPolicySchema, createJurisdictionSchema, updateJurisdictionSchema } from "./schema";

// Public endpoints: `action` re-checks the session and the permission; the commands check the
// jurisdiction's county against the caller's (lib/jurisdictions/access.ts).

export const createJurisdictionAction = action(
  "createJurisdiction",
  createJurisdictionSchema,
  async (input, me) => {
    const result = await createJurisdiction(me, input, await currentRequestMeta());
    revalidatePath("/jurisdictions");
    return result;
  },
  { permission: "jurisdictions.edit" },
);

export const updateJurisdictionAction = action(
  "updateJurisdiction",
  updateJurisdictionSchema,
  async (input, me) => {
    const result = await updateJurisdiction(me, input, await currentRequestMeta());
    revalidatePath("/jurisdictions");
    revalidatePath(`/jurisdictions/${input.id}`);
    return result;
  },
  { permission: "jurisdictions.edit" },
);

export const setAllocationPolicyAction = action(
  "setAllocationPolicy",
  allocationPolicySchema,
  async (input, me) => {
    const result = await setAllocationPolicy(me, input, await currentRequestMeta());
    revalidatePath(`/jurisdictions/${input.jurisdictionId}`);
    revalidatePath("/fees");
    return result;
  },
  { permission: "jurisdictions.edit" },
);
