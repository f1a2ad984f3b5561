"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, FormAlert } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { recordApplicantAction } from "@/lib/vacatur/actions";
import { recordApplicantSchema } from "@/lib/vacatur/schema";

/**
 * Who applies on this matter. Only a family member applying for a survivor who died as a victim of homicide
 * may use RCW 9.96.060(7), so the screen shows that route only when this box is ticked and saved.
 */
export function ApplicantSection({ id, version, homicideFamilyApplicant, canEdit }: { id: string; version: number; homicideFamilyApplicant: boolean; canEdit: boolean }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordApplicantSchema,
    defaultValues: { id, version, homicideFamilyApplicant },
    action: recordApplicantAction,
    onSuccess: () => router.refresh(),
  });
  const summary = homicideFamilyApplicant
    ? "A family member applies for the survivor, who died as a victim of homicide (RCW 9.96.060(7))."
    : "The survivor applies for themself.";
  if (!canEdit) return <p className="text-sm" data-testid="applicant">{summary}</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Applicant" data-testid="applicant">
      <FormAlert {...alert} />
      <p className="text-sm">{summary}</p>
      <CheckboxField
        label="A family member applies for the survivor, who died as a victim of homicide"
        hint="RCW 9.96.060(7) lets a family member of a homicide victim apply to vacate the victim's prostitution conviction (RCW 9A.88.030); the court shall vacate if the applicant qualifies. The screen shows that route only when this is saved."
        error={form.formState.errors.homicideFamilyApplicant?.message}
        {...form.register("homicideFamilyApplicant")}
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save who applies
      </button>
    </form>
  );
}
