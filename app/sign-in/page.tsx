import { redirect } from "next/navigation";
import { signInErrorMessage } from "@/lib/auth/messages";
import { safeCallbackPath } from "@/lib/auth/schema";
import { getCurrentUser, getPendingSecondFactorUser, mustSetUpSecondFactor } from "@/lib/auth/session";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

const NOTICES: Record<string, string> = {
  idle: "You were signed out after a period without activity. Sign in again to continue.",
  ended: "Your session has ended. Please sign in again.",
  "signed-out": "You have signed out.",
};

export default async function SignInPage({ searchParams }: PageProps<"/sign-in">) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const callbackUrl = safeCallbackPath(first(params.callbackUrl)) ?? undefined;

  // Already signed in (with a session the database still honours): go straight on, or to the second step.
  if (await getCurrentUser()) redirect(callbackUrl ?? "/");
  if (await getPendingSecondFactorUser()) redirect(callbackUrl ? `/sign-in/verify?${new URLSearchParams({ callbackUrl })}` : "/sign-in/verify");
  if (await mustSetUpSecondFactor()) redirect("/account/two-factor");

  const reason = first(params.reason);
  const notice = reason ? NOTICES[reason] : undefined;
  // Sign-in attempts posted straight to the Auth.js endpoint come back here with ?code=...
  const code = first(params.code);
  const initialError = first(params.error) && code ? signInErrorMessage(code).message : undefined;

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-2xl font-semibold tracking-tight text-brand-800">Clearway</p>
          <p className="mt-1 text-sm text-slate-600">Case management for survivor-service partnerships</p>
        </div>
        <div className="card">
          <h1 className="mb-4 text-lg font-semibold">Sign in</h1>
          {notice ? (
            <p role="status" className="mb-4 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
              {notice}
            </p>
          ) : null}
          <SignInForm callbackUrl={callbackUrl} initialError={initialError} />
        </div>
        <p className="mt-4 text-center text-xs text-slate-500">
          Forgot your password? Your organization&apos;s administrator can reset it.
        </p>
      </div>
    </main>
  );
}
