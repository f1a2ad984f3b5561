"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { decideApproval } from "./approval";
import { resetSecondFactor, setSecondFactorRequirements } from "./second-factor";
import { createUser, resetUserPassword, setUserActive, updateUser } from "./commands";
import {
  createUserSchema,
  decideApprovalSchema,
  resetSecondFactorSchema,
  resetUserPasswordSchema,
  secondFactorRequirementsSchema,
  setUserActiveSchema,
  updateUserSchema,
} from "./schema";

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

/** An administrator resets someone's second factor; a program lead of their organization must then approve them. */
export const resetSecondFactorAction = action("resetSecondFactor", resetSecondFactorSchema, async (input, me) => {
  await resetSecondFactor(me, input, await currentRequestMeta());
  revalidatePath(`/admin/users/${input.id}`);
  return null;
}, { permission: "users.manage" });

/** Which roles must use a second factor (administrators always must). */
export const setSecondFactorRequirementsAction = action("setSecondFactorRequirements", secondFactorRequirementsSchema, async (input, me) => {
  const result = await setSecondFactorRequirements(me, input, await currentRequestMeta());
  revalidatePath("/admin/security");
  return result;
}, { permission: "users.manage" });
