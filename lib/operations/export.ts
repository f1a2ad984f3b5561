import "server-only";
import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "../../db/client";
import { jurisdictions, operations } from "../../db/schema/fees";
import { organizations } from "../../db/schema/organizations";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { csvDateTime, datedFilename, type CsvColumn } from "../exports/csv";
import type { CsvExport } from "../exports/export";
import { keysetAfter, keysetCursorSql, keysetOrder, type SortKey } from "../exports/keyset";
import { loadFeeScope } from "../fees/access";
import { OPERATION_TYPE_LABELS } from "../fees/constants";
import { operationListWhere, type OperationFilters } from "./queries";

// The operations list as CSV: the page's rows for the same filter and scope, with every count.

export const OPERATION_LIST_ORDER: readonly SortKey[] = [
  { expr: operations.startsAt, direction: "desc", type: "timestamptz" },
  { expr: operations.id, direction: "desc", type: "uuid" },
];

const host = alias(organizations, "host");

type Row = Pick<typeof operations.$inferSelect, "name" | "type" | "startsAt" | "endsAt" | "staffHours" | "calls" | "arrivals" | "arrests" | "vehiclesImpounded" | "peopleContacted" | "kitsGiven" | "referralsToServices"> & {
  agencyName: string;
  jurisdictionName: string;
};

const COLUMNS: CsvColumn<Row>[] = [
  { header: "Operation", value: (r) => r.name },
  { header: "Kind", value: (r) => OPERATION_TYPE_LABELS[r.type] },
  { header: "Hosting agency", value: (r) => r.agencyName },
  { header: "Jurisdiction", value: (r) => r.jurisdictionName },
  { header: "Started (Pacific)", value: (r) => csvDateTime(r.startsAt) },
  { header: "Ended (Pacific)", value: (r) => csvDateTime(r.endsAt) },
  { header: "Hours", value: (r) => ((r.endsAt.getTime() - r.startsAt.getTime()) / 3_600_000).toFixed(1) },
  { header: "Officer hours", value: (r) => r.staffHours },
  { header: "Calls or contacts", value: (r) => r.calls },
  { header: "Arrived", value: (r) => r.arrivals },
  { header: "Arrests", value: (r) => r.arrests },
  { header: "Vehicles impounded", value: (r) => r.vehiclesImpounded },
  { header: "People in the life contacted", value: (r) => r.peopleContacted },
  { header: "Outreach kits", value: (r) => r.kitsGiven },
  { header: "Referrals to services", value: (r) => r.referralsToServices },
];

export async function operationsExport(me: SessionUser, filters: OperationFilters, db: Db = getDb()): Promise<CsvExport<Row>> {
  assertCan(me, "operations.view");
  const where = operationListWhere(await loadFeeScope(db, me), filters);
  return {
    list: "operations",
    filter: { agencyId: filters.agency ?? null, jurisdictionId: filters.jurisdiction ?? null },
    filename: datedFilename("operations"),
    columns: COLUMNS,
    page: (pageDb, after, limit) =>
      pageDb
        .select({
          name: operations.name,
          type: operations.type,
          startsAt: operations.startsAt,
          endsAt: operations.endsAt,
          staffHours: operations.staffHours,
          calls: operations.calls,
          arrivals: operations.arrivals,
          arrests: operations.arrests,
          vehiclesImpounded: operations.vehiclesImpounded,
          peopleContacted: operations.peopleContacted,
          kitsGiven: operations.kitsGiven,
          referralsToServices: operations.referralsToServices,
          agencyName: host.name,
          jurisdictionName: jurisdictions.name,
          cursor: keysetCursorSql(OPERATION_LIST_ORDER),
        })
        .from(operations)
        .innerJoin(jurisdictions, eq(jurisdictions.id, operations.jurisdictionId))
        .innerJoin(host, eq(host.id, operations.agencyId))
        .where(and(where, keysetAfter(OPERATION_LIST_ORDER, after)))
        .orderBy(...keysetOrder(OPERATION_LIST_ORDER))
        .limit(limit),
  };
}
