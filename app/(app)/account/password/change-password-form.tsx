"use client";

import { useRouter } from "next/navigation";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { changePasswordAction } from "@/lib/account/actions";
import { changePasswordSchema, PASSWORD_MIN_LENGTH } from "@/lib/auth/schema";

export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: changePasswordSchema,
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
    action: changePasswordAction,
    onSuccess: (_data, { reset }) => {
      reset();
      if (forced) {
        router.push("/");
        return;
      }
      router.refresh();
      return "Your password has been changed. Your other sessions were signed out.";
    },
  });
  const { register, formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert {...alert} />
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        error={formState.errors.currentPassword?.message}
        {...register("currentPassword")}
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint={`At least ${PASSWORD_MIN_LENGTH} characters. A few unrelated words are easy to remember and hard to guess.`}
        error={formState.errors.newPassword?.message}
        {...register("newPassword")}
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        error={formState.errors.confirmPassword?.message}
        {...register("confirmPassword")}
      />
      <div className="flex gap-3">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
