"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { createRelease, revokeRelease } from "./commands";
import { createReleaseSchema, revokeReleaseSchema } from "./schema";

export const createReleaseAction = action("createRelease", createReleaseSchema, async (input, me) => {
  const result = await createRelease(me, input, await currentRequestMeta());
  revalidatePath(`/survivors/${input.survivorId}`);
  return result;
}, { permission: "survivors.manage" });

export const revokeReleaseAction = action("revokeRelease", revokeReleaseSchema, async (input, me) => {
  await revokeRelease(me, input, await currentRequestMeta());
  revalidatePath(`/survivors/${input.survivorId}`);
  return null;
}, { permission: "survivors.manage" });
