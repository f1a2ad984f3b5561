"use client";

import { useRouter } from "next/navigation";
import { FormAlert } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { updateSurvivorAction } from "@/lib/survivors/actions";
import { updateSurvivorSchema, type UpdateSurvivorInput } from "@/lib/survivors/schema";
import { SurvivorFields } from "../../survivor-fields";

/**
 * Edits a survivor's details against the version the page was opened on. If someone saved in the
 * meantime, the server refuses, says who and when, and everything typed stays in the form.
 */
export function EditSurvivorForm({ values }: { values: UpdateSurvivorInput }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: updateSurvivorSchema,
    defaultValues: values,
    action: updateSurvivorAction,
    onSuccess: () => {
      router.push(`/survivors/${values.id}`);
      router.refresh();
    },
  });
  const { register } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <input type="hidden" {...register("id")} />
      <input type="hidden" {...register("version")} />
      <SurvivorFields form={form} />
      <FormAlert {...alert} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
