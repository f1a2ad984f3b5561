"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/app/_components/action-form";
import { FormAlert, TextAreaField } from "@/app/_components/fields";
import { transitionReferralAction } from "@/lib/referrals/actions";
import type { ReferralTransition } from "@/lib/referrals/machine";
import { transitionReferralSchema, type TransitionReferralInput } from "@/lib/referrals/schema";

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
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<TransitionReferralInput>({ resolver: zodResolver(transitionReferralSchema), defaultValues: { id, version, action: transition.action, note: "" } });
  const { register, handleSubmit, formState } = form;
  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    if (transition.noteRequired && !values.note) {
      form.setError("note", { message: `${transition.noteLabel} is required.` });
      return;
    }
    const result = await submitToAction(form, () => transitionReferralAction(values));
    if (!result.ok) return setMessage(result.message);
    onCancel();
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={transition.label}>
      <FormAlert message={message} />
      <TextAreaField label={transition.noteLabel} rows={2} error={formState.errors.note?.message} {...register("note")} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
          {transition.label}
        </button>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
