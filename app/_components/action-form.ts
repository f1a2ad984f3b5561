"use client";

import type { FieldValues, Path, UseFormReturn } from "react-hook-form";
import type { ActionResult } from "@/lib/action-result";

export const NETWORK_ERROR_MESSAGE =
  "Clearway could not be reached, so nothing was saved. Check your connection and try again; what you typed is still here.";

/**
 * Calls a server action and maps a refusal back onto the form: each field error next to its field,
 * the overall message returned for the form's alert. The form's values are never reset here, so
 * nothing typed is lost on an error.
 */
export async function submitToAction<TValues extends FieldValues, TResult>(
  form: UseFormReturn<TValues>,
  run: () => Promise<ActionResult<TResult>>,
): Promise<{ ok: true; data: TResult } | { ok: false; message: string }> {
  let result: ActionResult<TResult>;
  try {
    result = await run();
  } catch (error) {
    // Next's redirect() (e.g. to sign-in after a session ended) surfaces here as a thrown digest; rethrow it.
    if (error && typeof error === "object" && "digest" in error) throw error;
    return { ok: false, message: NETWORK_ERROR_MESSAGE };
  }
  if (result.ok) return result;
  for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
    const message = messages?.[0];
    if (message) form.setError(field as Path<TValues>, { type: "server", message });
  }
  return { ok: false, message: result.message };
}
