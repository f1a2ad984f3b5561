import { requireUser } from "@/lib/auth/session";
import { ChangePasswordForm } from "./change-password-form";

export const metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const me = await requireUser({ allowPendingPasswordChange: true });
  return (
    <div className="max-w-lg space-y-4">
      <h1 className="text-2xl font-semibold">{me.mustChangePassword ? "Choose your own password" : "Change password"}</h1>
      {me.mustChangePassword ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          An administrator set the password you signed in with. Choose one only you know before you continue.
        </p>
      ) : null}
      <div className="card">
        <ChangePasswordForm forced={me.mustChangePassword} />
      </div>
    </div>
  );
}
