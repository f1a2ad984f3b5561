import { redirect } from "next/navigation";
import { safeCallbackPath } from "@/lib/auth/schema";
import { getCurrentUser, getPendingSecondFactorUser, mustSetUpSecondFactor } from "@/lib/auth/session";
import { SignOutButton } from "./sign-out-button";
import { VerifyForm } from "./verify-form";

export const metadata = { title: "Second sign-in step" };

// The only page a session that has passed the password, but not yet the account's second factor, is
// served (lib/auth/session.ts requireUser sends it here from everywhere else).
export default async function VerifyPage({ searchParams }: PageProps<"/sign-in/verify">) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const callbackUrl = safeCallbackPath(first(params.callbackUrl)) ?? undefined;
  const me = await getPendingSecondFactorUser();
  if (!me) {
    if (await mustSetUpSecondFactor()) redirect("/account/two-factor");
    redirect((await getCurrentUser()) ? (callbackUrl ?? "/") : "/sign-in");
  }

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-brand-800">Clearway</p>
        </div>
        <div className="card space-y-4">
          <h1 className="text-lg font-semibold">Second sign-in step</h1>
          <p className="text-sm text-slate-700">
            Signed in as <span className="font-medium">{me.email}</span>. Enter the six-digit code your authenticator app shows for
            Clearway. Without your phone, enter one of your recovery codes instead.
          </p>
          <VerifyForm callbackUrl={callbackUrl} />
        </div>
        <div className="mt-4 text-center text-xs text-slate-500">
          <p>Lost your phone and your recovery codes? Contact your organization&apos;s administrator.</p>
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
