// The fields of a clerk's report import (lib/fees/import.ts), apart so the browser's form can name them
// without loading the CSV parser.

export const IMPORT_FIELDS = [
  { key: "court", label: "Court", required: true, hint: "The court that entered the judgment, like King County District Court." },
  { key: "caseNumber", label: "Case number", required: true, hint: "The court's case or cause number." },
  { key: "jurisdiction", label: "Jurisdiction", required: true, hint: "The city or county where the offense occurred: its treasurer receives the fee." },
  { key: "offense", label: "Offense", required: true, hint: "The RCW section (9A.88.110) or the offense's name (Patronizing a prostitute)." },
  { key: "disposition", label: "Disposition", required: true, hint: "Conviction, deferred sentence, deferred prosecution or diversion." },
  { key: "dispositionDate", label: "Disposition date", required: true, hint: "M/D/YYYY or YYYY-MM-DD." },
  { key: "priors", label: "Priors", required: false, hint: "Prior convictions, deferrals or diversions for the same offense. Blank means none." },
  { key: "assessed", label: "Fee assessed", required: true, hint: "In dollars. 0 or “not imposed” when the judgment left the fee out." },
  { key: "inabilityToPayFinding", label: "Inability-to-pay finding", required: false, hint: "Y or N. Blank means no finding." },
  { key: "arrestingAgency", label: "Arresting agency", required: false, hint: "The agency's name as Clearway lists it." },
  { key: "paymentDate", label: "Payment date", required: false, hint: "The day the clerk received the payment." },
  { key: "paymentAmount", label: "Payment amount", required: false, hint: "In dollars; a reversal as -50.00 or (50.00)." },
  { key: "paymentReceipt", label: "Receipt number", required: false, hint: "The clerk's receipt number: importing the same file again records no payment twice." },
] as const satisfies readonly { key: string; label: string; required: boolean; hint: string }[];

export type ImportFieldKey = (typeof IMPORT_FIELDS)[number]["key"];
/** Field → the CSV header it is read from. */
export type ImportMapping = Partial<Record<ImportFieldKey, string>>;
