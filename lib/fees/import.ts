import { CsvError, parse } from "csv-parse/sync";
import { stripInvisible } from "../form-fields";
import { formatCalendarDate } from "../format";
import { parseDollars } from "./money";
import { createFeeCaseSchema, recordPaymentSchema } from "./schema";
import { checkAssessment, FEE_DISPOSITION_LABELS, FEE_DISPOSITIONS, FEE_OFFENSE_LABELS, FEE_OFFENSE_RCW, FEE_OFFENSES, type FeeDisposition, type FeeOffense } from "./statute";

// Fee cases and payments from a court clerk's receivable report (CSV), checked before anything is
// written: one row per line of the report, each naming a case and perhaps one payment. Pure — the
// server command writes what passes, and a row is imported only when its `errors` are empty. Cells are
// only ever read as text: a cell starting with = + - @ is not a formula here.

export { IMPORT_FIELDS, type ImportFieldKey, type ImportMapping } from "./import-fields";
import { IMPORT_FIELDS, type ImportFieldKey, type ImportMapping } from "./import-fields";
/** What the caller may import into: the jurisdictions it may record in, the law-enforcement agencies. */
export type ImportContext = { jurisdictions: { id: string; name: string }[]; agencies: { id: string; name: string }[] };
export type ParsedCsv = { headers: string[]; rows: string[][]; /** each row's first line in the file; the header is line 1 */ lines: number[] };

export type ImportFeeCase = {
  jurisdictionId: string;
  court: string;
  caseNumber: string;
  offense: FeeOffense;
  disposition: FeeDisposition;
  dispositionDate: string;
  priors: number;
  assessedCents: number;
  notImposed: boolean;
  inabilityToPayFinding: boolean;
  arrestingAgencyId: string | null;
};
export type ImportPayment = { receivedOn: string; cents: number; reference: string };
export type ImportRow = {
  line: number;
  /** lower(court) | upper(caseNumber), as fee_cases_court_case_key compares them; "" when either is not valid */
  caseKey: string;
  /** the case as all its rows state it; null when any row of the case has a problem with it */
  feeCase: ImportFeeCase | null;
  /** null when the row has no payment or its payment has a problem */
  payment: ImportPayment | null;
  errors: { field: ImportFieldKey | "row"; message: string }[];
};

export const MAX_IMPORT_ROWS = 5_000;
// Under the 1 MB a server action accepts (Next.js serverActions.bodySizeLimit, left at its default):
// 5,000 rows of a clerk's report take about 600 KB.
export const MAX_IMPORT_BYTES = 900 * 1024;

const LABELS = Object.fromEntries(IMPORT_FIELDS.map((field) => [field.key, field.label])) as Record<ImportFieldKey, string>;
const PAYMENT_FIELDS = ["paymentDate", "paymentAmount", "paymentReceipt"] as const;

/** A value quoted in a message, cut short: a message names the problem, it does not repeat the cell. */
function quoted(value: string): string {
  return `“${value.length > 30 ? `${value.slice(0, 29)}…` : value}”`;
}

const cleanCell = (cell: string) => stripInvisible(cell).trim();

// ---------------------------------------------------------------------------------------------
// The file

function csvErrorMessage(error: unknown): string {
  const line = error instanceof CsvError && typeof error.lines === "number" ? error.lines : null;
  const where = line === null ? "The file" : `Line ${line}`;
  if (error instanceof CsvError && error.code === "CSV_QUOTE_NOT_CLOSED") return `${where} opens a quoted value that is never closed. Save the report from the spreadsheet as CSV again.`;
  if (error instanceof CsvError && (error.code === "INVALID_OPENING_QUOTE" || error.code === "CSV_INVALID_CLOSING_QUOTE")) {
    return `${where} has a quotation mark inside a value. Save the report from the spreadsheet as CSV again, which quotes such values properly.`;
  }
  return `${where} could not be read as CSV. Save the report as CSV (comma-separated values) and try again.`;
}

/** Reads the file: the first line is the headers; empty lines (and lines of empty cells) are skipped. */
export function parseCsv(text: string): ParsedCsv | { error: string } {
  // Bytes are at least as many as UTF-16 units, so the cheap test can only refuse correctly.
  if (text.length > MAX_IMPORT_BYTES || new TextEncoder().encode(text).length > MAX_IMPORT_BYTES) {
    return { error: "The file is larger than 900 KB. Split the report into smaller files and import each." };
  }
  // One kind of line break, so csv-parse's line count (which a CR LF inside quotes throws off) is the file's.
  const normalized = text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n");
  if (!normalized.trim()) return { error: "The file is empty." };
  if (normalized.includes("\u0000")) return { error: "This is not a CSV file. Save the clerk's report as CSV (comma-separated values) and import that." };
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(normalized, { trim: true, skip_empty_lines: true, relax_column_count: true, info: true }) as unknown as typeof records;
  } catch (error) {
    return { error: csvErrorMessage(error) };
  }
  const [head, ...body] = records;
  if (!head) return { error: "The file is empty." };
  const headers = head.record.map(cleanCell);
  if (headers.length === 1 && /[;\t|]/.test(headers[0]!)) return { error: "The columns are not separated by commas. Save the report as CSV (comma-separated values)." };
  const blank = headers.findIndex((header) => !header);
  if (blank >= 0) return { error: `Column ${blank + 1} of the heading line is blank. Give every column a heading, or delete the empty column.` };
  const seen = new Set<string>();
  for (const header of headers) {
    if (seen.has(header.toLowerCase())) return { error: `Two columns are headed ${quoted(header)}. Give each column its own heading.` };
    seen.add(header.toLowerCase());
  }

  const rows: string[][] = [];
  const lines: number[] = [];
  for (const { record, info } of body) {
    const cells = record.map(cleanCell);
    if (cells.every((cell) => !cell)) continue;
    // info.lines is the line the record ends on; a quoted value may span lines.
    const line = info.lines - record.join("").split("\n").length + 1;
    if (cells.length !== headers.length) return { error: `Line ${line} has ${cells.length} columns, but the heading line has ${headers.length}. Check that line for a missing or extra comma.` };
    rows.push(cells);
    lines.push(line);
  }
  if (!rows.length) return { error: "The file has a heading line but no rows under it." };
  if (rows.length > MAX_IMPORT_ROWS) {
    return { error: `The file has ${rows.length.toLocaleString("en-US")} rows; import at most ${MAX_IMPORT_ROWS.toLocaleString("en-US")} at a time. Split the report into smaller files.` };
  }
  return { headers, rows, lines };
}

// ---------------------------------------------------------------------------------------------
// Which column is which

// What clerks' reports call each field, compared without case, spaces or punctuation ("#" reads as "no").
// No name belongs to two fields, and the most specific name comes first.
const HEADER_NAMES: Record<ImportFieldKey, readonly string[]> = {
  court: ["court", "court name", "court of record"],
  caseNumber: ["case number", "case no", "cause number", "cause no", "case num", "case nbr", "case id", "docket number", "case"],
  jurisdiction: ["jurisdiction", "offense jurisdiction", "offense location", "city", "municipality", "location"],
  offense: ["offense", "charge", "rcw", "statute", "offense description", "charge description", "violation"],
  disposition: ["disposition", "disposition type", "dispo", "disposition code"],
  dispositionDate: ["disposition date", "judgment date", "sentence date", "sentencing date", "dispo date", "date of disposition"],
  priors: ["priors", "prior", "prior offenses", "prior convictions", "number of priors", "prior count"],
  assessed: ["assessed", "fee assessed", "amount assessed", "assessed amount", "imposed", "fee imposed", "amount imposed", "fee amount", "fee"],
  inabilityToPayFinding: ["inability to pay", "itp finding", "itp", "inability to pay finding", "indigent", "indigency finding", "unable to pay"],
  arrestingAgency: ["arresting agency", "agency", "arrest agency", "law enforcement agency", "police agency"],
  paymentDate: ["payment date", "receipt date", "date paid", "paid date", "date received", "received date", "received on", "pay date"],
  paymentAmount: ["payment amount", "amount paid", "paid", "paid amount", "payment", "amount received", "receipt amount"],
  paymentReceipt: ["receipt number", "receipt no", "receipt", "receipt num", "receipt nbr", "receipt id", "transaction number", "transaction no", "transaction id"],
};

const headerKey = (header: string) =>
  stripInvisible(header)
    .toLowerCase()
    .replaceAll("#", " no ")
    .replace(/[^a-z0-9]+/g, "");

/** A first guess at the mapping from the file's headers; a person confirms it. */
export function suggestMapping(headers: string[]): ImportMapping {
  const mapping: ImportMapping = {};
  const used = new Set<string>();
  for (const { key } of IMPORT_FIELDS) {
    for (const name of HEADER_NAMES[key]) {
      const header = headers.find((h) => !used.has(h) && headerKey(h) === headerKey(name));
      if (header === undefined) continue;
      mapping[key] = header;
      used.add(header);
      break;
    }
  }
  return mapping;
}

/** Field key → what is wrong with its choice of column; empty when the mapping can be imported with. */
export function checkMapping(mapping: ImportMapping, headers: string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const paymentMapped = PAYMENT_FIELDS.some((key) => mapping[key]);
  const usedBy = new Map<string, ImportFieldKey>();
  for (const { key, label, required } of IMPORT_FIELDS) {
    const header = mapping[key];
    if (!header) {
      if (required) errors[key] = `Choose the column that holds the ${label.toLowerCase()}.`;
      else if (paymentMapped && (PAYMENT_FIELDS as readonly string[]).includes(key)) {
        errors[key] = `Choose the column that holds the ${label.toLowerCase()}: a payment is imported only with its date, amount and receipt number.`;
      }
      continue;
    }
    const other = usedBy.get(header);
    if (!headers.includes(header)) errors[key] = `The file has no column headed ${quoted(header)}.`;
    else if (other) errors[key] = `The column ${quoted(header)} is already chosen for ${LABELS[other]}. Choose a different column.`;
    else usedBy.set(header, key);
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Cells

type Parsed<T> = { value: T } | { error: string };

function firstIssue(result: { success: true; data: string } | { success: false; error: { issues: { message: string }[] } }): Parsed<string> {
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message ?? "This value is not valid." };
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const US_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/;
// A spreadsheet may add a time to a date cell ("3/14/2025 0:00"); the calendar day is what counts.
const TIME_SUFFIX = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[AP]M)?$/i;

/** M/D/YYYY or YYYY-MM-DD, a real day from June 7, 2012 (the fee's current form) to today in Pacific time. */
function parseDate(text: string, check: { safeParse(value: string): Parameters<typeof firstIssue>[0] }): Parsed<string> {
  const day = text.replace(TIME_SUFFIX, "").trim();
  const us = US_DATE.exec(day);
  const iso = ISO_DATE.exec(day);
  if (us?.[3]?.length === 2) return { error: `Write the year with four digits, like ${us[1]}/${us[2]}/20${us[3]}.` };
  const [year, month, date] = us ? [us[3]!, us[1]!, us[2]!] : iso ? [iso[1]!, iso[2]!, iso[3]!] : [];
  if (!year || !month || !date) return { error: "Write the date as M/D/YYYY or YYYY-MM-DD." };
  return firstIssue(check.safeParse(`${year}-${month.padStart(2, "0")}-${date.padStart(2, "0")}`));
}

const words = (text: string) => text.toLowerCase().replace(/[_\-–]+/g, " ").replace(/\s+/g, " ").trim();

function parseOffense(text: string): Parsed<FeeOffense> {
  const said = words(text);
  // "RCW 9A.88.110", "9a.88.110", "9A.88.110(1)": the section is enough.
  const section = text.toLowerCase().replace(/^rcw\s*/, "").replace(/(\([0-9a-z]+\))+$/, "").trim();
  const offense = FEE_OFFENSES.find((o) => said === words(o) || said === words(FEE_OFFENSE_LABELS[o]) || section === FEE_OFFENSE_RCW[o].toLowerCase().replace("rcw ", ""));
  if (offense) return { value: offense };
  return { error: `${quoted(text)} is not an offense that carries the fee. Write its RCW section, like 9A.88.110, or its name, like Patronizing a prostitute.` };
}

const DISPOSITION_WORDS = new Map<string, FeeDisposition>([
  ...FEE_DISPOSITIONS.flatMap((d) => [[words(d), d] as const, [words(FEE_DISPOSITION_LABELS[d]), d] as const]),
  ...(["convicted", "guilty", "found guilty", "guilty plea", "plea of guilty", "pled guilty", "pleaded guilty"] as const).map((w) => [w, "conviction"] as const),
  ...(["deferred sentencing"] as const).map((w) => [w, "deferred_sentence"] as const),
  ...(["diversion agreement", "pretrial diversion", "pre trial diversion"] as const).map((w) => [w, "diversion"] as const),
]);

function parseDisposition(text: string): Parsed<FeeDisposition> {
  const disposition = DISPOSITION_WORDS.get(words(text));
  if (disposition) return { value: disposition };
  if (words(text) === "deferred") return { error: "“Deferred” could be a deferred sentence or a deferred prosecution. Write which." };
  return { error: `${quoted(text)} is not a disposition that carries the fee. Write conviction, deferred sentence, deferred prosecution or diversion.` };
}

function parsePriors(text: string): Parsed<number> {
  if (!/^\d+$/.test(text)) return { error: "Write the number of priors as a whole number, like 0, 1 or 2." };
  const result = createFeeCaseSchema.shape.priors.safeParse(text);
  return result.success ? { value: result.data } : { error: result.error.issues[0]?.message ?? "Enter at most 50 priors." };
}

/** Cents, or "not imposed" for 0, "none" or "not imposed": the judgment left the fee out. */
function parseAssessed(text: string): Parsed<number | "not imposed"> {
  if (["none", "not imposed"].includes(words(text))) return { value: "not imposed" };
  if (/^[-(]/.test(text)) return { error: "The fee assessed cannot be negative." };
  const cents = parseDollars(text);
  if (cents === null) return { error: "Write the fee in dollars, like 1500 or 833.33, or “not imposed” if the judgment left it out." };
  return { value: cents === 0 ? "not imposed" : cents };
}

function parseFinding(text: string): Parsed<boolean> {
  const said = text.toLowerCase();
  if (["y", "yes", "true", "1"].includes(said)) return { value: true };
  if (["n", "no", "false", "0"].includes(said)) return { value: false };
  return { error: "Write Y or N for the inability-to-pay finding." };
}

/** A signed amount: "-50.00" and "(50.00)" are reversals. */
function parsePaymentAmount(text: string): Parsed<number> {
  const parenthesized = /^\((.*)\)$/.exec(text);
  const negative = parenthesized !== null || text.startsWith("-");
  const magnitude = parenthesized ? parenthesized[1]!.trim() : negative ? text.slice(1).trim() : text;
  const checked = firstIssue(recordPaymentSchema.shape.amount.safeParse(magnitude));
  if ("error" in checked) return checked;
  const cents = parseDollars(magnitude)!;
  if (cents === 0) return { error: "A payment of $0.00 records nothing. Write the amount received." };
  return { value: negative ? -cents : cents };
}

const nameKey = (name: string) => stripInvisible(name).toLowerCase().replace(/\s+/g, " ").trim();
function nameParts(name: string) {
  const key = nameKey(name);
  const city = key.startsWith("city of ");
  const county = key.endsWith(" county");
  return { city, county, core: key.slice(city ? 8 : 0, county ? -7 : undefined).trim() };
}

/**
 * The one entry named so, without regard to case. "City of X" may find "X" and "X" may find "X County",
 * but only when exactly one entry fits; a name that says "County" finds only a county, and one that says
 * "City of" never finds a county, so the fee cannot go to the wrong treasurer.
 */
function findByName(list: { id: string; name: string }[], text: string, noun: string): Parsed<string> {
  const exact = list.filter((entry) => nameKey(entry.name) === nameKey(text));
  const said = nameParts(text);
  const near = exact.length
    ? exact
    : list.filter((entry) => {
        const parts = nameParts(entry.name);
        return parts.core === said.core && !(said.city && parts.county) && !(said.county && !parts.county);
      });
  if (near.length === 1) return { value: near[0]!.id };
  if (near.length > 1) return { error: `${quoted(text)} could be ${near.map((entry) => entry.name).join(" or ")}. Write the name as Clearway lists it.` };
  return { error: `No ${noun} is named ${quoted(text)}. Write the name as Clearway lists it.` };
}

// ---------------------------------------------------------------------------------------------
// Rows

type Facts = {
  jurisdiction: string;
  offense: FeeOffense;
  disposition: FeeDisposition;
  dispositionDate: string;
  priors: number;
  assessed: number | "not imposed";
  inabilityToPayFinding: boolean;
  arrestingAgency: string;
};
type FactKey = keyof Facts;
const FACT_KEYS = ["jurisdiction", "offense", "disposition", "dispositionDate", "priors", "assessed", "inabilityToPayFinding", "arrestingAgency"] as const satisfies readonly FactKey[];
const CASE_FIELDS = new Set<string>(["court", "caseNumber", ...FACT_KEYS]);

function factParsers(context: ImportContext): { [K in FactKey]: (text: string) => Parsed<Facts[K]> } {
  return {
    jurisdiction: (text) => findByName(context.jurisdictions, text, "jurisdiction you can record fee cases in"),
    offense: parseOffense,
    disposition: parseDisposition,
    dispositionDate: (text) => parseDate(text, createFeeCaseSchema.shape.dispositionDate),
    priors: parsePriors,
    assessed: parseAssessed,
    inabilityToPayFinding: parseFinding,
    arrestingAgency: (text) => findByName(context.agencies, text, "law-enforcement agency in Clearway"),
  };
}

// What a case needs when no row of it says: the required facts have a message, the others a default.
const MISSING: { [K in FactKey]: { message: string } | { value: Facts[K] | null } } = {
  jurisdiction: { message: "Enter the city or county where the offense occurred." },
  offense: { message: "Enter the offense." },
  disposition: { message: "Enter the disposition." },
  dispositionDate: { message: "Enter the date of the disposition." },
  assessed: { message: "Enter the fee the court imposed, or “not imposed” if the judgment left it out." },
  priors: { value: 0 },
  inabilityToPayFinding: { value: false },
  arrestingAgency: { value: null },
};

type Stated = { [K in FactKey]?: { value: Facts[K]; text: string; line: number } };
type Draft = ImportRow & { facts: Stated; court: string; caseNumber: string };

function readRow(cells: string[], line: number, column: (key: ImportFieldKey) => number, context: ImportContext): Draft {
  const cell = (key: ImportFieldKey) => {
    const index = column(key);
    return index < 0 ? "" : cleanCell(cells[index] ?? "");
  };
  const errors: ImportRow["errors"] = [];
  const take = <T>(field: ImportFieldKey, result: Parsed<T>): T | null => {
    if ("value" in result) return result.value;
    errors.push({ field, message: result.error });
    return null;
  };

  const court = take("court", firstIssue(createFeeCaseSchema.shape.court.safeParse(cell("court"))));
  const caseNumber = take("caseNumber", firstIssue(createFeeCaseSchema.shape.caseNumber.safeParse(cell("caseNumber"))));
  const parsers = factParsers(context);
  const facts: Stated = {};
  for (const key of FACT_KEYS) {
    const text = cell(key);
    if (!text) continue; // blank: another row of the case may say it
    const value = take<unknown>(key, parsers[key](text));
    if (value !== null) (facts as Record<FactKey, unknown>)[key] = { value, text, line };
  }

  let payment: ImportPayment | null = null;
  const [dateText, amountText, receiptText] = PAYMENT_FIELDS.map(cell) as [string, string, string];
  if (dateText || amountText || receiptText) {
    for (const key of PAYMENT_FIELDS) {
      if (!cell(key)) errors.push({ field: key, message: `Enter the ${LABELS[key].toLowerCase()}: a payment is imported only with its date, amount and receipt number.` });
    }
    const receivedOn = dateText ? take("paymentDate", parseDate(dateText, recordPaymentSchema.shape.receivedOn)) : null;
    const cents = amountText ? take("paymentAmount", parsePaymentAmount(amountText)) : null;
    const reference = receiptText ? take("paymentReceipt", firstIssue(recordPaymentSchema.shape.reference.transform((value) => value ?? "").safeParse(receiptText))) : null;
    if (receivedOn !== null && cents !== null && reference !== null) payment = { receivedOn, cents, reference };
  }
  const caseKey = court !== null && caseNumber !== null ? `${court.toLowerCase()}|${caseNumber.toUpperCase()}` : "";
  return { line, caseKey, feeCase: null, payment, errors, facts, court: court ?? "", caseNumber: caseNumber ?? "" };
}

/** Checks a case's rows together: they agree, they say what the case needs, its fee is lawful, its receipts differ. */
function checkCase(drafts: Draft[]): void {
  const first = drafts[0]!;
  const stated: Stated = {};
  for (const draft of drafts) {
    for (const key of FACT_KEYS) {
      const mine = draft.facts[key];
      const earlier = stated[key];
      if (!mine) continue;
      if (!earlier) (stated as Record<FactKey, unknown>)[key] = mine;
      else if (String(earlier.value) !== String(mine.value)) {
        draft.errors.push({ field: key, message: `Line ${draft.line} says ${quoted(mine.text)}; line ${earlier.line} said ${quoted(earlier.text)}. A case's details must be the same on each of its rows, or left blank after the first.` });
      }
    }
  }
  const hasError = (key: FactKey) => drafts.some((draft) => draft.errors.some((error) => error.field === key));
  const value = <K extends FactKey>(key: K): Facts[K] | null => {
    const missing = MISSING[key];
    if (stated[key]) return stated[key].value as Facts[K];
    if ("message" in missing) {
      if (!hasError(key)) first.errors.push({ field: key, message: missing.message });
      return null;
    }
    return missing.value as Facts[K] | null;
  };
  const [jurisdictionId, offense, disposition, dispositionDate, priors, assessed, finding, agencyId] = [
    value("jurisdiction"),
    value("offense"),
    value("disposition"),
    value("dispositionDate"),
    value("priors") ?? 0,
    value("assessed"),
    value("inabilityToPayFinding") ?? false,
    value("arrestingAgency"),
  ];
  // Only on facts no row disputes: a fee judged against the wrong offense would be a misleading message.
  const undisputed = (["offense", "priors", "assessed", "inabilityToPayFinding"] as const).every((key) => !hasError(key));
  if (offense !== null && typeof assessed === "number" && undisputed) {
    const verdict = checkAssessment({ offense, priors, assessedCents: assessed, inabilityToPayFinding: finding });
    if (!verdict.ok) drafts.find((draft) => draft.line === stated.assessed!.line)!.errors.push({ field: "assessed", message: verdict.message });
  }

  const receipts = new Map<string, number>();
  for (const draft of drafts) {
    const payment = draft.payment;
    if (!payment) continue;
    const problem = (field: ImportFieldKey, message: string) => {
      draft.errors.push({ field, message });
      draft.payment = null;
    };
    // A payment and its reversal share the receipt number; two payments (or two reversals) do not.
    const receiptKey = `${payment.cents < 0 ? "-" : "+"}${payment.reference}`;
    const earlier = receipts.get(receiptKey);
    if (earlier !== undefined) problem("paymentReceipt", `Receipt number ${quoted(payment.reference)} is already on line ${earlier} for this case. List each payment once.`);
    else receipts.set(receiptKey, draft.line);
    if (assessed === "not imposed") problem("paymentAmount", "The judgment on this case imposed no fee, so no payment can be recorded on it until the judgment is amended.");
    else if (dispositionDate !== null && payment.receivedOn < dispositionDate) {
      problem("paymentDate", `The payment's date, ${formatCalendarDate(payment.receivedOn)}, is before the disposition on ${formatCalendarDate(dispositionDate)}. Check the date.`);
    }
  }

  const badLines = drafts.filter((draft) => draft.errors.some((error) => CASE_FIELDS.has(error.field))).map((draft) => draft.line);
  if (badLines.length || jurisdictionId === null || offense === null || disposition === null || dispositionDate === null || assessed === null) {
    const where = badLines.length === 1 ? `line ${badLines[0]}` : `lines ${badLines.slice(0, -1).join(", ")} and ${badLines.at(-1)}`;
    for (const draft of drafts) {
      if (!badLines.includes(draft.line)) draft.errors.push({ field: "row", message: `This case's details have a problem on ${where}. No row of the case is imported until it is fixed.` });
    }
    return;
  }
  const feeCase: ImportFeeCase = {
    jurisdictionId,
    court: first.court,
    caseNumber: first.caseNumber,
    offense,
    disposition,
    dispositionDate,
    priors,
    assessedCents: assessed === "not imposed" ? 0 : assessed,
    notImposed: assessed === "not imposed",
    inabilityToPayFinding: finding,
    arrestingAgencyId: agencyId,
  };
  for (const draft of drafts) draft.feeCase = feeCase;
}

/**
 * Every row checked, in file order. Rows of the same case (court and case number, compared as the
 * database does) are checked together; a row whose `errors` are empty can be imported as it stands.
 * Call it with a mapping checkMapping accepts: a field whose column is missing reads as blank.
 */
export function validateRows(parsed: { headers: string[]; rows: string[][]; lines?: number[] }, mapping: ImportMapping, context: ImportContext): ImportRow[] {
  const column = (key: ImportFieldKey) => {
    const header = mapping[key];
    return header ? parsed.headers.indexOf(header) : -1;
  };
  const drafts = parsed.rows.map((cells, index) => readRow(cells, parsed.lines?.[index] ?? index + 2, column, context));
  const cases = new Map<string, Draft[]>();
  for (const draft of drafts) {
    if (!draft.caseKey) continue;
    const rows = cases.get(draft.caseKey);
    if (rows) rows.push(draft);
    else cases.set(draft.caseKey, [draft]);
  }
  for (const rows of cases.values()) checkCase(rows);
  return drafts.map(({ line, caseKey, feeCase, payment, errors }) => ({ line, caseKey, feeCase, payment, errors }));
}

/** What importing the rows without errors would record. */
export function summarize(rows: ImportRow[]): { rows: number; withErrors: number; cases: number; payments: number } {
  const clean = rows.filter((row) => row.errors.length === 0);
  return { rows: rows.length, withErrors: rows.length - clean.length, cases: new Set(clean.map((row) => row.caseKey)).size, payments: clean.filter((row) => row.payment).length };
}
