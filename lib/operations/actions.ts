"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { createOperation, updateOperation } from "./commands";
import { createOperationSchema, updateOperationSchema } from "./schema";

// Public endpoints: `action` re-checks the session and the permission; the commands check the
// operation's agency and scope again (lib/operations/access.ts).

export const createOperationAction = action(
  "createOperation",
  createOperationSchema,
  async (input, me) => {
    const result = await createOperation(me, input, await currentRequestMeta());
    revalidatePath("/operations");
    return result;
  },
  { permission: "operations.record" },
);

export const updateOperationAction = action(
  "updateOperation",
  updateOperationSchema,
  async (input, me) => {
    const result = await updateOperation(me, input, await currentRequestMeta());
    revalidatePath("/operations");
    revalidatePath(`/operations/${input.id}`);
    return result;
  },
  { permission: "operations.record" },
);
