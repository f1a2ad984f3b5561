"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { callAction, newFormKey, useActionForm } from "@/app/_components/use-action-form";
import { formatCalendarDate } from "@/lib/format";
import { QUICK_SERVICES, SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS, type ServiceCategory } from "@/lib/survivors/services";
import { recordServiceAction, removeServiceAction } from "@/lib/survivors/services-actions";
import { recordServiceSchema } from "@/lib/survivors/services-schema";

// The Services section's controls: one click for a common service given today, a small form for the
// rest, and removal of a service recorded in error. Every save refreshes the list beside them.

type Recorded = { id: string; category: ServiceCategory; occurredOn: string };
type Notice = { text: string; tone: "success" | "error"; undo?: Recorded };

const describe = (s: Recorded, today: string) => `${SERVICE_CATEGORY_LABELS[s.category]}, ${s.occurredOn === today ? "today" : formatCalendarDate(s.occurredOn)}`;

export function ServiceRecorder({ survivorId, today }: { survivorId: string; today: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  // One key per button, kept until its save is confirmed: a double click or a retry after a lost
  // answer records the service once (lib/idempotency.ts).
  const keys = useRef(new Map<string, string>());
  const working = useRef(false);

  const recorded = (service: Recorded) => {
    setNotice({ text: `Recorded: ${describe(service, today)}.`, tone: "success", undo: service });
    router.refresh();
  };

  const quick = async (category: ServiceCategory) => {
    if (working.current) return;
    working.current = true;
    setBusy(category);
    const key = keys.current.get(category) ?? newFormKey();
    keys.current.set(category, key);
    const result = await callAction(() => recordServiceAction({ survivorId, category, occurredOn: null, minutes: null, idempotencyKey: key }));
    working.current = false;
    setBusy(null);
    if (!result.ok) return setNotice({ text: result.message, tone: "error" });
    keys.current.delete(category);
    recorded(result.data);
  };

  const undo = async (service: Recorded) => {
    setBusy("undo");
    const result = await callAction(() => removeServiceAction({ id: service.id }));
    setBusy(null);
    if (!result.ok) return setNotice({ text: result.message, tone: "error" });
    setNotice({ text: `Removed: ${describe(service, today)}.`, tone: "success" });
    router.refresh();
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Record a common service given today">
        {QUICK_SERVICES.map((q) => (
          <button key={q.category} type="button" className="btn-secondary" disabled={busy !== null} onClick={() => quick(q.category)}>
            {busy === q.category ? "Recording…" : q.button}
          </button>
        ))}
      </div>
      {notice ? (
        <div
          role={notice.tone === "error" ? "alert" : "status"}
          data-testid="service-notice"
          className={`flex flex-wrap items-center gap-3 rounded-md border px-3 py-2 text-sm ${notice.tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800"}`}
        >
          <span>{notice.text}</span>
          {notice.undo ? (
            <button type="button" className="underline" disabled={busy !== null} onClick={() => undo(notice.undo!)}>
              Undo
            </button>
          ) : null}
        </div>
      ) : null}
      <details className="rounded-md border border-slate-200 p-3">
        <summary className="cursor-pointer text-sm font-medium">Another service, another day, or with minutes</summary>
        <div className="mt-3">
          <ServiceForm survivorId={survivorId} today={today} onRecorded={recorded} />
        </div>
      </details>
    </div>
  );
}

function ServiceForm({ survivorId, today, onRecorded }: { survivorId: string; today: string; onRecorded: (service: Recorded) => void }) {
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordServiceSchema,
    defaultValues: { survivorId, category: "" as ServiceCategory, occurredOn: today, minutes: "" },
    action: recordServiceAction,
    creates: "service",
    onSuccess: (data, { reset }) => {
      reset();
      onRecorded(data);
    },
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a service">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField
          label="Service"
          placeholder="Choose a service"
          options={optionsOf(SERVICE_CATEGORIES, SERVICE_CATEGORY_LABELS)}
          error={formState.errors.category?.message}
          {...register("category")}
        />
        <TextField label="Day of service" type="date" hint="Today unless you change it." error={formState.errors.occurredOn?.message} {...register("occurredOn")} />
        <TextField label="Minutes (optional)" inputMode="numeric" autoComplete="off" error={formState.errors.minutes?.message} {...register("minutes")} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Record service"}
      </button>
    </form>
  );
}

/** "Remove" on a service recorded in error, with a second click to confirm. */
export function RemoveService({ id }: { id: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setPending(true);
    const result = await callAction(() => removeServiceAction({ id }));
    setPending(false);
    if (!result.ok) return setError(result.message);
    setConfirming(false);
    router.refresh();
  };
  if (!confirming) {
    return (
      <button type="button" className="text-sm text-red-700 underline" onClick={() => setConfirming(true)}>
        Remove
      </button>
    );
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2 text-sm">
      <span>Recorded in error?</span>
      <button type="button" className="btn-danger px-2 py-1" disabled={pending} onClick={remove}>
        {pending ? "Removing…" : "Yes, remove"}
      </button>
      <button type="button" className="underline" onClick={() => setConfirming(false)}>
        Cancel
      </button>
      {error ? <FormAlert message={error} /> : null}
    </span>
  );
}
