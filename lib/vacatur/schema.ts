import { z } from "zod";
import { checkbox, DATE_RANGES, nameText, optionalChoice, optionalDate, optionalId, optionalNameText, optionalPastDate, optionalText, pastDate, periodSchema } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import {
  COMMUNICATION_CHANNELS,
  COURT_TYPES,
  CVPA_STATUSES,
  DISPOSITIONS,
  ENHANCEMENTS,
  HOUR_ACTIVITIES,
  JURISDICTIONS,
  MATTER_STATUSES,
  NOTICE_METHODS,
  OFFENSE_CATEGORIES,
  OFFENSE_CLASSES,
  POST_ORDER_STEPS,
  PROSECUTING_AUTHORITIES,
  PROSECUTOR_POSITIONS,
  RECORD_SOURCES,
  MAX_RESTITUTION_ENTRIES,
  RESTITUTION_ORDERS,
  RESTITUTION_PAYEES,
  RESTITUTION_PAYMENTS,
} from "./constants";
import { MATTER_ACTIONS } from "./machine";
import { ROUTES } from "./rules/screen";

// Forms and server share these schemas (the browser's zodResolver and the commands parse alike).

/** The values of a group of checkboxes (an array, one string, or false when none is ticked). */
const checkedValues = z
  .union([z.array(z.string()), z.string(), z.literal(false)])
  .nullish()
  .transform((v) => (v === false || v == null ? [] : [...new Set(Array.isArray(v) ? v : [v])]));

const requiredText = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Use at most ${max} characters.`);

/** Dollars as typed ("500", "$1,250.50"), cleaned to "1250.50"; empty is unknown. Commands convert with toCents. */
const money = z
  .string()
  .trim()
  .nullish()
  .transform((value) => (value ?? "").replace(/[$,\s]/g, ""))
  .refine((value) => value === "" || /^\d{1,7}(\.\d{1,2})?$/.test(value), "Enter an amount in dollars, like 500 or 500.00.")
  .transform((value) => (value === "" ? null : value));

export function toCents(dollars: string | null): number | null {
  return dollars === null ? null : Math.round(Number(dollars) * 100);
}

const countSchema = z.object({
  count: z.coerce.number("Enter the count number.").int("Use a whole number.").min(1, "Counts start at 1.").max(99, "Use a count number below 100."),
  offense: requiredText(200, "Name the offense."),
  citation: requiredText(100, "Enter the RCW or local ordinance cited."),
  offenseClass: z.enum(OFFENSE_CLASSES, "Choose the offense class."),
  category: z.enum(OFFENSE_CATEGORIES, "Choose whether it is prostitution-related.").default("other"),
  enhancement: z.enum(ENHANCEMENTS, "Choose the enhancement, or none.").default("none"),
});

/** One restitution entry: who it is owed to, and whether it is paid in full. */
const restitutionEntrySchema = z.object({
  owedTo: z.enum(RESTITUTION_PAYEES, "Choose who the restitution is owed to."),
  payment: z.enum(RESTITUTION_PAYMENTS, "Choose whether it is paid in full."),
});

const convictionFields = z.object({
  courtType: z.enum(COURT_TYPES, "Choose the type of court."),
  courtName: requiredText(200, "Name the court."),
  courtLocality: requiredText(100, "Enter the county or city."),
  caseNumber: nameText(60, "Enter the case (cause) number."),
  prosecutingAuthority: z.enum(PROSECUTING_AUTHORITIES, "Choose who prosecuted."),
  prosecutingOffice: requiredText(200, "Name the prosecuting office."),
  counts: z.array(countSchema).min(1, "Add at least one count.").max(20, "A conviction can list at most 20 counts."),
  disposition: z.enum(DISPOSITIONS, "Choose the disposition."),
  dispositionDate: pastDate(DATE_RANGES.courtHistory.min, "Enter the date of the conviction."),
  sentencingDate: optionalPastDate(DATE_RANGES.courtHistory.min),
  confinementReleaseDate: optionalDate(DATE_RANGES.sentenceEnd),
  supervisionEndDate: optionalDate(DATE_RANGES.sentenceEnd),
  dischargeDate: optionalPastDate(DATE_RANGES.courtHistory.min),
  cvpaAmount: money,
  cvpaStatus: z.enum(CVPA_STATUSES, "Choose the assessment's status.").default("unknown"),
  restitutionOrder: z.enum(RESTITUTION_ORDERS, "Choose whether restitution was ordered.").default("unknown"),
  restitution: z.array(restitutionEntrySchema).max(MAX_RESTITUTION_ENTRIES, `List at most ${MAX_RESTITUTION_ENTRIES} restitution entries.`).default([]),
  source: z.enum(RECORD_SOURCES, "Choose where this information came from."),
  verifiedOn: optionalPastDate(DATE_RANGES.casework.min),
  citedRoute: optionalText(100),
});

type ConvictionShape = z.infer<typeof convictionFields>;

function checkConviction(value: ConvictionShape, ctx: z.RefinementCtx) {
  const numbers = value.counts.map((c) => c.count);
  numbers.forEach((n, i) => {
    if (numbers.indexOf(n) !== i) ctx.addIssue({ code: "custom", path: ["counts", i, "count"], message: "Each count needs its own number." });
  });
  if (value.sentencingDate && value.sentencingDate < value.dispositionDate) {
    ctx.addIssue({ code: "custom", path: ["sentencingDate"], message: "Sentencing cannot come before the conviction." });
  }
  const start = value.sentencingDate ?? value.dispositionDate;
  for (const field of ["confinementReleaseDate", "supervisionEndDate", "dischargeDate"] as const) {
    const date = value[field];
    if (date && date < start) ctx.addIssue({ code: "custom", path: [field], message: "This cannot come before sentencing." });
  }
  if (value.source !== "survivor" && !value.verifiedOn) {
    ctx.addIssue({ code: "custom", path: ["verifiedOn"], message: "Enter the date the docket or WSP report was checked." });
  }
  // The database holds the same invariant (convictions_restitution_entries); here it is said beside the field.
  if (value.restitutionOrder === "ordered" && value.restitution.length === 0) {
    ctx.addIssue({ code: "custom", path: ["restitution"], message: "Add an entry for each payee the restitution is owed to." });
  }
  if (value.restitutionOrder !== "ordered" && value.restitution.length > 0) {
    ctx.addIssue({ code: "custom", path: ["restitutionOrder"], message: 'Choose "Ordered" to keep the restitution entries, or remove them.' });
  }
  if (value.cvpaStatus === "not_imposed" && value.cvpaAmount) {
    ctx.addIssue({ code: "custom", path: ["cvpaAmount"], message: "Leave the amount empty when no assessment was imposed." });
  }
}

export const addConvictionSchema = convictionFields.extend({ survivorId: z.uuid(), idempotencyKey }).superRefine(checkConviction);
export type AddConvictionInput = z.input<typeof addConvictionSchema>;
export const updateConvictionSchema = convictionFields.extend({ ...recordRef }).superRefine(checkConviction);
export type UpdateConvictionInput = z.input<typeof updateConvictionSchema>;

export const addPendingChargeSchema = z.object({
  survivorId: z.uuid(),
  jurisdiction: z.enum(JURISDICTIONS, "Choose the jurisdiction."),
  court: requiredText(200, "Name the court."),
  offense: requiredText(200, "Name the charge."),
  citation: optionalText(100),
  prostitution: checkbox,
  filedOn: optionalPastDate(DATE_RANGES.courtHistory.min),
  idempotencyKey,
});
export type AddPendingChargeInput = z.input<typeof addPendingChargeSchema>;

export const resolvePendingChargeSchema = z.object({ id: z.uuid(), resolvedOn: pastDate(DATE_RANGES.courtHistory.min, "Enter the date it was resolved.") });
export type ResolvePendingChargeInput = z.input<typeof resolvePendingChargeSchema>;

export const addLaterConvictionSchema = z.object({
  survivorId: z.uuid(),
  convictedOn: pastDate(DATE_RANGES.courtHistory.min, "Enter the date of the conviction."),
  jurisdiction: z.enum(JURISDICTIONS, "Choose the jurisdiction."),
  description: requiredText(200, "Describe the conviction (offense and court)."),
  idempotencyKey,
});
export type AddLaterConvictionInput = z.input<typeof addLaterConvictionSchema>;

// ---------------------------------------------------------------------------------------------
// Matters

export const openMatterSchema = z.object({
  survivorId: z.uuid(),
  convictionIds: checkedValues.pipe(z.array(z.uuid("Choose convictions of this survivor.")).min(1, "Choose at least one conviction to vacate.")),
  legalOrganizationId: optionalId("Choose a legal organization."),
  idempotencyKey,
});
export type OpenMatterInput = z.input<typeof openMatterSchema>;

export const assignAttorneySchema = z.object({ ...recordRef, attorneyId: z.uuid("Choose an attorney.") });
export type AssignAttorneyInput = z.input<typeof assignAttorneySchema>;

/** Whether the applicant is a family member applying for a survivor who died as a victim of homicide (RCW 9.96.060(7)). */
export const recordApplicantSchema = z.object({ ...recordRef, homicideFamilyApplicant: checkbox });
export type RecordApplicantInput = z.input<typeof recordApplicantSchema>;

export const attestConflictSchema = z.object({ ...recordRef, decision: z.enum(["no_conflict", "conflict"], "Choose one.") });
export type AttestConflictInput = z.input<typeof attestConflictSchema>;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const transitionMatterSchema = z.object({
  ...recordRef,
  action: z.enum(MATTER_ACTIONS),
  note: optionalText(1000),
  revisitOn: optionalDate(DATE_RANGES.revisit),
  filedOn: optionalPastDate(DATE_RANGES.casework.min),
  court: optionalText(200),
  caseNumber: optionalNameText(60),
  hearingDate: optionalDate(DATE_RANGES.hearing),
  hearingTime: z
    .string()
    .trim()
    .nullish()
    .transform((v) => v || null)
    .refine((v) => v === null || TIME.test(v), "Enter a time like 09:30."),
  place: optionalText(300),
  orderOn: optionalPastDate(DATE_RANGES.casework.min),
  counts: checkedValues,
});
export type TransitionMatterInput = z.input<typeof transitionMatterSchema>;

export const recordConclusionSchema = z.object({
  matterId: z.uuid(),
  /** the matter's version the page was opened on: a conclusion is a versioned save of the matter */
  version: recordRef.version,
  convictionId: z.uuid(),
  conclusion: z.enum(["eligible", "not_eligible", "needs_more"], "Choose your conclusion."),
  route: optionalChoice(ROUTES, "Choose a route."),
  note: optionalText(2000),
}).refine((value) => value.conclusion !== "eligible" || (value.route !== null && value.route !== "none"), {
  path: ["route"],
  message: "Choose the route the petition will use: it becomes the draft's statutory basis.",
});
export type RecordConclusionInput = z.input<typeof recordConclusionSchema>;

export const recordNoticeSchema = z.object({
  ...recordRef,
  prosecutorOfficeId: z.uuid("Choose the prosecuting office."),
  noticeOn: pastDate(DATE_RANGES.casework.min, "Enter the date notice was given."),
  noticeMethod: z.enum(NOTICE_METHODS, "Choose how notice was given."),
  noticeGivenBy: nameText(200, "Say who gave notice."),
});
export type RecordNoticeInput = z.input<typeof recordNoticeSchema>;

export const recordPositionSchema = z.object({ ...recordRef, position: z.enum(PROSECUTOR_POSITIONS, "Choose the office's position.") });
export type RecordPositionInput = z.input<typeof recordPositionSchema>;

export const addCommunicationSchema = z.object({
  matterId: z.uuid(),
  occurredOn: pastDate(DATE_RANGES.casework.min),
  channel: z.enum(COMMUNICATION_CHANNELS, "Choose the channel."),
  summary: requiredText(2000, "Summarize the communication."),
  idempotencyKey,
});
export type AddCommunicationInput = z.input<typeof addCommunicationSchema>;

export const logHoursSchema = z.object({
  matterId: z.uuid(),
  workedOn: pastDate(DATE_RANGES.casework.min),
  hours: z
    .string()
    .trim()
    .min(1, "Enter the hours.")
    .refine((v) => /^\d{1,2}(\.\d{1,2})?$/.test(v), "Enter hours like 1.5 or 0.25.")
    .refine((v) => Number(v) > 0 && Number(v) <= 24, "Enter between 0.01 and 24 hours."),
  activity: z.enum(HOUR_ACTIVITIES, "Choose the activity."),
  description: optionalText(500),
  idempotencyKey,
});
export type LogHoursInput = z.input<typeof logHoursSchema>;

/** A correction replaces the entry's fields (the original is kept, marked superseded). */
export const correctHoursSchema = logHoursSchema.omit({ matterId: true, idempotencyKey: true }).extend(recordRef);
export type CorrectHoursInput = z.input<typeof correctHoursSchema>;

export const removeHoursSchema = z.object(recordRef);
export type RemoveHoursInput = z.input<typeof removeHoursSchema>;

/** The legal organization's hourly rate for valuing its hours, in dollars ("250", "$175.50"). `version` 0: none set yet. */
export const hourlyRateSchema = z.object({
  rate: z
    .string()
    .trim()
    .transform((value) => value.replace(/[$,\s]/g, ""))
    .refine((value) => /^\d{1,4}(\.\d{1,2})?$/.test(value), { message: "Enter the rate in dollars an hour, like 250 or 175.50.", abort: true })
    .refine((value) => Number(value) > 0 && Number(value) <= 2000, "Enter a rate between $0.01 and $2,000.00 an hour."),
  version: z.coerce.number().int().min(0),
});
export type HourlyRateInput = z.input<typeof hourlyRateSchema>;

export const recordChecklistSchema = z.object({
  matterId: z.uuid(),
  step: z.enum(POST_ORDER_STEPS, "Choose the step."),
  doneOn: pastDate(DATE_RANGES.casework.min),
  note: optionalText(500),
  idempotencyKey,
});
export type RecordChecklistInput = z.input<typeof recordChecklistSchema>;

export const addMatterNoteSchema = z.object({ matterId: z.uuid(), body: requiredText(5000, "Write the note."), idempotencyKey });
export type AddMatterNoteInput = z.input<typeof addMatterNoteSchema>;

const MATTER_STATUS_FILTERS = ["open", "all", "closed", ...MATTER_STATUSES] as const;
export const matterFiltersSchema = z.object({
  status: z.enum(MATTER_STATUS_FILTERS).default("open").catch("open"),
  scope: z.enum(["mine", "organization"]).default("mine").catch("mine"),
  stale: z
    .enum(["1"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
export type MatterFilters = z.infer<typeof matterFiltersSchema>;

/** Which hearings the hearings list (and its CSV) shows. */
export const hearingViewSchema = z.enum(["upcoming", "past"]).catch("upcoming");

/** The hours report's period (and its CSV's): the shared period rule, so an impossible date or a To before From is an error beside its field. */
export const hoursReportSchema = periodSchema;
