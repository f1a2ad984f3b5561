// One error type for everything the data layer refuses, with one table of user-facing messages.
// Anything that is not an AppError is unexpected: logged on the server, shown as a generic sentence.

export type ErrorCode = "unauthorized" | "forbidden" | "not_found" | "conflict" | "already_saved" | "invalid" | "rate_limited" | "unexpected";

export const ERROR_DEFAULTS: Record<ErrorCode, { status: number; message: string }> = {
  unauthorized: { status: 401, message: "Please sign in again." },
  forbidden: { status: 403, message: "You do not have permission to do that." },
  not_found: { status: 404, message: "That record does not exist or is not available to you." },
  conflict: { status: 409, message: "Someone else changed this record after you opened it." },
  // A create form's one-time key came back with different values (typed again after Back): nothing
  // was saved, and the form gets a new key so a second submit saves the new record (IETF 422).
  already_saved: {
    status: 422,
    message: "This form was already used to save a record, so nothing new was saved. Your typing is still here: submit again to save it as a new record.",
  },
  invalid: { status: 422, message: "Please correct the highlighted fields." },
  rate_limited: { status: 429, message: "Too many attempts. Please wait and try again." },
  unexpected: { status: 500, message: "Something went wrong on our side and nothing was saved. Please try again." },
};

export const UNEXPECTED_ERROR_MESSAGE = ERROR_DEFAULTS.unexpected.message;

export type FieldErrors = Partial<Record<string, string[]>>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fieldErrors?: FieldErrors;

  constructor(code: ErrorCode, message?: string, fieldErrors?: FieldErrors) {
    super(message ?? ERROR_DEFAULTS[code].message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return ERROR_DEFAULTS[this.code].status;
  }
}

/** A validation failure that belongs next to one field of the form. */
export function fieldError(field: string, message: string): AppError {
  return new AppError("invalid", ERROR_DEFAULTS.invalid.message, { [field]: [message] });
}
