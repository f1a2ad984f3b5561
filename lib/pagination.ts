import { z } from "zod";

export const PAGE_SIZE = 25;

export const pageSchema = z.coerce.number().int().min(1).max(100_000).catch(1);

export type Page<T> = { items: T[]; total: number; page: number; pageCount: number; pageSize: number };

export function toPage<T>(items: T[], total: number, page: number, pageSize = PAGE_SIZE): Page<T> {
  return { items, total, page, pageCount: Math.max(1, Math.ceil(total / pageSize)), pageSize };
}

export function offsetFor(page: number, pageSize = PAGE_SIZE): number {
  return (page - 1) * pageSize;
}
