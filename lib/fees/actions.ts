"use server";

import { revalidatePath } from "next/cache";
import { action } from "../action";
import { currentRequestMeta } from "../auth/session";
import { amendFeeCase, changeFeeStatus, createFeeCase, recordJohnSchoolSession, recordPayment } from "./commands";
import { commitImport, commitImportSchema, importRequestSchema, previewImport } from "./import-commands";
import { amendFeeCaseSchema, changeFeeStatusSchema, createFeeCaseSchema, recordJohnSchoolSessionSchema, recordPaymentSchema } from "./schema";

// Public endpoints: `action` re-checks the session and the permission; each command checks the case's
// scope again (lib/fees/access.ts).

export const createFeeCaseAction = action(
  "createFeeCase",
  createFeeCaseSchema,
  async (input, me) => {
    const result = await createFeeCase(me, input, await currentRequestMeta());
    revalidatePath("/fees");
    return result;
  },
  { permission: "fees.record" },
);

export const recordPaymentAction = action(
  "recordFeePayment",
  recordPaymentSchema,
  async (input, me) => {
    const result = await recordPayment(me, input, await currentRequestMeta());
    revalidatePath("/fees");
    revalidatePath(`/fees/${input.feeCaseId}`);
    return result;
  },
  { permission: "fees.record" },
);

export const changeFeeStatusAction = action(
  "changeFeeStatus",
  changeFeeStatusSchema,
  async (input, me) => {
    const result = await changeFeeStatus(me, input, await currentRequestMeta());
    revalidatePath("/fees");
    revalidatePath(`/fees/${input.id}`);
    return result;
  },
  { permission: "fees.record" },
);

export const recordJohnSchoolSessionAction = action(
  "recordJohnSchoolSession",
  recordJohnSchoolSessionSchema,
  async (input, me) => {
    const result = await recordJohnSchoolSession(me, input, await currentRequestMeta());
    revalidatePath(`/fees/${input.feeCaseId}`);
    revalidatePath("/fees");
    return result;
  },
  { permission: "fees.record" },
);

export const previewImportAction = action("previewFeeImport", importRequestSchema, (input, me) => previewImport(me, input), { permission: "fees.record" });

export const commitImportAction = action(
  "commitFeeImport",
  commitImportSchema,
  async (input, me) => {
    const result = await commitImport(me, input, await currentRequestMeta());
    revalidatePath("/fees");
    return result;
  },
  { permission: "fees.record" },
);

export const amendFeeCaseAction = action(
  "amendFeeCase",
  amendFeeCaseSchema,
  async (input, me) => {
    const result = await amendFeeCase(me, input, await currentRequestMeta());
    revalidatePath("/fees");
    revalidatePath(`/fees/${input.id}`);
    return result;
  },
  { permission: "fees.record" },
);
