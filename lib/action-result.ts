import { ERROR_DEFAULTS, type ErrorCode, type FieldErrors } from "./errors";

// What every server action returns. Plain data, safe to send to the browser.
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };

/** The result for input that failed its schema: every field's messages, for the form to place. */
export function invalidInput(fieldErrors: FieldErrors): ActionResult<never> {
  return { ok: false, code: "invalid", message: ERROR_DEFAULTS.invalid.message, fieldErrors };
}
