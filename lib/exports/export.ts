import { getDb, type Db } from "../../db/client";
import type { AuditActor } from "../audit/record";
import type { RequestMeta } from "../request-meta";
import { logServerError } from "../server-log";
import { recordExport, recordExportStart, SurvivorIdList, type ExportFilter, type ExportList } from "./audit";
import { CSV_HEADERS, csvStream, type CsvCell, type CsvColumn, type StreamEnd } from "./csv";
import type { Cursor } from "./keyset";

// One list's export: the list's own scope and filter (the same function its page calls), the columns
// the caller's access lets them see, read from the database in keyset pages as the client downloads.
//
// Pages, not one cursor, on both databases: each page is one short query, so no connection of the
// pool (nor PGlite's single one) is held while a slow client reads, and PGlite never holds a
// transaction across the stream. The price: the file is not one snapshot. A record changed while the
// file downloads may show its old or its new values, and one whose sort key moved past the cursor
// may be left out or listed twice.
//
// If the client goes away mid-file, the stream is cancelled: reading stops, and the audit event is
// still written, marked incomplete, with the rows handed to the CSV writer until then and their
// survivors. That count may include a few hundred rows still in buffers the client never received:
// the record errs toward "included", never toward hiding an export.

export type Keyed<Row> = Row & { cursor: Cursor };

export type CsvExport<Row> = {
  list: ExportList;
  /** what the audit keeps of the filter (see ExportFilter: no free text) */
  filter: ExportFilter;
  filename: string;
  /** the columns this caller may see, decided by the list's access function */
  columns: readonly CsvColumn<Row>[];
  /** up to `limit` rows after `after` (null: from the first), in the list's order, cut to the caller's access */
  page: (db: Db, after: Cursor | null, limit: number) => Promise<Keyed<Row>[]>;
  /** the survivor a row is about, for their Access tab */
  survivorOf?: (row: Row) => string | null;
  /** rows written after the last one (a total) */
  trailer?: () => CsvCell[][];
  /** rows per page (default 1,000) */
  pageSize?: number;
};

export type ExportContext = { actor: AuditActor; meta: RequestMeta | null; db?: Db; pageSize?: number };

export const EXPORT_PAGE_SIZE = 1_000;

/** The export's CSV as a web stream; its audit is written when the stream ends. */
export function exportStream<Row>(spec: CsvExport<Row>, context: ExportContext): ReadableStream<Uint8Array> {
  const db = context.db ?? getDb();
  const size = context.pageSize ?? spec.pageSize ?? EXPORT_PAGE_SIZE;
  const survivors = new SurvivorIdList();
  let rows = 0;
  let startedEventId: number | null = null;

  async function* records(): AsyncGenerator<CsvCell[]> {
    startedEventId = await recordExportStart(db, { actor: context.actor, meta: context.meta, list: spec.list, filter: spec.filter });
    let after: Cursor | null = null;
    for (;;) {
      const page = await spec.page(db, after, size);
      for (const row of page) {
        rows += 1;
        const survivorId = spec.survivorOf?.(row);
        if (survivorId) survivors.add(survivorId);
        yield spec.columns.map((column) => column.value(row) ?? "");
      }
      if (page.length < size) break;
      const next = page.at(-1)!.cursor;
      // A cursor that does not move would send the same rows forever: stop, as a failure.
      if (after && JSON.stringify(next) === JSON.stringify(after)) throw new Error("keyset cursor made no progress");
      after = next;
    }
    yield* spec.trailer?.() ?? [];
  }

  const onEnd = async (how: StreamEnd, error?: unknown) => {
    if (how === "failed") logServerError(`export.${spec.list}`, error);
    try {
      await recordExport(db, { actor: context.actor, meta: context.meta, list: spec.list, filter: spec.filter, rows, complete: how === "complete", survivors, startedEventId });
    } catch (auditError) {
      logServerError(`export.${spec.list}.audit`, auditError);
      throw auditError;
    }
  };
  return csvStream(
    spec.columns.map((c) => c.header),
    records(),
    onEnd,
  );
}

/** The export as a download: CSV, an attachment with its dated name, never cached. */
export function csvDownload<Row>(spec: CsvExport<Row>, context: ExportContext): Response {
  return new Response(exportStream(spec, context), {
    headers: { ...CSV_HEADERS, "Content-Disposition": `attachment; filename="${spec.filename}"` },
  });
}
