import { z } from "zod";
import { calendarDate, DATE_RANGES, nameText, optionalText } from "../form-fields";
import { pacificDateTime } from "../format";
import { OPERATION_TYPES } from "../fees/constants";
import { idempotencyKey, recordRef } from "../validation";

// The operation forms, shared by the browser and the commands. Times are typed as Pacific wall-clock
// dates and times; the command stores the instants.

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const time = (message: string) => z.string(message).trim().min(1, message).regex(TIME, "Enter a time like 14:00.");
const count = (noun: string, max = 100_000) =>
  z.coerce
    .number(`Enter the number of ${noun} (0 if none).`)
    .int(`Enter a whole number of ${noun}.`)
    .min(0, `Enter the number of ${noun} (0 if none).`)
    .max(max, `Enter at most ${max.toLocaleString("en-US")} ${noun}.`);

const outcomes = {
  calls: count("calls or contacts"),
  arrivals: count("people who arrived"),
  arrests: count("arrests"),
  vehiclesImpounded: count("vehicles impounded"),
  peopleContacted: count("people in the life contacted"),
  kitsGiven: count("outreach kits"),
  referralsToServices: count("referrals to services"),
  staffHours: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) => (value === "" || value === undefined || value === null ? null : Number(value)))
    .refine((value) => value === null || (Number.isInteger(value) && value >= 0 && value <= 10_000), "Enter whole officer hours between 0 and 10,000, or leave it empty."),
  notes: optionalText(2000),
};

const facts = {
  name: nameText(200, "Name the operation (for example, “Spring web reverse sting”)."),
  agencyId: z.uuid("Choose the hosting agency."),
  partnerAgencyIds: z
    .union([z.array(z.string()), z.string(), z.literal(false)])
    .nullish()
    .transform((value) => (value === false || value === null || value === undefined ? [] : [...new Set(Array.isArray(value) ? value : [value])].filter(Boolean)))
    .pipe(z.array(z.uuid("Choose partner agencies from the list.")).max(20, "Choose at most 20 partner agencies.")),
  jurisdictionId: z.uuid("Choose the jurisdiction where it took place."),
  type: z.enum(OPERATION_TYPES, "Choose the kind of operation."),
  startDate: calendarDate(DATE_RANGES.casework, "Enter the day it started."),
  startTime: time("Enter the time it started."),
  endDate: calendarDate({ min: DATE_RANGES.casework.min, max: { daysFromToday: 1 } }, "Enter the day it ended."),
  endTime: time("Enter the time it ended."),
};

function checkTimes(input: { startDate: string; startTime: string; endDate: string; endTime: string }, ctx: z.RefinementCtx) {
  const start = pacificDateTime(input.startDate, input.startTime);
  const end = pacificDateTime(input.endDate, input.endTime);
  if (!start || !end) return;
  if (end <= start) ctx.addIssue({ code: "custom", path: ["endTime"], message: "The end must come after the start." });
  else if (end.getTime() - start.getTime() > 14 * 86_400_000) ctx.addIssue({ code: "custom", path: ["endDate"], message: "An operation longer than two weeks is more than one operation: record each." });
}

export const createOperationSchema = z
  .object({ ...facts, ...outcomes, idempotencyKey })
  .superRefine(checkTimes);
export type CreateOperationInput = z.input<typeof createOperationSchema>;

export const updateOperationSchema = z
  .object({ ...recordRef, ...facts, ...outcomes })
  .superRefine(checkTimes);
export type UpdateOperationInput = z.input<typeof updateOperationSchema>;

export const operationFiltersSchema = z.object({
  agency: z.uuid().optional().catch(undefined),
  jurisdiction: z.uuid().optional().catch(undefined),
});
