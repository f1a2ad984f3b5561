import { and, asc, eq, getTableName, isNull, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "../../db/client";
import { recordAudit } from "../audit/record";
import { ENCRYPTED_TABLES, type EncryptedTable, type RotationRow } from "./encrypted-columns";
import { currentKeyId, decryptField, DecryptionError, encryptField, type FieldContext } from "./fields";

// Key rotation (ASVS 11.x; README "Rotating the encryption key"): with the new master key current and
// the old one in CLEARWAY_PREVIOUS_ENCRYPTION_KEYS, every ciphertext not under the current key is
// decrypted and written again under it, and the row's keyed hashes (blind indexes, search tokens) are
// rebuilt in the same UPDATE.
//
// Why that is enough to resume after a crash: a hash carries no key id, but a row's hashes are only ever
// written together with its ciphertexts (by the app, under the current key, or by this one UPDATE), so a
// row whose ciphertexts are all under the current key has current hashes too. "Needs work" is therefore
// "some ciphertext is under another key", read from the data itself: a re-run walks past what is done,
// and a run on a rotated database changes nothing.
//
// The write is a compare-and-set on the values read (ciphertexts, and the inputs of contexts and
// hashes): an edit the app commits meanwhile is never overwritten; the row is read again and, if still
// under an old key, rotated from its new values. Rotation is not an edit: versions, updated_at and
// updated_by stay as they are. Nothing here logs or returns a value: counts, tables, columns, row ids.

export type RotationProgress = { table: string; batch: number; rowsRotated: number; lastRowId: string };

export type UnreadableValue = { table: string; column: string; rowId: string; reason: string };

export type TableRotation = {
  table: string;
  /** rows written under the current key */
  rowsRotated: number;
  /** rows found under an old key that an edit had moved to the current key before this run's write */
  rowsAlreadyCurrent: number;
  /** ciphertexts re-encrypted, by column */
  columns: Record<string, number>;
};

export type RotationReport = { keyId: string; tables: TableRotation[]; unreadable: UnreadableValue[] };

export type RemainingCiphertexts = { table: string; column: string; keyId: string; count: number };

type RotationOptions = {
  batchSize?: number;
  /** after each batch has committed; throwing stops the run (what is committed stays done) */
  onProgress?: (progress: RotationProgress) => void | Promise<void>;
  /** test seam: runs between reading a batch and writing it */
  beforeWrite?: (table: string, rows: RotationRow[]) => Promise<void>;
};

/** How many times a row that keeps being edited under us is read again before it is left for the next run. */
const MAX_ATTEMPTS = 5;

const snake = (prop: string) => prop.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** A ciphertext present and written under some other key than `keyId`. */
function underOtherKey(column: PgColumn, keyId: string): SQL {
  return sql`(${column} is not null and split_part(${column}, '.', 2) <> ${keyId})`;
}

function keyIdOf(stored: string): string | undefined {
  return stored.split(".")[1];
}

function needsWork(spec: EncryptedTable, keyId: string): SQL {
  return or(...Object.values(spec.ciphertexts).map((c) => underOtherKey(c.column, keyId)))!;
}

function selection(spec: EncryptedTable): Record<string, PgColumn> {
  const columns: Record<string, PgColumn> = { ...spec.key, ...spec.inputs };
  for (const [prop, c] of Object.entries(spec.ciphertexts)) columns[prop] = c.column;
  return columns;
}

/** Rows after the cursor in primary-key order (keyset pagination: no OFFSET, any size of table). */
function after(spec: EncryptedTable, cursor: RotationRow | null): SQL | undefined {
  if (!cursor) return undefined;
  const props = Object.keys(spec.key);
  const columns = sql.join(props.map((p) => sql`${spec.key[p]}`), sql`, `);
  const values = sql.join(props.map((p) => sql`${cursor[p]}`), sql`, `);
  return sql`(${columns}) > (${values})`;
}

function same(column: PgColumn, value: unknown): SQL {
  return value === null || value === undefined ? isNull(column) : eq(column, value);
}

/** The row exactly as it was read: its key, its ciphertexts and the inputs of its contexts and hashes. */
function unchanged(spec: EncryptedTable, row: RotationRow): SQL {
  return and(...Object.entries(selection(spec)).map(([prop, column]) => same(column, row[prop])))!;
}

function open(stored: string, contexts: FieldContext[]): { value: string; context: FieldContext } {
  let failure: unknown = new DecryptionError("no context");
  for (const context of contexts) {
    try {
      return { value: decryptField(stored, context)!, context };
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      failure = error;
    }
  }
  throw failure;
}

type Resealed = { changes: Record<string, unknown>; rotated: string[] } | { unreadable: UnreadableValue } | null;

/** What to write for a row: new ciphertexts and look-ups, or null when it is already all under the current key. */
function reseal(spec: EncryptedTable, row: RotationRow, keyId: string): Resealed {
  const plain: Record<string, string | null> = {};
  const changes: Record<string, unknown> = {};
  const rotated: string[] = [];
  for (const [prop, c] of Object.entries(spec.ciphertexts)) {
    const stored = row[prop] as string | null;
    if (stored === null) {
      plain[prop] = null;
      continue;
    }
    let opened: { value: string; context: FieldContext };
    try {
      opened = open(stored, c.contexts(row));
    } catch (error) {
      if (!(error instanceof DecryptionError)) throw error;
      return { unreadable: { table: getTableName(spec.table), column: snake(prop), rowId: spec.rowId(row), reason: error.message } };
    }
    plain[prop] = opened.value;
    if (keyIdOf(stored) !== keyId) {
      changes[prop] = encryptField(opened.value, opened.context);
      rotated.push(snake(prop));
    }
  }
  if (rotated.length === 0) return null;
  return { changes: { ...changes, ...spec.lookups?.(plain, row) }, rotated };
}

async function reread(db: Db, spec: EncryptedTable, row: RotationRow): Promise<RotationRow | undefined> {
  const key = and(...Object.entries(spec.key).map(([prop, column]) => eq(column, row[prop])));
  const [fresh] = await db.select(selection(spec)).from(spec.table).where(key);
  return fresh;
}

/** Rotates one row; a row edited between read and write is read again (never overwritten). */
async function rotateRow(db: Db, spec: EncryptedTable, read: RotationRow, keyId: string, result: TableRotation, unreadable: UnreadableValue[]) {
  let row: RotationRow | undefined = read;
  for (let attempt = 0; row && attempt < MAX_ATTEMPTS; attempt += 1) {
    const resealed = reseal(spec, row, keyId);
    if (resealed === null) {
      result.rowsAlreadyCurrent += 1;
      return;
    }
    if ("unreadable" in resealed) {
      unreadable.push(resealed.unreadable);
      return;
    }
    const firstKey = Object.values(spec.key)[0]!;
    const written = await db.update(spec.table).set(resealed.changes).where(unchanged(spec, row)).returning({ key: firstKey });
    if (written.length > 0) {
      result.rowsRotated += 1;
      for (const column of resealed.rotated) result.columns[column] = (result.columns[column] ?? 0) + 1;
      return;
    }
    row = await reread(db, spec, row);
  }
  // Deleted meanwhile (nothing left to rotate), or edited at every attempt: the next run takes it.
}

async function rotateTable(db: Db, spec: EncryptedTable, keyId: string, options: RotationOptions, unreadable: UnreadableValue[]): Promise<TableRotation> {
  const table = getTableName(spec.table);
  const result: TableRotation = { table, rowsRotated: 0, rowsAlreadyCurrent: 0, columns: {} };
  const batchSize = options.batchSize ?? 200;
  const order = Object.values(spec.key).map((column) => asc(column));
  let cursor: RotationRow | null = null;
  for (let batch = 1; ; batch += 1) {
    const rows: RotationRow[] = await db
      .select(selection(spec))
      .from(spec.table)
      .where(and(needsWork(spec, keyId), after(spec, cursor)))
      .orderBy(...order)
      .limit(batchSize);
    if (rows.length === 0) return result;
    cursor = rows.at(-1)!;
    await options.beforeWrite?.(table, rows);
    await db.transaction(async (tx) => {
      for (const row of rows) await rotateRow(tx, spec, row, keyId, result, unreadable);
    });
    await options.onProgress?.({ table, batch, rowsRotated: result.rowsRotated, lastRowId: spec.rowId(cursor) });
    if (rows.length < batchSize) return result;
  }
}

/**
 * Re-encrypts every ciphertext not under the current key, and rebuilds the keyed hashes of each row it
 * re-encrypts, table by table in primary-key order and in batches (one transaction each). Resumable:
 * run it again after a crash and it continues with what is left. Records one audit event (counts only)
 * when it changed anything or found values it could not read.
 */
export async function rotateKeys(db: Db, options: RotationOptions = {}): Promise<RotationReport> {
  const keyId = currentKeyId();
  const unreadable: UnreadableValue[] = [];
  const tables: TableRotation[] = [];
  for (const spec of ENCRYPTED_TABLES) tables.push(await rotateTable(db, spec, keyId, options, unreadable));

  const rotated = tables.reduce((n, t) => n + t.rowsRotated, 0);
  if (rotated > 0 || unreadable.length > 0) {
    const columns: Record<string, number> = {};
    for (const t of tables) for (const [column, n] of Object.entries(t.columns)) columns[`${t.table}.${column}`] = n;
    await recordAudit(db, {
      actor: null,
      action: "system.keys_rotated",
      details: { keyId, rowsRotated: rotated, ciphertextsRotated: columns, unreadable: unreadable.length },
    });
  }
  return { keyId, tables, unreadable };
}

/**
 * Ciphertexts still under another key than the current one, by table, column and key id. When this is
 * empty, CLEARWAY_PREVIOUS_ENCRYPTION_KEYS can be emptied.
 */
export async function remainingUnderOldKeys(db: Db): Promise<RemainingCiphertexts[]> {
  const keyId = currentKeyId();
  const remaining: RemainingCiphertexts[] = [];
  for (const spec of ENCRYPTED_TABLES) {
    for (const [prop, c] of Object.entries(spec.ciphertexts)) {
      const rows = await queryRows<{ key_id: string; n: number }>(
        db,
        sql`select split_part(${c.column}, '.', 2) as key_id, count(*)::int as n from ${spec.table} where ${underOtherKey(c.column, keyId)} group by 1 order by 1`,
      );
      for (const row of rows) remaining.push({ table: getTableName(spec.table), column: snake(prop), keyId: row.key_id, count: Number(row.n) });
    }
  }
  return remaining;
}
