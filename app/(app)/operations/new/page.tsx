import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { operationFormChoices } from "@/lib/operations/queries";
import { NewOperationForm } from "../operation-form";

export const metadata = { title: "Record an operation" };

export default async function NewOperationPage() {
  const me = await requirePermission("operations.record");
  const choices = await operationFormChoices(me);
  // Staff record their own agency's operations; an administrator may record one for any agency.
  const hostIds = me.role === "admin" ? choices.agencies.map((a) => a.id) : choices.agencies.filter((a) => a.id === me.organizationId).map((a) => a.id);
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/operations">← Operations</Link>
      </p>
      <h1 className="text-2xl font-semibold">Record an operation</h1>
      {hostIds.length === 0 ? (
        <p className="card text-sm">Your account is not part of a law-enforcement agency, so there is no agency to record an operation for.</p>
      ) : (
        <NewOperationForm choices={{ ...choices, hostIds }} defaults={{}} />
      )}
    </div>
  );
}
