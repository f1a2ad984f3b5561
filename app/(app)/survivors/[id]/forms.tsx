"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { FormAlert, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { revokeReleaseAction } from "@/lib/releases/actions";
import { REVOCATION_METHODS, REVOCATION_METHOD_LABELS } from "@/lib/releases/constants";
import { revokeReleaseSchema } from "@/lib/releases/schema";
import {
  addNoteAction,
  changeSurvivorStatusAction,
  reassignSurvivorAction,
  requestTransferAction,
  setSurvivorShareAction,
} from "@/lib/survivors/actions";
import {
  CLOSE_REASONS,
  CLOSE_REASON_LABELS,
  NOTE_KINDS,
  NOTE_KIND_LABELS,
  NOTE_VISIBILITIES,
  NOTE_VISIBILITY_LABELS,
  SURVIVOR_STATUSES,
  SURVIVOR_STATUS_LABELS,
  type NoteKind,
  type NoteVisibility,
  type SurvivorStatus,
} from "@/lib/survivors/constants";
import { changeStatusSchema, noteSchema, reassignSchema, requestTransferSchema, shareSchema, type ShareInput } from "@/lib/survivors/schema";

type Advocate = { id: string; name: string };

/** A new note, or (with `correcting`) a correction saved as the note's next version. */
export function NoteForm({
  survivorId,
  today,
  correcting,
  onDone,
}: {
  survivorId: string;
  today: string;
  correcting?: { threadId: string; revision: number; kind: NoteKind; visibility: NoteVisibility; contactDate: string; body: string };
  onDone?: () => void;
}) {
  const router = useRouter();
  const blank = { survivorId, kind: "contact", visibility: "normal", contactDate: today, body: "", correctsThreadId: null, correctsRevision: null } as const;
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: noteSchema,
    defaultValues: correcting ? { ...blank, ...correcting, correctsThreadId: correcting.threadId, correctsRevision: correcting.revision } : blank,
    action: addNoteAction,
    creates: correcting ? `note-correction:${correcting.threadId}` : "note",
    onSuccess: (_data, { reset }) => {
      // Reset either way: the next note, or the next correction of this thread, is a new record.
      reset();
      router.refresh();
      if (correcting) onDone?.();
      else return "Note added.";
    },
  });
  const { register, formState } = form;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label={correcting ? "Correct note" : "Add a note"}>
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Kind" options={optionsOf(NOTE_KINDS, NOTE_KIND_LABELS)} error={formState.errors.kind?.message} {...register("kind")} />
        <SelectField
          label="Who may read it"
          options={optionsOf(NOTE_VISIBILITIES, NOTE_VISIBILITY_LABELS)}
          error={formState.errors.visibility?.message}
          {...register("visibility")}
        />
        <TextField label="Date" type="date" error={formState.errors.contactDate?.message} {...register("contactDate")} />
      </div>
      <TextAreaField label={correcting ? "Corrected note" : "Note"} rows={4} error={formState.errors.body?.message} {...register("body")} />
      <div className="flex gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : correcting ? "Save correction" : "Add note"}
        </button>
        {correcting ? (
          <button type="button" className="btn-secondary" onClick={onDone}>
            Cancel
          </button>
        ) : null}
      </div>
      {correcting ? <p className="text-xs text-slate-500">The earlier version stays visible to you and your program leads.</p> : null}
    </form>
  );
}

/** "Correct" on a note the signed-in user wrote: opens the correction form in place. */
export function CorrectNote(props: { survivorId: string; today: string; note: Parameters<typeof NoteForm>[0]["correcting"] & object }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="text-sm text-sky-800 underline" onClick={() => setOpen(true)}>
        Correct this note
      </button>
    );
  }
  return <NoteForm survivorId={props.survivorId} today={props.today} correcting={props.note} onDone={() => setOpen(false)} />;
}

export function StatusForm({ id, version, status }: { id: string; version: number; status: SurvivorStatus }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: changeStatusSchema,
    defaultValues: { id, version, status, closedReason: "" },
    // The version the page shows now (it may have moved on since the form was first rendered).
    action: (values) => changeSurvivorStatusAction({ ...values, version }),
    onSuccess: () => router.refresh(),
  });
  const { register, formState, control } = form;
  const chosen = useWatch({ control, name: "status" });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Case status">
      <FormAlert {...alert} />
      <SelectField label="Case status" options={optionsOf(SURVIVOR_STATUSES, SURVIVOR_STATUS_LABELS)} error={formState.errors.status?.message} {...register("status")} />
      {chosen === "closed" && status !== "closed" ? (
        <SelectField
          label="Why is the case closing?"
          placeholder="Choose a reason"
          options={optionsOf(CLOSE_REASONS, CLOSE_REASON_LABELS)}
          error={formState.errors.closedReason?.message}
          {...register("closedReason")}
        />
      ) : null}
      <button type="submit" className="btn-secondary" disabled={pending || chosen === status}>
        {status === "closed" && chosen !== "closed" ? "Reopen case" : chosen === "closed" ? "Close case" : "Change status"}
      </button>
    </form>
  );
}

export function ReassignForm({ id, version, currentAdvocateId, advocates }: { id: string; version: number; currentAdvocateId: string; advocates: Advocate[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: reassignSchema,
    defaultValues: { id, version, advocateId: "" },
    action: (values) => reassignSurvivorAction({ ...values, version }),
    onSuccess: (data, { reset }) => {
      reset({ id, version: data.version, advocateId: "" });
      router.refresh();
      return "Reassigned.";
    },
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Reassign">
      <FormAlert {...alert} />
      <SelectField
        label="Reassign to"
        placeholder="Choose an advocate"
        options={advocates.filter((a) => a.id !== currentAdvocateId).map((a) => ({ value: a.id, label: a.name }))}
        error={formState.errors.advocateId?.message}
        {...register("advocateId")}
      />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Reassign
      </button>
    </form>
  );
}

export function ShareForm({ survivorId, advocates, sharedWith, assignedAdvocateId }: { survivorId: string; advocates: Advocate[]; sharedWith: Advocate[]; assignedAdvocateId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert, run } = useActionForm({
    schema: shareSchema,
    defaultValues: { survivorId, userId: "", share: true },
    action: setSurvivorShareAction,
    onSuccess: (_data, { reset }) => {
      reset();
      router.refresh();
    },
  });
  const { register, formState } = form;
  const shared = new Set(sharedWith.map((a) => a.id));
  const stopSharing = async (values: ShareInput) => {
    if ((await run(() => setSurvivorShareAction(values))) !== null) router.refresh();
  };
  return (
    <div className="space-y-3">
      <FormAlert {...alert} />
      {sharedWith.length ? (
        <ul className="space-y-1 text-sm">
          {sharedWith.map((a) => (
            <li key={a.id} className="flex items-center justify-between gap-2">
              {a.name}
              <button type="button" className="text-sm text-red-700 underline" disabled={pending} onClick={() => stopSharing({ survivorId, userId: a.id, share: false })}>
                Stop sharing
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">Not shared with other advocates.</p>
      )}
      <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Share with an advocate">
        <SelectField
          label="Share with"
          placeholder="Choose an advocate"
          options={advocates.filter((a) => a.id !== assignedAdvocateId && !shared.has(a.id)).map((a) => ({ value: a.id, label: a.name }))}
          error={formState.errors.userId?.message}
          {...register("userId")}
        />
        <button type="submit" className="btn-secondary" disabled={pending}>
          Share
        </button>
      </form>
    </div>
  );
}

export function TransferRequestForm({ survivorId, advocates, currentAdvocateId }: { survivorId: string; advocates: Advocate[]; currentAdvocateId: string }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: requestTransferSchema,
    defaultValues: { survivorId, requestedFor: "", reason: "" },
    action: requestTransferAction,
    creates: "transfer-request",
    onSuccess: (_data, { reset }) => {
      reset();
      router.refresh();
      return "Your program lead will see the request.";
    },
  });
  const { register, formState } = form;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Ask for a transfer">
      <FormAlert {...alert} />
      <SelectField
        label="Suggest an advocate (optional)"
        placeholder="Let my lead choose"
        options={advocates.filter((a) => a.id !== currentAdvocateId).map((a) => ({ value: a.id, label: a.name }))}
        error={formState.errors.requestedFor?.message}
        {...register("requestedFor")}
      />
      <TextAreaField label="Why" rows={2} error={formState.errors.reason?.message} {...register("reason")} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Ask my lead
      </button>
    </form>
  );
}

export function RevokeReleaseForm({ id, version, survivorId, recipientName }: { id: string; version: number; survivorId: string; recipientName: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: revokeReleaseSchema,
    defaultValues: { id, version, survivorId, method: "" as never, note: "" },
    action: revokeReleaseAction,
    onSuccess: () => {
      setOpen(false);
      router.refresh();
    },
  });
  const { register, formState } = form;
  if (!open) {
    return (
      <button type="button" className="btn-danger" onClick={() => setOpen(true)}>
        Revoke
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="mt-2 space-y-3 rounded-md border border-red-200 bg-red-50 p-3" aria-label={`Revoke release to ${recipientName}`}>
      <FormAlert {...alert} />
      <p className="text-sm">Sharing with {recipientName} stops the moment you save. An oral revocation counts.</p>
      <SelectField label="How did the survivor tell you?" placeholder="Choose one" options={optionsOf(REVOCATION_METHODS, REVOCATION_METHOD_LABELS)} error={formState.errors.method?.message} {...register("method")} />
      <TextField label="Note (optional)" autoComplete="off" error={formState.errors.note?.message} {...register("note")} />
      <div className="flex gap-2">
        <button type="submit" className="btn-danger" disabled={pending}>
          Revoke now
        </button>
        <button type="button" className="btn-secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
