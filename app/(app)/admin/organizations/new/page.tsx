import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { CreateOrganizationForm } from "../organization-form";

export const metadata = { title: "New organization" };

export default async function NewOrganizationPage() {
  await requirePermission("organizations.manage");
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/admin/organizations">← Organizations</Link>
      </p>
      <h1 className="text-2xl font-semibold">New organization</h1>
      <div className="card">
        <CreateOrganizationForm />
      </div>
    </div>
  );
}
