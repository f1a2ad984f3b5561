import { z } from "zod";

export const PAGE_SIZE = 25;

export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export type Page<T> = {
  items: T[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  /** true when counting stopped at COUNT_CAP: `total` is a lower bound */
  totalIsLowerBound?: boolean;
};

/** Lists that can grow very large stop counting here; an exact count of 100,000 rows costs more than the page. */
export const COUNT_CAP = 1_000;

/** A page whose total was counted up to COUNT_CAP + 1 rows. */
export function toCappedPage<T>(items: T[], countedUpTo: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  if (countedUpTo <= COUNT_CAP) return toPage(items, countedUpTo, page, pageSize);
  const pageCount = Math.max(Math.ceil(COUNT_CAP / pageSize), items.length === pageSize ? page + 1 : page);
  return { items, total: COUNT_CAP, page, pageCount, pageSize, totalIsLowerBound: true };
}

export function toPage<T>(items: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), pageSize };
}

export function offsetFor(page: number, pageSize = PAGE_SIZE): number {
  return (page - 1) * pageSize;
}

/**
 * A keyset cursor ("older than id N") from a URL: a positive whole number a bigint column can hold,
 * or nothing (the newest page). Anything else is ignored rather than sent to the database.
 */
export const keysetCursor = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional().catch(undefined);
