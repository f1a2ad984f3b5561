"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { recordService, removeService } from "./services-commands";
import { recordServiceSchema, removeServiceSchema } from "./services-schema";

// Public endpoints for the survivor page's Services section: `action` checks the session and
// permission and parses the input; each command checks the survivor-level policy itself.

const refresh = (survivorId: string) => {
  revalidatePath(`/survivors/${survivorId}`);
  revalidatePath(`/survivors/${survivorId}/services`);
};

export const recordServiceAction = action("recordService", recordServiceSchema, async (input, me) => {
  const result = await recordService(me, input, await currentRequestMeta());
  refresh(result.survivorId);
  return result;
}, { permission: "survivors.manage" });

export const removeServiceAction = action("removeService", removeServiceSchema, async (input, me) => {
  const result = await removeService(me, input, await currentRequestMeta());
  refresh(result.survivorId);
  return result;
}, { permission: "survivors.manage" });
