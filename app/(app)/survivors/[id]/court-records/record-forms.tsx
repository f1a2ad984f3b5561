"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { addLaterConvictionAction, addPendingChargeAction, resolvePendingChargeAction } from "@/lib/vacatur/actions";
import { JURISDICTIONS, JURISDICTION_LABELS } from "@/lib/vacatur/constants";
import { addLaterConvictionSchema, addPendingChargeSchema, resolvePendingChargeSchema } from "@/lib/vacatur/schema";

export function PendingChargeForm({ survivorId }: { survivorId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: addPendingChargeSchema,
    defaultValues: { survivorId, jurisdiction: "washington", court: "", offense: "", citation: "", prostitution: false, filedOn: "" },
    action: addPendingChargeAction,
    creates: "pending-charge",
    onSuccess: (_data, { reset }) => {
      reset();
      router.refresh();
    },
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a pending charge">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Jurisdiction" options={optionsOf(JURISDICTIONS, JURISDICTION_LABELS)} error={errors.jurisdiction?.message} {...form.register("jurisdiction")} />
        <TextField label="Court" error={errors.court?.message} {...form.register("court")} />
        <TextField label="Charge" error={errors.offense?.message} {...form.register("offense")} />
        <TextField label="Citation (optional)" error={errors.citation?.message} {...form.register("citation")} />
        <TextField label="Filed on (optional)" type="date" error={errors.filedOn?.message} {...form.register("filedOn")} />
        <CheckboxField label="It is a prostitution charge" error={errors.prostitution?.message} {...form.register("prostitution")} />
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        Record pending charge
      </button>
    </form>
  );
}

export function ResolveChargeForm({ id }: { id: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: resolvePendingChargeSchema,
    defaultValues: { id, resolvedOn: "" },
    action: resolvePendingChargeAction,
    onSuccess: () => router.refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-2" aria-label="Record the charge as resolved">
      <FormAlert {...alert} />
      <TextField label="Resolved on" type="date" error={form.formState.errors.resolvedOn?.message} {...form.register("resolvedOn")} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Resolved
      </button>
    </form>
  );
}

export function LaterConvictionForm({ survivorId }: { survivorId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: addLaterConvictionSchema,
    defaultValues: { survivorId, convictedOn: "", jurisdiction: "washington", description: "" },
    action: addLaterConvictionAction,
    creates: "later-conviction",
    onSuccess: (_data, { reset }) => {
      reset();
      router.refresh();
    },
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a later conviction">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Convicted on" type="date" error={errors.convictedOn?.message} {...form.register("convictedOn")} />
        <SelectField label="Jurisdiction" options={optionsOf(JURISDICTIONS, JURISDICTION_LABELS)} error={errors.jurisdiction?.message} {...form.register("jurisdiction")} />
        <TextField label="Offense and court" error={errors.description?.message} {...form.register("description")} />
      </div>
      <button type="submit" className="btn-secondary" disabled={pending}>
        Record later conviction
      </button>
    </form>
  );
}
