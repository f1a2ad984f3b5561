"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert, TextField } from "@/app/_components/fields";
import { callAction, useActionForm } from "@/app/_components/use-action-form";
import { confirmEnrolmentAction, renewRecoveryCodesAction, trustThisDeviceAction } from "@/lib/account/actions";
import { confirmEnrolmentSchema, totpCodeSchema } from "@/lib/account/two-factor-schema";

/** The recovery codes, shown once, until the person says they have kept them. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void | Promise<void> }) {
  return (
    <div className="space-y-3" data-testid="recovery-codes">
      <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Keep these recovery codes somewhere safe, away from your phone (printed, or in a password manager). Each works once if you
        lose your phone. They are not shown again.
      </p>
      <ul className="grid grid-cols-1 gap-1 font-mono text-sm sm:grid-cols-2">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
      <button type="button" className="btn-primary" onClick={() => void onDone()}>
        I have kept them
      </button>
    </div>
  );
}

export function EnrolForm({ enrolment, doneHref }: { enrolment: string; doneHref: string }) {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: confirmEnrolmentSchema,
    defaultValues: { code: "", currentPassword: "", enrolment },
    action: confirmEnrolmentAction,
    onSuccess: (data) => {
      setCodes(data.recoveryCodes);
      return "Two-step sign-in is on. From your next sign-in, Clearway asks for a code after your password.";
    },
  });
  if (codes) {
    return (
      <div className="space-y-3">
        <FormAlert {...alert} />
        <RecoveryCodes
          codes={codes}
          onDone={async () => {
            // This browser passed the second factor by setting it up: trusted for 30 days (a locked
            // account still signs in from here). If that fails, nothing is lost but the trust.
            await callAction(() => trustThisDeviceAction({}));
            router.push(doneHref);
            router.refresh();
          }}
        />
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Confirm two-step sign-in">
      <FormAlert {...alert} />
      <TextField label="Code from the app" autoComplete="one-time-code" inputMode="numeric" error={form.formState.errors.code?.message} {...form.register("code")} />
      <TextField
        label="Your password"
        type="password"
        autoComplete="current-password"
        hint="Setting up two-step sign-in needs your password, so no one who finds this page open can tie your account to their phone."
        error={form.formState.errors.currentPassword?.message}
        {...form.register("currentPassword")}
      />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Checking…" : "Turn on two-step sign-in"}
      </button>
    </form>
  );
}

export function RenewRecoveryCodesForm() {
  const router = useRouter();
  const [codes, setCodes] = useState<string[] | null>(null);
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: totpCodeSchema,
    defaultValues: { code: "" },
    action: renewRecoveryCodesAction,
    onSuccess: (data, { reset }) => {
      reset();
      setCodes(data.recoveryCodes);
      return "New recovery codes made. The old ones no longer work.";
    },
  });
  if (codes) {
    return (
      <div className="space-y-3">
        <FormAlert {...alert} />
        <RecoveryCodes
          codes={codes}
          onDone={() => {
            setCodes(null);
            router.refresh();
          }}
        />
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Make new recovery codes">
      <FormAlert {...alert} />
      <TextField
        label="Code from the app"
        autoComplete="one-time-code"
        inputMode="numeric"
        hint="To make new recovery codes (the old ones stop working), enter the code your app shows now."
        error={form.formState.errors.code?.message}
        {...form.register("code")}
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        {pending ? "Making…" : "Make new recovery codes"}
      </button>
    </form>
  );
}
