"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/app/_components/action-form";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField } from "@/app/_components/fields";
import { openMatterAction } from "@/lib/vacatur/actions";
import { openMatterSchema, type OpenMatterInput } from "@/lib/vacatur/schema";

export function OpenMatterForm({
  survivorId,
  convictions,
  legalOrganizations,
}: {
  survivorId: string;
  convictions: { id: string; label: string }[];
  legalOrganizations: { id: string; name: string; covered: boolean }[];
}) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<OpenMatterInput>({ resolver: zodResolver(openMatterSchema), defaultValues: { survivorId, convictionIds: [], legalOrganizationId: "" } });
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => openMatterAction(values));
    if (!result.ok) return setMessage(result.message);
    router.push(`/matters/${result.data.id}`);
  });
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Open a vacatur matter">
      <FormAlert message={message} />
      <CheckboxGroup legend="Convictions to vacate" error={errors.convictionIds?.message}>
        {convictions.map((c) => (
          <CheckboxField key={c.id} label={c.label} value={c.id} {...form.register("convictionIds")} />
        ))}
      </CheckboxGroup>
      <SelectField
        label="Legal organization (optional)"
        placeholder="Decide later"
        hint="Organizations without a release covering identity and criminal-history records cannot receive the matter yet."
        options={legalOrganizations.map((o) => ({ value: o.id, label: o.covered ? o.name : `${o.name} (no release yet)` }))}
        error={errors.legalOrganizationId?.message}
        {...form.register("legalOrganizationId")}
      />
      <button type="submit" className="btn-primary" disabled={form.formState.isSubmitting}>
        Open matter
      </button>
    </form>
  );
}
