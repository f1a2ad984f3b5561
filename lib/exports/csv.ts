import { once } from "node:events";
import { pipeline, Readable } from "node:stream";
import { stringify } from "csv-stringify";
import { APP_TIME_ZONE, pacificToday } from "../format";

// Lists as CSV files, written by csv-stringify's streaming API as the client reads them.
//
// - A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula, so
//   a name typed as "=HYPERLINK(…)" could phone home when the file is opened. `escape_formulas` puts
//   an apostrophe before such a cell: it is shown as the text it is, never run.
// - A byte-order mark and CRLF line ends, so Excel reads "Łukasz Nguyễn" as UTF-8 and rows as rows.

export type CsvCell = string | number | null | undefined;

export type CsvColumn<Row> = { header: string; value: (row: Row) => CsvCell };

export const CSV_OPTIONS = { bom: true, record_delimiter: "windows", escape_formulas: true } as const;

/** How a stream ended: every row written, the client went away, or reading failed. */
export type StreamEnd = "complete" | "cancelled" | "failed";

/**
 * The CSV of `records` as a web stream. Records are produced only as the client takes the output
 * (Node's stream backpressure, then the web stream's pull), so memory holds a few buffers, not the
 * file. `onEnd` runs exactly once: after the last row (the stream closes only once it resolved; if
 * it fails the download fails too, so a complete file is never delivered without its audit), when
 * the client cancels, or when reading fails.
 */
export function csvStream(header: readonly string[], records: AsyncIterable<CsvCell[]>, onEnd: (how: StreamEnd, error?: unknown) => Promise<void>): ReadableStream<Uint8Array> {
  const source = Readable.from(records, { objectMode: true, highWaterMark: 16 });
  const stringifier = stringify({ ...CSV_OPTIONS, header: true, columns: [...header] });
  // Errors reach the reader below through the stringifier, which pipeline destroys with them.
  pipeline(source, stringifier, () => {});
  const chunks = stringifier[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let ended = false;
  const end = async (how: StreamEnd, error?: unknown) => {
    if (ended) return;
    ended = true;
    await onEnd(how, error);
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: IteratorResult<Buffer>;
        try {
          next = await chunks.next();
        } catch (error) {
          await end("failed", error).catch(() => {});
          controller.error(error);
          return;
        }
        if (!next.done) {
          controller.enqueue(new Uint8Array(next.value.buffer, next.value.byteOffset, next.value.byteLength));
          return;
        }
        try {
          await end("complete");
          controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        // Wait for the source to close (a page being read finishes first), so no row is counted after the audit.
        const closed = source.closed ? Promise.resolve() : once(source, "close");
        source.destroy();
        stringifier.destroy();
        await closed.catch(() => {});
        await end("cancelled");
      },
    },
    { highWaterMark: 0 },
  );
}

/** A file name with today's Pacific date: "caseload_2026-03-14.csv". */
export function datedFilename(base: string, now = new Date()): string {
  return `${base}_${pacificToday(now)}.csv`;
}

const CSV_DATE_TIME = new Intl.DateTimeFormat("en-CA", {
  timeZone: APP_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** An instant as Pacific wall-clock time a spreadsheet sorts and reads: "2026-03-14 09:30". */
export function csvDateTime(value: Date | null | undefined): string {
  if (!value) return "";
  const parts = Object.fromEntries(CSV_DATE_TIME.formatToParts(value).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** (nosniff and the other security headers come from next.config.ts for every response.) */
export const CSV_HEADERS = {
  "Content-Type": "text/csv; charset=utf-8",
  "Cache-Control": "no-store",
} as const;
