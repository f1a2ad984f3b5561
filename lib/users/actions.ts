"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { decideApproval } from "./approval";
import { createUser, resetUserPassword, setUserActive, updateUser } from "./commands";
import { createUserSchema, decideApprovalSchema, resetUserPasswordSchema, setUserActiveSchema, updateUserSchema } from "./schema";

export const createUserAction = action("createUser", createUserSchema, async (input, me) => {
  const created = await createUser(me, input, await currentRequestMeta());
  revalidatePath("/admin/users");
  return created;
}, { permission: "users.manage" });

export const updateUserAction = action("updateUser", updateUserSchema, async (input, me) => {
  const updated = await updateUser(me, input, await currentRequestMeta());
  revalidatePath("/admin/users");
  return updated;
}, { permission: "users.manage" });

export const setUserActiveAction = action("setUserActive", setUserActiveSchema, async (input, me) => {
  const updated = await setUserActive(me, input, await currentRequestMeta());
  revalidatePath("/admin/users");
  return updated;
}, { permission: "users.manage" });

export const resetUserPasswordAction = action("resetUserPassword", resetUserPasswordSchema, async (input, me) => {
  await resetUserPassword(me, input, await currentRequestMeta());
  revalidatePath(`/admin/users/${input.id}`);
  return null;
}, { permission: "users.manage" });

/** A program lead approves or declines an account waiting in their organization (or a second administrator, where no lead can). */
export const decideApprovalAction = action("decideApproval", decideApprovalSchema, async (input, me) => {
  const decided = await decideApproval(me, input, await currentRequestMeta());
  revalidatePath("/home");
  revalidatePath(`/admin/users/${input.id}`);
  return decided;
}, { permission: "users.approve" });
