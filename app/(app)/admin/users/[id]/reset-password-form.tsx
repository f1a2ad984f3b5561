"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { submitToAction } from "@/app/_components/action-form";
import { FormAlert, TextField } from "@/app/_components/fields";
import { resetUserPasswordAction } from "@/lib/users/actions";
import { resetUserPasswordSchema, type ResetUserPasswordInput } from "@/lib/users/schema";

export function ResetPasswordForm({ id }: { id: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const form = useForm<ResetUserPasswordInput>({
    resolver: zodResolver(resetUserPasswordSchema),
    defaultValues: { id, password: "", confirmPassword: "" },
  });
  const { register, handleSubmit, formState, reset } = form;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => resetUserPasswordAction(values));
    if (!result.ok) return setMessage({ text: result.message, tone: "error" });
    reset({ id, password: "", confirmPassword: "" });
    setMessage({ text: "Password reset. Give the new initial password to the person privately.", tone: "success" });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <FormAlert message={message?.text ?? null} tone={message?.tone} />
      <input type="hidden" {...register("id")} />
      <TextField label="New initial password" type="password" autoComplete="new-password" error={formState.errors.password?.message} {...register("password")} />
      <TextField label="Confirm" type="password" autoComplete="new-password" error={formState.errors.confirmPassword?.message} {...register("confirmPassword")} />
      <button type="submit" className="btn-secondary" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Resetting…" : "Reset password"}
      </button>
    </form>
  );
}
