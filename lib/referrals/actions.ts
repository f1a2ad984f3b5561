"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { createReferral, transitionReferral } from "./commands";
import { createReferralSchema, transitionReferralSchema } from "./schema";

// Public endpoints: the commands check the caller's side of each referral and the state machine.

export const createReferralAction = action("createReferral", createReferralSchema, async (input, me) => {
  const result = await createReferral(me, input, await currentRequestMeta());
  revalidatePath("/referrals");
  revalidatePath(`/survivors/${input.survivorId}`);
  return result;
}, { permission: "referrals.send" });

export const transitionReferralAction = action("transitionReferral", transitionReferralSchema, async (input, me) => {
  const result = await transitionReferral(me, input, await currentRequestMeta());
  revalidatePath("/referrals");
  revalidatePath(`/referrals/${input.id}`);
  return result;
}, { permission: "referrals.view" });
