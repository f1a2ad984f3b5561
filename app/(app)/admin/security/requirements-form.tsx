"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, FormAlert } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { ROLE_DESCRIPTIONS, ROLE_LABELS, type Role } from "@/lib/auth/roles";
import { setSecondFactorRequirementsAction } from "@/lib/users/actions";
import { secondFactorRequirementsSchema, type SecondFactorRequirementsInput } from "@/lib/users/schema";

type Configurable = Exclude<Role, "admin">;

export function SecondFactorRequirementsForm({ required }: { required: SecondFactorRequirementsInput["required"] }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: secondFactorRequirementsSchema,
    defaultValues: { required },
    action: setSecondFactorRequirementsAction,
    onSuccess: (data) => {
      router.refresh();
      return data.changed.length === 0
        ? "Nothing changed."
        : `Saved. ${data.changed.map((role) => ROLE_LABELS[role]).join(", ")}: in effect from each person's next page.`;
    },
  });
  const roles = Object.keys(required) as Configurable[];
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Roles that must use two-step sign-in">
      <FormAlert {...alert} />
      <fieldset className="space-y-3">
        <legend className="sr-only">Roles that must use two-step sign-in</legend>
        <CheckboxField label={ROLE_LABELS.admin} hint="Always required: administrators manage every account." checked disabled readOnly />
        {roles.map((role) => (
          <CheckboxField key={role} label={ROLE_LABELS[role]} hint={ROLE_DESCRIPTIONS[role]} {...form.register(`required.${role}`)} />
        ))}
      </fieldset>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </button>
    </form>
  );
}
