"use client";

import { useRouter } from "next/navigation";
import { useState, type ReactNode } from "react";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
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
  attestConflictSchema,
  logHoursSchema,
  recordChecklistSchema,
  recordConclusionSchema,
  type RecordConclusionInput,
  recordNoticeSchema,
  recordPositionSchema,
  transitionMatterSchema,
} from "@/lib/vacatur/schema";

// The matter page's forms (set up by useActionForm). Each validates in the browser with the server's
// schema, shows a refusal next to its field, keeps what was typed on any error, and refreshes the page
// on success; the ones that add a record reset for the next one.

function Submit({ busy, children, secondary }: { busy: boolean; children: ReactNode; secondary?: boolean }) {
  return (
    <button type="submit" className={secondary ? "btn-secondary" : "btn-primary"} disabled={busy}>
      {children}
    </button>
  );
}

/** After a save: reset the form for the next record when asked, and show the page as it now is. */
function useRefresh() {
  const router = useRouter();
  return (reset?: () => void) => {
    reset?.();
    router.refresh();
  };
}

export function AttestConflictForm({ id, version }: { id: string; version: number }) {
  const refresh = useRefresh();
  const { submit, pending, alert } = useActionForm({
    schema: attestConflictSchema,
    defaultValues: { id, version, decision: "no_conflict" },
    action: attestConflictAction,
    onSuccess: () => refresh(),
  });
  return (
    <div className="space-y-3">
      <FormAlert {...alert} />
      <div className="flex flex-wrap gap-2">
        <button type="button" className="btn-primary" disabled={pending} onClick={submit({ decision: "no_conflict" })}>
          I have no conflict of interest
        </button>
        <button type="button" className="btn-secondary" disabled={pending} onClick={submit({ decision: "conflict" })}>
          I have a conflict: decline this matter
        </button>
      </div>
    </div>
  );
}

/** "Daniel Okafor (Legal Hope) · 3 open matters": the count only for the caller's own organization's attorneys. */
function attorneyLabel(o: AttorneyOption): string {
  const load = o.openMatters === null ? "" : ` · ${o.openMatters} open matter${o.openMatters === 1 ? "" : "s"}`;
  return `${o.name} (${o.organizationName})${load}`;
}

type AttorneyOption = { id: string; name: string; organizationName: string; openMatters: number | null };

export function AssignAttorneyForm({ id, version, options, label = "Attorney" }: { id: string; version: number; options: AttorneyOption[]; label?: string }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: assignAttorneySchema,
    defaultValues: { id, version, attorneyId: "" },
    action: assignAttorneyAction,
    onSuccess: () => refresh(),
  });
  if (options.length === 0) {
    return <p className="text-sm text-slate-600">No attorney can be assigned yet: an active release to a legal organization covering identity and criminal-history records is needed first.</p>;
  }
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Assign an attorney">
      <FormAlert {...alert} />
      <SelectField
        label={label}
        placeholder="Choose an attorney"
        options={options.map((o) => ({ value: o.id, label: attorneyLabel(o) }))}
        error={form.formState.errors.attorneyId?.message}
        {...form.register("attorneyId")}
      />
      <Submit busy={pending}>Assign</Submit>
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
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: transitionMatterSchema,
    defaultValues: { id, version, action: transition.action, note: "", counts: transition.action === "grant" ? countKeys.map((c) => c.key) : [] },
    action: transitionMatterAction,
    onSuccess: () => {
      onCancel();
      refresh();
    },
  });
  const { register, formState } = form;
  const errors = formState.errors;
  const needs = new Set(transition.needs);
  const noteLabel = transition.action === "mark_ineligible" ? "Blocker and what would clear it" : transition.action === "continue" ? "Why it was continued" : "Why";
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3 rounded-md border border-slate-200 p-3" aria-label={transition.label}>
      <h3 className="font-medium">{transition.label}</h3>
      <FormAlert {...alert} />
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
          <TextField label="Place (courtroom, address or remote link)" hint="The court is already on the matter: name the courthouse and courtroom." error={errors.place?.message} {...register("place")} />
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
        <Submit busy={pending}>{transition.label}</Submit>
        <button type="button" className="btn-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

export function NoticeForm({ id, version, offices, officeId }: { id: string; version: number; offices: { id: string; name: string }[]; officeId: string | null }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordNoticeSchema,
    defaultValues: { id, version, prosecutorOfficeId: officeId ?? "", noticeOn: "", noticeMethod: "email", noticeGivenBy: "" },
    action: recordNoticeAction,
    onSuccess: () => refresh(),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record notice to the prosecutor">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField label="Prosecuting office" placeholder="Choose the office" options={offices.map((o) => ({ value: o.id, label: o.name }))} error={errors.prosecutorOfficeId?.message} {...form.register("prosecutorOfficeId")} />
        <TextField label="Notice given on" type="date" error={errors.noticeOn?.message} {...form.register("noticeOn")} />
        <SelectField label="How" options={optionsOf(NOTICE_METHODS, NOTICE_METHOD_LABELS)} error={errors.noticeMethod?.message} {...form.register("noticeMethod")} />
        <TextField label="Given by" error={errors.noticeGivenBy?.message} {...form.register("noticeGivenBy")} />
      </div>
      <Submit busy={pending}>Record notice</Submit>
    </form>
  );
}

export function PositionForm({ id, version, position }: { id: string; version: number; position: ProsecutorPosition }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordPositionSchema,
    defaultValues: { id, version, position },
    action: recordPositionAction,
    onSuccess: () => refresh(),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Record the office's position">
      <FormAlert {...alert} />
      <SelectField label="The office's position" options={optionsOf(PROSECUTOR_POSITIONS, PROSECUTOR_POSITION_LABELS)} error={form.formState.errors.position?.message} {...form.register("position")} />
      <Submit busy={pending}>Save position</Submit>
    </form>
  );
}

export function CommunicationForm({ matterId }: { matterId: string }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: addCommunicationSchema,
    defaultValues: { matterId, occurredOn: "", channel: "email", summary: "" },
    action: addCommunicationAction,
    creates: "communication",
    onSuccess: (_data, { reset }) => refresh(reset),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Log a communication">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label="Date" type="date" error={errors.occurredOn?.message} {...form.register("occurredOn")} />
        <SelectField label="Channel" options={optionsOf(COMMUNICATION_CHANNELS, COMMUNICATION_CHANNEL_LABELS)} error={errors.channel?.message} {...form.register("channel")} />
      </div>
      <TextAreaField label="Summary" rows={2} error={errors.summary?.message} {...form.register("summary")} />
      <Submit busy={pending}>Log communication</Submit>
    </form>
  );
}

export function HoursForm({ matterId }: { matterId: string }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: logHoursSchema,
    defaultValues: { matterId, workedOn: "", hours: "", activity: "screening", description: "" },
    action: logHoursAction,
    creates: "hours",
    onSuccess: (_data, { reset }) => refresh(reset),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Log pro bono hours">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label="Date worked" type="date" error={errors.workedOn?.message} {...form.register("workedOn")} />
        <TextField label="Hours" inputMode="decimal" error={errors.hours?.message} {...form.register("hours")} />
        <SelectField label="Activity" options={optionsOf(HOUR_ACTIVITIES, HOUR_ACTIVITY_LABELS)} error={errors.activity?.message} {...form.register("activity")} />
      </div>
      <TextField label="Description (optional)" error={errors.description?.message} {...form.register("description")} />
      <Submit busy={pending}>Log hours</Submit>
    </form>
  );
}

export function ChecklistForm({ matterId, steps }: { matterId: string; steps: PostOrderStep[] }) {
  const refresh = useRefresh();
  const empty = { matterId, step: steps[0] ?? "clerk_sent_wsp", doneOn: "", note: "" } as const;
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordChecklistSchema,
    defaultValues: empty,
    action: recordChecklistAction,
    creates: "checklist-step",
    onSuccess: (_data, { reset }) => refresh(() => reset({ ...empty, step: steps[1] ?? steps[0] ?? "clerk_sent_wsp" })),
  });
  const errors = form.formState.errors;
  if (!steps.length) return <p className="text-sm text-slate-500">Every post-order step is recorded.</p>;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record a post-order step">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-3">
        <SelectField label="Step" options={steps.map((s) => ({ value: s, label: POST_ORDER_STEP_LABELS[s] }))} error={errors.step?.message} {...form.register("step")} />
        <TextField label="Done on" type="date" error={errors.doneOn?.message} {...form.register("doneOn")} />
        <TextField label="Note (optional)" error={errors.note?.message} {...form.register("note")} />
      </div>
      <Submit busy={pending}>Record step</Submit>
    </form>
  );
}

export function NoteForm({ matterId }: { matterId: string }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: addMatterNoteSchema,
    defaultValues: { matterId, body: "" },
    action: addMatterNoteAction,
    creates: "matter-note",
    onSuccess: (_data, { reset }) => refresh(reset),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Add an attorney note">
      <FormAlert {...alert} />
      <TextAreaField label="Privileged attorney note" rows={3} error={form.formState.errors.body?.message} {...form.register("body")} />
      <Submit busy={pending}>Add note</Submit>
    </form>
  );
}

export function ConclusionForm({ matterId, version, convictionId }: { matterId: string; version: number; convictionId: string }) {
  const refresh = useRefresh();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: recordConclusionSchema,
    // No default: a conclusion is the attorney's, never one a click records for them.
    defaultValues: { matterId, version, convictionId, conclusion: "" as RecordConclusionInput["conclusion"], route: "", note: "" },
    action: recordConclusionAction,
    onSuccess: () => refresh(),
  });
  const errors = form.formState.errors;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3" aria-label="Record your conclusion">
      <FormAlert {...alert} />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Your conclusion"
          placeholder="Choose…"
          options={[
            { value: "eligible", label: "Eligible" },
            { value: "not_eligible", label: "Not eligible" },
            { value: "needs_more", label: "Needs more information" },
          ]}
          error={errors.conclusion?.message}
          {...form.register("conclusion")}
        />
        <SelectField label="Route" placeholder="No route" options={ROUTES.filter((r) => r !== "none").map((r) => ({ value: r, label: `${ROUTE_LABELS[r].citation}: ${ROUTE_LABELS[r].title}` }))} error={errors.route?.message} {...form.register("route")} />
      </div>
      <TextAreaField
        label="Reasoning (optional)"
        hint="Not privileged: the survivor's advocate and their agency's program lead see it, as does your organization's program lead. Keep privileged analysis in a privileged attorney note."
        rows={2}
        error={errors.note?.message}
        {...form.register("note")}
      />
      <Submit busy={pending} secondary>
        Record conclusion
      </Submit>
    </form>
  );
}
