"use client";

import { useRouter } from "next/navigation";
import { CheckboxField, CheckboxGroup, FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { createReleaseAction } from "@/lib/releases/actions";
import { DEFAULT_RELEASE_DAYS, RELEASE_CATEGORIES, RELEASE_CATEGORY_LABELS, RELEASE_FORMS, RELEASE_FORM_LABELS } from "@/lib/releases/constants";
import { defaultExpiry } from "@/lib/releases/rules";
import { createReleaseSchema } from "@/lib/releases/schema";

export function ReleaseForm({ survivorId, today, recipients }: { survivorId: string; today: string; recipients: { id: string; name: string }[] }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: createReleaseSchema,
    defaultValues: {
      survivorId,
      recipientOrganizationId: "",
      categories: [],
      purpose: "",
      form: "written",
      signedOn: today,
      expiresOn: defaultExpiry(today),
      servicesNotConditioned: false as never,
      copyProvided: false,
      guardianName: "",
    },
    action: createReleaseAction,
    creates: "release",
    onSuccess: () => {
      router.push(`/survivors/${survivorId}`);
      router.refresh();
    },
  });
  const { register, formState, setValue, getFieldState } = form;

  // Keep the expiry at 90 days after signing until the advocate sets it themselves.
  const signedOn = register("signedOn", {
    onChange: (event: { target: { value: string } }) => {
      const value = event.target.value;
      if (!getFieldState("expiresOn").isDirty && /^\d{4}-\d{2}-\d{2}$/.test(value)) setValue("expiresOn", defaultExpiry(value));
    },
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <SelectField
        label="Recipient organization"
        placeholder="Choose one organization (one release per recipient)"
        options={recipients.map((r) => ({ value: r.id, label: r.name }))}
        error={formState.errors.recipientOrganizationId?.message}
        {...register("recipientOrganizationId")}
      />
      <CheckboxGroup legend="What may be shared" error={formState.errors.categories?.message}>
        {RELEASE_CATEGORIES.map((category) => (
          <CheckboxField key={category} label={RELEASE_CATEGORY_LABELS[category]} value={category} {...register("categories")} />
        ))}
      </CheckboxGroup>
      <TextField label="Purpose" autoComplete="off" placeholder="e.g. vacatur screening by Legal Hope" error={formState.errors.purpose?.message} {...register("purpose")} />
      <div className="grid gap-4 sm:grid-cols-3">
        <SelectField label="Signed" options={optionsOf(RELEASE_FORMS, RELEASE_FORM_LABELS)} error={formState.errors.form?.message} {...register("form")} />
        <TextField label="Signed on" type="date" error={formState.errors.signedOn?.message} {...signedOn} />
        <TextField
          label="Expires on"
          type="date"
          hint={`Required. ${DEFAULT_RELEASE_DAYS} days after signing unless the survivor chose a shorter time (RCW 70.123.076).`}
          error={formState.errors.expiresOn?.message}
          {...register("expiresOn")}
        />
      </div>
      <TextField label="Parent or guardian co-signing (minors only)" autoComplete="off" error={formState.errors.guardianName?.message} {...register("guardianName")} />
      <CheckboxField
        label="The survivor was told that services never depend on signing this release, and that they can revoke it at any time, even by telling us."
        error={formState.errors.servicesNotConditioned?.message}
        {...register("servicesNotConditioned")}
      />
      <CheckboxField label="The survivor was given a copy" {...register("copyProvided")} />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Record release"}
      </button>
    </form>
  );
}
