"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { amendFeeCaseAction, createFeeCaseAction } from "@/lib/fees/actions";
import { JOHN_SCHOOL_DEFAULT } from "@/lib/fees/constants";
import { formatCents } from "@/lib/fees/money";
import { amendFeeCaseSchema, createFeeCaseSchema, type CreateFeeCaseInput } from "@/lib/fees/schema";
import {
  addOnsAllowed,
  FEE_DISPOSITION_LABELS,
  FEE_DISPOSITIONS,
  FEE_OFFENSE_LABELS,
  FEE_OFFENSE_RCW,
  FEE_OFFENSES,
  impoundFineCents,
  isFeeOffense,
  minimumAssessmentCents,
  statutoryFeeCents,
} from "@/lib/fees/statute";

type Choices = {
  jurisdictions: { id: string; name: string }[];
  agencies: { id: string; name: string }[];
  operations: { id: string; label: string; agencyId: string }[];
};

/** The case's facts, shared by recording and amending; the statutory fee shows as they are chosen. */
function FeeCaseFields({ form, jurisdictions, agencies, operations }: Choices & { form: ReturnType<typeof useActionForm<typeof createFeeCaseSchema, { id: string }>>["form"] }) {
  const errors = form.formState.errors;
  const offense = form.watch("offense");
  const priors = Number(form.watch("priors"));
  const notImposed = form.watch("notImposed") === true;
  const johnSchool = form.watch("johnSchool") === true;
  const agency = form.watch("arrestingAgencyId");
  const operationOptions = operations.filter((o) => !agency || o.agencyId === agency).map((o) => ({ value: o.id, label: o.label }));
  const statutory = isFeeOffense(offense) && Number.isInteger(priors) && priors >= 0 ? statutoryFeeCents(offense, priors) : null;
  const offenseOptions = FEE_OFFENSES.map((o) => ({ value: o, label: `${FEE_OFFENSE_LABELS[o]} (${FEE_OFFENSE_RCW[o]})` }));

  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Where the offense occurred"
          hint="Its treasurer receives the fee (RCW 9A.88.120(3)): the city if it has its own police, otherwise the county."
          placeholder="Choose a jurisdiction"
          options={jurisdictions.map((j) => ({ value: j.id, label: j.name }))}
          error={errors.jurisdictionId?.message}
          {...form.register("jurisdictionId")}
        />
        <SelectField label="Arresting agency (optional)" placeholder="Not recorded" options={agencies.map((a) => ({ value: a.id, label: a.name }))} error={errors.arrestingAgencyId?.message} {...form.register("arrestingAgencyId")} />
        <SelectField label="Operation (optional)" hint="The operation whose arrest led to the case." placeholder="None" options={operationOptions} error={errors.operationId?.message} {...form.register("operationId")} />
        <TextField label="Court" autoComplete="off" error={errors.court?.message} {...form.register("court")} />
        <TextField label="Case number" autoComplete="off" error={errors.caseNumber?.message} {...form.register("caseNumber")} />
        <SelectField label="Offense" placeholder="Choose the offense" options={offenseOptions} error={errors.offense?.message} {...form.register("offense")} />
        <TextField
          label="Priors for this offense"
          hint="Prior convictions, deferrals or diversions for the same offense."
          type="number"
          min={0}
          inputMode="numeric"
          error={errors.priors?.message}
          {...form.register("priors")}
        />
        <SelectField
          label="Disposition"
          hint="Each of these triggers the fee."
          placeholder="Choose the disposition"
          options={optionsOf(FEE_DISPOSITIONS, FEE_DISPOSITION_LABELS)}
          error={errors.disposition?.message}
          {...form.register("disposition")}
        />
        <TextField label="Date of the disposition" type="date" error={errors.dispositionDate?.message} {...form.register("dispositionDate")} />
      </div>

      <div className="rounded-md border border-sky-200 bg-sky-50 p-3 text-sm" aria-live="polite" data-testid="statutory-fee">
        {statutory === null ? (
          "Choose the offense and the number of priors to see the fee the statute sets."
        ) : (
          <>
            The statute sets <strong>{formatCents(statutory)}</strong>. The court may reduce it only on finding, on the record, that the person cannot pay, and never below{" "}
            {formatCents(minimumAssessmentCents(statutory))} (one third).
          </>
          )}
        </div>

        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Fee the court imposed (dollars)" inputMode="decimal" autoComplete="off" disabled={notImposed} error={errors.assessed?.message} {...form.register("assessed")} />
          <div className="space-y-2">
            <CheckboxField label="The court found on the record that the person cannot pay" error={errors.inabilityToPayFinding?.message} {...form.register("inabilityToPayFinding")} />
            <CheckboxField
              label="The judgment imposed no fee"
              hint="It counts against the assessment rate; the case page gives the clause to amend the judgment."
              error={errors.notImposed?.message}
              {...form.register("notImposed")}
            />
          </div>
        </div>

        {isFeeOffense(offense) && addOnsAllowed(offense) ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label="Offenses where an internet advertisement was instrumental"
              hint="RCW 9.68A.106: $5,000 each, to the state's prostitution prevention account."
              type="number"
              min={0}
              error={errors.internetAdCount?.message}
              {...form.register("internetAdCount")}
            />
            <TextField label="Depictions possessed" hint="RCW 9.68A.107: $1,000 each." type="number" min={0} error={errors.depictionCount?.message} {...form.register("depictionCount")} />
          </div>
        ) : null}
        {isFeeOffense(offense) && impoundFineCents(offense) !== null ? (
          <CheckboxField
            label={`The vehicle was impounded (RCW 9A.88.140: a ${formatCents(impoundFineCents(offense)!)} fine)`}
            error={errors.impounded?.message}
            {...form.register("impounded")}
          />
        ) : null}

        <CheckboxField label="The court ordered offender education (john school)" error={errors.johnSchool?.message} {...form.register("johnSchool")} />
        {johnSchool ? (
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField label="Program" autoComplete="off" error={errors.johnSchoolProgram?.message} {...form.register("johnSchoolProgram")} />
            <TextField label="Sessions ordered" type="number" min={1} error={errors.johnSchoolSessions?.message} {...form.register("johnSchoolSessions")} />
            <TextField
              label="Participant's fee per session (dollars)"
              hint="It counts toward the prevention share."
              inputMode="decimal"
              error={errors.johnSchoolSessionFee?.message}
              {...form.register("johnSchoolSessionFee")}
            />
          </div>
        ) : null}
    </>
  );
}

/** The form's starting values for a new case. */
const NEW_FEE_CASE = {
  jurisdictionId: "",
  court: "",
  caseNumber: "",
  offense: "" as never,
  disposition: "" as never,
  dispositionDate: "",
  priors: 0,
  arrestingAgencyId: "",
  operationId: "",
  internetAdCount: 0,
  depictionCount: 0,
  impounded: false,
  notImposed: false,
  assessed: "",
  inabilityToPayFinding: false,
  johnSchool: false,
  johnSchoolProgram: JOHN_SCHOOL_DEFAULT.program,
  johnSchoolSessions: JOHN_SCHOOL_DEFAULT.sessions,
  johnSchoolSessionFee: "",
};

/** Records a fee case; the statutory fee for the offense and priors shows as they are chosen. */
export function FeeCaseForm(choices: Choices) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: createFeeCaseSchema,
    defaultValues: { ...NEW_FEE_CASE, jurisdictionId: choices.jurisdictions.length === 1 ? choices.jurisdictions[0]!.id : "" },
    action: createFeeCaseAction,
    creates: "fee-case",
    onSuccess: (data) => router.push(`/fees/${data.id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate className="card space-y-4" aria-label="Record a fee case">
      <FormAlert {...alert} />
      <FeeCaseFields form={form} {...choices} />
      <button type="submit" className="btn-primary" disabled={pending}>
        Record fee case
      </button>
    </form>
  );
}

/** Amends the case when the judgment is amended (a fee left out, now imposed), or corrects a mistake. */
export function AmendFeeCaseForm({ id, version, values, ...choices }: Choices & { id: string; version: number; values: Omit<CreateFeeCaseInput, "idempotencyKey"> }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: amendFeeCaseSchema,
    defaultValues: { id, version, ...values },
    action: amendFeeCaseAction,
    onSuccess: () => {
      router.refresh();
      return "Case saved.";
    },
  });
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Amend or correct the case">
      <FormAlert {...alert} />
      <FeeCaseFields form={form as never} {...choices} />
      <button type="submit" className="btn-secondary" disabled={pending}>
        Save the case
      </button>
    </form>
  );
}
