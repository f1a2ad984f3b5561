"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { useWatch } from "react-hook-form";
import { FormAlert, SelectField, TextField } from "@/app/_components/fields";
import { newFormKey, useActionForm } from "@/app/_components/use-action-form";
import type { DuplicateMatch } from "@/lib/survivors/commands";
import { createSurvivorAction, openDuplicateAction, requestTransferAction } from "@/lib/survivors/actions";
import { intakeSchema } from "@/lib/survivors/schema";
import { EMPTY_SURVIVOR_FIELDS, SurvivorFields } from "../survivor-fields";

type Props = { today: string; advocates: { id: string; name: string }[] | null; me: { id: string } };

/**
 * One intake form. Before a record is created, the server checks for possible duplicates in the
 * organization; the advocate then opens the existing record, asks for a transfer, or creates a new
 * record anyway. Each choice is audited. Nothing typed is lost on an error. The form's idempotency key
 * is released by an answer of "possible duplicates", so the choice that follows is saved once too.
 */
export function IntakeForm({ today, advocates, me }: Props) {
  const router = useRouter();
  const [found, setFound] = useState<{ key: string; matches: (DuplicateMatch & { requested?: boolean })[] } | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per transfer asked for from here, kept across retries (the request is a create too).
  const transferKeys = useRef(new Map<string, string>());
  const { form, submit, pending, alert, run } = useActionForm({
    schema: intakeSchema,
    defaultValues: { ...EMPTY_SURVIVOR_FIELDS, intakeDate: today, assignedAdvocateId: "", duplicateDecision: "check" },
    action: createSurvivorAction,
    creates: "intake",
    onSuccess: (data) => {
      if (data.status === "duplicates") setFound({ key: watchedKey, matches: data.duplicates });
      else router.push(`/survivors/${data.id}?created=1`);
    },
  });
  const { register, formState, control } = form;

  // Changing a name or date of birth after the check means the check is out of date.
  const watched = useWatch({ control, name: ["preferredName", "legalName", "aliases", "dateOfBirth"] });
  const watchedKey = JSON.stringify(watched);
  const duplicates = found && found.key === watchedKey ? found.matches : null;

  const openExisting = async (survivorId: string) => {
    setBusy(true);
    const opened = await run(() => openDuplicateAction({ survivorId }));
    setBusy(false);
    if (opened) router.push(`/survivors/${opened.id}`);
  };

  const askForTransfer = async (match: DuplicateMatch) => {
    setBusy(true);
    const keys = transferKeys.current;
    if (!keys.has(match.survivorId)) keys.set(match.survivorId, newFormKey());
    const requested = await run(() =>
      requestTransferAction({
        survivorId: match.survivorId,
        requestedFor: me.id,
        reason: `Intake found a possible duplicate of ${match.clientCode}.`,
        idempotencyKey: keys.get(match.survivorId)!,
      }),
    );
    setBusy(false);
    if (requested && found) setFound({ ...found, matches: found.matches.map((d) => (d.survivorId === match.survivorId ? { ...d, requested: true } : d)) });
  };

  return (
    <form onSubmit={submit({ duplicateDecision: "check" })} noValidate className="space-y-5">
      <FormAlert {...alert} />
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
            <button type="button" className="btn-primary" disabled={pending} onClick={submit({ duplicateDecision: "create_anyway" })}>
              Create a new record anyway
            </button>
            <span className="text-xs text-amber-900">Your choice is recorded in the audit trail.</span>
          </div>
        </section>
      ) : (
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Checking…" : "Create survivor record"}
        </button>
      )}
    </form>
  );
}
