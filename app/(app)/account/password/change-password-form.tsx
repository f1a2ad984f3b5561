"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { submitToAction } from "@/app/_components/action-form";
import { FormAlert, TextField } from "@/app/_components/fields";
import { changePasswordAction } from "@/lib/account/actions";
import { changePasswordSchema, PASSWORD_MIN_LENGTH } from "@/lib/auth/schema";

type Values = z.input<typeof changePasswordSchema>;

export function ChangePasswordForm({ forced }: { forced: boolean }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: { currentPassword: "", newPassword: "", confirmPassword: "" },
  });
  const { register, handleSubmit, formState, reset } = form;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => changePasswordAction(values));
    if (!result.ok) {
      setMessage({ text: result.message, tone: "error" });
      return;
    }
    reset();
    if (forced) {
      router.push("/");
      return;
    }
    setMessage({ text: "Your password has been changed. Your other sessions were signed out.", tone: "success" });
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert message={message?.text ?? null} tone={message?.tone} />
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
        <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Saving…" : "Change password"}
        </button>
      </div>
    </form>
  );
}
