import { z } from "zod";
import { DATE_RANGES, optionalDate } from "../form-fields";
import { idempotencyKey } from "../validation";
import { SERVICE_CATEGORIES } from "./services";

// Service events on a survivor (VOCA PMT categories): one schema for the survivor page's one-click
// buttons, its small form, and the server. Each accepts its own output, so the form may send parsed values.

export const MAX_SERVICE_MINUTES = 1440;
const MINUTES_MESSAGE = `Enter whole minutes from 1 to ${MAX_SERVICE_MINUTES} (24 hours), or leave it blank.`;

/** Optional whole minutes: blank is none; anything else must be a whole number from 1 to 1440. */
const minutes = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") return value;
    const text = value.trim();
    return text === "" ? null : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  })
  .refine((value) => value === null || (Number.isInteger(value) && value >= 1 && value <= MAX_SERVICE_MINUTES), MINUTES_MESSAGE);

export const recordServiceSchema = z.object({
  survivorId: z.uuid(),
  category: z.enum(SERVICE_CATEGORIES, "Choose the service given."),
  // blank: today in Pacific time, decided by the server when it saves (a one-click button sends none,
  // so a page left open overnight still records the day of the click)
  occurredOn: optionalDate(DATE_RANGES.casework),
  minutes,
  idempotencyKey,
});
export type RecordServiceInput = z.input<typeof recordServiceSchema>;

export const removeServiceSchema = z.object({ id: z.uuid("This service reference is not valid.") });
export type RemoveServiceInput = z.input<typeof removeServiceSchema>;
