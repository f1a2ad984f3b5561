import { and, eq } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import { survivors } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import { proBonoHours, vacaturMatters } from "../../db/schema/vacatur";
import { assertCan } from "../auth/policy";
import type { SessionUser } from "../auth/sessions";
import type { CsvColumn } from "../exports/csv";
import type { CsvExport } from "../exports/export";
import { keysetAfter, keysetCursorSql, keysetOrder, type SortKey } from "../exports/keyset";
import { HOUR_ACTIVITY_LABELS, type HourActivity } from "./constants";
import { centsAsDollars, formatHours, hoursValueCents } from "./hours";
import { getHourlyRate, hoursInScope, hoursScopeOf, type HoursPeriod } from "./queries/hours";

// The hours CSV for bar and funder reports: one row per current entry of hoursScopeOf(me) in the
// period (the one scope of the hours page), valued at the organization's rate, and a total row. It
// names the matter by client code only. Streamed and audited like every list's export (lib/exports).

type HoursRow = { workedOn: string; attorneyName: string; clientCode: string; activity: HourActivity; hundredths: number; valueCents: number; survivorId: string };

const ORDER: SortKey[] = [
  { expr: proBonoHours.workedOn, direction: "asc", type: "date" },
  { expr: users.name, direction: "asc", type: "text" },
  { expr: proBonoHours.createdAt, direction: "asc", type: "timestamptz" },
  { expr: proBonoHours.id, direction: "asc", type: "uuid" },
];

/** The download's file name, with its period: "pro-bono-hours_2026-01-01_to_2026-03-31.csv". */
export function hoursCsvFilename(range: HoursPeriod): string {
  if (!range.from && !range.to) return "pro-bono-hours_all-time.csv";
  return `pro-bono-hours_${range.from ?? "start"}_to_${range.to ?? "latest"}.csv`;
}

export async function hoursExport(me: SessionUser, range: HoursPeriod, db: Db = getDb()): Promise<CsvExport<HoursRow>> {
  assertCan(me, "matters.hours");
  const rate = await getHourlyRate(db, me.organizationId);
  const where = hoursInScope(me, range);
  const total = { hundredths: 0, valueCents: 0 };
  const columns: CsvColumn<HoursRow>[] = [
    { header: "Date", value: (e) => e.workedOn },
    { header: "Attorney", value: (e) => e.attorneyName },
    { header: "Matter (client code)", value: (e) => e.clientCode },
    { header: "Activity", value: (e) => HOUR_ACTIVITY_LABELS[e.activity] },
    { header: "Hours", value: (e) => formatHours(e.hundredths) },
    { header: `Value at $${centsAsDollars(rate.cents)}/hour`, value: (e) => centsAsDollars(e.valueCents) },
  ];
  return {
    list: "hours",
    // The report's parameters, not case data: whose hours, which period.
    filter: { scope: hoursScopeOf(me), from: range.from, to: range.to },
    filename: hoursCsvFilename(range),
    columns,
    page: async (pageDb, after, limit) => {
      const rows = await pageDb
        .select({
          workedOn: proBonoHours.workedOn,
          attorneyName: users.name,
          clientCode: survivors.clientCode,
          activity: proBonoHours.activity,
          hundredths: proBonoHours.hundredths,
          survivorId: survivors.id,
          cursor: keysetCursorSql(ORDER),
        })
        .from(proBonoHours)
        .innerJoin(users, eq(users.id, proBonoHours.attorneyId))
        .innerJoin(vacaturMatters, eq(vacaturMatters.id, proBonoHours.matterId))
        .innerJoin(survivors, eq(survivors.id, vacaturMatters.survivorId))
        .where(and(where, keysetAfter(ORDER, after)))
        .orderBy(...keysetOrder(ORDER))
        .limit(limit);
      return rows.map((r) => {
        const valueCents = hoursValueCents(r.hundredths, rate.cents);
        // The total adds the values as shown, so the column adds up to it.
        total.hundredths += r.hundredths;
        total.valueCents += valueCents;
        return { ...r, valueCents };
      });
    },
    survivorOf: (row) => row.survivorId,
    trailer: () => [["Total", "", "", "", formatHours(total.hundredths), centsAsDollars(total.valueCents)]],
  };
}
