import { and, or, sql, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

// A list's order written once, as keys, so the page (ORDER BY … OFFSET) and its export (keyset pages:
// "the rows after the last one sent") read the same rows in the same order. The keys must end in a
// unique column so the order is total: otherwise a row could fall between two pages.
//
// A cursor is each key's value as the database prints it (`::text`) and is read back with a cast to
// the key's type, so a timestamp keeps its microseconds (a JavaScript Date would round them to
// milliseconds, and a row could be sent twice or skipped).

export type KeyType = "text" | "uuid" | "date" | "timestamptz" | "bigint" | "int";

export type SortKey = {
  expr: SQL | AnyPgColumn;
  direction: "asc" | "desc";
  type: KeyType;
  /** only a key that can be null is sorted with an explicit NULLS LAST (both directions) */
  nullable?: boolean;
};

/** Each key's value of the row, as text (null for a null key). */
export type Cursor = readonly (string | null)[];

/** The ORDER BY of the keys (a page and its export both use it). */
export function keysetOrder(keys: readonly SortKey[]): SQL[] {
  return keys.map((k) => sql`${k.expr} ${sql.raw(k.direction)}${k.nullable ? sql.raw(" nulls last") : sql``}`);
}

/**
 * A select field holding the row's cursor. JSON rather than a text[]: postgres.js reads a NULL
 * element of a text array back as the string "NULL", and a cursor that cannot say "null" would
 * never get past the rows without a due date.
 */
export function keysetCursorSql(keys: readonly SortKey[]): SQL<(string | null)[]> {
  return sql`json_build_array(${sql.join(
    keys.map((k) => sql`(${k.expr})::text`),
    sql`, `,
  )})`.mapWith(parseCursor);
}

function parseCursor(value: unknown): (string | null)[] {
  const parsed: unknown = typeof value === "string" ? JSON.parse(value) : value;
  if (!Array.isArray(parsed) || !parsed.every((v) => v === null || typeof v === "string")) throw new Error("not a keyset cursor");
  return parsed as (string | null)[];
}

function cast(value: string, type: KeyType): SQL {
  return sql`cast(${value} as ${sql.raw(type)})`;
}

/** The key is after the cursor's value in this key's direction (nulls sort last). */
function afterOne(key: SortKey, value: string | null): SQL {
  if (value === null) return sql`false`; // nothing follows a null: nulls are last
  const past = key.direction === "asc" ? sql`${key.expr} > ${cast(value, key.type)}` : sql`${key.expr} < ${cast(value, key.type)}`;
  return key.nullable ? or(past, sql`${key.expr} is null`)! : past;
}

function equalOne(key: SortKey, value: string | null): SQL {
  return value === null ? sql`${key.expr} is null` : sql`${key.expr} = ${cast(value, key.type)}`;
}

/**
 * The rows strictly after `cursor` in the keys' order. Keys of one direction and no nulls compare as
 * one row value, `(a, b) > (x, y)`, which an index on (a, b) serves as a range; otherwise the
 * condition is spelled out key by key.
 */
export function keysetAfter(keys: readonly SortKey[], cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  if (cursor.length !== keys.length) throw new Error("a cursor must have one value per key");
  const uniform = keys.every((k) => !k.nullable && k.direction === keys[0]!.direction) && cursor.every((v) => v !== null);
  if (uniform) {
    const left = sql.join(keys.map((k) => sql`${k.expr}`), sql`, `);
    const right = sql.join(keys.map((k, i) => cast(cursor[i]!, k.type)), sql`, `);
    return keys[0]!.direction === "asc" ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
  }
  const branches = keys.map((key, i) => and(...keys.slice(0, i).map((k, j) => equalOne(k, cursor[j]!)), afterOne(key, cursor[i]!))!);
  return or(...branches)!;
}
