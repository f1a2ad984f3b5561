import "server-only";
import { AppError } from "./errors";

/** For route handlers (downloads): a refusal becomes its HTTP status with a plain message; anything else is rethrown. */
export function refusalResponse(error: unknown): Response {
  if (error instanceof AppError) return new Response(error.message, { status: error.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  throw error;
}
