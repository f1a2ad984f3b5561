import "server-only";
import { type z } from "zod";
import { invalidInput, type ActionResult } from "./action-result";
import { can, type Permission } from "./auth/policy";
import { requireUser, recordDenial, type RequireUserOptions, type SessionUser } from "./auth/session";
import { AppError, UNEXPECTED_ERROR_MESSAGE } from "./errors";
import { logServerError } from "./server-log";
import { safeParseInput } from "./validation";

/**
 * Every server action is a public POST endpoint. This wrapper makes each one re-check the session
 * (redirecting to sign-in when it has ended), refuse a caller without the action's permission before
 * looking at the input (a refused caller learns nothing about the form's rules), parse the input with
 * the same zod schema as the form, and turn refusals into a result the form can show. The command it
 * calls checks permission and record access again, so they hold for every caller, not just this action.
 */
export function action<S extends z.ZodType, R>(
  name: string,
  schema: S,
  run: (input: z.infer<S>, me: SessionUser) => Promise<R>,
  options: { permission: Permission } & RequireUserOptions,
): (raw: unknown) => Promise<ActionResult<R>> {
  return async (raw) => {
    const me = await requireUser(options);
    if (!can(me, options.permission)) return toActionError(new AppError("forbidden"), me, name);
    const parsed = safeParseInput(schema, raw);
    if (!parsed.ok) return invalidInput(parsed.fieldErrors);
    try {
      return { ok: true, data: await run(parsed.data, me) };
    } catch (error) {
      return toActionError(error, me, name);
    }
  };
}

async function toActionError(error: unknown, me: SessionUser, name: string): Promise<ActionResult<never>> {
  if (error instanceof AppError) {
    if (error.code === "forbidden") await recordDenial(me, `action:${name}`);
    return { ok: false, code: error.code, message: error.message, fieldErrors: error.fieldErrors };
  }
  logServerError(`action ${name}`, error, { user: me.id });
  return { ok: false, code: "unexpected", message: UNEXPECTED_ERROR_MESSAGE };
}
