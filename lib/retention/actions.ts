"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { placeLegalHold, releaseLegalHold } from "./commands";
import { placeLegalHoldSchema, releaseLegalHoldSchema } from "./schema";

export const placeLegalHoldAction = action(
  "placeLegalHold",
  placeLegalHoldSchema,
  async (input, me) => {
    const held = await placeLegalHold(me, input, await currentRequestMeta());
    revalidatePath("/retention");
    return held;
  },
  { permission: "retention.hold" },
);

export const releaseLegalHoldAction = action(
  "releaseLegalHold",
  releaseLegalHoldSchema,
  async (input, me) => {
    const released = await releaseLegalHold(me, input, await currentRequestMeta());
    revalidatePath("/retention");
    return released;
  },
  { permission: "retention.hold" },
);
