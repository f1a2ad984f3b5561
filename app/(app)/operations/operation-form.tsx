"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { OPERATION_TYPES, OPERATION_TYPE_LABELS } from "@/lib/fees/constants";
import { createOperationAction, updateOperationAction } from "@/lib/operations/actions";
import { createOperationSchema, updateOperationSchema, type CreateOperationInput } from "@/lib/operations/schema";

type Choices = { agencies: { id: string; name: string }[]; jurisdictions: { id: string; name: string }[]; hostIds: string[] };
type Values = Omit<CreateOperationInput, "idempotencyKey">;

const OUTCOMES: { name: keyof Values; label: string; hint?: string }[] = [
  { name: "calls", label: "Calls or contacts", hint: "Responses to the advertisement, or people approached." },
  { name: "arrivals", label: "People who arrived" },
  { name: "arrests", label: "Arrests" },
  { name: "vehiclesImpounded", label: "Vehicles impounded" },
  { name: "peopleContacted", label: "People in the life contacted" },
  { name: "kitsGiven", label: "Outreach kits given" },
  { name: "referralsToServices", label: "Referrals to services", hint: "A count only. Someone who accepts help gets an ordinary survivor record at the agency, not here." },
];

function Fields({ form, choices }: { form: ReturnType<typeof useActionForm<typeof createOperationSchema, { id: string }>>["form"]; choices: Choices }) {
  const errors = form.formState.errors;
  const host = form.watch("agencyId");
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
        <SelectField label="Kind" placeholder="Choose the kind" options={optionsOf(OPERATION_TYPES, OPERATION_TYPE_LABELS)} error={errors.type?.message} {...form.register("type")} />
        <SelectField
          label="Hosting agency"
          placeholder="Choose the agency"
          options={choices.agencies.filter((a) => choices.hostIds.includes(a.id)).map((a) => ({ value: a.id, label: a.name }))}
          error={errors.agencyId?.message}
          {...form.register("agencyId")}
        />
        <SelectField label="Where" placeholder="Choose the jurisdiction" options={choices.jurisdictions.map((j) => ({ value: j.id, label: j.name }))} error={errors.jurisdictionId?.message} {...form.register("jurisdictionId")} />
        <TextField label="Started on" type="date" error={errors.startDate?.message} {...form.register("startDate")} />
        <TextField label="at" type="time" error={errors.startTime?.message} {...form.register("startTime")} />
        <TextField label="Ended on" type="date" error={errors.endDate?.message} {...form.register("endDate")} />
        <TextField label="at" type="time" error={errors.endTime?.message} {...form.register("endTime")} />
        <TextField label="Officer hours (optional)" inputMode="numeric" error={errors.staffHours?.message} {...form.register("staffHours")} />
      </div>
      <CheckboxGroup legend="Partner agencies" error={errors.partnerAgencyIds?.message}>
        {choices.agencies
          .filter((a) => a.id !== host)
          .map((a) => (
            <CheckboxField key={a.id} label={a.name} value={a.id} {...form.register("partnerAgencyIds")} />
          ))}
      </CheckboxGroup>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">Outcomes</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          {OUTCOMES.map((o) => (
            <TextField
              key={o.name}
              label={o.label}
              hint={o.hint}
              type="number"
              min={0}
              inputMode="numeric"
              error={(errors as Record<string, { message?: string } | undefined>)[o.name]?.message}
              {...form.register(o.name)}
            />
          ))}
        </div>
      </fieldset>
      <TextAreaField label="Notes (optional)" hint="How it went and what to change. Never a person's name." error={errors.notes?.message} {...form.register("notes")} />
    </>
  );
}

export function NewOperationForm({ choices, defaults }: { choices: Choices; defaults: Partial<Values> }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: createOperationSchema,
    defaultValues: {
      name: "",
      agencyId: choices.hostIds.length === 1 ? choices.hostIds[0] : "",
      partnerAgencyIds: [],
      jurisdictionId: "",
      type: "" as never,
      startDate: "",
      startTime: "",
      endDate: "",
      endTime: "",
      staffHours: "",
      calls: 0,
      arrivals: 0,
      arrests: 0,
      vehiclesImpounded: 0,
      peopleContacted: 0,
      kitsGiven: 0,
      referralsToServices: 0,
      notes: "",
      ...defaults,
    },
    action: createOperationAction,
    creates: "operation",
    onSuccess: (data) => router.push(`/operations/${data.id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Record an operation">
      <FormAlert {...alert} />
      <Fields form={form} choices={choices} />
      <button type="submit" className="btn-primary" disabled={pending}>
        Record operation
      </button>
    </form>
  );
}

export function EditOperationForm({ id, version, choices, values }: { id: string; version: number; choices: Choices; values: Values }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: updateOperationSchema,
    defaultValues: { id, version, ...values },
    action: updateOperationAction,
    onSuccess: () => {
      router.refresh();
      return "Operation saved.";
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Correct the operation">
      <FormAlert {...alert} />
      <Fields form={form as never} choices={choices} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save changes
      </button>
    </form>
  );
}
