import { z } from "zod";
import { WA_COUNTIES } from "../organizations/constants";
import {
  calendarDate,
  checkbox,
  choices,
  DATE_RANGES,
  nameList,
  nameText,
  optionalChoice,
  optionalDate,
  optionalId,
  optionalNameText,
  optionalText,
  searchText,
  textList,
} from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import {
  AGE_BANDS,
  AGENCY_MENTION,
  CLOSE_REASONS,
  CONTACT_CHANNELS,
  GENDER_IDENTITIES,
  NOTE_KINDS,
  NOTE_VISIBILITIES,
  RACE_ETHNICITIES,
  REFERRAL_SOURCES,
  SURVIVOR_SORTS,
  SURVIVOR_STATUSES,
  VICTIMIZATION_TYPES,
} from "./constants";

// One set of schemas for the survivor forms (zodResolver in the browser) and the server (actions and
// commands parse again). Each schema accepts its own output, so a form may send parsed values.
// Only what a case cannot exist without is required: a name to use, an intake date, an advocate.

const PHONE = /^\+?[0-9 ().-]{7,25}$/;

const survivorFields = z.object({
  preferredName: nameText(80, "Enter the name the survivor wants to be called."),
  pronouns: optionalText(40),
  legalName: optionalNameText(120),
  aliases: nameList(10, 120, "aliases"),
  dateOfBirth: optionalDate(DATE_RANGES.birth),
  phone: optionalText(25).refine((value) => value === null || PHONE.test(value), "Enter a phone number (digits, spaces, +, - or parentheses)."),
  email: optionalText(254).refine((value) => value === null || z.email().safeParse(value).success, "Enter an email address like name@example.org."),
  address: optionalText(300),
  acpParticipant: checkbox,
  county: z
    .string()
    .nullish()
    .transform((value) => value || null)
    .refine((value) => value === null || (WA_COUNTIES as readonly string[]).includes(value), "Choose a Washington county from the list."),
  languages: textList(6, 40, "languages"),
  interpreterNeeded: checkbox,
  referralSource: optionalChoice(REFERRAL_SOURCES, "Choose how they came to you."),
  victimizationTypes: choices(VICTIMIZATION_TYPES, "Choose from the list."),
  genderIdentity: z.enum(GENDER_IDENTITIES, "Choose an answer, or Not reported.").default("not_reported"),
  raceEthnicity: z.enum(RACE_ETHNICITIES, "Choose an answer, or Not reported.").default("not_reported"),
  ageBand: z.enum(AGE_BANDS, "Choose an answer, or Not reported.").default("not_reported"),
  contactChannels: choices(CONTACT_CHANNELS, "Choose from the list."),
  safeTimes: optionalText(200),
  mayIdentifyAgency: z.enum(AGENCY_MENTION, "Say whether messages may name the agency.").default("not_asked"),
  codeWord: optionalText(60),
  doNotContact: optionalText(500),
});

export const intakeSchema = survivorFields.extend({
  intakeDate: calendarDate(DATE_RANGES.casework, "Enter the intake date."),
  // program leads choose the advocate; an advocate's intake is always their own
  assignedAdvocateId: optionalId("Choose an advocate from the list."),
  // "check": stop and show possible duplicates; "create_anyway": the advocate saw them and chose to go on
  duplicateDecision: z.enum(["check", "create_anyway"]).default("check"),
  idempotencyKey,
});
export type IntakeInput = z.input<typeof intakeSchema>;

export const updateSurvivorSchema = survivorFields.extend(recordRef);
export type UpdateSurvivorInput = z.input<typeof updateSurvivorSchema>;
export type UpdateSurvivorData = z.output<typeof updateSurvivorSchema>;

export const changeStatusSchema = z
  .object({
    ...recordRef,
    status: z.enum(SURVIVOR_STATUSES, "Choose a status."),
    closedReason: optionalChoice(CLOSE_REASONS, "Choose why the case is closing."),
  })
  .refine((value) => value.status !== "closed" || value.closedReason !== null, {
    path: ["closedReason"],
    message: "Say why the case is closing.",
  });
export type ChangeStatusInput = z.input<typeof changeStatusSchema>;

export const reassignSchema = z.object({
  ...recordRef,
  advocateId: z.uuid("Choose an advocate from the list."),
  transferRequestId: optionalId("This request reference is not valid."),
});
export type ReassignInput = z.input<typeof reassignSchema>;

export const requestTransferSchema = z.object({
  survivorId: z.uuid(),
  requestedFor: optionalId("Choose an advocate from the list."),
  reason: z.string().trim().min(1, "Say why the case should move, so your lead can decide.").max(500, "Use at most 500 characters."),
  idempotencyKey,
});
export type RequestTransferInput = z.input<typeof requestTransferSchema>;

export const declineTransferSchema = z.object({ id: z.uuid() });

export const shareSchema = z.object({ survivorId: z.uuid(), userId: z.uuid("Choose an advocate from the list."), share: z.boolean() });
export type ShareInput = z.input<typeof shareSchema>;

export const noteSchema = z.object({
  survivorId: z.uuid(),
  kind: z.enum(NOTE_KINDS, "Choose what kind of note this is."),
  visibility: z.enum(NOTE_VISIBILITIES, "Choose who may read this note.").default("normal"),
  contactDate: calendarDate(DATE_RANGES.casework, "Enter the date this is about."),
  body: z.string().trim().min(1, "Write the note.").max(10_000, "Keep a note under 10,000 characters; add another for more."),
  // set for a correction: the note (thread) being corrected and the revision the author saw
  correctsThreadId: optionalId("This note reference is not valid."),
  correctsRevision: z.coerce.number().int().positive().nullish(),
  idempotencyKey,
});
export type NoteInput = z.input<typeof noteSchema>;

export const openDuplicateSchema = z.object({ survivorId: z.uuid() });

export const survivorFiltersSchema = z.object({
  q: searchText(120),
  status: z.enum([...SURVIVOR_STATUSES, "all"]).default("active").catch("active"),
  county: z
    .string()
    .optional()
    .refine((value) => value === undefined || (WA_COUNTIES as readonly string[]).includes(value))
    .catch(undefined),
  advocateId: z.uuid().optional().catch(undefined),
  sort: z.enum(SURVIVOR_SORTS).default("name").catch("name"),
});
export type SurvivorFilters = z.infer<typeof survivorFiltersSchema>;
