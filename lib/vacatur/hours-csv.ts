import { stringify } from "csv-stringify/sync";
import { HOUR_ACTIVITY_LABELS } from "./constants";
import { centsAsDollars, formatHours } from "./hours";
import type { HoursLedger } from "./queries/hours";

// The hours CSV for bar and funder reports: one row per current entry and a total row. It names the
// matter by client code only. csv-stringify quotes what needs quoting and, with escape_formulas, puts
// a ' before a cell that starts with = + - @ (or a tab or carriage return), so a name typed as a
// formula is shown as text, never run, when the file is opened in a spreadsheet.

export function hoursCsv(ledger: HoursLedger): string {
  const value = `Value at $${centsAsDollars(ledger.rateCents)}/hour`;
  const rows = ledger.entries.map((e) => [e.workedOn, e.attorneyName, e.clientCode, HOUR_ACTIVITY_LABELS[e.activity], formatHours(e.hundredths), centsAsDollars(e.valueCents)]);
  rows.push(["Total", "", "", "", formatHours(ledger.totalHundredths), centsAsDollars(ledger.totalValueCents)]);
  // A byte-order mark, so spreadsheet programs read names such as "Łukasz Nguyễn" as UTF-8.
  return stringify(rows, { header: true, columns: ["Date", "Attorney", "Matter (client code)", "Activity", "Hours", value], escape_formulas: true, bom: true, record_delimiter: "windows" });
}

/** The download's file name, with its period: "pro-bono-hours_2026-01-01_to_2026-03-31.csv". */
export function hoursCsvFilename(ledger: Pick<HoursLedger, "from" | "to">): string {
  if (!ledger.from && !ledger.to) return "pro-bono-hours_all-time.csv";
  return `pro-bono-hours_${ledger.from ?? "start"}_to_${ledger.to ?? "latest"}.csv`;
}
