"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { FormAlert, TextField } from "@/app/_components/fields";
import { useActionForm } from "@/app/_components/use-action-form";
import { updateRetentionSettingsAction } from "@/lib/organizations/actions";
import { AUDIT_RETENTION_YEARS, RECORD_RETENTION_YEARS } from "@/lib/retention/rules";
import { retentionSettingsSchema } from "@/lib/retention/schema";

type Settings = { id: string; version: number; recordRetentionYears: number; auditRetentionYears: number };

export function RetentionSettingsForm({ organization }: { organization: Settings }) {
  const router = useRouter();
  const { form, onSubmit, pending, alert } = useActionForm({
    schema: retentionSettingsSchema,
    defaultValues: organization,
    action: updateRetentionSettingsAction,
    onSuccess: (data, { values, reset }) => {
      reset({ ...values, version: data.version });
      router.refresh();
      return "Saved. The purge applies it from its next nightly run.";
    },
  });

  // Take a newer version saved elsewhere on this page (details, status) unless mid-edit.
  useEffect(() => {
    if (!form.formState.isDirty) form.reset(organization);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [organization.version]);

  const { errors } = form.formState;
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4" aria-label="Retention">
      <FormAlert {...alert} />
      <input type="hidden" {...form.register("id")} />
      <input type="hidden" {...form.register("version")} />
      <TextField
        label="Keep closed survivor records for (years after closing)"
        type="number"
        inputMode="numeric"
        min={RECORD_RETENTION_YEARS.min}
        max={RECORD_RETENTION_YEARS.max}
        hint={`${RECORD_RETENTION_YEARS.min}–${RECORD_RETENTION_YEARS.max} years; ${RECORD_RETENTION_YEARS.default} by default. Records on a legal hold are kept regardless.`}
        error={errors.recordRetentionYears?.message}
        {...form.register("recordRetentionYears")}
      />
      <TextField
        label="Keep this organization's audit events for (years)"
        type="number"
        inputMode="numeric"
        min={AUDIT_RETENTION_YEARS.min}
        max={AUDIT_RETENTION_YEARS.max}
        hint={`${AUDIT_RETENTION_YEARS.min}–${AUDIT_RETENTION_YEARS.max} years; ${AUDIT_RETENTION_YEARS.default} by default. Events are purged oldest first, so a longer retention elsewhere can hold them a while longer.`}
        error={errors.auditRetentionYears?.message}
        {...form.register("auditRetentionYears")}
      />
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Saving…" : "Save retention"}
      </button>
    </form>
  );
}
