"use client";

import { useRouter } from "next/navigation";
import { FormAlert } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { resetSecondFactorAction } from "@/lib/users/actions";
import { resetSecondFactorSchema } from "@/lib/users/schema";

export function ResetSecondFactorForm({ id }: { id: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: resetSecondFactorSchema,
    defaultValues: { id },
    action: resetSecondFactorAction,
    onSuccess: () => {
      router.refresh();
      return "Two-step sign-in reset, and they were signed out. They set it up anew at their next sign-in, after any approval shown above.";
    },
  });
  return (
    <form
      onSubmit={(event) => {
        if (!window.confirm("Reset this person's two-step sign-in? They are signed out everywhere.")) {
          event.preventDefault();
          return;
        }
        void onSubmit(event);
      }}
      noValidate
      className="space-y-3"
      aria-label="Reset two-step sign-in"
    >
      <FormAlert {...alert} />
      <input type="hidden" {...form.register("id")} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Resetting…" : "Reset two-step sign-in"}
      </button>
    </form>
  );
}
