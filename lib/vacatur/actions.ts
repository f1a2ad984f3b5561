"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { assignAttorney, attestConflict, openMatter, transitionMatter } from "./commands";
import { addCommunication, addMatterNote, logHours, recordChecklistStep, recordConclusion, recordNotice, recordPosition } from "./matter-work";
import { correctHours, removeHours, setHourlyRate } from "./hours-commands";
import { recordApplicant } from "./matter-applicant";
import { addConviction, addLaterConviction, addPendingCharge, resolvePendingCharge, updateConviction } from "./records";
import {
  addCommunicationSchema,
  addConvictionSchema,
  addLaterConvictionSchema,
  addMatterNoteSchema,
  addPendingChargeSchema,
  assignAttorneySchema,
  attestConflictSchema,
  correctHoursSchema,
  hourlyRateSchema,
  logHoursSchema,
  openMatterSchema,
  recordApplicantSchema,
  recordChecklistSchema,
  recordConclusionSchema,
  recordNoticeSchema,
  recordPositionSchema,
  removeHoursSchema,
  resolvePendingChargeSchema,
  transitionMatterSchema,
  updateConvictionSchema,
} from "./schema";

// Public endpoints. `action` checks the session and the permission and parses the input; each command
// then loads the survivor, court records or matter through its access function itself (not found for
// anyone on no side) and checks the ability it needs, so a refused caller changes nothing.

const matterPaths = (id: string) => {
  revalidatePath("/matters");
  revalidatePath(`/matters/${id}`);
};

export const addConvictionAction = action("addConviction", addConvictionSchema, async (input, me) => {
  const result = await addConviction(me, input, await currentRequestMeta());
  revalidatePath(`/survivors/${input.survivorId}/court-records`);
  return result;
}, { permission: "survivors.view" });

export const updateConvictionAction = action("updateConviction", updateConvictionSchema, async (input, me) => {
  return updateConviction(me, input, await currentRequestMeta());
}, { permission: "survivors.view" });

export const addPendingChargeAction = action("addPendingCharge", addPendingChargeSchema, async (input, me) => {
  const result = await addPendingCharge(me, input, await currentRequestMeta());
  revalidatePath(`/survivors/${input.survivorId}/court-records`);
  return result;
}, { permission: "survivors.view" });

export const resolvePendingChargeAction = action("resolvePendingCharge", resolvePendingChargeSchema, async (input, me) => {
  await resolvePendingCharge(me, input, await currentRequestMeta());
  return null;
}, { permission: "survivors.view" });

export const addLaterConvictionAction = action("addLaterConviction", addLaterConvictionSchema, async (input, me) => {
  const result = await addLaterConviction(me, input, await currentRequestMeta());
  revalidatePath(`/survivors/${input.survivorId}/court-records`);
  return result;
}, { permission: "survivors.view" });

export const openMatterAction = action("openMatter", openMatterSchema, async (input, me) => {
  const result = await openMatter(me, input, await currentRequestMeta());
  matterPaths(result.id);
  revalidatePath(`/survivors/${input.survivorId}`);
  return result;
}, { permission: "matters.open" });

export const recordApplicantAction = action("recordApplicant", recordApplicantSchema, async (input, me) => {
  const result = await recordApplicant(me, input, await currentRequestMeta());
  matterPaths(input.id);
  return result;
}, { permission: "matters.view" });

export const assignAttorneyAction = action("assignAttorney", assignAttorneySchema, async (input, me) => {
  const result = await assignAttorney(me, input, await currentRequestMeta());
  matterPaths(input.id);
  return result;
}, { permission: "matters.assign" });

export const attestConflictAction = action("attestConflict", attestConflictSchema, async (input, me) => {
  const result = await attestConflict(me, input, await currentRequestMeta());
  matterPaths(input.id);
  return result;
}, { permission: "matters.work" });

export const transitionMatterAction = action("transitionMatter", transitionMatterSchema, async (input, me) => {
  const result = await transitionMatter(me, input, await currentRequestMeta());
  matterPaths(input.id);
  return result;
}, { permission: "matters.view" });

export const recordConclusionAction = action("recordConclusion", recordConclusionSchema, async (input, me) => {
  const result = await recordConclusion(me, input, await currentRequestMeta());
  matterPaths(input.matterId);
  return result;
}, { permission: "matters.work" });

export const recordNoticeAction = action("recordNotice", recordNoticeSchema, async (input, me) => {
  const result = await recordNotice(me, input, await currentRequestMeta());
  matterPaths(input.id);
  return result;
}, { permission: "matters.work" });

export const recordPositionAction = action("recordPosition", recordPositionSchema, async (input, me) => {
  const result = await recordPosition(me, input, await currentRequestMeta());
  matterPaths(input.id);
  return result;
}, { permission: "matters.view" });

export const addCommunicationAction = action("addCommunication", addCommunicationSchema, async (input, me) => {
  await addCommunication(me, input, await currentRequestMeta());
  matterPaths(input.matterId);
  return null;
}, { permission: "matters.view" });

export const logHoursAction = action("logHours", logHoursSchema, async (input, me) => {
  await logHours(me, input, await currentRequestMeta());
  matterPaths(input.matterId);
  return null;
}, { permission: "matters.view" });

export const correctHoursAction = action("correctHours", correctHoursSchema, async (input, me) => {
  const result = await correctHours(me, input, await currentRequestMeta());
  matterPaths(result.matterId);
  revalidatePath("/matters/hours");
  return null;
}, { permission: "matters.view" });

export const removeHoursAction = action("removeHours", removeHoursSchema, async (input, me) => {
  const result = await removeHours(me, input, await currentRequestMeta());
  matterPaths(result.matterId);
  revalidatePath("/matters/hours");
  return null;
}, { permission: "matters.view" });

export const setHourlyRateAction = action("setHourlyRate", hourlyRateSchema, async (input, me) => {
  const result = await setHourlyRate(me, input, await currentRequestMeta());
  revalidatePath("/matters/hours");
  return result;
}, { permission: "matters.hours" });

export const recordChecklistAction = action("recordChecklist", recordChecklistSchema, async (input, me) => {
  await recordChecklistStep(me, input, await currentRequestMeta());
  matterPaths(input.matterId);
  return null;
}, { permission: "matters.view" });

export const addMatterNoteAction = action("addMatterNote", addMatterNoteSchema, async (input, me) => {
  await addMatterNote(me, input, await currentRequestMeta());
  matterPaths(input.matterId);
  return null;
}, { permission: "matters.view" });
