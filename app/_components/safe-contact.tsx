import type { ReactNode } from "react";
import { AGENCY_MENTION_LABELS, CONTACT_CHANNEL_LABELS, type AgencyMention, type ContactChannel } from "@/lib/survivors/constants";

// Wherever a survivor's contact details appear (their record, a partner's referral, an attorney's
// matter), the safe-contact plan comes first: contacting a survivor the wrong way (a call the abuser
// may answer, a voicemail naming the agency) can put them in danger. A detail that was never recorded
// says so and sends the reader to the advocate; a dash would read as "nothing to worry about".

const NOT_RECORDED = "Not recorded: ask the advocate before contacting";

type SafeContactPlanView = {
  channels: readonly ContactChannel[];
  safeTimes: string | null;
  mayIdentifyAgency: AgencyMention;
  codeWord: string | null;
  doNotContact: string | null;
  languages: readonly string[];
  interpreterNeeded: boolean;
};

type ContactDetailsView = {
  phone: string | null;
  email: string | null;
  /** left out where the view never carries an address (a referral) */
  address?: string | null;
  acpParticipant?: boolean;
};

function ContactRow({ label, children }: { label: string; children: ReactNode }) {
  const recorded = children !== null && children !== undefined && children !== "";
  return (
    <div className="grid grid-cols-3 gap-2 py-1 text-sm">
      <dt className="text-slate-600">{label}</dt>
      <dd className="col-span-2 whitespace-pre-wrap">{recorded ? children : <em className="text-amber-900">{NOT_RECORDED}</em>}</dd>
    </div>
  );
}

function languagesText(plan: SafeContactPlanView): string | null {
  const languages = plan.languages.join(", ");
  if (!plan.interpreterNeeded) return languages || null;
  return languages ? `${languages} · needs an interpreter` : "Needs an interpreter (language not recorded: ask the advocate)";
}

/** The safe-contact plan, then the contact details it governs. */
export function SafeContact({ plan, contact }: { plan: SafeContactPlanView; contact: ContactDetailsView }) {
  return (
    <div className="space-y-4" data-testid="safe-contact">
      <section aria-labelledby="safe-contact-heading" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4" data-testid="safe-contact-plan">
        <h2 id="safe-contact-heading" className="font-semibold text-amber-900">
          Safe contact: read before any contact
        </h2>
        <dl className="mt-2 grid gap-x-6 sm:grid-cols-2">
          <ContactRow label="Safe channels">{plan.channels.map((c) => CONTACT_CHANNEL_LABELS[c]).join(", ")}</ContactRow>
          <ContactRow label="Safe times">{plan.safeTimes}</ContactRow>
          <ContactRow label="Voicemail / text">
            <strong className={plan.mayIdentifyAgency === "yes" ? "" : "text-red-800"}>{AGENCY_MENTION_LABELS[plan.mayIdentifyAgency]}</strong>
          </ContactRow>
          <ContactRow label="Code word">{plan.codeWord}</ContactRow>
          <ContactRow label="Never contact or tell">{plan.doNotContact}</ContactRow>
          <ContactRow label="Languages">{languagesText(plan)}</ContactRow>
        </dl>
      </section>
      <section aria-labelledby="contact-details-heading" className="card" data-testid="contact-details">
        <h2 id="contact-details-heading" className="text-lg font-semibold">
          Contact details
        </h2>
        <p className="mb-2 text-xs text-slate-600">Use them only as the plan above says.</p>
        <dl className="divide-y divide-slate-100">
          <ContactRow label="Phone">{contact.phone}</ContactRow>
          <ContactRow label="Email">{contact.email}</ContactRow>
          {contact.address !== undefined ? (
            <ContactRow label={contact.acpParticipant ? "ACP substitute address" : "Mailing address"}>{contact.address}</ContactRow>
          ) : null}
        </dl>
      </section>
    </div>
  );
}
