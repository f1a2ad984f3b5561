"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { openMatterAction } from "@/lib/vacatur/actions";
import { openMatterSchema } from "@/lib/vacatur/schema";

export function OpenMatterForm({
  survivorId,
  convictions,
  legalOrganizations,
}: {
  survivorId: string;
  convictions: { id: string; label: string; inOpenMatter: boolean }[];
  legalOrganizations: { id: string; name: string; covered: boolean }[];
}) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: openMatterSchema,
    defaultValues: { survivorId, convictionIds: [], legalOrganizationId: "" },
    action: openMatterAction,
    creates: "matter",
    onSuccess: (data) => router.push(`/matters/${data.id}`),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Open a vacatur matter">
      <FormAlert {...alert} />
      <CheckboxGroup legend="Convictions to vacate" error={errors.convictionIds?.message}>
        {convictions.map((c) => (
          <CheckboxField key={c.id} label={c.inOpenMatter ? `${c.label} (already in an open matter)` : c.label} value={c.id} {...form.register("convictionIds")} />
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
      <button type="submit" className="btn-primary" disabled={pending}>
        Open matter
      </button>
    </form>
  );
}
