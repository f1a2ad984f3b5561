import { and, asc, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { survivors } from "../../db/schema/survivors";
import { DecryptionError } from "../crypto/fields";
import { openSearchableIdentity } from "./identity";
import { searchTokensFor } from "./search";

// Search tokens for records written before they existed (or set back to null on purpose, e.g. after a
// change of encryption key: keyed hashes are made with the current key). Run at start-up (db/setup.ts)
// before the server opens, with the app's key. A partial index holds exactly the rows still to fill, so
// the check costs one index probe when there are none.

export type BackfillOutcome = { filled: number; unreadable: number };

const BATCH_SIZE = 500;

/**
 * Fills survivors.search_tokens where it is null, a batch (one update) at a time. Idempotent: a row is only
 * written while it is still null, so a record edited meanwhile (whose save wrote fresh tokens) keeps
 * them, and two instances starting at once do the work once. A row that cannot be decrypted (its key
 * is not configured) is left null and counted; it is retried at the next start.
 */
export async function backfillSearchTokens(db: Db, options: { batchSize?: number } = {}): Promise<BackfillOutcome> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const outcome: BackfillOutcome = { filled: 0, unreadable: 0 };
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({
        id: survivors.id,
        organizationId: survivors.organizationId,
        legalNameEnc: survivors.legalNameEnc,
        aliasesEnc: survivors.aliasesEnc,
        dateOfBirthEnc: survivors.dateOfBirthEnc,
      })
      .from(survivors)
      .where(and(isNull(survivors.searchTokens), after ? gt(survivors.id, after) : undefined))
      .orderBy(asc(survivors.id))
      .limit(batchSize);
    if (rows.length === 0) return outcome;
    after = rows.at(-1)!.id;

    const updates: { id: string; tokens: string[] }[] = [];
    for (const row of rows) {
      try {
        updates.push({ id: row.id, tokens: searchTokensFor(row.organizationId, openSearchableIdentity(row)) });
      } catch (error) {
        if (!(error instanceof DecryptionError)) throw error;
        outcome.unreadable += 1;
      }
    }
    if (updates.length > 0) {
      // One statement per batch; "still null" keeps a token list written by a save in the meantime.
      const written = await db
        .update(survivors)
        .set({ searchTokens: sql`batch.tokens` })
        .from(sql`jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) as batch(id uuid, tokens text[])`)
        .where(and(sql`${survivors.id} = batch.id`, isNull(survivors.searchTokens)))
        .returning({ id: survivors.id });
      outcome.filled += written.length;
    }
    if (rows.length < batchSize) return outcome;
  }
}

