"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/app/_components/action-form";
import { FormAlert } from "@/app/_components/fields";
import { updateSurvivorAction } from "@/lib/survivors/actions";
import { updateSurvivorSchema, type UpdateSurvivorInput } from "@/lib/survivors/schema";
import { SurvivorFields } from "../../survivor-fields";

/**
 * Edits a survivor's details against the version the page was opened on. If someone saved in the
 * meantime, the server refuses, says who and when, and everything typed stays in the form.
 */
export function EditSurvivorForm({ values }: { values: UpdateSurvivorInput }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const form = useForm<UpdateSurvivorInput>({ resolver: zodResolver(updateSurvivorSchema), defaultValues: values });
  const { register, handleSubmit, formState } = form;

  const onSubmit = handleSubmit(async (input) => {
    setMessage(null);
    const result = await submitToAction(form, () => updateSurvivorAction(input));
    if (!result.ok) return setMessage({ text: result.message, tone: "error" });
    router.push(`/survivors/${values.id}`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert message={message?.text ?? null} tone={message?.tone} />
      <input type="hidden" {...register("id")} />
      <input type="hidden" {...register("version")} />
      <SurvivorFields form={form} />
      <FormAlert message={message?.text ?? null} tone={message?.tone} />
      <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Saving…" : "Save changes"}
      </button>
    </form>
  );
}
