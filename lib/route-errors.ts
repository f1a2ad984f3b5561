import "server-only";
import { unstable_rethrow } from "next/navigation";
import { AppError, ERROR_DEFAULTS } from "./errors";
import { logServerError } from "./server-log";

const PLAIN_TEXT = { "Content-Type": "text/plain; charset=utf-8" };

/**
 * For route handlers (downloads): a refusal becomes its HTTP status with a plain message; anything
 * unexpected is logged without values and answered with the generic 500 sentence. Next's own
 * control flow (redirect to sign-in, notFound) passes through.
 */
export function refusalResponse(error: unknown, where = "route"): Response {
  unstable_rethrow(error);
  if (error instanceof AppError) return new Response(error.message, { status: error.status, headers: PLAIN_TEXT });
  logServerError(where, error);
  return new Response(ERROR_DEFAULTS.unexpected.message, { status: 500, headers: PLAIN_TEXT });
}
