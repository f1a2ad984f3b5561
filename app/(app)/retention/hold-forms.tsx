"use client";

import { useRouter } from "next/navigation";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { placeLegalHoldAction, releaseLegalHoldAction } from "@/lib/retention/actions";
import { HOLD_REASON_MAX } from "@/lib/retention/rules";
import { placeLegalHoldSchema, releaseLegalHoldSchema } from "@/lib/retention/schema";

export function HoldForm({ survivorId, clientCode }: { survivorId: string; clientCode: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: placeLegalHoldSchema,
    defaultValues: { survivorId, reason: "" },
    action: placeLegalHoldAction,
    onSuccess: () => {
      router.refresh();
      return "Held: this record will not be purged.";
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" aria-label={`Hold ${clientCode}`}>
      <FormAlert {...alert} />
      <input type="hidden" {...form.register("survivorId")} />
      <TextField
        label="Reason for the hold"
        maxLength={HOLD_REASON_MAX}
        hint="A subpoena, a claim, an audit. No names or details of the survivor."
        error={form.formState.errors.reason?.message}
        {...form.register("reason")}
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Holding…" : "Hold"}
      </button>
    </form>
  );
}

export function ReleaseHoldForm({ survivorId, clientCode }: { survivorId: string; clientCode: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: releaseLegalHoldSchema,
    defaultValues: { survivorId },
    action: releaseLegalHoldAction,
    onSuccess: () => {
      router.refresh();
      return "Hold released.";
    },
  });
  return (
    <form
      onSubmit={(event) => {
        if (!window.confirm(`Release the hold on ${clientCode}? If its time has passed, it is purged at the next nightly run.`)) {
          event.preventDefault();
          return;
        }
        void onSubmit(event);
      }}
      noValidate
      className="space-y-2"
      aria-label={`Release the hold on ${clientCode}`}
    >
      <FormAlert {...alert} />
      <input type="hidden" {...form.register("survivorId")} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Releasing…" : "Release hold"}
      </button>
    </form>
  );
}
