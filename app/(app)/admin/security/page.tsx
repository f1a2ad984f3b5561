import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { listSecondFactorRequirements } from "@/lib/users/second-factor";
import type { SecondFactorRequirementsInput } from "@/lib/users/schema";
import { SecondFactorRequirementsForm } from "./requirements-form";

export const metadata = { title: "Sign-in security" };

export default async function SecurityPage() {
  const me = await requirePermission("users.manage");
  const requirements = await listSecondFactorRequirements(me);
  const required = Object.fromEntries(requirements.filter((r) => !r.locked).map((r) => [r.role, r.required])) as SecondFactorRequirementsInput["required"];
  const lastChanged = requirements
    .map((r) => r.updatedAt)
    .filter((d): d is Date => d !== null)
    .sort((a, b) => b.getTime() - a.getTime())[0];

  return (
    <div className="max-w-2xl space-y-5">
      <p className="text-sm">
        <Link href="/admin">← Administration</Link>
      </p>
      <h1 className="text-2xl font-semibold">Sign-in security</h1>
      <section className="card space-y-3" aria-labelledby="required-heading">
        <h2 id="required-heading" className="text-lg font-semibold">
          Roles that must use two-step sign-in
        </h2>
        <p className="text-sm text-slate-700">
          Anyone in a ticked role signs in with a code from an authenticator app after their password. Someone in such a role who has
          not set it up is asked to, and can open nothing else, from their next page. Anyone may turn it on for themselves from their
          account page.
        </p>
        <SecondFactorRequirementsForm required={required} />
        {lastChanged ? <p className="text-xs text-slate-500">Last changed {formatDateTime(lastChanged)}.</p> : null}
      </section>
    </div>
  );
}
