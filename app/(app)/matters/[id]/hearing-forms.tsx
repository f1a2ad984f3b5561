"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { cancelHearingAction, continueHearingAction, editHearingAction } from "@/lib/vacatur/hearing-actions";
import { cancelHearingSchema, continueHearingSchema, editHearingSchema } from "@/lib/vacatur/hearing-schema";

// The forms that change one scheduled hearing: correct it, record the court's continuance to a new
// date, or record that the court cancelled it. Each keeps what was typed on any error, shows refusals
// beside their fields, and refreshes the page on success.

type HearingRef = { id: string; version: number; hearingDate: string; hearingTime: string; place: string };
type Mode = "edit" | "continue" | "cancel" | null;

export function HearingChanges({ hearing }: { hearing: HearingRef }) {
  const [mode, setMode] = useState<Mode>(null);
  if (!mode) {
    return (
      <span className="ml-2 inline-flex flex-wrap gap-2">
        <button type="button" className="btn-secondary" onClick={() => setMode("edit")}>
          Correct date, time or place
        </button>
        <button type="button" className="btn-secondary" onClick={() => setMode("continue")}>
          Record continuance to a new date
        </button>
        <button type="button" className="btn-secondary" onClick={() => setMode("cancel")}>
          Record hearing cancelled
        </button>
      </span>
    );
  }
  const close = () => setMode(null);
  if (mode === "cancel") return <CancelHearingForm hearing={hearing} onDone={close} />;
  return <HearingDateForm key={mode} hearing={hearing} mode={mode} onDone={close} />;
}

function useDone(onDone: () => void) {
  const router = useRouter();
  return () => {
    onDone();
    router.refresh();
  };
}

function HearingDateForm({ hearing, mode, onDone }: { hearing: HearingRef; mode: "edit" | "continue"; onDone: () => void }) {
  const done = useDone(onDone);
  const editing = mode === "edit";
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: editing ? editHearingSchema : continueHearingSchema,
    defaultValues: editing
      ? { id: hearing.id, version: hearing.version, hearingDate: hearing.hearingDate, hearingTime: hearing.hearingTime, place: hearing.place }
      : { id: hearing.id, version: hearing.version, hearingDate: "", hearingTime: hearing.hearingTime, place: hearing.place },
    action: editing ? editHearingAction : continueHearingAction,
    creates: editing ? undefined : `continue-hearing-${hearing.id}`,
    onSuccess: () => done(),
  });
  const errors = form.formState.errors;
  const title = editing ? "Correct the hearing" : "Record the continuance";
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 space-y-3 rounded-md border border-slate-200 p-3" aria-label={title}>
      <h3 className="font-medium">{title}</h3>
      {editing ? null : <p className="text-sm text-slate-600">This hearing is kept and marked continued; the new date is scheduled in its place.</p>}
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={editing ? "Hearing date" : "New hearing date"} type="date" error={errors.hearingDate?.message} {...form.register("hearingDate")} />
        <TextField label="Time (Pacific)" type="time" error={errors.hearingTime?.message} {...form.register("hearingTime")} />
        <TextField label="Place (courtroom, address or remote link)" hint="The court is already on the matter: name the courthouse and courtroom." error={errors.place?.message} {...form.register("place")} />
      </div>
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {editing ? "Save the corrected hearing" : "Continue the hearing to this date"}
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function CancelHearingForm({ hearing, onDone }: { hearing: HearingRef; onDone: () => void }) {
  const done = useDone(onDone);
  const { submit, pending, alert } = useActionForm({
    schema: cancelHearingSchema,
    defaultValues: { id: hearing.id, version: hearing.version },
    action: cancelHearingAction,
    onSuccess: () => done(),
  });
  return (
    <div className="mt-2 space-y-3 rounded-md border border-slate-200 p-3" role="group" aria-label="Record hearing cancelled">
      <p className="text-sm">The hearing is kept and marked cancelled. With no other hearing set, the matter goes back to filed, ready for a new hearing or an agreed order.</p>
      <FormAlert {...alert} />
      <div className="flex gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={submit({})}>
          Mark the hearing cancelled
        </button>
        <button type="button" className="btn-secondary" onClick={onDone}>
          Keep the hearing
        </button>
      </div>
    </div>
  );
}
