"use client";

import type { UseFormReturn } from "react-hook-form";
import { CheckboxField, CheckboxGroup, SelectField, TextAreaField, TextField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import { WA_COUNTIES } from "@/lib/organizations/constants";
import {
  AGE_BANDS,
  AGE_BAND_LABELS,
  AGENCY_MENTION,
  AGENCY_MENTION_LABELS,
  CONTACT_CHANNELS,
  CONTACT_CHANNEL_LABELS,
  GENDER_IDENTITIES,
  GENDER_IDENTITY_LABELS,
  RACE_ETHNICITIES,
  RACE_ETHNICITY_LABELS,
  REFERRAL_SOURCES,
  REFERRAL_SOURCE_LABELS,
  VICTIMIZATION_TYPES,
  VICTIMIZATION_TYPE_LABELS,
} from "@/lib/survivors/constants";
import type { UpdateSurvivorInput } from "@/lib/survivors/schema";

type SurvivorFieldValues = Omit<UpdateSurvivorInput, "id" | "version">;

/** Empty values for a new intake (every optional answer blank, demographics "not reported"). */
export const EMPTY_SURVIVOR_FIELDS: SurvivorFieldValues = {
  preferredName: "",
  pronouns: "",
  legalName: "",
  aliases: "",
  dateOfBirth: "",
  phone: "",
  email: "",
  address: "",
  acpParticipant: false,
  county: "",
  languages: "",
  interpreterNeeded: false,
  referralSource: "",
  victimizationTypes: [],
  genderIdentity: "not_reported",
  raceEthnicity: "not_reported",
  ageBand: "not_reported",
  contactChannels: [],
  safeTimes: "",
  mayIdentifyAgency: "not_asked",
  codeWord: "",
  doNotContact: "",
};

function Section({ title, hint, children }: { title: string; hint?: string; children: React.ReactNode }) {
  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 p-4">
      <legend className="px-1 text-base font-semibold">{title}</legend>
      {hint ? <p className="-mt-2 text-xs text-slate-500">{hint}</p> : null}
      {children}
    </fieldset>
  );
}

/**
 * The survivor's details, shared by intake and edit. Only the preferred name is required here; the
 * rest may be filled in when the survivor chooses to share it.
 */
export function SurvivorFields<T extends SurvivorFieldValues>({ form }: { form: UseFormReturn<T> }) {
  const { register, formState } = form as unknown as UseFormReturn<SurvivorFieldValues>;
  const errors = formState.errors;
  const err = (name: keyof SurvivorFieldValues) => errors[name]?.message as string | undefined;
  return (
    <div className="space-y-5">
      <Section title="How to address them">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Preferred name" autoComplete="off" hint="Shown across Clearway with the client code." error={err("preferredName")} {...register("preferredName")} />
          <TextField label="Pronouns" autoComplete="off" placeholder="e.g. she/her" error={err("pronouns")} {...register("pronouns")} />
        </div>
      </Section>

      <Section title="Safe contact" hint="Shown at the top of the record, before any contact detail.">
        <CheckboxGroup legend="Channels that are safe to use" error={err("contactChannels")}>
          {CONTACT_CHANNELS.map((channel) => (
            <CheckboxField key={channel} label={CONTACT_CHANNEL_LABELS[channel]} value={channel} {...register("contactChannels")} />
          ))}
        </CheckboxGroup>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Safe times" autoComplete="off" placeholder="e.g. weekdays 10–2" error={err("safeTimes")} {...register("safeTimes")} />
          <SelectField
            label="Voicemail or text may name the agency?"
            options={optionsOf(AGENCY_MENTION, AGENCY_MENTION_LABELS)}
            error={err("mayIdentifyAgency")}
            {...register("mayIdentifyAgency")}
          />
          <TextField label="Code word" autoComplete="off" hint="Encrypted." error={err("codeWord")} {...register("codeWord")} />
        </div>
        <TextAreaField
          label="Never contact or tell"
          hint="People or places that must never be contacted or told anything. Encrypted."
          error={err("doNotContact")}
          {...register("doNotContact")}
        />
      </Section>

      <Section title="Identity and contact details" hint="Encrypted before they reach the database. Used for court records and contact.">
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Legal name" autoComplete="off" error={err("legalName")} {...register("legalName")} />
          <TextField label="Date of birth" type="date" error={err("dateOfBirth")} {...register("dateOfBirth")} />
        </div>
        <TextAreaField label="Aliases and prior names" rows={2} hint="One per line; as they appear in court records." error={err("aliases")} {...register("aliases")} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Phone" type="tel" autoComplete="off" error={err("phone")} {...register("phone")} />
          <TextField label="Email" type="email" autoComplete="off" error={err("email")} {...register("email")} />
        </div>
        <TextAreaField label="Mailing address" rows={2} error={err("address")} {...register("address")} />
        <CheckboxField
          label="Address Confidentiality Program participant: the address above is the ACP substitute address"
          {...register("acpParticipant")}
        />
      </Section>

      <Section title="Background">
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="County" placeholder="Not recorded" options={WA_COUNTIES.map((c) => ({ value: c, label: c }))} error={err("county")} {...register("county")} />
          <TextField label="Languages" autoComplete="off" placeholder="e.g. Spanish, English" error={err("languages")} {...register("languages")} />
          <SelectField
            label="How they came to us"
            placeholder="Not recorded"
            options={optionsOf(REFERRAL_SOURCES, REFERRAL_SOURCE_LABELS)}
            error={err("referralSource")}
            {...register("referralSource")}
          />
        </div>
        <CheckboxField label="Needs an interpreter" {...register("interpreterNeeded")} />
        <CheckboxGroup legend="Victimization types" error={err("victimizationTypes")}>
          {VICTIMIZATION_TYPES.map((type) => (
            <CheckboxField key={type} label={VICTIMIZATION_TYPE_LABELS[type]} value={type} {...register("victimizationTypes")} />
          ))}
        </CheckboxGroup>
      </Section>

      <Section title="Demographics" hint="Every answer is optional: 'Not reported' is always fine.">
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label="Gender identity" options={optionsOf(GENDER_IDENTITIES, GENDER_IDENTITY_LABELS)} error={err("genderIdentity")} {...register("genderIdentity")} />
          <SelectField label="Race / ethnicity" options={optionsOf(RACE_ETHNICITIES, RACE_ETHNICITY_LABELS)} error={err("raceEthnicity")} {...register("raceEthnicity")} />
          <SelectField label="Age" options={optionsOf(AGE_BANDS, AGE_BAND_LABELS)} error={err("ageBand")} {...register("ageBand")} />
        </div>
      </Section>
    </div>
  );
}
