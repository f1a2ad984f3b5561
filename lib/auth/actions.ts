"use server";

import { AuthError, CredentialsSignin } from "next-auth";
import { redirect } from "next/navigation";
import { type z } from "zod";
import { endCurrentSession } from "../account/commands";
import { invalidInput, type ActionResult } from "../action-result";
import { UNEXPECTED_ERROR_MESSAGE } from "../errors";
import { logServerError } from "../server-log";
import { safeParseInput } from "../validation";
import { AccountNotApproved, signIn, signOut } from "./config";
import { signInErrorMessage } from "./messages";
import { safeCallbackPath, signInSchema } from "./schema";
import { currentRequestMeta, getSignedInUserEvenIfPending } from "./session";

export async function signInAction(raw: z.input<typeof signInSchema>): Promise<ActionResult> {
  const parsed = safeParseInput(signInSchema, raw);
  if (!parsed.ok) return invalidInput(parsed.fieldErrors);
  try {
    await signIn("credentials", { email: parsed.data.email, password: parsed.data.password, redirect: false });
  } catch (error) {
    if (error instanceof CredentialsSignin) {
      const organizationName = error instanceof AccountNotApproved ? error.organizationName : null;
      return { ok: false, ...signInErrorMessage(error.code, { organizationName }) };
    }
    if (error instanceof AuthError) {
      logServerError("sign-in", error);
      return { ok: false, code: "unexpected", message: UNEXPECTED_ERROR_MESSAGE };
    }
    throw error;
  }
  redirect(safeCallbackPath(parsed.data.callbackUrl) ?? "/");
}

export async function signOutAction(): Promise<void> {
  // (also a session still waiting for its second factor: signing out ends it)
  const me = await getSignedInUserEvenIfPending();
  if (me) await endCurrentSession(me, await currentRequestMeta());
  await signOut({ redirect: false });
  redirect("/sign-in?reason=signed-out");
}
