"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "../action";
import { markAllNotificationsRead } from "./commands";

export const markAllNotificationsReadAction = action("markAllNotificationsRead", z.object({}), async (_input, me) => {
  await markAllNotificationsRead(me);
  revalidatePath("/notifications");
  return null;
}, { permission: "account.manage" });
