"use client";

import { useRouter } from "next/navigation";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { setHourlyRateAction } from "@/lib/vacatur/actions";
import { hourlyRateSchema } from "@/lib/vacatur/schema";

/** The legal organization's lead sets the hourly rate its hours are valued at in the CSV. */
export function HourlyRateForm({ rate, version }: { rate: string; version: number }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: hourlyRateSchema,
    defaultValues: { rate, version },
    action: setHourlyRateAction,
    onSuccess: () => {
      router.refresh();
      return "Rate saved. Downloads from now on value hours at it.";
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Hourly rate">
      <FormAlert {...alert} />
      <TextField label="Hourly rate for reports (dollars)" inputMode="decimal" error={form.formState.errors.rate?.message} {...form.register("rate")} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save rate
      </button>
    </form>
  );
}
