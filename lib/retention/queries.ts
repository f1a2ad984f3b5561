import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { getDb, queryRows, type Db } from "../../db/client";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { decryptField } from "../crypto/fields";
import { offsetFor, PAGE_SIZE, toPage, type Page } from "../pagination";
import { PURGE_PREVIEW_DAYS } from "./rules";
import { holdReasonContext, purgeDueSql } from "./scope";

/** A row of the program lead's preview: the client code and dates only, never a name or a detail. */
export type DueRecord = {
  survivorId: string;
  clientCode: string;
  status: "active" | "inactive" | "closed";
  /** when the record was closed (null: it is not closed) */
  closedAt: Date | null;
  /** when the purge may remove it (null: not closed, so never) */
  dueAt: Date | null;
  hold: { heldAt: Date; heldByName: string | null; reason: string } | null;
};

type Row = {
  survivor_id: string;
  client_code: string;
  status: DueRecord["status"];
  status_changed_at: Date | string;
  due_at: Date | string | null;
  hold_id: string | null;
  held_at: Date | string | null;
  held_by_name: string | null;
  reason_enc: string | null;
};

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * What the retention purge will remove in the next 30 days, for a program lead of the organization that
 * owns the records: its closed records whose purge date falls by then (or has passed: those on hold
 * stay here), and every record of it on hold, whatever its state, so each hold can be released. Soonest
 * first. De-identified: client codes and dates.
 */
export async function listDueForPurge(me: SessionUser, page: number, db: Db = getDb(), now: Date = new Date()): Promise<Page<DueRecord> & { horizon: Date }> {
  assertCan(me, "retention.view");
  const horizon = new Date(now.getTime() + PURGE_PREVIEW_DAYS * 86_400_000);
  if (!me.organizationId) return { ...toPage([], 0, page), horizon };
  const due = purgeDueSql(sql`s.status_changed_at`, sql`o.record_retention_years`);
  const from: SQL = sql`
    from survivors s
    join organizations o on o.id = s.organization_id
    left join survivor_legal_holds h on h.survivor_id = s.id and h.released_at is null
    left join users u on u.id = h.held_by
    where s.organization_id = ${me.organizationId}
      and ((s.status = 'closed' and ${due} <= ${horizon.toISOString()}::timestamptz) or h.id is not null)`;
  const [rows, [total]] = await Promise.all([
    queryRows<Row>(
      db,
      sql`select s.id as survivor_id, s.client_code, s.status, s.status_changed_at,
                 case when s.status = 'closed' then ${due} end as due_at,
                 h.id as hold_id, h.held_at, h.reason_enc, u.name as held_by_name
          ${from}
          order by due_at asc nulls last, s.client_code, s.id
          limit ${PAGE_SIZE} offset ${offsetFor(page)}`,
    ),
    queryRows<{ n: number }>(db, sql`select count(*)::int as n ${from}`),
  ]);
  const items = rows.map((r): DueRecord => ({
    survivorId: r.survivor_id,
    clientCode: r.client_code,
    status: r.status,
    closedAt: r.status === "closed" ? asDate(r.status_changed_at) : null,
    dueAt: r.due_at ? asDate(r.due_at) : null,
    hold:
      r.hold_id && r.held_at
        ? { heldAt: asDate(r.held_at), heldByName: r.held_by_name, reason: decryptField(r.reason_enc, holdReasonContext(r.hold_id)) ?? "" }
        : null,
  }));
  return { ...toPage(items, Number(total?.n ?? 0), page), horizon };
}
