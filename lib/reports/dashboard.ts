import "server-only";
import { stringify } from "csv-stringify/sync";
import { sql } from "drizzle-orm";
import { getDb, reportDbFor, type Db } from "../../db/client";
import { auditActor, recordAudit } from "../audit/record";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { AppError } from "../errors";
import { pacificToday } from "../format";
import type { RequestMeta } from "../request-meta";
import { reportOrganizations as o } from "./columns";
import { reportContext, rowsOf, type ReportContext } from "./context";
import { cachedDashboard } from "./dashboard-cache";
import { referralTables } from "./referrals";
import type { DashboardFilters } from "./schema";
import { serviceTables } from "./service";
import { suppressionThreshold } from "./suppression";
import type { ReportTable } from "./tables";
import { vacaturTables } from "./vacatur";

// The program lead's dashboard: aggregates only, for their organization or the whole partnership,
// every figure that crosses organizations suppressed (lib/reports/suppression.ts). The page and each
// chart's CSV come from the same functions, so a download holds exactly what the page shows.
// Their reads go to the read replica when there is one (DATABASE_REPLICA_URL, db/client.ts reportDbFor):
// a dashboard may trail the latest writes by the replica's lag, which is fine for period figures. The
// audit of a download is a write and stays on the primary.
// The finished figures are kept a few minutes per reader's organization and filters
// (lib/reports/dashboard-cache.ts): the page says when they were counted, and its CSVs read the same
// entry. Who may read them is checked, and a download audited, on every request.

export const SECTIONS = {
  service: { title: "Survivors served", tables: ["service-summary", "caseload", "intakes-by-month", "intake-source", "gender-identity", "race-ethnicity", "age-band", "victimization"] },
  referrals: { title: "Referrals", tables: ["referrals-summary", "referrals-by-status", "referrals-by-service", "referrals-by-partner", "decline-reasons"] },
  vacatur: { title: "Vacatur", tables: ["vacatur-summary", "matters-by-stage", "attorney-load", "pro-bono-hours"] },
} as const;
export type SectionId = keyof typeof SECTIONS;

/** What applies to an organization, its own work first: a legal organization's lead sees vacatur first. */
export function sectionsFor(organizationType: string): SectionId[] {
  if (organizationType === "legal_aid") return ["vacatur", "referrals"];
  if (organizationType === "prosecutor_office") return ["vacatur"];
  return ["service", "referrals", "vacatur"];
}

export type DashboardSection = { id: SectionId; title: string; tables: ReportTable[] };
export type Dashboard = {
  organizationName: string;
  sections: DashboardSection[];
  threshold: number;
  /** when the figures were counted: they are kept a few minutes, and the page says how old they are */
  asOf: Date;
};

type Reader = { organizationId: string; organizationType: string; organizationName: string };

/** The reader's organization, when they may read reports: checked on every request, before any kept figure. */
function readerOrganizationOf(me: SessionUser): string {
  assertCan(me, "reports.view");
  if (!me.organizationId) throw new AppError("forbidden");
  return me.organizationId;
}

async function readerOf(organizationId: string, db: Db): Promise<{ reader: Reader; names: Map<string, string> }> {
  const organizations = await rowsOf<{ id: string; name: string; type: string }>(db, sql`select ${o.id}::text as id, ${o.name} as name, ${o.type}::text as type from ${o}`);
  const mine = organizations.find((org) => org.id === organizationId);
  if (!mine) throw new AppError("forbidden");
  return { reader: { organizationId: mine.id, organizationType: mine.type, organizationName: mine.name }, names: new Map(organizations.map((org) => [org.id, org.name])) };
}

function sectionTables(id: SectionId, ctx: ReportContext, names: Map<string, string>): Promise<ReportTable[]> {
  if (id === "service") return serviceTables(ctx);
  if (id === "referrals") return referralTables(ctx, names);
  return vacaturTables(ctx, names);
}

/** Every section's figures, counted now; the threshold applies inside each section (one suppression path). */
async function computeDashboard(organizationId: string, filters: DashboardFilters, db: Db, today: string, now: Date, threshold: number): Promise<Dashboard> {
  const reads = reportDbFor(db);
  const { reader, names } = await readerOf(organizationId, reads);
  const ctx = reportContext(reads, reader, filters, today, now, threshold);
  const ids = sectionsFor(reader.organizationType);
  const tables = await Promise.all(ids.map((id) => sectionTables(id, ctx, names)));
  return { organizationName: reader.organizationName, threshold, asOf: now, sections: ids.map((id, i) => ({ id, title: SECTIONS[id].title, tables: tables[i]! })) };
}

/**
 * The dashboard for a program lead (reports.view), for these filters: counted at most a few minutes
 * ago (`asOf`), for the reader's own organization's key only. Treat it as read-only: it is shared by
 * every reader of that key until it expires.
 */
export async function getDashboard(me: SessionUser, filters: DashboardFilters, db: Db = getDb(), now: Date = new Date()): Promise<Dashboard> {
  const organizationId = readerOrganizationOf(me);
  const threshold = suppressionThreshold();
  const today = pacificToday(now);
  const key = { organizationId, role: me.role, scope: filters.scope, from: filters.period.from, to: filters.period.to, county: filters.county, threshold, today };
  return cachedDashboard(db, key, () => computeDashboard(organizationId, filters, db, today, now, threshold));
}

/** A table as CSV: its header, its rows and its total, each cell exactly as the page shows it. */
export function tableCsv(table: ReportTable): string {
  const rows = [...table.rows, ...(table.total ? [table.total] : [])].map((r) => [r.label, ...r.cells.map((c) => c.text)]);
  // escape_formulas: a label typed as a formula (an organization's name) is shown as text, never run.
  return stringify(rows, { header: true, columns: [table.rowHeader, ...table.columns], escape_formulas: true, bom: true, record_delimiter: "windows" });
}

export function tableCsvFilename(table: Pick<ReportTable, "id">, filters: DashboardFilters): string {
  const county = filters.county ? `_${filters.county.toLowerCase().replace(/\s+/g, "-")}-county` : "";
  return `clearway-dashboard_${table.id}_${filters.period.from}_to_${filters.period.to}_${filters.scope}${county}.csv`;
}

/**
 * One chart's table as CSV, from the same kept dashboard the page shows (same figures, same
 * suppression, same moment). Not found when the table is not one the reader's dashboard shows. Audited
 * on every download, kept figures or not.
 */
export async function getDashboardCsv(
  me: SessionUser,
  filters: DashboardFilters,
  tableId: string,
  meta: RequestMeta | null,
  db: Db = getDb(),
  now: Date = new Date(),
): Promise<{ filename: string; csv: string }> {
  const organizationId = readerOrganizationOf(me);
  // A name no dashboard has is not found without counting anything.
  if (!Object.values(SECTIONS).some((section) => (section.tables as readonly string[]).includes(tableId))) throw new AppError("not_found");
  const dashboard = await getDashboard(me, filters, db, now);
  const table = dashboard.sections.flatMap((section) => section.tables).find((t) => t.id === tableId);
  if (!table) throw new AppError("not_found");
  // On the primary: an audit event is a write, and a replica refuses writes.
  await recordAudit(db, {
    actor: auditActor(me),
    action: "report.dashboard_downloaded",
    target: { type: "organization", id: organizationId },
    meta,
    // The report's parameters, never a figure: which table, which period, whose, which county.
    details: { table: table.id, from: filters.period.from, to: filters.period.to, scope: filters.scope, county: filters.county },
  });
  return { filename: tableCsvFilename(table, filters), csv: tableCsv(table) };
}
