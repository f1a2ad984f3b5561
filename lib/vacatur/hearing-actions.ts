"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { cancelHearingSchema, continueHearingSchema, editHearingSchema } from "./hearing-schema";
import { cancelHearing, continueHearing, editHearing } from "./hearings";

// Public endpoints for changing a hearing. `action` checks the session and the permission and parses
// the input; the command loads the matter through matterAccess and refuses anyone who may not move it
// as its attorney, so a refused caller changes nothing.

/** The lists, the calendar and the matter's page all show hearings. */
function hearingPaths() {
  revalidatePath("/matters", "layout");
}

export const editHearingAction = action("editHearing", editHearingSchema, async (input, me) => {
  const result = await editHearing(me, input, await currentRequestMeta());
  hearingPaths();
  return result;
}, { permission: "matters.work" });

export const continueHearingAction = action("continueHearing", continueHearingSchema, async (input, me) => {
  const result = await continueHearing(me, input, await currentRequestMeta());
  hearingPaths();
  return result;
}, { permission: "matters.work" });

export const cancelHearingAction = action("cancelHearing", cancelHearingSchema, async (input, me) => {
  const result = await cancelHearing(me, input, await currentRequestMeta());
  hearingPaths();
  return result;
}, { permission: "matters.work" });
