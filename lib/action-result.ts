import type { ErrorCode, FieldErrors } from "./errors";

// What every server action returns. Plain data, safe to send to the browser.
export type ActionResult<T = null> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode; message: string; fieldErrors?: FieldErrors };
