import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEventSurvivors } from "../../db/schema/audit";
import { auditActor, recordAudit, type AuditActor } from "../audit/record";
import type { RequestMeta } from "../request-meta";

// What an export leaves in the audit trail: one "export.started" event (the list and the filter) before
// its first row is read, so a file cut short by a crash or a restart is still on record; and one
// "export.downloaded" event when its stream ends (the
// list, the filter, how many rows were sent and whether the file was complete), and one row in
// audit_event_survivors per survivor it included, so the export shows on each one's Access tab.
// Both are written in one transaction after the last row, never across the stream (on PGlite a
// transaction held while a slow client reads would stop every other request).

export const EXPORT_LISTS = ["caseload", "referrals", "matters", "hearings", "hours", "users", "audit", "fee_cases", "operations"] as const;
export type ExportList = (typeof EXPORT_LISTS)[number];

/** What the audit keeps of a filter: choices, dates and ids. Free text (a search) is recorded as `search: true`, never its words. */
export type ExportFilter = Record<string, string | number | boolean | null>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The survivors an export included, 16 bytes each (100,000 survivors: 1.6 MB), in the order first
 * seen. Repeats (a survivor with several hearings) are kept out when they follow each other and by the
 * table's primary key otherwise.
 */
export class SurvivorIdList {
  private bytes = new Uint8Array(16 * 1024);
  private count = 0;
  private last: string | null = null;

  add(id: string): void {
    if (id === this.last) return;
    if (!UUID.test(id)) throw new Error("not a survivor id");
    if ((this.count + 1) * 16 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes.set(Buffer.from(id.replace(/-/g, ""), "hex"), this.count * 16);
    this.count += 1;
    this.last = id;
  }

  get size(): number {
    return this.count;
  }

  /** The ids in slices of `size`, as the text of a Postgres uuid[] literal. */
  *slices(size: number): Generator<string> {
    for (let start = 0; start < this.count; start += size) {
      const ids: string[] = [];
      for (let i = start; i < Math.min(start + size, this.count); i += 1) {
        const hex = Buffer.from(this.bytes.subarray(i * 16, i * 16 + 16)).toString("hex");
        ids.push(`${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`);
      }
      yield `{${ids.join(",")}}`;
    }
  }
}

/** Survivor links per INSERT: one array parameter each (about 370 kB of text), far below any limit. */
const LINKS_PER_STATEMENT = 10_000;

export type ExportRecord = {
  actor: AuditActor;
  meta: RequestMeta | null;
  list: ExportList;
  filter: ExportFilter;
  rows: number;
  /** false when the client went away or the database failed before the last row */
  complete: boolean;
  survivors: SurvivorIdList;
  /** the export.started event this completes */
  startedEventId: number | null;
};

/** The export's first record, before any row is read: who asked for which list with which filter. */
export async function recordExportStart(db: Db, record: Pick<ExportRecord, "actor" | "meta" | "list" | "filter">): Promise<number> {
  return recordAudit(db, {
    actor: auditActor(record.actor),
    action: "export.started",
    target: record.actor.organizationId ? { type: "organization", id: record.actor.organizationId } : null,
    meta: record.meta,
    details: { list: record.list, filter: record.filter },
  });
}

/** Writes the export's audit event and its survivor links in one transaction; returns the event id. */
export async function recordExport(db: Db, record: ExportRecord): Promise<number> {
  return db.transaction(async (tx) => {
    const eventId = await recordAudit(tx, {
      actor: auditActor(record.actor),
      action: "export.downloaded",
      // The exporting organization, not a case record: the details are the list's parameters.
      target: record.actor.organizationId ? { type: "organization", id: record.actor.organizationId } : null,
      meta: record.meta,
      details: { list: record.list, filter: record.filter, rows: record.rows, complete: record.complete, survivors: record.survivors.size, startedEventId: record.startedEventId },
    });
    for (const slice of record.survivors.slices(LINKS_PER_STATEMENT)) {
      await tx.execute(sql`insert into ${auditEventSurvivors} (audit_event_id, survivor_id)
        select ${eventId}::bigint, s from unnest(${slice}::uuid[]) as s
        on conflict do nothing`);
    }
    return eventId;
  });
}
