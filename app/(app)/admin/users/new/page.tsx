import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { listOrganizationOptions } from "@/lib/users/queries";
import { CreateUserForm } from "../user-form";

export const metadata = { title: "New user" };

export default async function NewUserPage() {
  const me = await requirePermission("users.manage");
  const organizations = await listOrganizationOptions(me);
  return (
    <div className="max-w-3xl space-y-4">
      <p className="text-sm">
        <Link href="/admin/users">← Users</Link>
      </p>
      <h1 className="text-2xl font-semibold">New user</h1>
      <div className="card">
        <CreateUserForm organizations={organizations} />
      </div>
    </div>
  );
}
