"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { CAPACITIES, CAPACITY_LABELS, SERVICES, SERVICE_LABELS, WA_COUNTIES } from "@/lib/organizations/constants";
import { updatePartnerProfileAction } from "@/lib/partners/actions";
import { partnerProfileSchema, type PartnerProfileInput } from "@/lib/partners/schema";

export function PartnerProfileForm({ values }: { values: PartnerProfileInput }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: partnerProfileSchema,
    defaultValues: values,
    action: updatePartnerProfileAction,
    onSuccess: (data, { values: saved, reset }) => {
      reset({ ...saved, version: data.version } as PartnerProfileInput);
      router.refresh();
      return "Saved.";
    },
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label="Directory entry">
      <FormAlert {...alert} />
      <SelectField label="Taking referrals?" options={optionsOf(CAPACITIES, CAPACITY_LABELS)} error={formState.errors.capacity?.message} {...register("capacity")} />
      <CheckboxGroup legend="Services offered" error={formState.errors.services?.message}>
        {SERVICES.map((service) => (
          <CheckboxField key={service} label={SERVICE_LABELS[service]} value={service} {...register("services")} />
        ))}
      </CheckboxGroup>
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Counties served</summary>
        <div className="mt-3 grid grid-cols-2 gap-1 sm:grid-cols-4">
          {WA_COUNTIES.map((county) => (
            <CheckboxField key={county} label={county} value={county} {...register("countiesServed")} />
          ))}
        </div>
        {formState.errors.countiesServed?.message ? <p className="text-sm text-red-700">{formState.errors.countiesServed.message}</p> : null}
      </details>
      <TextField label="Languages" placeholder="e.g. English, Spanish, Vietnamese" error={formState.errors.languages?.message} {...register("languages")} />
      <TextAreaField label="Eligibility" hint="Who you can serve: ages, genders, residency, sobriety requirements…" error={formState.errors.eligibilityNotes?.message} {...register("eligibilityNotes")} />
      <TextField label="Intake contact" hint="A role line or shared inbox, not a personal phone." error={formState.errors.intakeContact?.message} {...register("intakeContact")} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save directory entry"}
      </button>
    </form>
  );
}
