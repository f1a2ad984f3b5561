// Closed sets for organizations. Pure data shared by the schema, validation and forms.

export const ORGANIZATION_TYPES = [
  "service_provider",
  "legal_aid",
  "prosecutor_office",
  "law_enforcement",
  "court",
  "government",
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

export const ORGANIZATION_TYPE_LABELS: Record<OrganizationType, string> = {
  service_provider: "Service provider",
  legal_aid: "Legal aid",
  prosecutor_office: "Prosecutor's office",
  law_enforcement: "Law enforcement",
  court: "Court",
  government: "Government",
};

// The service categories partners offer (the partner directory and referrals use the same list).
export const SERVICES = [
  "housing",
  "legal",
  "mental_health",
  "substance_use",
  "medical",
  "employment",
  "education",
  "immigration",
  "exit_support",
  "financial",
  "childcare",
  "other",
] as const;
export type Service = (typeof SERVICES)[number];

export const SERVICE_LABELS: Record<Service, string> = {
  housing: "Housing / shelter",
  legal: "Legal",
  mental_health: "Mental health",
  substance_use: "Substance use",
  medical: "Medical",
  employment: "Employment",
  education: "Education",
  immigration: "Immigration",
  exit_support: "Exit / peer support",
  financial: "Financial",
  childcare: "Childcare",
  other: "Other",
};

// Washington's 39 counties. An organization without a county serves the whole state.
export const WA_COUNTIES = [
  "Adams", "Asotin", "Benton", "Chelan", "Clallam", "Clark", "Columbia", "Cowlitz", "Douglas", "Ferry",
  "Franklin", "Garfield", "Grant", "Grays Harbor", "Island", "Jefferson", "King", "Kitsap", "Kittitas",
  "Klickitat", "Lewis", "Lincoln", "Mason", "Okanogan", "Pacific", "Pend Oreille", "Pierce", "San Juan",
  "Skagit", "Skamania", "Snohomish", "Spokane", "Stevens", "Thurston", "Wahkiakum", "Walla Walla",
  "Whatcom", "Whitman", "Yakima",
] as const;

// How open a partner is to new referrals right now (the directory shows when it was last said).
export const CAPACITIES = ["accepting", "waitlist", "not_accepting"] as const;
export type Capacity = (typeof CAPACITIES)[number];
export const CAPACITY_LABELS: Record<Capacity, string> = {
  accepting: "Accepting referrals",
  waitlist: "Waitlist",
  not_accepting: "Not accepting",
};
