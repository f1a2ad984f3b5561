// Closed sets of the demand side (sex-buyer fee cases, jurisdictions). Pure data shared by the schema,
// validation and forms. Nothing here, or anywhere under lib/fees, refers to a survivor.

/** A fee case's road: assessed → payment plan → paid | delinquent | waived (only as the statute allows) | vacated. */
export const FEE_CASE_STATUSES = ["assessed", "payment_plan", "paid", "delinquent", "waived", "vacated"] as const;
export type FeeCaseStatus = (typeof FEE_CASE_STATUSES)[number];

export const FEE_CASE_STATUS_LABELS: Record<FeeCaseStatus, string> = {
  assessed: "Assessed",
  payment_plan: "Payment plan",
  paid: "Paid in full",
  delinquent: "Delinquent",
  waived: "Waived",
  vacated: "Vacated",
};

/**
 * The moves a person records. "paid" follows from payments reaching the amount assessed and is not
 * chosen by hand. "waived" (the rest of the balance) only as RCW 9A.88.120(2) allows: the court found
 * on the record that the person cannot pay, and the reduction stays within two-thirds of the maximum,
 * so at least one third of the statutory fee has been paid (lib/fees/commands.ts checks both).
 */
export const FEE_CASE_TRANSITIONS: Record<FeeCaseStatus, readonly FeeCaseStatus[]> = {
  assessed: ["payment_plan", "delinquent", "waived", "vacated"],
  payment_plan: ["assessed", "delinquent", "waived", "vacated"],
  delinquent: ["payment_plan", "assessed", "waived", "vacated"],
  paid: ["vacated"],
  waived: ["assessed"],
  vacated: [],
};

export const JURISDICTION_KINDS = ["county", "city"] as const;
export type JurisdictionKind = (typeof JURISDICTION_KINDS)[number];
export const JURISDICTION_KIND_LABELS: Record<JurisdictionKind, string> = { county: "County", city: "City" };

/** The demand-reduction tactics the seeds' jurisdiction profiles name (../shared/seeds, demandforum.net). */
export const DEMAND_TACTICS = [
  "buyer_arrests",
  "reverse_stings",
  "web_stings",
  "auto_seizure",
  "community_service",
  "public_education",
  "neighborhood_action",
  "soap_orders",
  "john_school",
  "license_suspension",
  "employment_loss",
  "identity_disclosure",
  "it_based",
] as const;
export type DemandTactic = (typeof DEMAND_TACTICS)[number];
export const DEMAND_TACTIC_LABELS: Record<DemandTactic, string> = {
  buyer_arrests: "Arrests of sex buyers",
  reverse_stings: "Street reverse stings",
  web_stings: "Web-based reverse stings",
  auto_seizure: "Auto seizure",
  community_service: "Community service",
  public_education: "Public education",
  neighborhood_action: "Neighborhood action",
  soap_orders: "SOAP orders (stay out of areas of prostitution)",
  john_school: "John school",
  license_suspension: "Driver's license suspension",
  employment_loss: "Loss of employment",
  identity_disclosure: "Public disclosure of identity",
  it_based: "IT-based tactics",
};

/** How a payment reached the ledger. */
export const PAYMENT_SOURCES = ["manual", "import"] as const;
export type PaymentSource = (typeof PAYMENT_SOURCES)[number];

/**
 * What a ledger line records. A correction is a new line; no line is ever changed or removed.
 * education_fee: a john-school participant's session fee, all of it prevention (offender education).
 */
export const LEDGER_KINDS = ["payment", "allocation", "remittance", "education_fee"] as const;

/** The recipient key and label of john-school fees in the ledger and on /fees. */
export const EDUCATION_RECIPIENT = { key: "offender_education", label: "Offender education (john school)", category: "prevention" } as const;

/** King County's court-ordered program for buyers (the default of a new john-school record). */
export const JOHN_SCHOOL_DEFAULT = { program: "Stopping Sexual Exploitation (King County)", sessions: 10 } as const;

export const OPERATION_TYPES = ["street_reverse_sting", "web_reverse_sting", "outreach", "massage_business_enforcement"] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];
export const OPERATION_TYPE_LABELS: Record<OperationType, string> = {
  street_reverse_sting: "Street reverse sting",
  web_reverse_sting: "Web reverse sting",
  outreach: "Outreach",
  massage_business_enforcement: "Massage-business enforcement",
};
export type LedgerKind = (typeof LEDGER_KINDS)[number];
