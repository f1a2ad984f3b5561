import { sql } from "drizzle-orm";
// One list on a home page: how many things wait, and the first few of them (each links to its record;
// the count links to the full list where there is one).

export const HOME_LIST_LIMIT = 10;

export type HomeSection<T> = { count: number; items: T[] };

export async function section<T>(rows: PromiseLike<T[]>, total: PromiseLike<{ n: number }[]>): Promise<HomeSection<T>> {
  const [items, [counted]] = await Promise.all([rows, total]);
  return { count: counted?.n ?? items.length, items };
}

/**
 * The whole list's count as a column of each row (a window over the filtered rows). For a section whose
 * order needs every matching row anyway (sorted on something no index gives), so the rows and their
 * count come from one pass instead of two.
 */
export const windowTotal = sql<number>`count(*) over ()`.mapWith(Number);

/** A section read in one statement whose rows carry `total` (windowTotal); no rows: none wait. */
export async function sectionCounted<T extends { total: number }>(rows: PromiseLike<T[]>): Promise<HomeSection<Omit<T, "total">>> {
  const items = await rows;
  return { count: items[0]?.total ?? 0, items: items.map(({ total: _total, ...item }) => item) };
}
