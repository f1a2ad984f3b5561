"use client";

import { useRouter } from "next/navigation";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { resetUserPasswordAction } from "@/lib/users/actions";
import { resetUserPasswordSchema } from "@/lib/users/schema";

export function ResetPasswordForm({ id }: { id: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: resetUserPasswordSchema,
    defaultValues: { id, password: "", confirmPassword: "" },
    action: resetUserPasswordAction,
    onSuccess: (_data, { reset }) => {
      reset();
      router.refresh();
      return "Password reset. Give the new initial password to the person privately.";
    },
  });
  const { register, formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormAlert {...alert} />
      <input type="hidden" {...register("id")} />
      <TextField label="New initial password" type="password" autoComplete="new-password" error={formState.errors.password?.message} {...register("password")} />
      <TextField label="Confirm" type="password" autoComplete="new-password" error={formState.errors.confirmPassword?.message} {...register("confirmPassword")} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Resetting…" : "Reset password"}
      </button>
    </form>
  );
}
