// Closed sets for survivor records. Pure data shared by the schema, validation, forms and seed.
// Every demographic question allows "not_reported": no answer is ever required (DOMAIN.md §5, OVC PMT).

export const SURVIVOR_STATUSES = ["active", "inactive", "closed"] as const;
export type SurvivorStatus = (typeof SURVIVOR_STATUSES)[number];
export const SURVIVOR_STATUS_LABELS: Record<SurvivorStatus, string> = {
  active: "Active",
  inactive: "Inactive",
  closed: "Closed",
};

export const CLOSE_REASONS = [
  "goals_met",
  "survivor_request",
  "moved_away",
  "no_contact",
  "transferred_out",
  "deceased",
  "other",
] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];
export const CLOSE_REASON_LABELS: Record<CloseReason, string> = {
  goals_met: "Goals met",
  survivor_request: "Survivor asked to close",
  moved_away: "Moved out of the service area",
  no_contact: "No contact for an extended time",
  transferred_out: "Transferred to another agency",
  deceased: "Deceased",
  other: "Other",
};

export const REFERRAL_SOURCES = ["law_enforcement_operation", "outreach", "self", "hotline", "partner_referral", "other"] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];
export const REFERRAL_SOURCE_LABELS: Record<ReferralSource, string> = {
  law_enforcement_operation: "Law-enforcement operation",
  outreach: "Outreach",
  self: "Self-referred",
  hotline: "Hotline",
  partner_referral: "Partner referral",
  other: "Other",
};

export const VICTIMIZATION_TYPES = [
  "sex_trafficking",
  "commercial_sexual_exploitation",
  "labor_trafficking",
  "sexual_assault",
  "domestic_violence",
  "stalking",
  "child_sexual_abuse",
  "other",
] as const;
export type VictimizationType = (typeof VICTIMIZATION_TYPES)[number];
export const VICTIMIZATION_TYPE_LABELS: Record<VictimizationType, string> = {
  sex_trafficking: "Sex trafficking",
  commercial_sexual_exploitation: "Commercial sexual exploitation",
  labor_trafficking: "Labor trafficking",
  sexual_assault: "Sexual assault",
  domestic_violence: "Domestic violence",
  stalking: "Stalking",
  child_sexual_abuse: "Child sexual abuse",
  other: "Other",
};

export const CONTACT_CHANNELS = ["phone_call", "text", "email", "mail", "in_person", "through_partner"] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export const CONTACT_CHANNEL_LABELS: Record<ContactChannel, string> = {
  phone_call: "Phone call",
  text: "Text message",
  email: "Email",
  mail: "Mail",
  in_person: "In person",
  through_partner: "Through a partner agency",
};

export const AGENCY_MENTION = ["yes", "no", "not_asked"] as const;
export type AgencyMention = (typeof AGENCY_MENTION)[number];
export const AGENCY_MENTION_LABELS: Record<AgencyMention, string> = {
  yes: "May name the agency",
  no: "Must NOT name the agency",
  not_asked: "Not asked yet: do not name the agency",
};

export const GENDER_IDENTITIES = ["woman", "man", "nonbinary", "transgender_woman", "transgender_man", "self_described", "not_reported"] as const;
export type GenderIdentity = (typeof GENDER_IDENTITIES)[number];
export const GENDER_IDENTITY_LABELS: Record<GenderIdentity, string> = {
  woman: "Woman",
  man: "Man",
  nonbinary: "Nonbinary",
  transgender_woman: "Transgender woman",
  transgender_man: "Transgender man",
  self_described: "Self-described",
  not_reported: "Not reported",
};

export const RACE_ETHNICITIES = [
  "american_indian_alaska_native",
  "asian",
  "black_african_american",
  "hispanic_latino",
  "middle_eastern_north_african",
  "native_hawaiian_pacific_islander",
  "white",
  "multiple",
  "not_reported",
] as const;
export type RaceEthnicity = (typeof RACE_ETHNICITIES)[number];
export const RACE_ETHNICITY_LABELS: Record<RaceEthnicity, string> = {
  american_indian_alaska_native: "American Indian or Alaska Native",
  asian: "Asian",
  black_african_american: "Black or African American",
  hispanic_latino: "Hispanic or Latino",
  middle_eastern_north_african: "Middle Eastern or North African",
  native_hawaiian_pacific_islander: "Native Hawaiian or Pacific Islander",
  white: "White",
  multiple: "More than one",
  not_reported: "Not reported",
};

export const AGE_BANDS = ["under_18", "18_24", "25_34", "35_49", "50_64", "65_plus", "not_reported"] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const AGE_BAND_LABELS: Record<AgeBand, string> = {
  under_18: "Under 18",
  "18_24": "18–24",
  "25_34": "25–34",
  "35_49": "35–49",
  "50_64": "50–64",
  "65_plus": "65 or older",
  not_reported: "Not reported",
};

export const NOTE_KINDS = ["contact", "advocacy", "safety"] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  contact: "Contact",
  advocacy: "Advocacy",
  safety: "Safety",
};

export const NOTE_VISIBILITIES = ["normal", "restricted"] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export const NOTE_VISIBILITY_LABELS: Record<NoteVisibility, string> = {
  normal: "Normal",
  restricted: "Restricted: only me and my program leads",
};

export const SURVIVOR_SORTS = ["name", "client_code", "intake_newest", "updated"] as const;
export type SurvivorSort = (typeof SURVIVOR_SORTS)[number];
export const SURVIVOR_SORT_LABELS: Record<SurvivorSort, string> = {
  name: "Preferred name",
  client_code: "Client code",
  intake_newest: "Newest intake",
  updated: "Recently updated",
};

/** Timeline event kinds (later areas add referral and petition events to the same timeline). */
export const SURVIVOR_EVENT_KINDS = [
  "intake",
  "details_updated",
  "status_changed",
  "transferred",
  "transfer_requested",
  "transfer_declined",
  "shared",
  "unshared",
  "note_added",
  "note_corrected",
  "release_given",
  "release_revoked",
  "referral_created",
  "referral_status_changed",
  "court_record_added",
  "court_record_updated",
  "pending_charge_added",
  "pending_charge_resolved",
  "later_conviction_added",
  "matter_opened",
  "matter_attorney_assigned",
  "matter_conflict_cleared",
  "matter_conflict_declined",
  "matter_status_changed",
  "matter_applicant_recorded",
  "matter_notice_recorded",
  "matter_position_recorded",
  "matter_checklist_recorded",
  "matter_hearing_changed",
  "service_recorded",
  "service_removed",
] as const;
export type SurvivorEventKind = (typeof SURVIVOR_EVENT_KINDS)[number];
