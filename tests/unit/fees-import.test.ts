import { describe, expect, it } from "vitest";
import { pacificToday } from "@/lib/format";
import { checkMapping, IMPORT_FIELDS, parseCsv, suggestMapping, summarize, validateRows, type ImportContext, type ImportFieldKey, type ImportMapping, type ImportRow } from "@/lib/fees/import";
import { checkAssessment } from "@/lib/fees/statute";

// A court clerk's receivable report, read and checked before anything is written (lib/fees/import.ts).

const KING = "11111111-1111-4111-8111-111111111111";
const SEATTLE = "22222222-2222-4222-8222-222222222222";
const KENT = "33333333-3333-4333-8333-333333333333";
const SPOKANE = "44444444-4444-4444-8444-444444444444";
const SPOKANE_COUNTY = "55555555-5555-4555-8555-555555555555";
const SNOHOMISH = "66666666-6666-4666-8666-666666666666";
const WALLA_WALLA_CITY = "77777777-7777-4777-8777-777777777777";
const WALLA_WALLA_COUNTY = "88888888-8888-4888-8888-888888888888";
const SHERIFF = "99999999-9999-4999-8999-999999999999";
const SPD = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

const context: ImportContext = {
  jurisdictions: [
    { id: KING, name: "King County" },
    { id: SEATTLE, name: "Seattle" },
    { id: KENT, name: "Kent" },
    { id: SPOKANE, name: "Spokane" },
    { id: SPOKANE_COUNTY, name: "Spokane County" },
    { id: SNOHOMISH, name: "Snohomish" },
    { id: WALLA_WALLA_CITY, name: "City of Walla Walla" },
    { id: WALLA_WALLA_COUNTY, name: "Walla Walla County" },
  ],
  agencies: [
    { id: SHERIFF, name: "King County Sheriff's Office" },
    { id: SPD, name: "Seattle Police Department" },
  ],
};

function csv(lines: string[][]): string {
  return lines.map((cells) => cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(",")).join("\r\n");
}

function parsed(text: string) {
  const result = parseCsv(text);
  if ("error" in result) throw new Error(result.error);
  return result;
}

function refusal(text: string): string {
  const result = parseCsv(text);
  if (!("error" in result)) throw new Error("expected the file to be refused");
  return result.error;
}

// ---------------------------------------------------------------------------------------------
// One row per case, headed by the field keys, starting from a lawful case with a payment.

const KEYS = IMPORT_FIELDS.map((field) => field.key);
const IDENTITY: ImportMapping = Object.fromEntries(KEYS.map((key) => [key, key]));
const GOOD: Record<ImportFieldKey, string> = {
  court: "King County District Court",
  caseNumber: "KCDC-24-0001",
  jurisdiction: "King County",
  offense: "RCW 9A.88.110",
  disposition: "Conviction",
  dispositionDate: "3/14/2024",
  priors: "0",
  assessed: "1500",
  inabilityToPayFinding: "N",
  arrestingAgency: "King County Sheriff's Office",
  paymentDate: "4/1/2024",
  paymentAmount: "500.00",
  paymentReceipt: "R-1001",
};

function check(...rows: Partial<Record<ImportFieldKey, string>>[]): ImportRow[] {
  return validateRows(parsed(csv([KEYS, ...rows.map((row) => KEYS.map((key) => row[key] ?? ""))])), IDENTITY, context);
}
const one = (changes: Partial<Record<ImportFieldKey, string>>) => check({ ...GOOD, ...changes })[0]!;
const messages = (row: ImportRow, field: ImportFieldKey | "row") => row.errors.filter((error) => error.field === field).map((error) => error.message);

function shiftDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe("reading the file", () => {
  it("takes the first line as headers, trims, skips empty lines and tolerates a byte-order mark", () => {
    const result = parsed('\uFEFFCourt , Case No\r\n\r\n King County District Court ,  KCDC-1 \r\n,\r\n"Seattle Municipal Court","SMC-2"\r\n');
    expect(result.headers).toEqual(["Court", "Case No"]);
    expect(result.rows).toEqual([
      ["King County District Court", "KCDC-1"],
      ["Seattle Municipal Court", "SMC-2"],
    ]);
    // Line numbers are the file's: the header is line 1, the blank line 2 and the empty cells line 4 are skipped.
    expect(result.lines).toEqual([3, 5]);
  });

  it("counts a quoted value that spans lines from the line it starts on", () => {
    const result = parsed('Court,Note\nA,"two\r\nlines"\nB,one');
    expect(result.rows).toEqual([
      ["A", "two\nlines"],
      ["B", "one"],
    ]);
    expect(result.lines).toEqual([2, 4]);
  });

  it("refuses an empty file", () => {
    expect(refusal("")).toBe("The file is empty.");
    expect(refusal("\uFEFF\r\n  \r\n")).toBe("The file is empty.");
  });

  it("refuses a file with only a header", () => {
    expect(refusal("Court,Case No\r\n\r\n")).toBe("The file has a heading line but no rows under it.");
    expect(refusal("Court,Case No\r\n,\r\n")).toBe("The file has a heading line but no rows under it.");
  });

  it("refuses duplicate headers, whatever their case", () => {
    expect(refusal("Court,Case No,court\nA,1,B")).toBe("Two columns are headed “court”. Give each column its own heading.");
  });

  it("refuses a blank header", () => {
    expect(refusal("Court,,Case No\nA,x,1")).toBe("Column 2 of the heading line is blank. Give every column a heading, or delete the empty column.");
  });

  it("refuses a row with a different number of columns, naming its line", () => {
    expect(refusal("Court,Case No\nA,1\n\nB,2,extra")).toBe("Line 4 has 3 columns, but the heading line has 2. Check that line for a missing or extra comma.");
    expect(refusal("Court,Case No\nA")).toBe("Line 2 has 1 columns, but the heading line has 2. Check that line for a missing or extra comma.");
  });

  it("refuses more than 5,000 rows", () => {
    const rows = Array.from({ length: 5_001 }, (_, i) => `Court,${i}`);
    expect(refusal(["Court,Case No", ...rows].join("\n"))).toBe("The file has 5,001 rows; import at most 5,000 at a time. Split the report into smaller files.");
    expect(parseCsv(["Court,Case No", ...rows.slice(1)].join("\n"))).not.toHaveProperty("error");
  });

  it("refuses more than 900 KB of text, counted in bytes", () => {
    const big = `Court,Note\nA,${"x".repeat(900 * 1024)}`;
    expect(refusal(big)).toBe("The file is larger than 900 KB. Split the report into smaller files and import each.");
    // 310,000 characters of three bytes each: under 900 KB of characters, over 900 KB of text.
    expect(refusal(`Court,Note\nA,${"€".repeat(310_000)}`)).toBe("The file is larger than 900 KB. Split the report into smaller files and import each.");
  });

  it("says what is wrong with a file that is not comma-separated CSV", () => {
    expect(refusal('Court,Case No\nA,"unclosed\n')).toBe("Line 2 opens a quoted value that is never closed. Save the report from the spreadsheet as CSV again.");
    expect(refusal("Court;Case No\nA;1")).toBe("The columns are not separated by commas. Save the report as CSV (comma-separated values).");
    expect(refusal("PK\u0003\u0004\u0000\u0000")).toMatch(/^This is not a CSV file/);
  });
});

describe("which column is which", () => {
  const clerkHeaders = [
    "Court Name",
    "Case No.",
    "Offense Location",
    "Charge",
    "Disposition Type",
    "Judgment Date",
    "Priors",
    "Amount Assessed",
    "ITP Finding",
    "Arresting Agency",
    "Date Paid",
    "Amount Paid",
    "Receipt #",
    "Balance Due",
  ];

  it("recognizes a clerk's receivable report", () => {
    expect(suggestMapping(clerkHeaders)).toEqual({
      court: "Court Name",
      caseNumber: "Case No.",
      jurisdiction: "Offense Location",
      offense: "Charge",
      disposition: "Disposition Type",
      dispositionDate: "Judgment Date",
      priors: "Priors",
      assessed: "Amount Assessed",
      inabilityToPayFinding: "ITP Finding",
      arrestingAgency: "Arresting Agency",
      paymentDate: "Date Paid",
      paymentAmount: "Amount Paid",
      paymentReceipt: "Receipt #",
    });
    expect(checkMapping(suggestMapping(clerkHeaders), clerkHeaders)).toEqual({});
  });

  it("matches other common names without regard to case or punctuation", () => {
    expect(suggestMapping(["CAUSE NUMBER", "court", "city", "rcw", "DISPOSITION", "sentence_date", "imposed", "Inability to Pay", "Agency", "Receipt Date", "Paid", "Receipt No"])).toEqual({
      caseNumber: "CAUSE NUMBER",
      court: "court",
      jurisdiction: "city",
      offense: "rcw",
      disposition: "DISPOSITION",
      dispositionDate: "sentence_date",
      assessed: "imposed",
      inabilityToPayFinding: "Inability to Pay",
      arrestingAgency: "Agency",
      paymentDate: "Receipt Date",
      paymentAmount: "Paid",
      paymentReceipt: "Receipt No",
    });
  });

  it("never maps one header to two fields, and leaves unknown headers alone", () => {
    const mapping = suggestMapping(["Disposition", "Disposition Date", "Receipt", "Receipt Date", "Case No", "Case No.", "Defendant Notes", "Amount"]);
    expect(mapping).toEqual({ disposition: "Disposition", dispositionDate: "Disposition Date", paymentReceipt: "Receipt", paymentDate: "Receipt Date", caseNumber: "Case No" });
    const used = Object.values(mapping);
    expect(new Set(used).size).toBe(used.length);
  });

  it("names the required fields left unmapped, missing headers, a header used twice and a partial payment", () => {
    const headers = ["Court", "Case No", "City", "Charge", "Dispo", "Date", "Fee", "Paid"];
    expect(
      checkMapping({ court: "Court", caseNumber: "Case No", jurisdiction: "Town", offense: "Charge", disposition: "Dispo", dispositionDate: "Date", paymentDate: "Date", paymentAmount: "Paid" }, headers),
    ).toEqual({
      jurisdiction: "The file has no column headed “Town”.",
      assessed: "Choose the column that holds the fee assessed.",
      paymentDate: "The column “Date” is already chosen for Disposition date. Choose a different column.",
      paymentReceipt: "Choose the column that holds the receipt number: a payment is imported only with its date, amount and receipt number.",
    });
    expect(checkMapping({ court: "" }, headers)).toMatchObject({ court: "Choose the column that holds the court.", caseNumber: "Choose the column that holds the case number." });
  });
});

describe("a clean report", () => {
  const headers = ["Court Name", "Case No.", "Offense Location", "Charge", "Disposition Type", "Judgment Date", "Priors", "Fee Assessed", "ITP Finding", "Arresting Agency", "Date Paid", "Amount Paid", "Receipt #", "Balance Due"];
  const text = csv([
    headers,
    ["King County District Court", "KCDC-24-0001", "King County", "RCW 9A.88.110", "Convicted", "3/14/2024", "0", "$1,500.00", "N", "King County Sheriff's Office", "4/1/2024", "500.00", "R-1001", "1000.00"],
    ["King County District Court", "KCDC-24-0001", "", "", "", "", "", "", "", "", "5/1/2024", "1,000.00", "R-1002", "=SUM(N2-L3)"],
    ["Seattle Municipal Court", "SMC-567890", "City of Seattle", "patronizing", "deferred prosecution", "2024-06-03", "1", "2500", "no", "Seattle Police Department", "", "", "", "2500.00"],
    ["SEATTLE MUNICIPAL COURT", "smc-567890", "Seattle", "Patronizing a prostitute", "Deferred Prosecution", "6/3/2024", "1", "2,500.00", "", "", "", "", "", "2500.00"],
    ["Kent Municipal Court", "KMC 25-0042", "Kent", "9A.88.080", "Diversion", "2/10/2025 0:00", "", "1000", "Y", "", "", "", "", ""],
    ["Kent Municipal Court", "KMC 25-0042", "", "", "", "", "", "", "yes", "", "2025-03-03", "1000", "K-9", "0.00"],
  ]);
  const rows = validateRows(parsed(text), suggestMapping(headers), context);

  it("has no errors and counts three cases and three payments", () => {
    expect(rows.map((row) => row.errors)).toEqual([[], [], [], [], [], []]);
    expect(rows.map((row) => row.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(summarize(rows)).toEqual({ rows: 6, withErrors: 0, cases: 3, payments: 3 });
  });

  it("reads each case as all its rows state it, keyed as the database compares court and case number", () => {
    expect(rows.map((row) => row.caseKey)).toEqual([
      "king county district court|KCDC-24-0001",
      "king county district court|KCDC-24-0001",
      "seattle municipal court|SMC-567890",
      "seattle municipal court|SMC-567890",
      "kent municipal court|KMC 25-0042",
      "kent municipal court|KMC 25-0042",
    ]);
    expect(rows[1]!.feeCase).toEqual({
      jurisdictionId: KING,
      court: "King County District Court",
      caseNumber: "KCDC-24-0001",
      offense: "patronizing",
      disposition: "conviction",
      dispositionDate: "2024-03-14",
      priors: 0,
      assessedCents: 150_000,
      notImposed: false,
      inabilityToPayFinding: false,
      arrestingAgencyId: SHERIFF,
    });
    expect(rows[3]!.feeCase).toEqual({
      jurisdictionId: SEATTLE,
      court: "Seattle Municipal Court",
      caseNumber: "SMC-567890",
      offense: "patronizing",
      disposition: "deferred_prosecution",
      dispositionDate: "2024-06-03",
      priors: 1,
      assessedCents: 250_000,
      notImposed: false,
      inabilityToPayFinding: false,
      arrestingAgencyId: SPD,
    });
    // The reduced fee stands on the finding stated on the case's later row; priors left blank are none.
    expect(rows[4]!.feeCase).toEqual({
      jurisdictionId: KENT,
      court: "Kent Municipal Court",
      caseNumber: "KMC 25-0042",
      offense: "promoting_2",
      disposition: "diversion",
      dispositionDate: "2025-02-10",
      priors: 0,
      assessedCents: 100_000,
      notImposed: false,
      inabilityToPayFinding: true,
      arrestingAgencyId: null,
    });
  });

  it("reads the payments in cents with their dates and receipt numbers", () => {
    expect(rows.map((row) => row.payment)).toEqual([
      { receivedOn: "2024-04-01", cents: 50_000, reference: "R-1001" },
      { receivedOn: "2024-05-01", cents: 100_000, reference: "R-1002" },
      null,
      null,
      null,
      { receivedOn: "2025-03-03", cents: 100_000, reference: "K-9" },
    ]);
  });
});

describe("a row's cells", () => {
  it("start from a good row", () => {
    expect(one({}).errors).toEqual([]);
  });

  it("offense: the key, the RCW section with or without RCW, or the label, in any case", () => {
    for (const offense of ["patronizing", "PATRONIZING", "9A.88.110", "rcw 9a.88.110", "RCW 9A.88.110(1)", "Patronizing a prostitute"]) {
      expect(one({ offense }).feeCase?.offense, offense).toBe("patronizing");
    }
    expect(one({ offense: "promoting_1", priors: "0", assessed: "3000" }).feeCase?.offense).toBe("promoting_1");
    expect(messages(one({ offense: "Theft 3" }), "offense")).toEqual(["“Theft 3” is not an offense that carries the fee. Write its RCW section, like 9A.88.110, or its name, like Patronizing a prostitute."]);
  });

  it("disposition: the key, the label or the clear words for it", () => {
    const cases: [string, string][] = [
      ["conviction", "conviction"],
      ["Guilty", "conviction"],
      ["convicted", "conviction"],
      ["deferred_sentence", "deferred_sentence"],
      ["Deferred Sentence", "deferred_sentence"],
      ["deferred prosecution", "deferred_prosecution"],
      ["Diversion agreement (statutory or nonstatutory)", "diversion"],
      ["Pre-trial diversion", "diversion"],
    ];
    for (const [disposition, key] of cases) expect(one({ disposition }).feeCase?.disposition, disposition).toBe(key);
    expect(messages(one({ disposition: "Deferred" }), "disposition")).toEqual(["“Deferred” could be a deferred sentence or a deferred prosecution. Write which."]);
    expect(messages(one({ disposition: "Dismissed" }), "disposition")).toEqual(["“Dismissed” is not a disposition that carries the fee. Write conviction, deferred sentence, deferred prosecution or diversion."]);
    expect(messages(one({ disposition: "SOC" }), "disposition")).toHaveLength(1);
  });

  it("dates: M/D/YYYY or YYYY-MM-DD, real days, from June 7, 2012 to today in Pacific time", () => {
    expect(one({ dispositionDate: "2024-03-14" }).feeCase?.dispositionDate).toBe("2024-03-14");
    expect(one({ dispositionDate: "03/14/2024 12:00:00 AM" }).feeCase?.dispositionDate).toBe("2024-03-14");
    expect(one({ dispositionDate: "6/7/2012", paymentDate: "6/8/2012" }).errors).toEqual([]);
    const range = "Enter a date between Jun 7, 2012 and today.";
    expect(messages(one({ dispositionDate: "2/30/2025" }), "dispositionDate")).toEqual(["This date is not valid. Check the day, month and year."]);
    expect(messages(one({ dispositionDate: "6/6/2012" }), "dispositionDate")).toEqual([range]);
    expect(messages(one({ dispositionDate: shiftDays(pacificToday(), 1) }), "dispositionDate")).toEqual([range]);
    expect(messages(one({ dispositionDate: "3/14/24" }), "dispositionDate")).toEqual(["Write the year with four digits, like 3/14/2024."]);
    expect(messages(one({ dispositionDate: "March 14, 2024" }), "dispositionDate")).toEqual(["Write the date as M/D/YYYY or YYYY-MM-DD."]);
    expect(messages(one({ paymentDate: "2/29/2023" }), "paymentDate")).toEqual(["This date is not valid. Check the day, month and year."]);
    expect(messages(one({ paymentDate: shiftDays(pacificToday(), 1) }), "paymentDate")).toEqual([range]);
  });

  it("assessed: 0, none or not imposed means the judgment left the fee out", () => {
    for (const assessed of ["0", "$0.00", "none", "Not Imposed"]) {
      const row = one({ assessed, paymentDate: "", paymentAmount: "", paymentReceipt: "" });
      expect(row.errors, assessed).toEqual([]);
      expect(row.feeCase).toMatchObject({ assessedCents: 0, notImposed: true });
    }
  });

  it("assessed: dollars the statute allows, with checkAssessment's message", () => {
    expect(one({ assessed: "$1,500.00" }).feeCase).toMatchObject({ assessedCents: 150_000, notImposed: false });
    const reduced = checkAssessment({ offense: "patronizing", priors: 0, assessedCents: 100_000, inabilityToPayFinding: false });
    expect(reduced.ok).toBe(false);
    expect(messages(one({ assessed: "1000" }), "assessed")).toEqual([!reduced.ok && reduced.message]);
    expect(one({ assessed: "1000", inabilityToPayFinding: "Y" }).errors).toEqual([]);
    expect(messages(one({ assessed: "1600" }), "assessed")[0]).toMatch(/^\$1,600\.00 is more than the \$1,500\.00 fee that RCW 9A\.88\.120\(1\) sets/);
    expect(messages(one({ assessed: "400", inabilityToPayFinding: "Y" }), "assessed")[0]).toMatch(/^\$400\.00 is below \$500\.00, one third/);
    expect(messages(one({ assessed: "1,50" }), "assessed")).toEqual(["Write the fee in dollars, like 1500 or 833.33, or “not imposed” if the judgment left it out."]);
    expect(messages(one({ assessed: "-1500" }), "assessed")).toEqual(["The fee assessed cannot be negative."]);
    expect(messages(one({ assessed: "" }), "assessed")).toEqual(["Enter the fee the court imposed, or “not imposed” if the judgment left it out."]);
  });

  it("inability-to-pay finding: Y/N, Yes/No, True/False, 1/0, blank for no", () => {
    const cases: [string, boolean][] = [
      ["Y", true],
      ["yes", true],
      ["TRUE", true],
      ["1", true],
      ["N", false],
      ["No", false],
      ["false", false],
      ["0", false],
      ["", false],
    ];
    for (const [finding, value] of cases) expect(one({ inabilityToPayFinding: finding }).feeCase?.inabilityToPayFinding, finding).toBe(value);
    expect(messages(one({ inabilityToPayFinding: "maybe" }), "inabilityToPayFinding")).toEqual(["Write Y or N for the inability-to-pay finding."]);
  });

  it("priors: a whole number from 0 to 50, blank for none", () => {
    expect(one({ priors: "", assessed: "1500" }).feeCase?.priors).toBe(0);
    expect(one({ priors: "2", assessed: "5000" }).feeCase?.priors).toBe(2);
    expect(one({ priors: "50", assessed: "5000" }).errors).toEqual([]);
    expect(messages(one({ priors: "51" }), "priors")).toEqual(["Enter at most 50 priors."]);
    for (const priors of ["1.5", "-1", "two", "1e1"]) expect(messages(one({ priors }), "priors"), priors).toEqual(["Write the number of priors as a whole number, like 0, 1 or 2."]);
  });

  it("court and case number: the rules of the fee case form, invisible characters removed", () => {
    expect(one({ court: "King\u200B County District Court", caseNumber: "kcdc-24-0001" })).toMatchObject({
      caseKey: "king county district court|KCDC-24-0001",
      feeCase: { court: "King County District Court", caseNumber: "kcdc-24-0001" },
    });
    expect(messages(one({ court: "" }), "court")).toEqual(["Enter the court."]);
    expect(messages(one({ court: "x".repeat(201) }), "court")).toEqual(["Use at most 200 characters."]);
    expect(messages(one({ caseNumber: "" }), "caseNumber")).toEqual(["Enter the court's case number."]);
    expect(messages(one({ caseNumber: "24#001" }), "caseNumber")).toEqual(["Use letters, digits, spaces, dots, dashes and slashes."]);
    expect(one({ caseNumber: "24#001" })).toMatchObject({ caseKey: "", feeCase: null });
  });

  it("jurisdiction: the caller's, by name, without regard to case, City of or County only where it cannot mislead", () => {
    expect(one({ jurisdiction: "king county" }).feeCase?.jurisdictionId).toBe(KING);
    expect(one({ jurisdiction: "King" }).feeCase?.jurisdictionId).toBe(KING);
    expect(one({ jurisdiction: "City of Seattle" }).feeCase?.jurisdictionId).toBe(SEATTLE);
    // Both a city and a county are called Spokane: the exact name decides, "City of" excludes the county.
    expect(one({ jurisdiction: "Spokane" }).feeCase?.jurisdictionId).toBe(SPOKANE);
    expect(one({ jurisdiction: "City of Spokane" }).feeCase?.jurisdictionId).toBe(SPOKANE);
    expect(one({ jurisdiction: "Spokane County" }).feeCase?.jurisdictionId).toBe(SPOKANE_COUNTY);
    // A county the caller cannot record in is not the city of the same name.
    expect(messages(one({ jurisdiction: "Snohomish County" }), "jurisdiction")).toEqual(["No jurisdiction you can record fee cases in is named “Snohomish County”. Write the name as Clearway lists it."]);
    expect(messages(one({ jurisdiction: "Walla Walla" }), "jurisdiction")).toEqual(["“Walla Walla” could be City of Walla Walla or Walla Walla County. Write the name as Clearway lists it."]);
    expect(messages(one({ jurisdiction: "Tacoma" }), "jurisdiction")).toEqual(["No jurisdiction you can record fee cases in is named “Tacoma”. Write the name as Clearway lists it."]);
    expect(messages(one({ jurisdiction: "" }), "jurisdiction")).toEqual(["Enter the city or county where the offense occurred."]);
  });

  it("arresting agency: optional, by name", () => {
    expect(one({ arrestingAgency: "seattle police department" }).feeCase?.arrestingAgencyId).toBe(SPD);
    expect(one({ arrestingAgency: "" }).feeCase?.arrestingAgencyId).toBeNull();
    expect(messages(one({ arrestingAgency: "Tacoma Police Department" }), "arrestingAgency")).toEqual([
      "No law-enforcement agency in Clearway is named “Tacoma Police Department”. Write the name as Clearway lists it.",
    ]);
  });

  it("payment: optional, but date, amount and receipt number together", () => {
    const none = one({ paymentDate: "", paymentAmount: "", paymentReceipt: "" });
    expect(none.errors).toEqual([]);
    expect(none.payment).toBeNull();
    const partial = one({ paymentAmount: "", paymentReceipt: "" });
    expect(partial.payment).toBeNull();
    expect(partial.errors).toEqual([
      { field: "paymentAmount", message: "Enter the payment amount: a payment is imported only with its date, amount and receipt number." },
      { field: "paymentReceipt", message: "Enter the receipt number: a payment is imported only with its date, amount and receipt number." },
    ]);
    expect(messages(one({ paymentReceipt: "R".repeat(61) }), "paymentReceipt")).toEqual(["Use at most 60 characters."]);
  });

  it("payment amount: dollars, a reversal written -50.00 or (50.00), never $0", () => {
    expect(one({ paymentAmount: "-50.00" }).payment?.cents).toBe(-5_000);
    expect(one({ paymentAmount: "(50.00)" }).payment?.cents).toBe(-5_000);
    expect(one({ paymentAmount: "-$1,000" }).payment?.cents).toBe(-100_000);
    expect(messages(one({ paymentAmount: "0.00" }), "paymentAmount")).toEqual(["A payment of $0.00 records nothing. Write the amount received."]);
    expect(messages(one({ paymentAmount: "fifty" }), "paymentAmount")).toEqual(["Enter an amount in dollars, like 1500 or 833.33."]);
    expect(messages(one({ paymentAmount: "1000000.01" }), "paymentAmount")).toEqual(["Enter an amount of at most $1,000,000.00."]);
  });

  it("payment date: not before the disposition", () => {
    const row = one({ dispositionDate: "3/14/2024", paymentDate: "3/13/2024" });
    expect(messages(row, "paymentDate")).toEqual(["The payment's date, Mar 13, 2024, is before the disposition on Mar 14, 2024. Check the date."]);
    expect(row.payment).toBeNull();
    // The case itself is sound: only the payment waits.
    expect(row.feeCase).not.toBeNull();
    expect(one({ dispositionDate: "3/14/2024", paymentDate: "2024-03-14" }).errors).toEqual([]);
  });

  it("payment: none on a case whose judgment imposed no fee", () => {
    expect(messages(one({ assessed: "not imposed" }), "paymentAmount")).toEqual(["The judgment on this case imposed no fee, so no payment can be recorded on it until the judgment is amended."]);
  });

  it("a cell that looks like a formula is only text", () => {
    expect(one({ court: '=HYPERLINK("http://example.com","x")' }).feeCase?.court).toBe('=HYPERLINK("http://example.com","x")');
    expect(one({ paymentReceipt: "@SUM(A1)" }).payment?.reference).toBe("@SUM(A1)");
    expect(messages(one({ assessed: "=1500" }), "assessed")).toEqual(["Write the fee in dollars, like 1500 or 833.33, or “not imposed” if the judgment left it out."]);
    expect(messages(one({ assessed: "+1500" }), "assessed")).toHaveLength(1);
    expect(messages(one({ paymentAmount: "-=50" }), "paymentAmount")).toEqual(["Enter an amount in dollars, like 1500 or 833.33."]);
    expect(messages(one({ paymentAmount: "+50" }), "paymentAmount")).toEqual(["Enter an amount in dollars, like 1500 or 833.33."]);
    expect(messages(one({ offense: "=9A.88.110" }), "offense")).toHaveLength(1);
    expect(messages(one({ caseNumber: "=1+1" }), "caseNumber")).toEqual(["Use letters, digits, spaces, dots, dashes and slashes."]);
  });

  it("quotes no more than the start of a long value", () => {
    const [message] = messages(one({ offense: `Patronizing ${"very ".repeat(40)}long` }), "offense");
    expect(message).toContain("“Patronizing very very very ve…”");
    expect(message!.length).toBeLessThan(200);
  });
});

describe("a case on several rows", () => {
  it("needs the same details on each row, or blanks after the first", () => {
    const rows = check(GOOD, { ...GOOD, offense: "RCW 9A.88.030", paymentReceipt: "R-1002" }, { court: GOOD.court, caseNumber: GOOD.caseNumber, paymentDate: "5/1/2024", paymentAmount: "50", paymentReceipt: "R-1003" });
    expect(rows[1]!.errors).toEqual([
      { field: "offense", message: "Line 3 says “RCW 9A.88.030”; line 2 said “RCW 9A.88.110”. A case's details must be the same on each of its rows, or left blank after the first." },
    ]);
    // Which row is right is for the clerk to say: nothing of the case is imported until they agree.
    expect(rows[0]!.errors).toEqual([{ field: "row", message: "This case's details have a problem on line 3. No row of the case is imported until it is fixed." }]);
    expect(messages(rows[2]!, "row")).toEqual(["This case's details have a problem on line 3. No row of the case is imported until it is fixed."]);
    expect(rows.map((row) => row.feeCase)).toEqual([null, null, null]);
    expect(summarize(rows)).toEqual({ rows: 3, withErrors: 3, cases: 0, payments: 0 });
  });

  it("names the lines as they are in the file, empty lines counted", () => {
    const text = csv([KEYS, KEYS.map((key) => GOOD[key]), [], KEYS.map((key) => (key === "disposition" ? "Diversion" : key === "paymentReceipt" ? "R-2" : GOOD[key]))]);
    const rows = validateRows(parsed(text), IDENTITY, context);
    expect(rows.map((row) => row.line)).toEqual([2, 4]);
    expect(messages(rows[1]!, "disposition")).toEqual(["Line 4 says “Diversion”; line 2 said “Conviction”. A case's details must be the same on each of its rows, or left blank after the first."]);
  });

  it("compares what the cells mean, not how they are written", () => {
    const rows = check(GOOD, { ...GOOD, offense: "patronizing", dispositionDate: "2024-03-14", assessed: "$1,500.00", jurisdiction: "KING", paymentReceipt: "R-1002" });
    expect(rows.map((row) => row.errors)).toEqual([[], []]);
  });

  it("names every line where a disagreeing value sits", () => {
    const rows = check(GOOD, { ...GOOD, priors: "1", paymentReceipt: "R-2" }, { ...GOOD, inabilityToPayFinding: "Y", paymentReceipt: "R-3" }, { ...GOOD, paymentReceipt: "R-4" });
    expect(messages(rows[1]!, "priors")).toEqual([
      "Line 3 says “1”; line 2 said “0”. A case's details must be the same on each of its rows, or left blank after the first.",
    ]);
    expect(messages(rows[2]!, "inabilityToPayFinding")).toHaveLength(1);
    expect(messages(rows[3]!, "row")).toEqual(["This case's details have a problem on lines 3 and 4. No row of the case is imported until it is fixed."]);
  });

  it("needs a required detail on one of its rows, and says so on the first", () => {
    const rows = check({ ...GOOD, offense: "" }, { court: GOOD.court, caseNumber: GOOD.caseNumber, paymentDate: "5/1/2024", paymentAmount: "50", paymentReceipt: "R-1003" });
    expect(rows[0]!.errors).toEqual([{ field: "offense", message: "Enter the offense." }]);
    expect(messages(rows[1]!, "row")).toEqual(["This case's details have a problem on line 2. No row of the case is imported until it is fixed."]);
  });

  it("lists each receipt once: the repeat is an error on the later row", () => {
    const rows = check(GOOD, { court: GOOD.court, caseNumber: GOOD.caseNumber, paymentDate: "5/1/2024", paymentAmount: "500.00", paymentReceipt: "R-1001" });
    expect(rows[0]!.errors).toEqual([]);
    expect(rows[1]!.errors).toEqual([{ field: "paymentReceipt", message: "Receipt number “R-1001” is already on line 2 for this case. List each payment once." }]);
    expect(rows[1]!.payment).toBeNull();
    expect(summarize(rows)).toEqual({ rows: 2, withErrors: 1, cases: 1, payments: 1 });
    // Another case may have its own receipt R-1001.
    expect(check(GOOD, { ...GOOD, caseNumber: "KCDC-24-0002" }).map((row) => row.errors)).toEqual([[], []]);
  });
});
