"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert, SelectField, TextAreaField } from "@/app/_components/fields";
import { DECLINE_REASONS, DECLINE_REASON_LABELS } from "@/lib/referrals/constants";
import { useActionForm } from "@/app/_components/use-action-form";
import { transitionReferralAction } from "@/lib/referrals/actions";
import type { ReferralTransition } from "@/lib/referrals/machine";
import { transitionReferralSchema } from "@/lib/referrals/schema";

/** The next steps open to the caller's side, each with its note (required where the machine says so). */
export function TransitionForms({ id, version, actions }: { id: string; version: number; actions: ReferralTransition[] }) {
  const [open, setOpen] = useState<ReferralTransition | null>(null);
  if (actions.length === 0) return <p className="text-sm text-slate-500">Nothing more to do on this referral.</p>;
  if (!open) {
    return (
      <div className="flex flex-wrap gap-2">
        {actions.map((t) => (
          <button key={t.action} type="button" className={t.action === "decline" || t.action === "withdraw" ? "btn-secondary" : "btn-primary"} onClick={() => setOpen(t)}>
            {t.label}
          </button>
        ))}
      </div>
    );
  }
  return <TransitionForm key={open.action} id={id} version={version} transition={open} onCancel={() => setOpen(null)} />;
}

function TransitionForm({ id, version, transition, onCancel }: { id: string; version: number; transition: ReferralTransition; onCancel: () => void }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: transitionReferralSchema,
    defaultValues: { id, version, action: transition.action, note: "", declineReason: "" },
    // The server refuses a missing required note too; its message names the field.
    action: transitionReferralAction,
    onSuccess: () => {
      onCancel();
      router.refresh();
    },
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={transition.label}>
      <FormAlert {...alert} />
      {transition.action === "decline" ? (
        <SelectField
          label="Why"
          placeholder="Choose a reason"
          options={DECLINE_REASONS.map((value) => ({ value, label: DECLINE_REASON_LABELS[value] }))}
          error={formState.errors.declineReason?.message}
          {...register("declineReason")}
        />
      ) : null}
      <TextAreaField label={transition.noteLabel} rows={2} error={formState.errors.note?.message} {...register("note")} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {transition.label}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
