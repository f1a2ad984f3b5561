"use client";

import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { signInAction } from "@/lib/auth/actions";
import { signInSchema } from "@/lib/auth/schema";

export function SignInForm({ callbackUrl, initialError }: { callbackUrl?: string; initialError?: string }) {
  // On success the action redirects; on failure it returns the one message to show.
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: signInSchema,
    defaultValues: { email: "", password: "", callbackUrl },
    action: (values) => signInAction({ ...values, callbackUrl }),
    initialMessage: initialError ? { text: initialError, tone: "error" } : null,
  });
  const { register, formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <FormAlert {...alert} />
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
      <button type="submit" className="btn-primary w-full" disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
