import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { pacificToday } from "@/lib/format";
import { orNotFound } from "@/lib/page-data";
import { getSurvivorHeading } from "@/lib/survivors/queries/record";
import { listRecipientOptions } from "@/lib/releases/queries";
import { ReleaseForm } from "./release-form";

export const metadata = { title: "Record a release" };

export default async function NewReleasePage({ params }: PageProps<"/survivors/[id]/releases/new">) {
  const me = await requirePermission("survivors.manage");
  const { id } = await params;
  const [survivor, recipients] = await Promise.all([orNotFound(getSurvivorHeading(me, id)), listRecipientOptions(me)]);
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${id}`}>← {survivor.preferredName} ({survivor.clientCode})</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">Record a release of information</h1>
        <p className="text-slate-600">
          One recipient per release. Sharing starts on the signing date, covers only what is ticked, and stops at the expiry or the moment a revocation is
          recorded.
        </p>
      </div>
      <ReleaseForm survivorId={id} today={pacificToday()} recipients={recipients} />
    </div>
  );
}
