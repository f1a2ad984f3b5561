"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { CheckboxField, FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { changeFeeStatusAction, recordJohnSchoolSessionAction, recordPaymentAction } from "@/lib/fees/actions";
import { FEE_CASE_STATUS_LABELS, type FeeCaseStatus } from "@/lib/fees/constants";
import { changeFeeStatusSchema, recordJohnSchoolSessionSchema, recordPaymentSchema } from "@/lib/fees/schema";

export function PaymentForm({ feeCaseId, today, payments }: { feeCaseId: string; today: string; payments: { id: string; label: string }[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordPaymentSchema,
    defaultValues: { feeCaseId, receivedOn: today, amount: "", reversesPaymentId: "", reference: "" },
    action: recordPaymentAction,
    creates: "fee-payment",
    onSuccess: (_data, { reset }) => {
      reset();
      router.refresh();
      return "Payment recorded and split under the jurisdiction's policy.";
    },
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a payment">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Received on" type="date" error={errors.receivedOn?.message} {...form.register("receivedOn")} />
        <TextField label="Amount (dollars)" inputMode="decimal" autoComplete="off" error={errors.amount?.message} {...form.register("amount")} />
        <TextField label="Clerk's receipt number (optional)" autoComplete="off" error={errors.reference?.message} {...form.register("reference")} />
      </div>
      {payments.length > 0 ? (
        <SelectField
          label="This reverses (a returned check, a refund)"
          hint="Its split is undone under the policy it was split under."
          placeholder="Nothing: this is money received"
          options={payments.map((p) => ({ value: p.id, label: p.label }))}
          error={errors.reversesPaymentId?.message}
          {...form.register("reversesPaymentId")}
        />
      ) : null}
      <button type="submit" className="btn-primary" disabled={pending}>
        Record payment
      </button>
    </form>
  );
}

export function StatusForm({ id, version, status, choices }: { id: string; version: number; status: FeeCaseStatus; choices: FeeCaseStatus[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: changeFeeStatusSchema,
    defaultValues: { id, version, status, planMonthly: "", planFirstDueOn: "" },
    action: changeFeeStatusAction,
    onSuccess: () => {
      router.refresh();
      return "Status saved.";
    },
  });
  const errors = form.formState.errors;
  const chosen = form.watch("status");
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Change the status">
      <FormAlert {...alert} />
      <SelectField
        label="Status"
        options={[status, ...choices].map((s) => ({ value: s, label: s === status ? `${FEE_CASE_STATUS_LABELS[s]} (now)` : FEE_CASE_STATUS_LABELS[s] }))}
        error={errors.status?.message}
        {...form.register("status")}
      />
      {chosen === "payment_plan" ? (
        <div className="grid gap-3 sm:grid-cols-2">
          <TextField label="Monthly payment (dollars)" inputMode="decimal" error={errors.planMonthly?.message} {...form.register("planMonthly")} />
          <TextField label="First payment due" type="date" error={errors.planFirstDueOn?.message} {...form.register("planFirstDueOn")} />
        </div>
      ) : null}
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save status
      </button>
    </form>
  );
}

export function CopyClause({ text }: { text: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  return (
    <span className="inline-flex items-center gap-2">
      <button
        type="button"
        className="btn-secondary"
        onClick={() =>
          navigator.clipboard.writeText(text).then(
            () => setCopied("Copied."),
            () => setCopied("Your browser did not allow copying: select the text and copy it, or download it."),
          )
        }
      >
        Copy clause
      </button>
      <span role="status" className="text-sm text-slate-600">
        {copied}
      </span>
    </span>
  );
}

export function JohnSchoolSessionForm({ feeCaseId, today, fee }: { feeCaseId: string; today: string; fee: string | null }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordJohnSchoolSessionSchema,
    defaultValues: { feeCaseId, attendedOn: today, feePaid: fee !== null },
    action: recordJohnSchoolSessionAction,
    creates: "john-school-session",
    onSuccess: (data, { reset }) => {
      reset();
      router.refresh();
      return data.completed ? "Session recorded: the program is completed." : "Session recorded.";
    },
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Record a session attended">
      <FormAlert {...alert} />
      <TextField label="Session attended on" type="date" error={errors.attendedOn?.message} {...form.register("attendedOn")} />
      {fee !== null ? <CheckboxField label={`The participant paid the session fee (${fee})`} error={errors.feePaid?.message} {...form.register("feePaid")} /> : null}
      <button type="submit" className="btn-secondary" disabled={pending}>
        Record session
      </button>
    </form>
  );
}
