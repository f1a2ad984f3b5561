import { z } from "zod";
import { checkbox, nameText, optionalDate, optionalId, pastDate } from "../form-fields";
import { idempotencyKey, recordRef } from "../validation";
import { FEE_CASE_STATUSES } from "./constants";
import { parseDollars } from "./money";
import { checkAssessment, FEE_DISPOSITIONS, FEE_OFFENSES, addOnsAllowed, impoundFineCents } from "./statute";

// The demand side's forms, shared by the browser (zodResolver) and the server actions and commands.
// Amounts are typed in dollars and stay text here ("1,500" → "1500.00"); commands turn them into
// integer cents with lib/fees/money.ts. Each schema accepts its own output.

/** An amount in dollars and cents, at most $1,000,000: "1500", "$1,500.00", "833.33". */
function dollars(message: string) {
  return z
    .string(message)
    .trim()
    .min(1, message)
    .refine((value) => parseDollars(value) !== null, { message: "Enter an amount in dollars, like 1500 or 833.33.", abort: true })
    .refine((value) => (parseDollars(value) ?? 0) <= 100_000_000, "Enter an amount of at most $1,000,000.00.")
    .transform((value) => ((parseDollars(value) ?? 0) / 100).toFixed(2));
}

const count = (max: number, noun: string) =>
  z.coerce
    .number(`Enter the number of ${noun} (0 if none).`)
    .int(`Enter a whole number of ${noun}.`)
    .min(0, `Enter the number of ${noun} (0 if none).`)
    .max(max, `Enter at most ${max} ${noun}.`);

/** A fee case's facts as the judgment states them: recorded once, amended when the judgment is. */
const feeCaseFacts = {
    jurisdictionId: z.uuid("Choose where the offense occurred."),
    court: nameText(200, "Enter the court."),
    caseNumber: nameText(60, "Enter the court's case number.").refine((value) => /^[A-Za-z0-9][A-Za-z0-9 .\-/]*$/.test(value), "Use letters, digits, spaces, dots, dashes and slashes."),
    offense: z.enum(FEE_OFFENSES, "Choose the offense."),
    disposition: z.enum(FEE_DISPOSITIONS, "Choose the disposition."),
    // RCW 9A.88.120's fee in its current form dates from 2012 (DOMAIN.md 3.1).
    dispositionDate: pastDate("2012-06-07", "Enter the date of the disposition."),
    priors: count(50, "priors"),
    arrestingAgencyId: optionalId("Choose the arresting agency from the list."),
    operationId: optionalId("Choose the operation from the list."),
    internetAdCount: count(100, "offenses with an internet advertisement"),
    depictionCount: count(10_000, "depictions"),
    impounded: checkbox,
    /** the judgment left the fee out: counted against the assessment rate, and the clause is there to amend it */
    notImposed: checkbox,
    // nullish: a disabled input (the fee was not imposed) sends nothing
    assessed: z
      .string()
      .trim()
      .max(40, "Enter an amount in dollars, like 1500 or 833.33.")
      .nullish()
      .transform((value) => value ?? ""),
    inabilityToPayFinding: checkbox,
    /** court-ordered offender education (john school) */
    johnSchool: checkbox,
    johnSchoolProgram: z
      .string()
      .trim()
      .max(200, "Use at most 200 characters.")
      .nullish()
      .transform((value) => value || null),
    johnSchoolSessions: z
      .union([z.string(), z.number()])
      .nullish()
      .transform((value) => (value === "" || value === null || value === undefined ? null : Number(value))),
    johnSchoolSessionFee: z
      .string()
      .trim()
      .nullish()
      .transform((value) => value || null),
};

function checkFeeCase(input: z.output<z.ZodObject<typeof feeCaseFacts>>, ctx: z.RefinementCtx) {
    const assessedCents = input.notImposed ? null : parseDollars(input.assessed);
    if (input.notImposed) {
      if (input.assessed) ctx.addIssue({ code: "custom", path: ["assessed"], message: "Leave the amount empty when the judgment imposed no fee." });
    } else if (assessedCents === null) {
      ctx.addIssue({ code: "custom", path: ["assessed"], message: input.assessed ? "Enter an amount in dollars, like 1500 or 833.33." : "Enter the fee the court imposed." });
    } else if (assessedCents > 100_000_000) {
      ctx.addIssue({ code: "custom", path: ["assessed"], message: "Enter an amount of at most $1,000,000.00." });
    } else {
      const verdict = checkAssessment({ offense: input.offense, priors: input.priors, assessedCents, inabilityToPayFinding: input.inabilityToPayFinding });
      if (!verdict.ok) ctx.addIssue({ code: "custom", path: ["assessed"], message: verdict.message });
    }
    if (!addOnsAllowed(input.offense)) {
      const message = "Only the RCW 9.68A offenses against minors carry this fee.";
      if (input.internetAdCount > 0) ctx.addIssue({ code: "custom", path: ["internetAdCount"], message });
      if (input.depictionCount > 0) ctx.addIssue({ code: "custom", path: ["depictionCount"], message });
    }
    if (input.johnSchool) {
      if (!input.johnSchoolProgram) ctx.addIssue({ code: "custom", path: ["johnSchoolProgram"], message: "Name the program the court ordered." });
      const sessions = input.johnSchoolSessions;
      if (sessions === null || !Number.isInteger(sessions) || sessions < 1 || sessions > 52) {
        ctx.addIssue({ code: "custom", path: ["johnSchoolSessions"], message: "Enter the number of sessions ordered, from 1 to 52." });
      }
      const fee = input.johnSchoolSessionFee === null ? null : parseDollars(input.johnSchoolSessionFee);
      if (fee === null || fee > 100_000) ctx.addIssue({ code: "custom", path: ["johnSchoolSessionFee"], message: "Enter the participant's fee per session in dollars (0 if none), at most $1,000." });
    }
    if (input.impounded && impoundFineCents(input.offense) === null) {
      ctx.addIssue({ code: "custom", path: ["impounded"], message: "RCW 9A.88.140 provides no vehicle impound for this offense." });
    }
}

export const createFeeCaseSchema = z.object({ ...feeCaseFacts, idempotencyKey }).superRefine(checkFeeCase);
export type CreateFeeCaseInput = z.input<typeof createFeeCaseSchema>;
export type CreateFeeCaseValues = z.output<typeof createFeeCaseSchema>;

/** An amended judgment, or a mistake corrected: the same facts, at the version the form was opened on. */
export const amendFeeCaseSchema = z.object({ ...recordRef, ...feeCaseFacts }).superRefine(checkFeeCase);
export type AmendFeeCaseInput = z.input<typeof amendFeeCaseSchema>;

export const recordPaymentSchema = z.object({
  feeCaseId: z.uuid(),
  receivedOn: pastDate("2012-06-07", "Enter the day the clerk received the payment."),
  amount: dollars("Enter the amount received."),
  /** a reversal (a returned check, a refund) names the payment it reverses */
  reversesPaymentId: optionalId("Choose the payment this reverses from the list."),
  reference: z
    .string()
    .trim()
    .max(60, "Use at most 60 characters.")
    .nullish()
    .transform((value) => value || null),
  idempotencyKey,
});
export type RecordPaymentInput = z.input<typeof recordPaymentSchema>;

export const changeFeeStatusSchema = z
  .object({
    ...recordRef,
    status: z.enum(FEE_CASE_STATUSES, "Choose the new status."),
    planMonthly: z
      .string()
      .trim()
      .nullish()
      .transform((value) => value || null)
      .refine((value) => value === null || parseDollars(value) !== null, "Enter the monthly amount in dollars, like 125 or 62.50.")
      .transform((value) => (value === null ? null : ((parseDollars(value) ?? 0) / 100).toFixed(2))),
    planFirstDueOn: optionalDate({ min: "2012-06-07", max: { yearsFromToday: 5 } }),
  })
  .superRefine((input, ctx) => {
    if (input.status === "paid") ctx.addIssue({ code: "custom", path: ["status"], message: "A case is paid when its payments reach the fee imposed: record the payment instead." });
    if (input.status === "payment_plan") {
      if (!input.planMonthly || parseDollars(input.planMonthly) === 0) ctx.addIssue({ code: "custom", path: ["planMonthly"], message: "Enter the monthly amount the court set." });
      if (!input.planFirstDueOn) ctx.addIssue({ code: "custom", path: ["planFirstDueOn"], message: "Enter the date the first payment is due." });
    }
  });
export type ChangeFeeStatusInput = z.input<typeof changeFeeStatusSchema>;

export const feeFiltersSchema = z.object({
  jurisdiction: z.uuid().optional().catch(undefined),
  status: z.enum(FEE_CASE_STATUSES).optional().catch(undefined),
});

export const recordJohnSchoolSessionSchema = z.object({
  feeCaseId: z.uuid(),
  attendedOn: pastDate("2012-06-07", "Enter the day of the session."),
  feePaid: checkbox,
  idempotencyKey,
});
export type RecordJohnSchoolSessionInput = z.input<typeof recordJohnSchoolSessionSchema>;

/**
 * The quarterly report's quarter: "2026-Q3", from 2013-Q3 (the 2% rule) to this quarter. A quarter that
 * is not one is an error beside the field, never another quarter.
 */
export function parseReportQuarter(value: string | undefined, quarters: readonly string[]): { quarter: string | null; error: string | null } {
  if (value === undefined || value === "") return { quarter: null, error: null };
  if (!quarters.includes(value)) return { quarter: null, error: `Choose a quarter from the list (from ${quarters[quarters.length - 1]} to ${quarters[0]}).` };
  return { quarter: value, error: null };
}
