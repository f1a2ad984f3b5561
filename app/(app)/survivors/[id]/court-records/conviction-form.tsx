"use client";

import { useRouter } from "next/navigation";
import { useFieldArray, type UseFormReturn } from "react-hook-form";
import { FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm, type ActionForm } from "@/app/_components/use-action-form";
import { addConvictionAction, updateConvictionAction } from "@/lib/vacatur/actions";
import {
  COURT_TYPES,
  COURT_TYPE_LABELS,
  CVPA_STATUSES,
  CVPA_STATUS_LABELS,
  DISPOSITIONS,
  DISPOSITION_LABELS,
  ENHANCEMENTS,
  ENHANCEMENT_LABELS,
  OFFENSE_CATEGORIES,
  OFFENSE_CATEGORY_LABELS,
  OFFENSE_CLASSES,
  OFFENSE_CLASS_LABELS,
  PROSECUTING_AUTHORITIES,
  PROSECUTING_AUTHORITY_LABELS,
  RECORD_SOURCES,
  RECORD_SOURCE_LABELS,
} from "@/lib/vacatur/constants";
import { addConvictionSchema, updateConvictionSchema, type AddConvictionInput } from "@/lib/vacatur/schema";
import { RestitutionFields } from "./restitution-fields";

type ConvictionFormValues = Omit<AddConvictionInput, "survivorId" | "idempotencyKey">;

// The facts the screen decides on start empty ("Choose…"): a class or court nobody chose must not decide eligibility.
const UNCHOSEN = "" as never;
const NEW_COUNT = { count: 1, offense: "", citation: "", offenseClass: UNCHOSEN, category: "other", enhancement: "none" } as const;

export const EMPTY_CONVICTION: ConvictionFormValues = {
  courtType: UNCHOSEN,
  courtName: "",
  courtLocality: "",
  caseNumber: "",
  prosecutingAuthority: UNCHOSEN,
  prosecutingOffice: "",
  counts: [{ ...NEW_COUNT }],
  disposition: UNCHOSEN,
  dispositionDate: "",
  sentencingDate: "",
  confinementReleaseDate: "",
  supervisionEndDate: "",
  dischargeDate: "",
  cvpaAmount: "",
  cvpaStatus: "unknown",
  restitutionOrder: "unknown",
  restitution: [],
  source: "survivor",
  verifiedOn: "",
  citedRoute: "",
};

/** One conviction and its counts: a new one, or (with `edit`) a change to a recorded one. */
export function ConvictionForm({ survivorId, initial, edit }: { survivorId: string; initial: ConvictionFormValues; edit?: { id: string; version: number } }) {
  return edit ? <EditConviction survivorId={survivorId} initial={initial} edit={edit} /> : <AddConviction survivorId={survivorId} initial={initial} />;
}

function useBackToRecords(survivorId: string) {
  const router = useRouter();
  return () => {
    router.push(`/survivors/${survivorId}/court-records`);
    router.refresh();
  };
}

function AddConviction({ survivorId, initial }: { survivorId: string; initial: ConvictionFormValues }) {
  const back = useBackToRecords(survivorId);
  const actionForm = useActionForm({
    schema: addConvictionSchema,
    defaultValues: { ...initial, survivorId },
    action: addConvictionAction,
    creates: "conviction",
    onSuccess: back,
  });
  return <ConvictionFields {...actionForm} form={shared(actionForm.form)} label="Record a conviction" submitLabel="Record conviction" />;
}

function EditConviction({ survivorId, initial, edit }: { survivorId: string; initial: ConvictionFormValues; edit: { id: string; version: number } }) {
  const back = useBackToRecords(survivorId);
  const actionForm = useActionForm({ schema: updateConvictionSchema, defaultValues: { ...initial, ...edit }, action: updateConvictionAction, onSuccess: back });
  return <ConvictionFields {...actionForm} form={shared(actionForm.form)} label="Edit conviction" submitLabel="Save changes" />;
}

// Both variants' forms, narrowed to the fields they share (the schemas differ only in what identifies the record).
const shared = (form: object) => form as UseFormReturn<ConvictionFormValues>;

function ConvictionFields({
  form,
  onSubmit,
  pending,
  alert,
  label,
  submitLabel,
}: Pick<ActionForm<typeof addConvictionSchema>, "onSubmit" | "pending" | "alert"> & { form: UseFormReturn<ConvictionFormValues>; label: string; submitLabel: string }) {
  const { register, formState, control } = form;
  const errors = formState.errors;
  const counts = useFieldArray({ control, name: "counts" });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5" aria-label={label}>
      <FormAlert {...alert} />
      <fieldset className="card grid gap-3 sm:grid-cols-2">
        <legend className="font-semibold">Court</legend>
        <SelectField label="Type of court" placeholder="Choose…" options={optionsOf(COURT_TYPES, COURT_TYPE_LABELS)} error={errors.courtType?.message} {...register("courtType")} />
        <TextField label="Court name" placeholder="Seattle Municipal Court" error={errors.courtName?.message} {...register("courtName")} />
        <TextField label="County or city" error={errors.courtLocality?.message} {...register("courtLocality")} />
        <TextField label="Case (cause) number" autoComplete="off" hint="Stored encrypted." error={errors.caseNumber?.message} {...register("caseNumber")} />
        <SelectField label="Prosecuted by" placeholder="Choose…" options={optionsOf(PROSECUTING_AUTHORITIES, PROSECUTING_AUTHORITY_LABELS)} error={errors.prosecutingAuthority?.message} {...register("prosecutingAuthority")} />
        <TextField label="Prosecuting office" placeholder="Seattle City Attorney's Office" error={errors.prosecutingOffice?.message} {...register("prosecutingOffice")} />
      </fieldset>

      <fieldset className="card space-y-3">
        <legend className="font-semibold">Counts</legend>
        {typeof errors.counts?.message === "string" ? (
          <p className="text-sm text-red-700" data-field-error>
            {errors.counts.message}
          </p>
        ) : null}
        {counts.fields.map((field, index) => {
          const e = errors.counts?.[index];
          return (
            <div key={field.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3" data-testid="count">
              <TextField label={`Count number`} type="number" min={1} error={e?.count?.message} {...register(`counts.${index}.count`)} />
              <TextField label="Offense" error={e?.offense?.message} {...register(`counts.${index}.offense`)} />
              <TextField
                label="Citation (RCW or ordinance)"
                placeholder="RCW 9A.88.030"
                hint="For an attempt, solicitation or conspiracy, both sections: RCW 9A.28.020; 9A.36.021"
                error={e?.citation?.message}
                {...register(`counts.${index}.citation`)}
              />
              <SelectField label="Offense class" placeholder="Choose…" options={optionsOf(OFFENSE_CLASSES, OFFENSE_CLASS_LABELS)} error={e?.offenseClass?.message} {...register(`counts.${index}.offenseClass`)} />
              <SelectField label="Prostitution-related" options={optionsOf(OFFENSE_CATEGORIES, OFFENSE_CATEGORY_LABELS)} error={e?.category?.message} {...register(`counts.${index}.category`)} />
              <SelectField label="Sentence enhancement" options={optionsOf(ENHANCEMENTS, ENHANCEMENT_LABELS)} error={e?.enhancement?.message} {...register(`counts.${index}.enhancement`)} />
              {counts.fields.length > 1 ? (
                <div className="sm:col-span-3">
                  <button type="button" className="btn-secondary" onClick={() => counts.remove(index)}>
                    Remove count {index + 1}
                  </button>
                </div>
              ) : null}
            </div>
          );
        })}
        <button type="button" className="btn-secondary" onClick={() => counts.append({ ...NEW_COUNT, count: counts.fields.length + 1 })}>
          Add a count
        </button>
      </fieldset>

      <fieldset className="card grid gap-3 sm:grid-cols-2">
        <legend className="font-semibold">Disposition and sentence</legend>
        <SelectField label="Disposition" placeholder="Choose…" options={optionsOf(DISPOSITIONS, DISPOSITION_LABELS)} error={errors.disposition?.message} {...register("disposition")} />
        <TextField label="Date of conviction" type="date" error={errors.dispositionDate?.message} {...register("dispositionDate")} />
        <TextField label="Sentencing date" type="date" error={errors.sentencingDate?.message} {...register("sentencingDate")} />
        <TextField label="Released from confinement" type="date" error={errors.confinementReleaseDate?.message} {...register("confinementReleaseDate")} />
        <TextField label="Supervision or probation ends" type="date" error={errors.supervisionEndDate?.message} {...register("supervisionEndDate")} />
        <TextField label="Certificate of discharge (felonies)" type="date" error={errors.dischargeDate?.message} {...register("dischargeDate")} />
        <TextField label="Vacatur statute named in the paperwork (optional)" placeholder="e.g. RCW 9.96.070" error={errors.citedRoute?.message} {...register("citedRoute")} />
      </fieldset>

      <fieldset className="card grid gap-3 sm:grid-cols-2">
        <legend className="font-semibold">Crime victim penalty assessment</legend>
        <TextField label="Crime victim penalty assessment ($)" inputMode="decimal" error={errors.cvpaAmount?.message} {...register("cvpaAmount")} />
        <SelectField label="Assessment status" options={optionsOf(CVPA_STATUSES, CVPA_STATUS_LABELS)} error={errors.cvpaStatus?.message} {...register("cvpaStatus")} />
      </fieldset>

      <RestitutionFields control={control} register={register} errors={errors} />

      <fieldset className="card grid gap-3 sm:grid-cols-2">
        <legend className="font-semibold">Where this came from</legend>
        <SelectField label="Source" options={optionsOf(RECORD_SOURCES, RECORD_SOURCE_LABELS)} error={errors.source?.message} {...register("source")} />
        <TextField label="Verified on" type="date" hint="Required for a docket or WSP report." error={errors.verifiedOn?.message} {...register("verifiedOn")} />
      </fieldset>

      <button type="submit" className="btn-primary" disabled={pending}>
        {submitLabel}
      </button>
    </form>
  );
}
