"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm, useWatch } from "react-hook-form";
import { submitToAction } from "@/app/_components/action-form";
import { FormAlert, SelectField, TextField } from "@/app/_components/fields";
import type { DuplicateMatch } from "@/lib/survivors/commands";
import { createSurvivorAction, openDuplicateAction, requestTransferAction } from "@/lib/survivors/actions";
import { intakeSchema, type IntakeInput } from "@/lib/survivors/schema";
import { EMPTY_SURVIVOR_FIELDS, SurvivorFields } from "../survivor-fields";

type Props = { today: string; advocates: { id: string; name: string }[] | null; me: { id: string } };

/**
 * One intake form. Before a record is created, the server checks for possible duplicates in the
 * organization; the advocate then opens the existing record, asks for a transfer, or creates a new
 * record anyway. Each choice is audited. Nothing typed is lost on an error.
 */
export function IntakeForm({ today, advocates, me }: Props) {
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const [found, setFound] = useState<{ key: string; matches: (DuplicateMatch & { requested?: boolean })[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm<IntakeInput>({
    resolver: zodResolver(intakeSchema),
    defaultValues: { ...EMPTY_SURVIVOR_FIELDS, intakeDate: today, assignedAdvocateId: "", duplicateDecision: "check" },
  });
  const { register, handleSubmit, formState, control } = form;

  // Changing a name or date of birth after the check means the check is out of date.
  const watched = useWatch({ control, name: ["preferredName", "legalName", "aliases", "dateOfBirth"] });
  const watchedKey = JSON.stringify(watched);
  const duplicates = found && found.key === watchedKey ? found.matches : null;

  const submit = (decision: "check" | "create_anyway") =>
    handleSubmit(async (values) => {
      setMessage(null);
      const result = await submitToAction(form, () => createSurvivorAction({ ...values, duplicateDecision: decision }));
      if (!result.ok) return setMessage(result.message);
      if (result.data.status === "duplicates") {
        setFound({ key: watchedKey, matches: result.data.duplicates });
        return;
      }
      router.push(`/survivors/${result.data.id}?created=1`);
    });

  const openExisting = async (survivorId: string) => {
    setBusy(true);
    const result = await submitToAction(form, () => openDuplicateAction({ survivorId }));
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    router.push(`/survivors/${result.data.id}`);
  };

  const askForTransfer = async (match: DuplicateMatch) => {
    setBusy(true);
    const result = await submitToAction(form, () =>
      requestTransferAction({ survivorId: match.survivorId, requestedFor: me.id, reason: `Intake found a possible duplicate of ${match.clientCode}.` }),
    );
    setBusy(false);
    if (!result.ok) return setMessage(result.message);
    setMessage(null);
    if (found) setFound({ ...found, matches: found.matches.map((d) => (d.survivorId === match.survivorId ? { ...d, requested: true } : d)) });
  };

  return (
    <form onSubmit={submit("check")} noValidate className="space-y-5">
      <FormAlert message={message} />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Intake date" type="date" error={formState.errors.intakeDate?.message} {...register("intakeDate")} />
        {advocates ? (
          <SelectField
            label="Advocate"
            placeholder="Choose an advocate"
            options={advocates.map((a) => ({ value: a.id, label: a.name }))}
            error={formState.errors.assignedAdvocateId?.message}
            {...register("assignedAdvocateId")}
          />
        ) : null}
      </div>
      <SurvivorFields form={form} />

      {duplicates ? (
        <section aria-labelledby="duplicates-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="duplicates">
          <h2 id="duplicates-heading" className="font-semibold text-amber-900">
            This may be someone your organization already serves
          </h2>
          <ul className="mt-3 space-y-2">
            {duplicates.map((match) => (
              <li key={match.survivorId} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-white p-3 text-sm">
                <span>
                  <strong>{match.clientCode}</strong>
                  {match.preferredName ? ` · ${match.preferredName}` : ""} · advocate {match.advocateName} ·{" "}
                  {match.reason === "identity" ? "same legal name and date of birth" : "similar name or alias"}
                </span>
                {match.canOpen ? (
                  <button type="button" className="btn-secondary" disabled={busy} onClick={() => openExisting(match.survivorId)}>
                    Open {match.clientCode} instead
                  </button>
                ) : match.requested ? (
                  <span className="text-emerald-800">Transfer requested from your program lead.</span>
                ) : (
                  <button type="button" className="btn-secondary" disabled={busy} onClick={() => askForTransfer(match)}>
                    Ask my lead to transfer {match.clientCode} to me
                  </button>
                )}
              </li>
            ))}
          </ul>
          <div className="mt-4 flex flex-wrap items-center gap-3">
            <button type="button" className="btn-primary" disabled={formState.isSubmitting} onClick={submit("create_anyway")}>
              Create a new record anyway
            </button>
            <span className="text-xs text-amber-900">Your choice is recorded in the audit trail.</span>
          </div>
        </section>
      ) : (
        <button type="submit" className="btn-primary" disabled={formState.isSubmitting}>
          {formState.isSubmitting ? "Checking…" : "Create survivor record"}
        </button>
      )}
    </form>
  );
}
