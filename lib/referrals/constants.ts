// Referral statuses and urgencies. Pure data shared by the schema, the state machine and the forms.

export const REFERRAL_STATUSES = ["draft", "sent", "accepted", "declined", "withdrawn", "in_service", "completed", "ended_without_service"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: "Draft",
  sent: "Sent",
  accepted: "Accepted",
  declined: "Declined",
  withdrawn: "Withdrawn",
  in_service: "In service",
  completed: "Completed",
  ended_without_service: "Ended without service",
};

/** Statuses after which nothing more happens. */
export const FINAL_REFERRAL_STATUSES: readonly ReferralStatus[] = ["declined", "withdrawn", "completed", "ended_without_service"];

export const URGENCIES = ["routine", "soon", "urgent"] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, string> = {
  routine: "Routine",
  soon: "Within a week",
  urgent: "Urgent (safety)",
};

/** Default: a sent referral with no answer after this many business days is overdue. */
export const DEFAULT_OVERDUE_BUSINESS_DAYS = 5;

/** Why a recipient declined: a choice that can be counted, with the words in the event's note. */
export const DECLINE_REASONS = ["no_capacity", "not_eligible", "outside_service_area", "service_not_offered", "survivor_declined", "unable_to_reach", "other"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, string> = {
  no_capacity: "No capacity now",
  not_eligible: "Not eligible for the service",
  outside_service_area: "Outside our service area",
  service_not_offered: "We do not offer this service",
  survivor_declined: "The survivor declined",
  unable_to_reach: "Could not reach the survivor",
  other: "Other",
};
