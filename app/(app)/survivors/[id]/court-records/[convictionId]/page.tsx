import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/page-data";
import { getConvictionForEdit } from "@/lib/vacatur/queries/court-records";
import { ConvictionForm } from "../conviction-form";

export const metadata = { title: "Edit a conviction" };

export default async function EditConvictionPage({ params }: PageProps<"/survivors/[id]/court-records/[convictionId]">) {
  const me = await requirePermission("survivors.view");
  const { id, convictionId } = await params;
  const c = await orNotFound(getConvictionForEdit(me, id, convictionId));
  const initial = {
    courtType: c.courtType,
    courtName: c.courtName,
    courtLocality: c.courtLocality,
    caseNumber: c.caseNumber,
    prosecutingAuthority: c.prosecutingAuthority,
    prosecutingOffice: c.prosecutingOffice,
    counts: c.counts,
    disposition: c.disposition,
    dispositionDate: c.dispositionDate,
    sentencingDate: c.sentencingDate ?? "",
    confinementReleaseDate: c.confinementReleaseDate ?? "",
    supervisionEndDate: c.supervisionEndDate ?? "",
    dischargeDate: c.dischargeDate ?? "",
    cvpaAmount: c.cvpaAmountCents === null ? "" : (c.cvpaAmountCents / 100).toFixed(2),
    cvpaStatus: c.cvpaStatus,
    restitutionOrder: c.restitutionOrder,
    restitution: c.restitution,
    source: c.source,
    verifiedOn: c.verifiedOn ?? "",
    citedRoute: c.citedRoute ?? "",
  };
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${id}/court-records`}>← Court records</Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit conviction: {c.courtName}</h1>
      <ConvictionForm survivorId={id} initial={initial} edit={{ id: c.id, version: c.version }} />
    </div>
  );
}
