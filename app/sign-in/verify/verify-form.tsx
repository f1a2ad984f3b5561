"use client";

import { useRouter } from "next/navigation";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { verifySecondFactorAction } from "@/lib/account/actions";
import { secondFactorSchema } from "@/lib/account/two-factor-schema";

export function VerifyForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: secondFactorSchema,
    defaultValues: { code: "" },
    action: verifySecondFactorAction,
    onSuccess: () => {
      router.replace(callbackUrl ?? "/");
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert {...alert} />
      <TextField
        label="Code"
        autoComplete="one-time-code"
        inputMode="text"
        autoFocus
        hint="Six digits from the app, or a recovery code (like abcd-efgh-…)."
        error={form.formState.errors.code?.message}
        {...form.register("code")}
      />
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Checking…" : "Continue"}
      </button>
    </form>
  );
}
