"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { updatePartnerProfile } from "./commands";
import { partnerProfileSchema } from "./schema";

export const updatePartnerProfileAction = action("updatePartnerProfile", partnerProfileSchema, async (input, me) => {
  const result = await updatePartnerProfile(me, input, await currentRequestMeta());
  revalidatePath("/partners");
  revalidatePath(`/partners/${input.id}`);
  return result;
}, { permission: "partners.view" });
