// What the server log may say about an error: its kind, its codes and the ids the caller names,
// never a value. A database error's message and detail carry what was typed (drizzle's
// DrizzleQueryError ends its message with "params: <every bound value>", and PostgreSQL's detail says
// "Key (email)=(…) already exists"), so neither is ever printed; neither is any message at all,
// since a message can quote input ("invalid input syntax for type uuid: …").
//
// Deliberately free of "server-only": instrumentation.ts loads it to guard what Next logs itself.

type Ids = Record<string, string | number | null | undefined>;

/** Names PostgreSQL and Node give things (SQLSTATE codes, constraints, tables, columns, ECONNREFUSED). */
const IDENTIFIER = /^[\w.$-]{1,80}$/;
const MAX_CAUSES = 5;
const MAX_FRAMES = 8;

function identifier(value: unknown): string | null {
  if (typeof value === "number") return String(value);
  return typeof value === "string" && IDENTIFIER.test(value) ? value : null;
}

/** The next error in a chain: `cause`, or Auth.js's `cause.err`. */
function causeOf(error: object): unknown {
  const cause = (error as { cause?: unknown }).cause;
  if (cause && typeof cause === "object" && !(cause instanceof Error) && "err" in cause) return (cause as { err: unknown }).err;
  return cause;
}

/** The class name where it says more than "Error" (drizzle sets no name of its own), else `name`. */
function kindOf(error: object): string {
  const className = identifier(error.constructor?.name);
  const name = identifier((error as { name?: unknown }).name);
  if (className && className.length > 2 && className !== "Error" && className !== "Object") return className;
  return name ?? className ?? "Error";
}

function describeOne(error: unknown): string {
  if (!error || typeof error !== "object") return typeof error;
  const e = error as Record<string, unknown>;
  const parts = [kindOf(error)];
  const fields: [string, unknown][] = [
    ["code", e.code],
    ["constraint", e.constraint_name ?? e.constraint],
    ["table", e.table_name ?? e.table],
    ["column", e.column_name ?? e.column],
    ["digest", e.digest],
  ];
  for (const [label, value] of fields) {
    const safe = identifier(value);
    if (safe) parts.push(`${label}=${safe}`);
  }
  return parts.join(" ");
}

/** Stack frames only: the lines before them are the message, which may quote values. */
function framesOf(error: unknown): string[] {
  const stack = error && typeof error === "object" ? (error as { stack?: unknown }).stack : undefined;
  if (typeof stack !== "string") return [];
  return stack
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, MAX_FRAMES)
    .map((line) => line.replace(/\s+/, "    "));
}

/** One line per error of the chain (kind and codes), then the outermost error's stack frames. */
export function describeError(error: unknown): string {
  const chain: string[] = [];
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && chain.length < MAX_CAUSES && !seen.has(e); e = typeof e === "object" ? causeOf(e) : undefined) {
    seen.add(e);
    chain.push(describeOne(e));
  }
  if (chain.length === 0) chain.push(describeOne(error));
  return [chain.join(" <- caused by "), ...framesOf(error)].join("\n");
}

function describeIds(ids: Ids | undefined): string {
  if (!ids) return "";
  const parts = Object.entries(ids).flatMap(([key, value]) => {
    const safe = identifier(value);
    return safe && IDENTIFIER.test(key) ? [`${key}=${safe}`] : [];
  });
  return parts.length ? ` (${parts.join(" ")})` : "";
}

/** The one way our own catch sites log an unexpected error: where, the ids involved, and what kind of error. */
export function logServerError(where: string, error: unknown, ids?: Ids): void {
  console.error(`[${where}]${describeIds(ids)} ${describeError(error)}`);
}

/** A string Next or a library logs may embed a query's bound values after "params:"; cut them off. */
function redactText(text: string): string {
  return text.replace(/\bparams:[\s\S]*/, "params: [not logged]");
}

function sanitizeArgument(argument: unknown): unknown {
  if (argument instanceof Error || (argument && typeof argument === "object" && "stack" in argument && "message" in argument)) return describeError(argument);
  if (typeof argument === "string") return redactText(argument);
  return argument;
}

/**
 * Next logs errors it catches itself (a page or route handler that threw) with console.error, message
 * and all. Installed once at start-up (instrumentation.ts), this makes console.error and console.warn
 * print errors the way logServerError does.
 */
export function guardConsole(target: Pick<Console, "error" | "warn"> = console): void {
  for (const method of ["error", "warn"] as const) {
    const current = target[method] as typeof console.error & { unguarded?: typeof console.error };
    if (current.unguarded) continue;
    const guarded = Object.assign((...args: unknown[]) => current.apply(target, args.map(sanitizeArgument)), { unguarded: current });
    target[method] = guarded;
  }
}
