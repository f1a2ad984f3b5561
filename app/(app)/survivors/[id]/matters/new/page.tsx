import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/page-data";
import { getOpenMatterOptions } from "@/lib/vacatur/queries/matters";
import { OpenMatterForm } from "./open-matter-form";

export const metadata = { title: "Open a vacatur matter" };

export default async function OpenMatterPage({ params }: PageProps<"/survivors/[id]/matters/new">) {
  const me = await requirePermission("matters.open");
  const { id } = await params;
  const options = await orNotFound(getOpenMatterOptions(me, id));
  return (
    <div className="mx-auto max-w-3xl space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${id}/court-records`}>
          ← {options.survivor.preferredName} ({options.survivor.clientCode})
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">Open a vacatur matter</h1>
        <p className="text-slate-600">
          Choose the convictions to vacate and, if you can, the legal organization to take it. A legal organization receives the matter only while a release from the
          survivor lets it see identity and criminal-history records.
        </p>
      </div>
      {options.convictions.length === 0 ? (
        <p className="card text-sm">Record the survivor&apos;s convictions first.</p>
      ) : (
        <OpenMatterForm survivorId={id} convictions={options.convictions} legalOrganizations={options.legalOrganizations} />
      )}
    </div>
  );
}
