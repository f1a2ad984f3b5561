"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "../action";
import { changePasswordSchema } from "../auth/schema";
import { currentRequestMeta } from "../auth/session";
import { trustThisDevice } from "../auth/trusted-device-cookie";
import { changeOwnPassword, endOtherSessions } from "./commands";
import { confirmEnrolment, renewRecoveryCodes, verifySecondFactor } from "./two-factor";
import { confirmEnrolmentSchema, secondFactorSchema, totpCodeSchema } from "./two-factor-schema";

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
  allowSecondFactorSetup: true,
});

// These two return recovery codes that the page shows once: no revalidation here, which would re-render
// the page under the form (as "on") before the codes were read. The form refreshes when the person is done.
export const confirmEnrolmentAction = action("confirmTwoFactorEnrolment", confirmEnrolmentSchema, async (input, me) => {
  return confirmEnrolment(me, input, await currentRequestMeta());
}, { permission: "account.manage", allowSecondFactorSetup: true });

/**
 * Trusts this browser for 30 days, once the person has kept the recovery codes shown after setting up
 * the second factor: not in the setup's own action, because setting a cookie there re-renders the page
 * under the codes before they are read. Only within 15 minutes of passing the second factor.
 */
export const trustThisDeviceAction = action("trustThisDevice", z.object({}), async (_input, me) => {
  return { trusted: await trustThisDevice(me) };
}, { permission: "account.manage" });

export const renewRecoveryCodesAction = action("renewRecoveryCodes", totpCodeSchema, async (input, me) => {
  return renewRecoveryCodes(me, input, await currentRequestMeta());
}, { permission: "account.manage" });

/**
 * The second step of signing in. The one action a session waiting for its second factor may call
 * (besides signing out); it does nothing for a session that has passed it.
 */
export const verifySecondFactorAction = action("verifySecondFactor", secondFactorSchema, async (input, me) => {
  const result = await verifySecondFactor(me, input, await currentRequestMeta());
  await trustThisDevice(me);
  revalidatePath("/", "layout");
  return result;
}, { permission: "account.manage", allowPendingSecondFactor: true, allowPendingPasswordChange: true });
