import { expect } from "vitest";
import { AppError } from "../../../lib/errors";

/** Awaits a data-layer call that must be refused, and returns the refusal for further checks. */
export async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}
