import { z } from "zod";
import { AppError, ERROR_DEFAULTS } from "./errors";
import { formatDateTime } from "./format";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids arrive from URLs and cookies: anything not shaped like one is simply not found. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Identifies the version of a record a form was opened on (optimistic concurrency). */
export const recordRef = {
  id: z.uuid("This record reference is not valid."),
  version: z.coerce.number().int().positive(),
};

/**
 * The idempotency key a create form was rendered with (lib/idempotency.ts): a double click, a retry or
 * a resubmit after Back carries the same key and gets the first save's result instead of a second record.
 */
export const idempotencyKey = z.uuid("This form is missing its one-time key. Reload the page and try again.");

/** The refusal for a save made against an out-of-date version: who changed it, and when. */
export function staleVersionError(what: string, changedBy: string | null, changedAt: Date): AppError {
  const who = changedBy ?? "Someone";
  return new AppError(
    "conflict",
    `${who} saved changes to this ${what} at ${formatDateTime(changedAt)}, after you opened it. ` +
      "Nothing was saved; your edits are still in the form. Reload the page to see their version, then apply your changes again.",
  );
}

/** Postgres unique_violation, from either driver (postgres.js or PGlite), possibly wrapped by drizzle. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const candidate = e as { code?: string; constraint?: string; constraint_name?: string };
    if (candidate.code === "23505") {
      if (!constraint) return true;
      return (candidate.constraint ?? candidate.constraint_name) === constraint;
    }
  }
  return false;
}

/**
 * Validates a command's input with the form's schema. Commands do this themselves (not only the
 * server action) so every caller, including tests and scripts, gets the same rules.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors as Record<string, string[]>;
    throw new AppError("invalid", ERROR_DEFAULTS.invalid.message, fieldErrors);
  }
  return parsed.data;
}

/** Escapes LIKE's wildcards in user input, so "50%" searches for "50%". */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
