import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { idempotencyKeys } from "../db/schema/idempotency";
import { keyedHash } from "./crypto/keys";
import { AppError, ERROR_DEFAULTS } from "./errors";

// Creates are idempotent: each create form is rendered with a key (app/_components/use-action-form.ts),
// and the command claims it in its own transaction. A double click, a retry after a lost response or a
// resubmit after Back sends the same key and gets the first save's result; nothing is saved twice.
// On PostgreSQL a parallel duplicate's INSERT waits on the first transaction's uncommitted key row:
// when that commits, the duplicate reads the stored result; when it rolls back, the duplicate proceeds.

export const ALREADY_SAVED_MESSAGE = ERROR_DEFAULTS.already_saved.message;

/** A fresh key, for scripts and tests that call create commands directly (forms mint their own). */
export function newIdempotencyKey(): string {
  return randomUUID();
}

/** JSON with object keys sorted, so equal inputs hash alike whatever order their keys came in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/**
 * Keyed (HMAC) rather than plain: inputs hold note bodies, legal names, dates of birth and initial
 * passwords, and a plain hash of them in the database could be confirmed by guessing.
 */
function requestHash(scope: string, input: Record<string, unknown>): string {
  const { idempotencyKey: _key, ...rest } = input;
  return keyedHash("idempotency-request", `${scope}\n${canonical(rest)}`);
}

type IdempotencyOptions<R> = {
  /**
   * Whether the result saved anything. One that did not (intake answering "possible duplicates")
   * releases the key, so the same form can be submitted again with the person's decision.
   */
  saved?: (result: R) => boolean;
};

/**
 * Runs a create in a transaction that first claims the input's idempotency key for the caller, and
 * stores the create's result with it. A key already claimed answers with the stored result when it
 * came from the same command with the same input, and is refused otherwise. Use it in place of
 * `db.transaction`; the result must survive JSON (ids, codes, plain objects).
 */
export async function idempotent<I extends { idempotencyKey: string }, R>(
  db: Db,
  me: { id: string },
  scope: string,
  input: I,
  run: (tx: Db) => Promise<R>,
  options: IdempotencyOptions<R> = {},
): Promise<R> {
  const hash = requestHash(scope, input);
  const where = and(eq(idempotencyKeys.userId, me.id), eq(idempotencyKeys.key, input.idempotencyKey));
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(idempotencyKeys)
      .values({ userId: me.id, key: input.idempotencyKey, scope, requestHash: hash })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed.length === 0) {
      const [earlier] = await tx.select().from(idempotencyKeys).where(where).limit(1);
      if (!earlier || earlier.scope !== scope || earlier.requestHash !== hash) throw new AppError("already_saved");
      return earlier.result?.value as R;
    }
    const result = await run(tx);
    if (options.saved && !options.saved(result)) await tx.delete(idempotencyKeys).where(where);
    else await tx.update(idempotencyKeys).set({ result: { value: result } }).where(where);
    return result;
  });
}
