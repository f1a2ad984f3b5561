import { stringify } from "csv-stringify/sync";
import type { FunderReport } from "./funder-report";
import { quarterKey } from "./pmt";

// The funder report as CSV: aggregate rows only (section, item, count), in the order of the printed
// page, with the same section names and labels. csv-stringify quotes what needs quoting and, with
// escape_formulas, keeps a cell starting with = + - @ from running as a formula in a spreadsheet.

export const FUNDER_SECTIONS = {
  individuals: "Individuals served",
  gender: "Gender identity (new individuals)",
  race: "Race/ethnicity (new individuals)",
  age: "Age (new individuals)",
  victimization: "Victimization type (individuals served)",
  services: "Services provided (count)",
  serviceIndividuals: "Individuals receiving the service",
} as const;

export const INDIVIDUAL_LABELS = {
  total: "Total individuals served",
  new: "New (first served this fiscal year)",
  continuing: "Continuing (served earlier this fiscal year)",
  recordElsewhere: "Record held by another organization (demographics counted as not reported)",
} as const;

export type FunderRow = { section: string; item: string; count: number };

export function funderReportRows(report: FunderReport): FunderRow[] {
  const rows: FunderRow[] = [
    { section: FUNDER_SECTIONS.individuals, item: INDIVIDUAL_LABELS.total, count: report.individuals.total },
    { section: FUNDER_SECTIONS.individuals, item: INDIVIDUAL_LABELS.new, count: report.individuals.new },
    { section: FUNDER_SECTIONS.individuals, item: INDIVIDUAL_LABELS.continuing, count: report.individuals.continuing },
    { section: FUNDER_SECTIONS.individuals, item: INDIVIDUAL_LABELS.recordElsewhere, count: report.individuals.recordElsewhere },
  ];
  const add = (section: string, figures: { label: string; count: number }[]) => rows.push(...figures.map((f) => ({ section, item: f.label, count: f.count })));
  add(FUNDER_SECTIONS.gender, report.newDemographics.genderIdentity);
  add(FUNDER_SECTIONS.race, report.newDemographics.raceEthnicity);
  add(FUNDER_SECTIONS.age, report.newDemographics.ageBand);
  add(FUNDER_SECTIONS.victimization, report.victimizationTypes);
  add(FUNDER_SECTIONS.services, report.services.map((s) => ({ label: s.label, count: s.services })));
  add(FUNDER_SECTIONS.serviceIndividuals, report.services.map((s) => ({ label: s.label, count: s.individuals })));
  return rows;
}

export function funderReportCsv(report: FunderReport): string {
  const rows = funderReportRows(report).map((r) => [r.section, r.item, String(r.count)]);
  // A byte-order mark, so spreadsheet programs read the file as UTF-8 ("18–24").
  return stringify(rows, { header: true, columns: ["Section", "Item", "Count"], escape_formulas: true, bom: true, record_delimiter: "windows" });
}

/** "funder-report_FY2026-Q4.csv" */
export function funderReportFilename(report: Pick<FunderReport, "quarter">): string {
  return `funder-report_${quarterKey(report.quarter)}.csv`;
}
