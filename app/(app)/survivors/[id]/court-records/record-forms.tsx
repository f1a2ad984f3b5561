"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/app/_components/action-form";
import { CheckboxField, FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { addLaterConvictionAction, addPendingChargeAction, resolvePendingChargeAction } from "@/lib/vacatur/actions";
import { JURISDICTIONS, JURISDICTION_LABELS } from "@/lib/vacatur/constants";
import {
  addLaterConvictionSchema,
  addPendingChargeSchema,
  resolvePendingChargeSchema,
  type AddLaterConvictionInput,
  type AddPendingChargeInput,
  type ResolvePendingChargeInput,
} from "@/lib/vacatur/schema";

export function PendingChargeForm({ survivorId }: { survivorId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const empty = { survivorId, jurisdiction: "washington" as const, court: "", offense: "", citation: "", prostitution: false, filedOn: "" };
  const form = useForm<AddPendingChargeInput>({ resolver: zodResolver(addPendingChargeSchema), defaultValues: empty });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => addPendingChargeAction(values));
    if (!result.ok) return setMessage(result.message);
    form.reset(empty);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a pending charge">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Jurisdiction" options={optionsOf(JURISDICTIONS, JURISDICTION_LABELS)} error={errors.jurisdiction?.message} {...form.register("jurisdiction")} />
        <TextField label="Court" error={errors.court?.message} {...form.register("court")} />
        <TextField label="Charge" error={errors.offense?.message} {...form.register("offense")} />
        <TextField label="Citation (optional)" error={errors.citation?.message} {...form.register("citation")} />
        <TextField label="Filed on (optional)" type="date" error={errors.filedOn?.message} {...form.register("filedOn")} />
        <CheckboxField label="It is a prostitution charge" error={errors.prostitution?.message} {...form.register("prostitution")} />
      </div>
      <button type="submit" className="btn-secondary" disabled={form.formState.isSubmitting}>
        Record pending charge
      </button>
    </form>
  );
}

export function ResolveChargeForm({ id }: { id: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<ResolvePendingChargeInput>({ resolver: zodResolver(resolvePendingChargeSchema), defaultValues: { id, resolvedOn: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => resolvePendingChargeAction(values));
    if (!result.ok) return setMessage(result.message);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-2" aria-label="Record the charge as resolved">
      <FormAlert message={message} />
      <TextField label="Resolved on" type="date" error={form.formState.errors.resolvedOn?.message} {...form.register("resolvedOn")} />
      <button type="submit" className="btn-secondary" disabled={form.formState.isSubmitting}>
        Resolved
      </button>
    </form>
  );
}

export function LaterConvictionForm({ survivorId }: { survivorId: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const empty = { survivorId, convictedOn: "", jurisdiction: "washington" as const, description: "" };
  const form = useForm<AddLaterConvictionInput>({ resolver: zodResolver(addLaterConvictionSchema), defaultValues: empty });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => addLaterConvictionAction(values));
    if (!result.ok) return setMessage(result.message);
    form.reset(empty);
    router.refresh();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a later conviction">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Convicted on" type="date" error={errors.convictedOn?.message} {...form.register("convictedOn")} />
        <SelectField label="Jurisdiction" options={optionsOf(JURISDICTIONS, JURISDICTION_LABELS)} error={errors.jurisdiction?.message} {...form.register("jurisdiction")} />
        <TextField label="Offense and court" error={errors.description?.message} {...form.register("description")} />
      </div>
      <button type="submit" className="btn-secondary" disabled={form.formState.isSubmitting}>
        Record later conviction
      </button>
    </form>
  );
}
