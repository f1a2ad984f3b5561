import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { ORGANIZATION_TYPE_LABELS, SERVICE_LABELS } from "@/lib/organizations/constants";
import { orNotFound } from "@/lib/page-data";
import { getPartner } from "@/lib/partners/queries";
import { CapacityBadge } from "../capacity-badge";
import { PartnerProfileForm } from "./profile-form";

export const metadata = { title: "Partner" };

export default async function PartnerPage({ params }: PageProps<"/partners/[id]">) {
  const me = await requirePermission("partners.view");
  const { id } = await params;
  const partner = await orNotFound(getPartner(me, id));
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/partners">← Partner directory</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">{partner.name}</h1>
        <p className="flex flex-wrap items-center gap-2 text-slate-600">
          {ORGANIZATION_TYPE_LABELS[partner.type]} <CapacityBadge capacity={partner.capacity} />
          <span className="text-sm">{partner.capacityUpdatedAt ? `as of ${formatDateTime(partner.capacityUpdatedAt)}` : "capacity never updated"}</span>
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <section className="card" aria-labelledby="about-heading">
          <h2 id="about-heading" className="mb-2 text-lg font-semibold">
            Services and intake
          </h2>
          <dl className="space-y-2 text-sm">
            <div>
              <dt className="text-slate-500">Services</dt>
              <dd>{partner.services.map((s) => SERVICE_LABELS[s]).join(", ") || "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Counties</dt>
              <dd>{[...new Set([partner.county, ...partner.countiesServed].filter(Boolean))].join(", ") || "Statewide"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Languages</dt>
              <dd>{partner.languages.join(", ") || "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Eligibility</dt>
              <dd className="whitespace-pre-wrap">{partner.eligibilityNotes ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Intake contact</dt>
              <dd>{partner.intakeContact ?? "—"}</dd>
            </div>
          </dl>
        </section>
        {partner.canEdit ? (
          <section className="card" aria-labelledby="edit-heading">
            <h2 id="edit-heading" className="mb-4 text-lg font-semibold">
              Update your directory entry
            </h2>
            <PartnerProfileForm
              values={{
                id: partner.id,
                version: partner.version,
                services: partner.services,
                countiesServed: partner.countiesServed,
                languages: partner.languages.join(", "),
                eligibilityNotes: partner.eligibilityNotes ?? "",
                intakeContact: partner.intakeContact ?? "",
                capacity: partner.capacity,
              }}
            />
          </section>
        ) : null}
      </div>
    </div>
  );
}
