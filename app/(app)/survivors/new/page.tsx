import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { pacificToday } from "@/lib/format";
import { listAdvocateOptions } from "@/lib/survivors/queries/caseload";
import { IntakeForm } from "./intake-form";

export const metadata = { title: "New intake" };

export default async function NewSurvivorPage() {
  const me = await requirePermission("survivors.manage");
  const advocates = me.role === "program_lead" ? await listAdvocateOptions(me) : null;
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p className="text-sm">
        <Link href="/survivors">← Survivors</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">New intake</h1>
        <p className="text-slate-600">
          Only the preferred name and intake date are needed now. Fill in the rest when the survivor chooses to share it.
        </p>
      </div>
      <IntakeForm today={pacificToday()} advocates={advocates} me={{ id: me.id }} />
    </div>
  );
}
