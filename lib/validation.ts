import { z } from "zod";
import { AppError, ERROR_DEFAULTS, type FieldErrors } from "./errors";

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

export const NUL_MESSAGE = "This contains a NUL character (\\0), which cannot be saved. Remove it and try again.";
export const NUL_FILTER_MESSAGE = "This contains a NUL character (\\0), so it was not used. Remove it and try again.";

/**
 * The fields of an input holding a NUL character anywhere (in a string, a list or a nested object),
 * keyed like z.flattenError by their top-level field. PostgreSQL refuses U+0000 in text, so such input
 * would otherwise end as a database error; no person types it, so it is refused outright, next to its field.
 */
export function nulFieldErrors(input: unknown, message = NUL_MESSAGE): FieldErrors | null {
  const errors: FieldErrors = {};
  const seen = new Set<object>();
  const pending: { value: unknown; field: string }[] = [{ value: input, field: "" }];
  while (pending.length > 0) {
    const { value, field } = pending.pop()!;
    if (typeof value === "string") {
      if (value.includes("\u0000")) errors[field || "input"] = [message];
    } else if (value !== null && typeof value === "object" && !seen.has(value)) {
      seen.add(value);
      for (const [key, item] of Object.entries(value)) pending.push({ value: item, field: field || key });
    }
  }
  return Object.keys(errors).length > 0 ? errors : null;
}

/**
 * Where every input from outside enters: server actions (lib/action.ts) and commands (parseInput)
 * parse with this, so the same rules hold for every caller. NUL is refused before the schema runs.
 */
export function safeParseInput<S extends z.ZodType>(schema: S, input: unknown): { ok: true; data: z.infer<S> } | { ok: false; fieldErrors: FieldErrors } {
  const nul = nulFieldErrors(input);
  if (nul) return { ok: false, fieldErrors: nul };
  const parsed = schema.safeParse(input);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors as FieldErrors };
  return { ok: true, data: parsed.data };
}

/**
 * Validates a command's input with the form's schema. Commands do this themselves (not only the
 * server action) so every caller, including tests and scripts, gets the same rules.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = safeParseInput(schema, input);
  if (!parsed.ok) throw new AppError("invalid", ERROR_DEFAULTS.invalid.message, parsed.fieldErrors);
  return parsed.data;
}

/**
 * A list's filters from its URL. Filter schemas ignore values they cannot use (`.catch`); a value
 * holding NUL is left out too, and reported next to its filter rather than ignored silently.
 */
export function parseFilters<S extends z.ZodType>(schema: S, params: Record<string, string | undefined>): { filters: z.infer<S>; fieldErrors: FieldErrors } {
  const fieldErrors = nulFieldErrors(params, NUL_FILTER_MESSAGE) ?? {};
  const usable = Object.fromEntries(Object.entries(params).filter(([key]) => !fieldErrors[key]));
  return { filters: schema.parse(usable), fieldErrors };
}

/** Escapes LIKE's wildcards in user input, so "50%" searches for "50%". */
export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
