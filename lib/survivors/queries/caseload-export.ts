import { getDb, type Db } from "../../../db/client";
import type { SessionUser } from "../../auth/sessions";
import type { ExportFilter } from "../../exports/audit";
import { datedFilename, type CsvColumn } from "../../exports/csv";
import type { CsvExport } from "../../exports/export";
import { keysetAfter } from "../../exports/keyset";
import { pacificToday } from "../../format";
import { and } from "drizzle-orm";
import { SURVIVOR_STATUS_LABELS } from "../constants";
import type { SurvivorFilters } from "../schema";
import { cutSurvivorRows, SURVIVOR_LIST_ORDER, survivorListRows, survivorListWhere, type SurvivorListItem, type SurvivorListScope } from "./caseload";

// The survivor list as CSV: the rows of its page for the same filter, every page of them, with the
// columns the page shows for that scope. Identity fields held encrypted (legal name, date of birth,
// contact details) are never in it: the list does not show them either. Released records carry a
// name only where a release to the caller's organization covers identity, exactly like the page.

const NOT_RELEASED = "Not released";

const MANAGED_COLUMNS: CsvColumn<SurvivorListItem>[] = [
  { header: "Client code", value: (r) => r.clientCode },
  { header: "Preferred name", value: (r) => r.preferredName },
  { header: "Pronouns", value: (r) => r.pronouns },
  { header: "Status", value: (r) => SURVIVOR_STATUS_LABELS[r.status] },
  { header: "Advocate", value: (r) => r.advocateName },
  { header: "County", value: (r) => r.county },
  { header: "Intake date", value: (r) => r.intakeDate },
];

const RELEASED_COLUMNS: CsvColumn<SurvivorListItem>[] = [
  { header: "Client code", value: (r) => r.clientCode },
  { header: "Preferred name", value: (r) => r.preferredName ?? NOT_RELEASED },
  { header: "Pronouns", value: (r) => r.pronouns },
  { header: "Organization", value: (r) => r.organizationName },
];

/** What the audit keeps of the filter: choices and ids; a search only as "there was one" (it may be a name). */
function auditedFilter(filters: SurvivorFilters, scope: SurvivorListScope): ExportFilter {
  return { scope, status: filters.status, county: filters.county ?? null, advocateId: filters.advocateId ?? null, sort: filters.sort, search: Boolean(filters.q) };
}

export async function caseloadExport(me: SessionUser, filters: SurvivorFilters, scope: SurvivorListScope, db: Db = getDb()): Promise<CsvExport<SurvivorListItem>> {
  const today = pacificToday();
  const where = await survivorListWhere(me, filters, scope, today, db);
  const keys = SURVIVOR_LIST_ORDER[filters.sort];
  return {
    list: "caseload",
    filter: auditedFilter(filters, scope),
    filename: datedFilename(scope === "managed" ? "caseload" : "survivors-shared-with-us"),
    columns: scope === "managed" ? MANAGED_COLUMNS : RELEASED_COLUMNS,
    page: async (pageDb, after, limit) => {
      if (!where) return [];
      const rows = await survivorListRows(pageDb, and(where, keysetAfter(keys, after))!, filters.sort).limit(limit);
      return cutSurvivorRows(pageDb, me, rows, scope, today);
    },
    survivorOf: (row) => row.id,
  };
}
