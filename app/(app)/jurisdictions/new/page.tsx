import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { defaultJurisdictionCounty } from "@/lib/jurisdictions/queries";
import { NewJurisdictionForm } from "../forms";

export const metadata = { title: "Add a jurisdiction" };

export default async function NewJurisdictionPage() {
  const me = await requirePermission("jurisdictions.edit");
  const county = await defaultJurisdictionCounty(me);
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/jurisdictions">← Jurisdictions</Link>
      </p>
      <h1 className="text-2xl font-semibold">Add a jurisdiction</h1>
      <NewJurisdictionForm county={county} />
    </div>
  );
}
