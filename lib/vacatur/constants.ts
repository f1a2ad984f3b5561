// Court records and vacatur matters (DOMAIN.md §1, §2, §6). Pure data shared by the database enums,
// the forms, the screening rules and the pages.

export const COURT_TYPES = ["municipal", "district", "superior"] as const;
type CourtType = (typeof COURT_TYPES)[number];
export const COURT_TYPE_LABELS: Record<CourtType, string> = { municipal: "Municipal court", district: "District court", superior: "Superior court" };

export const PROSECUTING_AUTHORITIES = ["county_prosecutor", "city_attorney"] as const;
type ProsecutingAuthority = (typeof PROSECUTING_AUTHORITIES)[number];
export const PROSECUTING_AUTHORITY_LABELS: Record<ProsecutingAuthority, string> = { county_prosecutor: "County prosecutor", city_attorney: "City attorney" };

export const OFFENSE_CLASSES = ["misdemeanor", "gross_misdemeanor", "felony_a", "felony_b", "felony_c"] as const;
export type OffenseClass = (typeof OFFENSE_CLASSES)[number];
export const OFFENSE_CLASS_LABELS: Record<OffenseClass, string> = {
  misdemeanor: "Misdemeanor",
  gross_misdemeanor: "Gross misdemeanor",
  felony_a: "Class A felony",
  felony_b: "Class B felony",
  felony_c: "Class C felony",
};

/** Whether a count is one of the offenses RCW 9.96.080(2)(d) exempts from the assessment proof. */
export const OFFENSE_CATEGORIES = ["other", "prostitution", "prostitution_loitering", "stay_out_of_area"] as const;
export type OffenseCategory = (typeof OFFENSE_CATEGORIES)[number];
export const OFFENSE_CATEGORY_LABELS: Record<OffenseCategory, string> = {
  other: "None of these",
  prostitution: "Prostitution",
  prostitution_loitering: "Prostitution loitering (local ordinance)",
  stay_out_of_area: "Violating a stay-out-of-area-of-prostitution order",
};

export const ENHANCEMENTS = ["none", "firearm", "deadly_weapon", "sexual_motivation"] as const;
export type Enhancement = (typeof ENHANCEMENTS)[number];
export const ENHANCEMENT_LABELS: Record<Enhancement, string> = {
  none: "None",
  firearm: "Firearm",
  deadly_weapon: "Deadly weapon",
  sexual_motivation: "Sexual motivation",
};

export const DISPOSITIONS = ["guilty_plea", "found_guilty", "deferred_sentence", "other"] as const;
type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITION_LABELS: Record<Disposition, string> = {
  guilty_plea: "Guilty plea",
  found_guilty: "Found guilty at trial",
  deferred_sentence: "Deferred sentence",
  other: "Other conviction",
};

export const CVPA_STATUSES = ["unknown", "not_imposed", "unpaid", "paid", "waived"] as const;
export type CvpaStatus = (typeof CVPA_STATUSES)[number];
export const CVPA_STATUS_LABELS: Record<CvpaStatus, string> = {
  unknown: "Not yet known",
  not_imposed: "Not imposed",
  unpaid: "Imposed, not paid in full",
  paid: "Paid in full",
  waived: "Waived by the court",
};

/**
 * Restitution on a conviction: not yet known, none ordered, or ordered, with one entry per payee. The
 * survivor routes count only restitution owed to a victim, "excluding restitution owed to any insurance
 * provider under Title 48 RCW" (RCW 9.96.080(2)(e), 9.94A.648(2)(f)); the general routes count every
 * unpaid entry, insurers included, as an unmet financial obligation (RCW 9.96.060(2)(a); discharge under
 * RCW 9.94A.637 for RCW 9.94A.640(1)).
 */
export const RESTITUTION_ORDERS = ["unknown", "none", "ordered"] as const;
export type RestitutionOrder = (typeof RESTITUTION_ORDERS)[number];
export const RESTITUTION_ORDER_LABELS: Record<RestitutionOrder, string> = {
  unknown: "Not yet known",
  none: "None ordered",
  ordered: "Ordered (list each payee below)",
};
export const RESTITUTION_PAYEES = ["victim", "insurer", "other"] as const;
export type RestitutionPayee = (typeof RESTITUTION_PAYEES)[number];
export const RESTITUTION_PAYEE_LABELS: Record<RestitutionPayee, string> = {
  victim: "The victim (a person or business harmed)",
  insurer: "An insurance provider",
  other: "Someone else (an agency, a fund)",
};
export const RESTITUTION_PAYMENTS = ["unpaid", "paid", "unknown"] as const;
export type RestitutionPayment = (typeof RESTITUTION_PAYMENTS)[number];
export const RESTITUTION_PAYMENT_LABELS: Record<RestitutionPayment, string> = {
  unpaid: "Not paid in full",
  paid: "Paid in full",
  unknown: "Not yet known",
};
export type RestitutionEntry = { owedTo: RestitutionPayee; payment: RestitutionPayment };
const PAYEE_SHORT: Record<RestitutionPayee, string> = { victim: "the victim", insurer: "an insurer", other: "another payee" };
/** The restitution on a conviction in one line, for the record pages: "Owed to the victim: paid in full; owed to an insurer: not paid in full". */
export function describeRestitution(order: RestitutionOrder, entries: readonly RestitutionEntry[]): string {
  if (order !== "ordered" || entries.length === 0) return RESTITUTION_ORDER_LABELS[order === "ordered" ? "unknown" : order];
  return entries.map((e, i) => `${i === 0 ? "Owed" : "owed"} to ${PAYEE_SHORT[e.owedTo]}: ${RESTITUTION_PAYMENT_LABELS[e.payment].toLowerCase()}`).join("; ");
}
/** At most this many restitution entries on one conviction. */
export const MAX_RESTITUTION_ENTRIES = 10;

export const RECORD_SOURCES = ["survivor", "court_docket", "wsp_report"] as const;
type RecordSource = (typeof RECORD_SOURCES)[number];
export const RECORD_SOURCE_LABELS: Record<RecordSource, string> = {
  survivor: "The survivor's account",
  court_docket: "Court docket or judgment",
  wsp_report: "WSP criminal-history report",
};

export const JURISDICTIONS = ["washington", "other_state", "federal", "tribal"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];
export const JURISDICTION_LABELS: Record<Jurisdiction, string> = {
  washington: "Washington",
  other_state: "Another state",
  federal: "Federal",
  tribal: "Tribal",
};

// ---------------------------------------------------------------------------------------------
// The matter

export const MATTER_STATUSES = [
  "referred",
  "screening",
  "records_requested",
  "ineligible_now",
  "drafting",
  "survivor_review",
  "filed",
  "hearing_set",
  "continued",
  "granted",
  "partially_granted",
  "denied",
  "order_transmitted",
  "verified",
  "closed",
  "on_hold_by_survivor",
  "withdrawn",
] as const;
export type MatterStatus = (typeof MATTER_STATUSES)[number];
export const MATTER_STATUS_LABELS: Record<MatterStatus, string> = {
  referred: "Referred",
  screening: "Screening",
  records_requested: "Records requested",
  ineligible_now: "Ineligible for now",
  drafting: "Drafting",
  survivor_review: "Survivor review",
  filed: "Filed",
  hearing_set: "Hearing set",
  continued: "Continued",
  granted: "Granted",
  partially_granted: "Partially granted",
  denied: "Denied",
  order_transmitted: "Order transmitted",
  verified: "Verified",
  closed: "Closed",
  on_hold_by_survivor: "On hold by survivor",
  withdrawn: "Withdrawn",
};
export const CLOSED_MATTER_STATUSES: readonly MatterStatus[] = ["closed", "withdrawn"];

export const CONFLICT_STATUSES = ["pending", "cleared"] as const;

export const PROSECUTOR_POSITIONS = ["unknown", "no_objection", "agreed_order", "objects", "will_file"] as const;
export type ProsecutorPosition = (typeof PROSECUTOR_POSITIONS)[number];
export const PROSECUTOR_POSITION_LABELS: Record<ProsecutorPosition, string> = {
  unknown: "Not yet known",
  no_objection: "No objection",
  agreed_order: "Agreed order",
  objects: "Objects",
  will_file: "Will file on the survivor's behalf",
};

export const NOTICE_METHODS = ["email", "mail", "efile_service", "hand_delivery"] as const;
export type NoticeMethod = (typeof NOTICE_METHODS)[number];
export const NOTICE_METHOD_LABELS: Record<NoticeMethod, string> = {
  email: "Email",
  mail: "Mail",
  efile_service: "E-filing service",
  hand_delivery: "Hand delivery",
};

export const COMMUNICATION_CHANNELS = ["email", "phone", "letter", "meeting", "in_court"] as const;
export type CommunicationChannel = (typeof COMMUNICATION_CHANNELS)[number];
export const COMMUNICATION_CHANNEL_LABELS: Record<CommunicationChannel, string> = {
  email: "Email",
  phone: "Phone",
  letter: "Letter",
  meeting: "Meeting",
  in_court: "In court",
};

export const HOUR_ACTIVITIES = ["screening", "records", "drafting", "client_meeting", "prosecutor_contact", "court", "travel", "other"] as const;
export type HourActivity = (typeof HOUR_ACTIVITIES)[number];
export const HOUR_ACTIVITY_LABELS: Record<HourActivity, string> = {
  screening: "Screening",
  records: "Records gathering",
  drafting: "Drafting",
  client_meeting: "Meeting the survivor",
  prosecutor_contact: "Prosecutor contact",
  court: "Court appearance",
  travel: "Travel",
  other: "Other",
};

/** RCW 9.96.060(9) and practice (DOMAIN.md §2.2 steps 10–11). */
export const POST_ORDER_STEPS = [
  "clerk_sent_wsp",
  "clerk_sent_local",
  "wsp_updated",
  "watch_30",
  "watch_60",
  "watch_90",
  "fbi_forwarded",
  "survivor_told",
  "sealing_considered",
] as const;
export type PostOrderStep = (typeof POST_ORDER_STEPS)[number];
export const POST_ORDER_STEP_LABELS: Record<PostOrderStep, string> = {
  clerk_sent_wsp: "Clerk sent the order to WSP",
  clerk_sent_local: "Clerk sent the order to the local agency",
  wsp_updated: "WSP record updated",
  watch_30: "WATCH re-check at 30 days",
  watch_60: "WATCH re-check at 60 days",
  watch_90: "WATCH re-check at 90 days",
  fbi_forwarded: "Order forwarded to the FBI",
  survivor_told: "Survivor told of the result",
  sealing_considered: "Sealing motion (GR 15) considered",
};
/** Steps that verify the record changed; closing a granted matter needs at least one. */
export const VERIFICATION_STEPS: readonly PostOrderStep[] = ["wsp_updated", "watch_30", "watch_60", "watch_90", "fbi_forwarded"];

export const TASK_KINDS = ["prosecutor_notice"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
export const TASK_KIND_LABELS: Record<TaskKind, string> = { prosecutor_notice: "Give the prosecuting office notice of the filing" };

/**
 * A hearing as the court keeps it: scheduled, continued (to a later, successor hearing, or to a date not yet
 * set), or cancelled.
 * Continued and cancelled hearings are kept, so the record shows every date the court set.
 */
export const HEARING_STATUSES = ["scheduled", "continued", "cancelled"] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];
export const HEARING_STATUS_LABELS: Record<HearingStatus, string> = { scheduled: "Scheduled", continued: "Continued", cancelled: "Cancelled" };

/** A matter with no activity for this long is stale on the attorney's list. */
export const STALE_AFTER_DAYS = 30;
