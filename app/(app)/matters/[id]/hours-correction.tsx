"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { correctHoursAction, removeHoursAction } from "@/lib/vacatur/actions";
import { HOUR_ACTIVITIES, HOUR_ACTIVITY_LABELS, type HourActivity } from "@/lib/vacatur/constants";
import { correctHoursSchema, removeHoursSchema } from "@/lib/vacatur/schema";

type Entry = { id: string; version: number; workedOn: string; hours: string; activity: HourActivity; description: string | null };

/** The author's own entry, within its 30 days: correct it (the original is kept) or remove it. */
export function HoursEntryCorrection({ entry, until }: { entry: Entry; until: string }) {
  const [open, setOpen] = useState(false);
  const router = useRouter();
  const correction = useActionForm({
    schema: correctHoursSchema,
    defaultValues: { id: entry.id, version: entry.version, workedOn: entry.workedOn, hours: entry.hours, activity: entry.activity, description: entry.description ?? "" },
    action: correctHoursAction,
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const removal = useActionForm({
    schema: removeHoursSchema,
    defaultValues: { id: entry.id, version: entry.version },
    action: removeHoursAction,
    onSuccess: () => router.refresh(),
  });
  const errors = correction.form.formState.errors;
  const prefix = `hours-${entry.id}`;
  if (!open) {
    return (
      <div className="mt-1 flex flex-wrap items-center gap-2">
        <button type="button" className="btn-secondary px-2 py-0.5 text-xs" onClick={() => setOpen(true)} aria-label={`Correct the hours of ${entry.workedOn}`}>
          Correct
        </button>
        <button
          type="button"
          className="btn-secondary px-2 py-0.5 text-xs"
          disabled={removal.pending}
          onClick={(event) => {
            if (window.confirm("Remove these hours from the totals? The entry is kept in the record, marked removed by you.")) void removal.onSubmit(event);
          }}
          aria-label={`Remove the hours of ${entry.workedOn}`}
        >
          Remove
        </button>
        <span className="text-xs text-slate-500">until {until}</span>
        <FormAlert {...removal.alert} />
      </div>
    );
  }
  return (
    <form onSubmit={correction.onSubmit} noValidate className="mt-2 space-y-3 rounded-md border border-slate-200 p-3" aria-label={`Correct the hours of ${entry.workedOn}`} id={prefix}>
      <FormAlert {...correction.alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Date worked" type="date" error={errors.workedOn?.message} {...correction.form.register("workedOn")} />
        <TextField label="Hours" inputMode="decimal" error={errors.hours?.message} {...correction.form.register("hours")} />
        <SelectField label="Activity" options={optionsOf(HOUR_ACTIVITIES, HOUR_ACTIVITY_LABELS)} error={errors.activity?.message} {...correction.form.register("activity")} />
      </div>
      <TextField label="Description (optional)" error={errors.description?.message} {...correction.form.register("description")} />
      <p className="text-xs text-slate-500">The entry as first logged is kept in the record; the totals count the corrected one.</p>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={correction.pending}>
          Save correction
        </button>
        <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
