"use client";

import { useRouter } from "next/navigation";
import { useFieldArray } from "react-hook-form";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { ALLOCATION_CATEGORIES } from "@/lib/fees/allocation";
import { DEMAND_TACTICS, DEMAND_TACTIC_LABELS, JURISDICTION_KINDS, JURISDICTION_KIND_LABELS } from "@/lib/fees/constants";
import { createJurisdictionAction, setAllocationPolicyAction, updateJurisdictionAction } from "@/lib/jurisdictions/actions";
import { allocationPolicySchema, createJurisdictionSchema, updateJurisdictionSchema, type CreateJurisdictionInput } from "@/lib/jurisdictions/schema";

type Profile = Omit<CreateJurisdictionInput, "idempotencyKey">;

const CATEGORY_LABELS: Record<(typeof ALLOCATION_CATEGORIES)[number], string> = {
  prevention: "Prevention (offender education, services for victims)",
  commerce: "Department of Commerce (2%)",
  enforcement: "Enforcement",
  other_local: "Other local effort",
};

function ProfileFields({ form, placeLocked = false }: { form: ReturnType<typeof useActionForm<typeof createJurisdictionSchema, { id: string }>>["form"]; placeLocked?: boolean }) {
  const errors = form.formState.errors;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Name" autoComplete="off" error={errors.name?.message} {...form.register("name")} />
        <SelectField label="Kind" options={optionsOf(JURISDICTION_KINDS, JURISDICTION_KIND_LABELS)} error={errors.kind?.message} {...form.register("kind")} />
        <TextField label="State" maxLength={2} autoComplete="off" readOnly={placeLocked} error={errors.state?.message} {...form.register("state")} />
        <TextField
          label="County"
          hint={placeLocked ? "Only an administrator moves a jurisdiction: it decides who sees its fee cases." : "For a county, its own name (King)."}
          autoComplete="off"
          readOnly={placeLocked}
          error={errors.county?.message}
          {...form.register("county")}
        />
        <TextField label="Population (optional)" inputMode="numeric" error={errors.population?.message} {...form.register("population")} />
        <CheckboxField
          label="A city with its own police: its treasurer receives the fees (RCW 9A.88.120(3))"
          error={errors.ownPolice?.message}
          {...form.register("ownPolice")}
        />
      </div>
      <CheckboxGroup legend="Demand-reduction tactics in use" error={errors.tactics?.message}>
        {DEMAND_TACTICS.map((t) => (
          <CheckboxField key={t} label={DEMAND_TACTIC_LABELS[t]} value={t} {...form.register("tactics")} />
        ))}
      </CheckboxGroup>
      <TextAreaField label="Key partners" error={errors.keyPartners?.message} {...form.register("keyPartners")} />
      <TextAreaField label="Narrative" rows={6} error={errors.narrative?.message} {...form.register("narrative")} />
    </>
  );
}

export function NewJurisdictionForm({ county }: { county: string | null }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: createJurisdictionSchema,
    defaultValues: { name: "", kind: "city", state: "WA", county: county ?? "", ownPolice: true, population: "", tactics: [], keyPartners: "", narrative: "" },
    action: createJurisdictionAction,
    creates: "jurisdiction",
    onSuccess: (data) => router.push(`/jurisdictions/${data.id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Add a jurisdiction">
      <FormAlert {...alert} />
      <ProfileFields form={form} />
      <button type="submit" className="btn-primary" disabled={pending}>
        Add jurisdiction
      </button>
    </form>
  );
}

export function EditJurisdictionForm({ id, version, values, placeLocked }: { id: string; version: number; values: Profile; placeLocked: boolean }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: updateJurisdictionSchema,
    defaultValues: { id, version, ...values },
    action: updateJurisdictionAction,
    onSuccess: () => {
      router.refresh();
      return "Profile saved.";
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Edit the profile">
      <FormAlert {...alert} />
      <ProfileFields form={form as never} placeLocked={placeLocked} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save profile
      </button>
    </form>
  );
}

export function AllocationPolicyForm({
  jurisdictionId,
  today,
  lines,
}: {
  jurisdictionId: string;
  today: string;
  lines: { key: string | null; label: string; category: (typeof ALLOCATION_CATEGORIES)[number]; percent: string }[];
}) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: allocationPolicySchema,
    defaultValues: { jurisdictionId, effectiveFrom: today, lines },
    action: setAllocationPolicyAction,
    creates: "allocation-policy",
    onSuccess: (_data, { values, reset }) => {
      reset({ jurisdictionId, effectiveFrom: values.effectiveFrom, lines: values.lines });
      router.refresh();
      return "Policy set. Payments received from that day on are split under it.";
    },
  });
  const { fields, append, remove } = useFieldArray({ control: form.control, name: "lines" });
  const errors = form.formState.errors;
  const linesError = errors.lines?.message ?? errors.lines?.root?.message;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Set the allocation policy">
      <FormAlert {...alert} />
      <TextField label="Takes effect on" type="date" error={errors.effectiveFrom?.message} {...form.register("effectiveFrom")} />
      <fieldset className="space-y-2" aria-describedby={linesError ? "policy-lines-error" : undefined}>
        <legend className="text-sm font-medium">Who receives what</legend>
        {fields.map((field, index) => (
          <div key={field.id} className="grid items-end gap-2 sm:grid-cols-[2fr_2fr_1fr_auto]">
            <TextField label={`Line ${index + 1}: recipient`} error={errors.lines?.[index]?.label?.message} {...form.register(`lines.${index}.label`)} />
            <SelectField label="For" options={optionsOf(ALLOCATION_CATEGORIES, CATEGORY_LABELS)} error={errors.lines?.[index]?.category?.message} {...form.register(`lines.${index}.category`)} />
            <TextField label="Percent" inputMode="decimal" error={errors.lines?.[index]?.percent?.message} {...form.register(`lines.${index}.percent`)} />
            <button type="button" className="btn-secondary" onClick={() => remove(index)} disabled={fields.length <= 1}>
              Remove
            </button>
          </div>
        ))}
        {linesError ? (
          <p id="policy-lines-error" className="text-sm text-red-700" data-field-error>
            {linesError}
          </p>
        ) : null}
        <button type="button" className="btn-secondary" onClick={() => append({ key: null, label: "", category: "other_local", percent: "0" })} disabled={fields.length >= 8}>
          Add a line
        </button>
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        Set policy
      </button>
    </form>
  );
}
