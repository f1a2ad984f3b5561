"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "../action";
import { changePasswordSchema } from "../auth/schema";
import { currentRequestMeta } from "../auth/session";
import { changeOwnPassword, endOtherSessions } from "./commands";

export const changePasswordAction = action(
  "changePassword",
  changePasswordSchema,
  async (input, me) => {
    await changeOwnPassword(me, input, await currentRequestMeta());
    revalidatePath("/", "layout");
    return null;
  },
  { permission: "account.manage", allowPendingPasswordChange: true },
);

export const endOtherSessionsAction = action("endOtherSessions", z.object({}), async (_input, me) => {
  const ended = await endOtherSessions(me, await currentRequestMeta());
  revalidatePath("/account");
  return { ended };
}, { permission: "account.manage" });

/** Called by the page while the person is active, so the server's idle clock matches their activity. */
export const keepAliveAction = action("keepAlive", z.object({}), async () => null, {
  permission: "account.manage",
  allowPendingPasswordChange: true,
});
