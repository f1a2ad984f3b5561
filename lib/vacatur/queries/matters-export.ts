import { and } from "drizzle-orm";
import type { SessionUser } from "../../auth/sessions";
import { datedFilename, type CsvColumn } from "../../exports/csv";
import type { CsvExport } from "../../exports/export";
import { keysetAfter } from "../../exports/keyset";
import { MATTER_STATUS_LABELS } from "../constants";
import { DEADLINE_LABELS } from "../deadlines";
import type { MatterFilters } from "../schema";
import { cutMatterRows, matterListOrder, matterListRows, matterListWhere, type MatterListItem } from "./matters";

// The matter list as CSV: the page's rows for the same filter, every page of them, each cut by
// matterAccess exactly as on the page (the courts only for those who see the petition; a prosecutor's
// next date is the next hearing). Nothing a release does not cover is in it, because nothing of the
// survivor is: the client code is the only thing of them in the list.
//
// The order is computed ("next due" is the earliest of each matter's open obligations), so each
// keyset page evaluates it for the matters in scope: pages are larger here to keep them few.

type MatterExportRow = MatterListItem & { survivorId: string };

const COLUMNS: CsvColumn<MatterExportRow>[] = [
  { header: "Client code", value: (m) => m.clientCode },
  { header: "Court", value: (m) => m.courts },
  { header: "Status", value: (m) => MATTER_STATUS_LABELS[m.status] },
  { header: "Suspended (no release)", value: (m) => (m.suspended ? "Yes" : "") },
  { header: "Attorney", value: (m) => m.attorneyName },
  { header: "Legal organization", value: (m) => m.legalOrganizationName },
  { header: "Next due", value: (m) => m.nextDate },
  { header: "Next due for", value: (m) => (m.nextDateKind ? DEADLINE_LABELS[m.nextDateKind] : null) },
  { header: "Past due", value: (m) => (m.pastDue ? "Yes" : "") },
  { header: "Days since activity", value: (m) => m.daysSinceActivity },
  { header: "Stale", value: (m) => (m.stale ? "Yes" : "") },
];

export function mattersExport(me: SessionUser, filters: MatterFilters): CsvExport<MatterExportRow> {
  const now = new Date();
  const where = matterListWhere(me, filters, now);
  const keys = matterListOrder(me);
  return {
    list: "matters",
    filter: { status: filters.status, scope: me.role === "attorney" ? filters.scope : null, stale: filters.stale },
    filename: datedFilename("vacatur-matters"),
    columns: COLUMNS,
    pageSize: 2_500,
    page: async (db, after, limit) => cutMatterRows(db, me, await matterListRows(db, me, and(where, keysetAfter(keys, after))!).limit(limit), now),
    survivorOf: (row) => row.survivorId,
  };
}
