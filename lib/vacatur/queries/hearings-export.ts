import { and } from "drizzle-orm";
import type { SessionUser } from "../../auth/sessions";
import { csvDateTime, datedFilename, type CsvColumn } from "../../exports/csv";
import type { CsvExport } from "../../exports/export";
import { keysetAfter } from "../../exports/keyset";
import { hearingLocation } from "../calendar";
import { HEARING_STATUS_LABELS, MATTER_STATUS_LABELS } from "../constants";
import { HEARING_LIST_ORDER, hearingExportRows, hearingListWhere, type HearingItem, type HearingView } from "./hearings";

// The hearings list as CSV: every hearing of the view its page shows, for the matters whose court
// dates the caller sees (matterAccess see.court, the list's own scope). Like the calendar files, it
// names the client code and the court only.

type HearingExportRow = HearingItem & { survivorId: string };

const COLUMNS: CsvColumn<HearingExportRow>[] = [
  { header: "When (Pacific)", value: (h) => csvDateTime(h.startsAt) },
  { header: "Hearing", value: (h) => HEARING_STATUS_LABELS[h.hearingStatus] },
  { header: "Continued to (Pacific)", value: (h) => csvDateTime(h.continuedToStartsAt) },
  { header: "Client code", value: (h) => h.clientCode },
  { header: "Court and place", value: (h) => hearingLocation(h.court, h.place) },
  { header: "Matter status", value: (h) => MATTER_STATUS_LABELS[h.status] },
];

export function hearingsExport(me: SessionUser, view: HearingView): CsvExport<HearingExportRow> {
  const where = hearingListWhere(me, view);
  const keys = HEARING_LIST_ORDER[view];
  return {
    list: "hearings",
    filter: { view },
    filename: datedFilename(`hearings-${view}`),
    columns: COLUMNS,
    page: (db, after, limit) => hearingExportRows(db, and(where, keysetAfter(keys, after))!, view).limit(limit),
    survivorOf: (row) => row.survivorId,
  };
}
