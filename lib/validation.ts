import { z } from "zod";
import { AppError, ERROR_DEFAULTS } from "./errors";

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
