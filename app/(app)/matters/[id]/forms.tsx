"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { useForm } from "react-hook-form";
import { NETWORK_ERROR_MESSAGE, submitToAction } from "@/app/_components/action-form";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import type { ActionResult } from "@/lib/action-result";
import {
  COMMUNICATION_CHANNELS,
  COMMUNICATION_CHANNEL_LABELS,
  HOUR_ACTIVITIES,
  HOUR_ACTIVITY_LABELS,
  NOTICE_METHODS,
  NOTICE_METHOD_LABELS,
  POST_ORDER_STEP_LABELS,
  PROSECUTOR_POSITIONS,
  PROSECUTOR_POSITION_LABELS,
  type PostOrderStep,
  type ProsecutorPosition,
} from "@/lib/vacatur/constants";
import {
  addCommunicationAction,
  addMatterNoteAction,
  assignAttorneyAction,
  attestConflictAction,
  logHoursAction,
  recordChecklistAction,
  recordConclusionAction,
  recordNoticeAction,
  recordPositionAction,
  transitionMatterAction,
} from "@/lib/vacatur/actions";
import type { MatterTransition } from "@/lib/vacatur/machine";
import { ROUTE_LABELS, ROUTES } from "@/lib/vacatur/rules/screen";
import {
  addCommunicationSchema,
  addMatterNoteSchema,
  assignAttorneySchema,
  logHoursSchema,
  recordChecklistSchema,
  recordConclusionSchema,
  recordNoticeSchema,
  recordPositionSchema,
  transitionMatterSchema,
  type AddCommunicationInput,
  type AddMatterNoteInput,
  type AssignAttorneyInput,
  type LogHoursInput,
  type RecordChecklistInput,
  type RecordConclusionInput,
  type RecordNoticeInput,
  type RecordPositionInput,
  type TransitionMatterInput,
} from "@/lib/vacatur/schema";

// The matter page's forms. Each validates in the browser with the server's schema, shows a refusal
// next to its field, keeps what was typed on any error, and refreshes the page on success.

function Submit({ busy, children, secondary }: { busy: boolean; children: ReactNode; secondary?: boolean }) {
  return (
    <button type="submit" className={secondary ? "btn-secondary" : "btn-primary"} disabled={busy}>
      {children}
    </button>
  );
}

function useDone(reset?: () => void) {
  const router = useRouter();
  return () => {
    reset?.();
    router.refresh();
  };
}

export function AttestConflictForm({ id, version }: { id: string; version: number }) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function decide(decision: "no_conflict" | "conflict") {
    setBusy(true);
    setMessage(null);
    let result: ActionResult<unknown>;
    try {
      result = await attestConflictAction({ id, version, decision });
    } catch (error) {
      if (error && typeof error === "object" && "digest" in error) throw error;
      result = { ok: false, code: "unexpected", message: NETWORK_ERROR_MESSAGE };
    }
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    router.refresh();
  }
  return (
    <div className="space-y-3">
      <FormAlert message={message} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={busy} onClick={() => decide("no_conflict")}>
          I have no conflict of interest
        </button>
        <button type="button" className="btn-secondary" disabled={busy} onClick={() => decide("conflict")}>
          I have a conflict: decline this matter
        </button>
      </div>
    </div>
  );
}

export function AssignAttorneyForm({ id, version, options }: { id: string; version: number; options: { id: string; name: string; organizationName: string }[] }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AssignAttorneyInput>({ resolver: zodResolver(assignAttorneySchema), defaultValues: { id, version, attorneyId: "" } });
  const done = useDone();
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => assignAttorneyAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  if (options.length === 0) {
    return <p className="text-sm text-slate-600">No attorney can be assigned yet: an active release to a legal organization covering identity and criminal-history records is needed first.</p>;
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Assign an attorney">
      <FormAlert message={message} />
      <SelectField
        label="Attorney"
        placeholder="Choose an attorney"
        options={options.map((o) => ({ value: o.id, label: `${o.name} (${o.organizationName})` }))}
        error={form.formState.errors.attorneyId?.message}
        {...form.register("attorneyId")}
      />
      <Submit busy={form.formState.isSubmitting}>Assign</Submit>
    </form>
  );
}

/** The moves open to the caller; a move that needs facts opens its own small form. */
export function MatterMoves({ id, version, actions, countKeys }: { id: string; version: number; actions: MatterTransition[]; countKeys: { key: string; label: string }[] }) {
  const [open, setOpen] = useState<MatterTransition | null>(null);
  if (actions.length === 0) return <p className="text-sm text-slate-500">No moves are open to you at this stage.</p>;
  if (!open) {
    return (
      <div className="flex flex-wrap gap-2">
        {actions.map((t) => (
          <button key={t.action} type="button" className={["withdraw", "hold", "deny"].includes(t.action) ? "btn-secondary" : "btn-primary"} onClick={() => setOpen(t)}>
            {t.label}
          </button>
        ))}
      </div>
    );
  }
  return <MoveForm key={open.action} id={id} version={version} transition={open} countKeys={countKeys} onCancel={() => setOpen(null)} />;
}

function MoveForm({ id, version, transition, countKeys, onCancel }: { id: string; version: number; transition: MatterTransition; countKeys: { key: string; label: string }[]; onCancel: () => void }) {
  const [message, setMessage] = useState<string | null>(null);
  const router = useRouter();
  const form = useForm<TransitionMatterInput>({
    resolver: zodResolver(transitionMatterSchema),
    defaultValues: { id, version, action: transition.action, note: "", counts: transition.action === "grant" ? countKeys.map((c) => c.key) : [] },
  });
  const { register, formState } = form;
  const errors = formState.errors;
  const needs = new Set(transition.needs);
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => transitionMatterAction(values));
    if (!result.ok) return setMessage(result.message);
    onCancel();
    router.refresh();
  });
  const noteLabel = transition.action === "mark_ineligible" ? "Blocker and what would clear it" : transition.action === "continue" ? "Why it was continued" : "Why";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={transition.label}>
      <h3 className="font-medium">{transition.label}</h3>
      <FormAlert message={message} />
      {needs.has("filing") ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="Filing date" type="date" error={errors.filedOn?.message} {...register("filedOn")} />
          <TextField label="Court" error={errors.court?.message} {...register("court")} />
          <TextField label="Case number" error={errors.caseNumber?.message} {...register("caseNumber")} />
        </div>
      ) : null}
      {needs.has("hearing") ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label="Hearing date" type="date" error={errors.hearingDate?.message} {...register("hearingDate")} />
          <TextField label="Time (Pacific)" type="time" error={errors.hearingTime?.message} {...register("hearingTime")} />
          <TextField label="Place (courtroom, address or remote link)" error={errors.place?.message} {...register("place")} />
        </div>
      ) : null}
      {needs.has("order") ? (
        <>
          <TextField label="Order date" type="date" error={errors.orderOn?.message} {...register("orderOn")} />
          <CheckboxGroup legend={transition.action === "deny" ? "Counts denied" : "Counts granted"} error={errors.counts?.message}>
            {countKeys.map((c) => (
              <CheckboxField key={c.key} label={c.label} value={c.key} {...register("counts")} />
            ))}
          </CheckboxGroup>
        </>
      ) : null}
      {needs.has("revisit") ? <TextField label="Revisit eligibility on" type="date" error={errors.revisitOn?.message} {...register("revisitOn")} /> : null}
      {needs.has("note") ? <TextAreaField label={noteLabel} rows={2} error={errors.note?.message} {...register("note")} /> : null}
      <div className="flex gap-2">
        <Submit busy={formState.isSubmitting}>{transition.label}</Submit>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function NoticeForm({ id, version, offices, officeId }: { id: string; version: number; offices: { id: string; name: string }[]; officeId: string | null }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<RecordNoticeInput>({
    resolver: zodResolver(recordNoticeSchema),
    defaultValues: { id, version, prosecutorOfficeId: officeId ?? "", noticeOn: "", noticeMethod: "email", noticeGivenBy: "" },
  });
  const done = useDone();
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => recordNoticeAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record notice to the prosecutor">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Prosecuting office" placeholder="Choose the office" options={offices.map((o) => ({ value: o.id, label: o.name }))} error={errors.prosecutorOfficeId?.message} {...form.register("prosecutorOfficeId")} />
        <TextField label="Notice given on" type="date" error={errors.noticeOn?.message} {...form.register("noticeOn")} />
        <SelectField label="How" options={optionsOf(NOTICE_METHODS, NOTICE_METHOD_LABELS)} error={errors.noticeMethod?.message} {...form.register("noticeMethod")} />
        <TextField label="Given by" error={errors.noticeGivenBy?.message} {...form.register("noticeGivenBy")} />
      </div>
      <Submit busy={form.formState.isSubmitting}>Record notice</Submit>
    </form>
  );
}

export function PositionForm({ id, version, position }: { id: string; version: number; position: ProsecutorPosition }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<RecordPositionInput>({ resolver: zodResolver(recordPositionSchema), defaultValues: { id, version, position } });
  const done = useDone();
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => recordPositionAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Record the office's position">
      <FormAlert message={message} />
      <SelectField label="The office's position" options={optionsOf(PROSECUTOR_POSITIONS, PROSECUTOR_POSITION_LABELS)} error={form.formState.errors.position?.message} {...form.register("position")} />
      <Submit busy={form.formState.isSubmitting}>Save position</Submit>
    </form>
  );
}

export function CommunicationForm({ matterId }: { matterId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AddCommunicationInput>({ resolver: zodResolver(addCommunicationSchema), defaultValues: { matterId, occurredOn: "", channel: "email", summary: "" } });
  const done = useDone(() => form.reset({ matterId, occurredOn: "", channel: "email", summary: "" }));
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => addCommunicationAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Log a communication">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Date" type="date" error={errors.occurredOn?.message} {...form.register("occurredOn")} />
        <SelectField label="Channel" options={optionsOf(COMMUNICATION_CHANNELS, COMMUNICATION_CHANNEL_LABELS)} error={errors.channel?.message} {...form.register("channel")} />
      </div>
      <TextAreaField label="Summary" rows={2} error={errors.summary?.message} {...form.register("summary")} />
      <Submit busy={form.formState.isSubmitting}>Log communication</Submit>
    </form>
  );
}

export function HoursForm({ matterId }: { matterId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const empty = { matterId, workedOn: "", hours: "", activity: "screening" as const, description: "" };
  const form = useForm<LogHoursInput>({ resolver: zodResolver(logHoursSchema), defaultValues: empty });
  const done = useDone(() => form.reset(empty));
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => logHoursAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Log pro bono hours">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Date worked" type="date" error={errors.workedOn?.message} {...form.register("workedOn")} />
        <TextField label="Hours" inputMode="decimal" error={errors.hours?.message} {...form.register("hours")} />
        <SelectField label="Activity" options={optionsOf(HOUR_ACTIVITIES, HOUR_ACTIVITY_LABELS)} error={errors.activity?.message} {...form.register("activity")} />
      </div>
      <TextField label="Description (optional)" error={errors.description?.message} {...form.register("description")} />
      <Submit busy={form.formState.isSubmitting}>Log hours</Submit>
    </form>
  );
}

export function ChecklistForm({ matterId, steps }: { matterId: string; steps: PostOrderStep[] }) {
  const [message, setMessage] = useState<string | null>(null);
  const empty = { matterId, step: steps[0] ?? "clerk_sent_wsp", doneOn: "", note: "" };
  const form = useForm<RecordChecklistInput>({ resolver: zodResolver(recordChecklistSchema), defaultValues: empty });
  const done = useDone(() => form.reset({ ...empty, step: steps[1] ?? steps[0] ?? "clerk_sent_wsp" }));
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => recordChecklistAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  if (!steps.length) return <p className="text-sm text-slate-500">Every post-order step is recorded.</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a post-order step">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Step" options={steps.map((s) => ({ value: s, label: POST_ORDER_STEP_LABELS[s] }))} error={errors.step?.message} {...form.register("step")} />
        <TextField label="Done on" type="date" error={errors.doneOn?.message} {...form.register("doneOn")} />
        <TextField label="Note (optional)" error={errors.note?.message} {...form.register("note")} />
      </div>
      <Submit busy={form.formState.isSubmitting}>Record step</Submit>
    </form>
  );
}

export function NoteForm({ matterId }: { matterId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<AddMatterNoteInput>({ resolver: zodResolver(addMatterNoteSchema), defaultValues: { matterId, body: "" } });
  const done = useDone(() => form.reset({ matterId, body: "" }));
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => addMatterNoteAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Add an attorney note">
      <FormAlert message={message} />
      <TextAreaField label="Privileged attorney note" rows={3} error={form.formState.errors.body?.message} {...form.register("body")} />
      <Submit busy={form.formState.isSubmitting}>Add note</Submit>
    </form>
  );
}

export function ConclusionForm({ matterId, convictionId }: { matterId: string; convictionId: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const form = useForm<RecordConclusionInput>({ resolver: zodResolver(recordConclusionSchema), defaultValues: { matterId, convictionId, conclusion: "eligible", route: "", note: "" } });
  const done = useDone();
  const errors = form.formState.errors;
  const onSubmit = form.handleSubmit(async (values) => {
    setMessage(null);
    const result = await submitToAction(form, () => recordConclusionAction(values));
    if (!result.ok) return setMessage(result.message);
    done();
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record your conclusion">
      <FormAlert message={message} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Your conclusion"
          options={[
            { value: "eligible", label: "Eligible" },
            { value: "not_eligible", label: "Not eligible" },
            { value: "needs_more", label: "Needs more information" },
          ]}
          error={errors.conclusion?.message}
          {...form.register("conclusion")}
        />
        <SelectField label="Route" placeholder="No route" options={ROUTES.filter((r) => r !== "none").map((r) => ({ value: r, label: ROUTE_LABELS[r].citation }))} error={errors.route?.message} {...form.register("route")} />
      </div>
      <TextAreaField label="Reasoning (optional)" rows={2} error={errors.note?.message} {...form.register("note")} />
      <Submit busy={form.formState.isSubmitting} secondary>
        Record conclusion
      </Submit>
    </form>
  );
}
