import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/page-data";
import { getRecordsHeading } from "@/lib/vacatur/queries/court-records";
import { ConvictionForm, EMPTY_CONVICTION } from "../conviction-form";

export const metadata = { title: "Record a conviction" };

export default async function NewConvictionPage({ params }: PageProps<"/survivors/[id]/court-records/new">) {
  const me = await requirePermission("survivors.view");
  const { id } = await params;
  const survivor = await orNotFound(getRecordsHeading(me, id));
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${id}/court-records`}>← Court records ({survivor.clientCode})</Link>
      </p>
      <h1 className="text-2xl font-semibold">Record a conviction</h1>
      <ConvictionForm survivorId={id} initial={EMPTY_CONVICTION} />
    </div>
  );
}
