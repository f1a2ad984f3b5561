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
  .refine((value) => /^\d{1,3}(\.\d{1,2})?$/.test(value) && Number(value) <= 100, "Enter a percentage between 0 and 100, like 50 or 48.5.")
  .transform((value) => String(Math.round(Number(value) * 100) / 100));

export const allocationPolicySchema = z
  .object({
    jurisdictionId: z.uuid(),
    effectiveFrom: calendarDate({ min: "2013-07-28", max: { yearsFromToday: 1 } }, "Enter the day the policy takes effect."),
    lines: z
      .array(z.object({ label: nameText(120, "Name who receives this share."), category: z.enum(ALLOCATION_CATEGORIES, "Choose what this share is for."), percent }))
      .min(1, "Add at least one line.")
      .max(8, "Use at most 8 lines."),
    idempotencyKey,
  })
  .superRefine((input, ctx) => {
    const check = checkPolicy(toPolicy(input.lines));
    if (!check.ok) for (const reason of check.reasons) ctx.addIssue({ code: "custom", path: ["lines"], message: reason });
  });
export type AllocationPolicyInput = z.input<typeof allocationPolicySchema>;

/** The form's lines as a policy: keys from the labels, percentages as basis points. */
export function toPolicy(lines: readonly { label: string; category: (typeof ALLOCATION_CATEGORIES)[number]; percent: string }[]) {
  return {
    lines: lines.map((line, index) => ({
      key: `${line.category}_${index + 1}`,
      label: line.label,
      category: line.category,
      basisPoints: Math.round(Number(line.percent) * 100),
    })),
  };
}
