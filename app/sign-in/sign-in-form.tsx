"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { FormAlert, TextField } from "@/app/_components/fields";
import { submitToAction } from "@/app/_components/action-form";
import { signInAction } from "@/lib/auth/actions";
import { signInSchema } from "@/lib/auth/schema";

type Values = z.input<typeof signInSchema>;

export function SignInForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  const [message, setMessage] = useState<string | null>(initialError ?? null);
  const form = useForm<Values>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: "", password: "", callbackUrl },
  });
  const { register, handleSubmit, formState } = form;

  const onSubmit = handleSubmit(async (values) => {
    setMessage(null);
    // On success the action redirects; on failure it returns the one message to show.
    const result = await submitToAction(form, () => signInAction({ ...values, callbackUrl }));
    if (!result.ok) setMessage(result.message);
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert message={message} />
      <TextField
        label="Email"
        type="email"
        autoComplete="username"
        autoFocus
        error={formState.errors.email?.message}
        {...register("email")}
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        error={formState.errors.password?.message}
        {...register("password")}
      />
      <button type="submit" className="btn-primary w-full" disabled={formState.isSubmitting}>
        {formState.isSubmitting ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
