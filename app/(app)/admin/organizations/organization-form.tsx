"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useForm, type UseFormReturn } from "react-hook-form";
import type { z } from "zod";
import { submitToAction } from "@/app/_components/action-form";
import { CheckboxGroup, FormAlert, SelectField, TextField } from "@/app/_components/fields";
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
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<z.input<typeof createOrganizationSchema>, unknown, z.output<typeof createOrganizationSchema>>({
    resolver: zodResolver(createOrganizationSchema),
    defaultValues: { name: "", type: "" as OrganizationType, county: "", services: [] },
  });

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => createOrganizationAction(values));
    if (!result.ok) return setMessage(result.message);
    router.push(`/admin/organizations/${result.data.id}?created=1`);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={message} />
      <OrganizationFields form={form as unknown as UseFormReturn<FieldValues>} />
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Creating…" : "Create organization"}
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
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const form = useForm<UpdateOrganizationInput, unknown, z.output<typeof updateOrganizationSchema>>({
    resolver: zodResolver(updateOrganizationSchema),
    defaultValues: { ...organization, county: (organization.county ?? "") as UpdateOrganizationInput["county"] },
  });

  // Take a newer version saved elsewhere on this page (the status control) unless mid-edit.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset({ ...organization, county: (organization.county ?? "") as UpdateOrganizationInput["county"] });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.version]);

  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => updateOrganizationAction(values));
    if (!result.ok) return setMessage({ text: result.message, tone: "error" });
    form.reset({ ...values, county: values.county ?? "", version: result.data.version });
    setMessage({ text: "Saved.", tone: "success" });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={message?.text ?? null} tone={message?.tone} />
      <input type="hidden" {...form.register("id")} />
      <input type="hidden" {...form.register("version")} />
      <OrganizationFields form={form as unknown as UseFormReturn<FieldValues>} />
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
