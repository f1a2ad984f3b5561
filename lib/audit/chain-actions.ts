"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "../action";
import { verifyAuditChainNow } from "./chain";

export const verifyAuditChainAction = action("verifyAuditChain", z.object({}), async (_input, me) => {
  const verification = await verifyAuditChainNow(me);
  revalidatePath("/admin/audit");
  return { intact: verification.intact };
}, { permission: "audit.read" });
