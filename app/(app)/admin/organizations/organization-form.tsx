"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import type { UseFormReturn } from "react-hook-form";
import { CheckboxGroup, FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import {
  ORGANIZATION_TYPES,
  ORGANIZATION_TYPE_LABELS,
  SERVICES,
  SERVICE_LABELS,
  WA_COUNTIES,
  type OrganizationType,
  type Service,
} from "@/lib/organizations/constants";
import { createOrganizationAction, updateOrganizationAction } from "@/lib/organizations/actions";
import {
  createOrganizationSchema,
  updateOrganizationSchema,
  type CreateOrganizationInput,
  type UpdateOrganizationInput,
} from "@/lib/organizations/schema";

const typeOptions = ORGANIZATION_TYPES.map((type) => ({ value: type, label: ORGANIZATION_TYPE_LABELS[type] }));
const countyOptions = WA_COUNTIES.map((county) => ({ value: county, label: `${county} County` }));

type FieldValues = CreateOrganizationInput;

// Both forms share these fields; each form is narrowed to them.
function OrganizationFields({ form }: { form: Pick<UseFormReturn<FieldValues>, "register" | "formState"> }) {
  const { register, formState } = form;
  return (
    <>
      <TextField label="Name" autoComplete="off" error={formState.errors.name?.message} {...register("name")} />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField label="Type" options={typeOptions} placeholder="Choose a type" error={formState.errors.type?.message} {...register("type")} />
        <SelectField
          label="County"
          options={countyOptions}
          placeholder="Statewide (no single county)"
          error={formState.errors.county?.message}
          {...register("county")}
        />
      </div>
      <CheckboxGroup legend="Services offered" error={formState.errors.services?.message}>
        {SERVICES.map((service) => (
          <label key={service} className="flex items-center gap-2 text-sm">
            <input type="checkbox" value={service} className="h-4 w-4 rounded border-slate-300" {...register("services")} />
            {SERVICE_LABELS[service]}
          </label>
        ))}
      </CheckboxGroup>
    </>
  );
}

export function CreateOrganizationForm() {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: createOrganizationSchema,
    defaultValues: { name: "", type: "" as OrganizationType, county: "", services: [] },
    action: createOrganizationAction,
    creates: "organization",
    onSuccess: (data) => router.push(`/admin/organizations/${data.id}?created=1`),
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <OrganizationFields form={form as unknown as UseFormReturn<FieldValues>} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Creating…" : "Create organization"}
      </button>
    </form>
  );
}

export function EditOrganizationForm({
  organization,
}: {
  organization: { id: string; version: number; name: string; type: OrganizationType; county: string | null; services: Service[] };
}) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: updateOrganizationSchema,
    defaultValues: { ...organization, county: (organization.county ?? "") as UpdateOrganizationInput["county"] },
    action: updateOrganizationAction,
    onSuccess: (data, { values, reset }) => {
      reset({ ...values, county: values.county ?? "", version: data.version });
      router.refresh();
      return "Saved.";
    },
  });

  // Take a newer version saved elsewhere on this page (the status control) unless mid-edit.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset({ ...organization, county: (organization.county ?? "") as UpdateOrganizationInput["county"] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.version]);

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <input type="hidden" {...form.register("id")} />
      <input type="hidden" {...form.register("version")} />
      <OrganizationFields form={form as unknown as UseFormReturn<FieldValues>} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
