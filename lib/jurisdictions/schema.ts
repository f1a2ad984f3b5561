import { z } from "zod";
import { ALLOCATION_CATEGORIES, checkPolicy } from "../fees/allocation";
import { DEMAND_TACTICS, JURISDICTION_KINDS } from "../fees/constants";
import { calendarDate, choices, nameText, optionalText } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";

// Jurisdiction profiles and their allocation policies: the forms' schemas, shared by the browser and
// the commands.

const profile = {
  name: nameText(120, "Enter the city's or county's name."),
  kind: z.enum(JURISDICTION_KINDS, "Choose city or county."),
  state: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{2}$/, "Enter the state's two-letter code, like WA."),
  county: optionalText(80),
  ownPolice: z.union([z.boolean(), z.literal("on"), z.literal("true"), z.literal("false")]).optional().transform((v) => v === true || v === "on" || v === "true"),
  population: z
    .union([z.string(), z.number()])
    .nullish()
    .transform((value) => (value === "" || value === null || value === undefined ? null : Number(String(value).replace(/,/g, ""))))
    .refine((value) => value === null || (Number.isInteger(value) && value >= 0 && value <= 50_000_000), "Enter the population as a whole number, or leave it empty."),
  tactics: choices(DEMAND_TACTICS, "Choose tactics from the list."),
  keyPartners: optionalText(1000),
  narrative: optionalText(8000),
};

/** Washington's fee statute applies in Washington: its jurisdictions need their county. */
const WA_STATE_CODE = "WA";

function countyRule(input: { kind: string; state: string; county: string | null }, ctx: z.RefinementCtx) {
  if (input.state === WA_STATE_CODE && !input.county) ctx.addIssue({ code: "custom", path: ["county"], message: "Enter the county (for a county, its own name): it decides who sees the jurisdiction's fee cases." });
}

export const createJurisdictionSchema = z.object({ ...profile, idempotencyKey }).superRefine(countyRule);
export type CreateJurisdictionInput = z.input<typeof createJurisdictionSchema>;
export const updateJurisdictionSchema = z.object({ ...recordRef, ...profile }).superRefine(countyRule);
export type UpdateJurisdictionInput = z.input<typeof updateJurisdictionSchema>;

/** "50", "48.5", "2" → basis points (5000, 4850, 200); two decimals at most. */
const percent = z
  .union([z.string(), z.number()])
  .transform((value) => String(value).trim().replace(/%$/, ""))
  .refine((value) => /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= 100, { message: "Enter a percentage between 0 and 100, like 50 or 48.5.", abort: true })
  .transform((value) => String(Math.round(Number(value) * 100) / 100));

export const allocationPolicySchema = z
  .object({
    jurisdictionId: z.uuid(),
    effectiveFrom: calendarDate({ min: "2013-07-28", max: { yearsFromToday: 1 } }, "Enter the day the policy takes effect."),
    lines: z
      .array(
        z.object({
          /** a recipient kept from the policy before (so its figures continue); new lines get one from their label */
          key: z
            .string()
            .regex(/^[a-z0-9_]{1,60}$/)
            .nullish()
            .transform((value) => value || null),
          label: nameText(120, "Name who receives this share."),
          category: z.enum(ALLOCATION_CATEGORIES, "Choose what this share is for."),
          percent,
        }),
      )
      .min(1, "Add at least one line.")
      .max(8, "Use at most 8 lines."),
    idempotencyKey,
  })
  .superRefine((input, ctx) => {
    const check = checkPolicy(toPolicy(input.lines));
    if (!check.ok) for (const reason of check.reasons) ctx.addIssue({ code: "custom", path: ["lines"], message: reason });
  });
export type AllocationPolicyInput = z.input<typeof allocationPolicySchema>;

/** A recipient's key from its label: "Local direct service providers" → "local_direct_service_providers". */
export function recipientKey(label: string): string {
  return (
    label
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .slice(0, 60) || "recipient"
  );
}

/**
 * The form's lines as a policy: percentages as basis points; each line keeps the key it had, so a
 * recipient's figures continue across policies, and the Commerce line is always "commerce".
 */
export function toPolicy(lines: readonly { key?: string | null; label: string; category: (typeof ALLOCATION_CATEGORIES)[number]; percent: string }[]) {
  return {
    lines: lines.map((line) => ({
      key: line.category === "commerce" ? "commerce" : (line.key ?? recipientKey(line.label)),
      label: line.label,
      category: line.category,
      basisPoints: Math.round(Number(line.percent) * 100),
    })),
  };
}
