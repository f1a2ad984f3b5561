import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { feeCases, feePayments, jurisdictions } from "../../db/schema/fees";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import { datedFilename, type CsvColumn } from "../exports/csv";
import type { CsvExport } from "../exports/export";
import { keysetAfter, keysetCursorSql, keysetOrder, type SortKey } from "../exports/keyset";
import { loadFeeScope } from "./access";
import { FEE_CASE_STATUS_LABELS } from "./constants";
import { centsAsDecimal } from "./money";
import { feeListWhere, type FeeCaseFilters } from "./queries";
import { FEE_DISPOSITION_LABELS, FEE_OFFENSE_RCW } from "./statute";

// The fee-case list as CSV: the page's rows for the same filter and scope, every page of them.

export const FEE_LIST_ORDER: readonly SortKey[] = [
  { expr: feeCases.dispositionDate, direction: "desc", type: "date" },
  { expr: feeCases.id, direction: "desc", type: "uuid" },
];

type Row = {
  court: string;
  caseNumber: string;
  offense: (typeof feeCases.$inferSelect)["offense"];
  disposition: (typeof feeCases.$inferSelect)["disposition"];
  dispositionDate: string;
  jurisdictionName: string;
  statutoryCents: number;
  assessedCents: number;
  paidCents: number;
  status: (typeof feeCases.$inferSelect)["status"];
};

const COLUMNS: CsvColumn<Row>[] = [
  { header: "Court", value: (r) => r.court },
  { header: "Case number", value: (r) => r.caseNumber },
  { header: "Offense", value: (r) => FEE_OFFENSE_RCW[r.offense] },
  { header: "Disposition", value: (r) => FEE_DISPOSITION_LABELS[r.disposition] },
  { header: "Disposition date", value: (r) => r.dispositionDate },
  { header: "Jurisdiction", value: (r) => r.jurisdictionName },
  { header: "Statutory fee", value: (r) => centsAsDecimal(r.statutoryCents) },
  { header: "Imposed", value: (r) => centsAsDecimal(r.assessedCents) },
  { header: "Paid", value: (r) => centsAsDecimal(r.paidCents) },
  { header: "Status", value: (r) => FEE_CASE_STATUS_LABELS[r.status] },
];

export async function feeCasesExport(me: SessionUser, filters: FeeCaseFilters, db: Db = getDb()): Promise<CsvExport<Row>> {
  assertCan(me, "fees.view");
  const where = feeListWhere(await loadFeeScope(db, me), filters);
  return {
    list: "fee_cases",
    filter: { jurisdictionId: filters.jurisdiction ?? null, status: filters.status ?? null },
    filename: datedFilename("fee-cases"),
    columns: COLUMNS,
    page: async (pageDb, after, limit) => {
      const rows = await pageDb
        .select({
          court: feeCases.court,
          caseNumber: feeCases.caseNumber,
          offense: feeCases.offense,
          disposition: feeCases.disposition,
          dispositionDate: feeCases.dispositionDate,
          jurisdictionName: jurisdictions.name,
          statutoryCents: feeCases.statutoryCents,
          assessedCents: feeCases.assessedCents,
          paid: sql<string>`(select coalesce(sum(${feePayments.cents}), 0) from ${feePayments} where ${feePayments.feeCaseId} = ${feeCases.id})`,
          status: feeCases.status,
          cursor: keysetCursorSql(FEE_LIST_ORDER),
        })
        .from(feeCases)
        .innerJoin(jurisdictions, eq(jurisdictions.id, feeCases.jurisdictionId))
        .where(and(where, keysetAfter(FEE_LIST_ORDER, after)))
        .orderBy(...keysetOrder(FEE_LIST_ORDER))
        .limit(limit);
      return rows.map(({ paid, ...row }) => ({ ...row, paidCents: Number(paid) }));
    },
  };
}
