"use client";

import { useRouter } from "next/navigation";
import { useWatch } from "react-hook-form";
import { FormAlert, SelectField, TextAreaField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { useActionForm } from "@/app/_components/use-action-form";
import { CAPACITY_LABELS, SERVICE_LABELS } from "@/lib/organizations/constants";
import { createReferralAction } from "@/lib/referrals/actions";
import { URGENCIES, URGENCY_LABELS } from "@/lib/referrals/constants";
import type { ReferralPartnerOption } from "@/lib/referrals/queries";
import { createReferralSchema } from "@/lib/referrals/schema";

/**
 * A referral to one organization for one service. The form says plainly whether it carries who the
 * survivor is (only where a release to that organization is in effect) or the client code and need only.
 */
export function ReferralForm({ survivorId, clientCode, partners }: { survivorId: string; clientCode: string; partners: ReferralPartnerOption[] }) {
  const router = useRouter();
  const { form, submit, pending, alert } = useActionForm({
    schema: createReferralSchema,
    defaultValues: { survivorId, toOrganizationId: "", service: "" as never, urgency: "routine", reason: "", notes: "", mode: "anonymous", send: true },
    action: createReferralAction,
    creates: "referral",
    onSuccess: (data) => router.push(`/referrals/${data.id}`),
  });
  const { register, formState, control, setValue } = form;
  const [partnerId, mode] = useWatch({ control, name: ["toOrganizationId", "mode"] });
  const partner = partners.find((p) => p.id === partnerId);
  const identifiedAllowed = partner?.identityCovered ?? false;

  return (
    <form onSubmit={submit({ send: true })} noValidate className="space-y-5">
      <FormAlert {...alert} />
      <SelectField
        label="Refer to"
        placeholder="Choose an organization"
        options={partners.map((p) => ({ value: p.id, label: `${p.name} (${CAPACITY_LABELS[p.capacity].toLowerCase()})` }))}
        error={formState.errors.toOrganizationId?.message}
        {...register("toOrganizationId", {
          onChange: (event: { target: { value: string } }) => {
            const next = partners.find((p) => p.id === event.target.value);
            if (!next?.identityCovered) setValue("mode", "anonymous");
          },
        })}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <SelectField
          label="Service"
          placeholder={partner ? "Choose a service" : "Choose an organization first"}
          options={(partner?.services ?? []).map((s) => ({ value: s, label: SERVICE_LABELS[s] }))}
          error={formState.errors.service?.message}
          {...register("service")}
        />
        <SelectField label="Urgency" options={optionsOf(URGENCIES, URGENCY_LABELS)} error={formState.errors.urgency?.message} {...register("urgency")} />
      </div>

      <fieldset className="space-y-2 rounded-lg border border-slate-200 p-4" aria-describedby="mode-help">
        <legend className="px-1 text-sm font-semibold">What this referral carries</legend>
        <label className="flex items-start gap-2 text-sm">
          <input type="radio" value="anonymous" className="mt-0.5" {...register("mode")} />
          <span>
            <strong>Client code and need only</strong> ({clientCode}). No name, contact details or notes reach the partner.
          </span>
        </label>
        <label className={`flex items-start gap-2 text-sm ${identifiedAllowed ? "" : "text-slate-400"}`}>
          <input type="radio" value="identified" className="mt-0.5" disabled={!identifiedAllowed} {...register("mode")} />
          <span>
            <strong>Identity and contact details</strong>, with the safe-contact plan and notes.{" "}
            {partner && !identifiedAllowed ? "Not possible: no release to this organization covers identity and contact and referral details." : null}
          </span>
        </label>
        <p id="mode-help" className={`text-sm ${mode === "identified" ? "text-amber-800" : "text-slate-600"}`} data-testid="mode-summary">
          {mode === "identified"
            ? `${partner?.name ?? "The partner"} will see who this is, under the survivor's release.`
            : "Keep names and contact details out of the reason below."}
        </p>
        {formState.errors.mode?.message ? <p className="text-sm text-red-700">{formState.errors.mode.message}</p> : null}
      </fieldset>

      <TextAreaField label="Reason (the need)" rows={3} error={formState.errors.reason?.message} {...register("reason")} />
      {mode === "identified" ? <TextAreaField label="Notes for the partner" rows={3} error={formState.errors.notes?.message} {...register("notes")} /> : null}
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          Send referral
        </button>
        <button type="button" className="btn-secondary" disabled={pending} onClick={submit({ send: false })}>
          Save as draft
        </button>
      </div>
    </form>
  );
}
