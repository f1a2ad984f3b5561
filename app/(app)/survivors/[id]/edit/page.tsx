import Link from "next/link";
import { currentRequestMeta, requirePermission } from "@/lib/auth/session";
import { orNotFound } from "@/lib/page-data";
import { getSurvivorForEdit } from "@/lib/survivors/queries/record";
import { EditSurvivorForm } from "./edit-form";

export const metadata = { title: "Edit survivor" };

export default async function EditSurvivorPage({ params }: PageProps<"/survivors/[id]/edit">) {
  const me = await requirePermission("survivors.manage");
  const { id } = await params;
  const { clientCode, ...values } = await orNotFound(getSurvivorForEdit(me, id, await currentRequestMeta()));
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p className="text-sm">
        <Link href={`/survivors/${id}`}>← {values.preferredName}</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        Edit {values.preferredName} <span className="font-mono text-lg text-slate-500">{clientCode}</span>
      </h1>
      <EditSurvivorForm values={values} />
    </div>
  );
}
