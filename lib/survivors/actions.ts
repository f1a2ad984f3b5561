"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import {
  addNote,
  changeSurvivorStatus,
  createSurvivor,
  declineTransfer,
  openDuplicate,
  reassignSurvivor,
  requestTransfer,
  setSurvivorShare,
  updateSurvivor,
} from "./commands";
import {
  changeStatusSchema,
  declineTransferSchema,
  intakeSchema,
  noteSchema,
  openDuplicateSchema,
  reassignSchema,
  requestTransferSchema,
  shareSchema,
  updateSurvivorSchema,
} from "./schema";

// Public endpoints: `action` checks the session and permission and parses the input; each command
// then checks the record-level policy itself (a survivor the caller may not manage is not found).

const refresh = (id?: string) => {
  revalidatePath("/survivors");
  if (id) revalidatePath(`/survivors/${id}`);
};

export const createSurvivorAction = action("createSurvivor", intakeSchema, async (input, me) => {
  const result = await createSurvivor(me, input, await currentRequestMeta());
  if (result.status === "created") refresh();
  return result;
}, { permission: "survivors.manage" });

export const openDuplicateAction = action("openDuplicate", openDuplicateSchema, async (input, me) => {
  return openDuplicate(me, input, await currentRequestMeta());
}, { permission: "survivors.manage" });

export const updateSurvivorAction = action("updateSurvivor", updateSurvivorSchema, async (input, me) => {
  const result = await updateSurvivor(me, input, await currentRequestMeta());
  refresh(input.id);
  return result;
}, { permission: "survivors.manage" });

export const changeSurvivorStatusAction = action("changeSurvivorStatus", changeStatusSchema, async (input, me) => {
  const result = await changeSurvivorStatus(me, input, await currentRequestMeta());
  refresh(input.id);
  return result;
}, { permission: "survivors.manage" });

export const reassignSurvivorAction = action("reassignSurvivor", reassignSchema, async (input, me) => {
  const result = await reassignSurvivor(me, input, await currentRequestMeta());
  refresh(input.id);
  return result;
}, { permission: "survivors.reassign" });

export const requestTransferAction = action("requestTransfer", requestTransferSchema, async (input, me) => {
  const result = await requestTransfer(me, input, await currentRequestMeta());
  refresh(input.survivorId);
  return result;
}, { permission: "survivors.manage" });

export const declineTransferAction = action("declineTransfer", declineTransferSchema, async (input, me) => {
  await declineTransfer(me, input, await currentRequestMeta());
  refresh();
  return null;
}, { permission: "survivors.reassign" });

export const setSurvivorShareAction = action("setSurvivorShare", shareSchema, async (input, me) => {
  await setSurvivorShare(me, input, await currentRequestMeta());
  refresh(input.survivorId);
  return null;
}, { permission: "survivors.reassign" });

export const addNoteAction = action("addNote", noteSchema, async (input, me) => {
  const result = await addNote(me, input, await currentRequestMeta());
  refresh(input.survivorId);
  return result;
}, { permission: "survivors.manage" });
