import Link from "next/link";
import { secondFactorStatus, startEnrolment } from "@/lib/account/two-factor";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { EnrolForm, RenewRecoveryCodesForm } from "./forms";

export const metadata = { title: "Two-step sign-in" };

export default async function TwoFactorPage() {
  // The one page (with its actions) a session whose role requires a second factor it lacks may open.
  const me = await requirePermission("account.manage", { allowSecondFactorSetup: true });
  const status = await secondFactorStatus(me);
  const enrolment = status.enabledAt ? null : await startEnrolment(me);
  const mustSetUp = status.required && !status.enabledAt;

  return (
    <div className="max-w-2xl space-y-5">
      {mustSetUp ? null : (
        <p className="text-sm">
          <Link href="/account">← Your account</Link>
        </p>
      )}
      <h1 className="text-2xl font-semibold">Two-step sign-in</h1>
      {status.resetAt && !status.enabledAt ? (
        <p role="alert" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="second-factor-reset-notice">
          An administrator reset your two-step sign-in on {formatDateTime(status.resetAt)}, with your program lead’s approval. If you
          did not ask for this, tell your program lead before you go on.
        </p>
      ) : null}
      {mustSetUp ? (
        <p className="rounded-md border border-slate-200 bg-brand-50 px-3 py-2 text-sm text-slate-800" data-testid="second-factor-required">
          Your role requires two-step sign-in. Set it up to go on: Clearway opens nothing else until it is on.
        </p>
      ) : status.required ? null : (
        <p className="text-sm text-slate-600">Your role does not require it, but it protects the survivors whose records you can open.</p>
      )}
      <p className="text-slate-700">
        After your password, Clearway asks for a six-digit code from an authenticator app on your phone (Google Authenticator,
        Microsoft Authenticator, 1Password, FreeOTP, or any app for “TOTP” codes). Someone who learns your password still cannot
        sign in as you.
      </p>

      {status.enabledAt ? (
        <section className="card space-y-3" aria-labelledby="on-heading" data-testid="two-factor-on">
          <h2 id="on-heading" className="text-lg font-semibold">
            On since {formatDateTime(status.enabledAt)}
          </h2>
          <p className="text-sm text-slate-700">
            {status.recoveryCodesLeft} of your recovery codes {status.recoveryCodesLeft === 1 ? "is" : "are"} left. Each works once,
            in place of a code from your phone.
          </p>
          <RenewRecoveryCodesForm />
        </section>
      ) : (
        <section className="card space-y-4" aria-labelledby="setup-heading" data-testid="two-factor-setup">
          <h2 id="setup-heading" className="text-lg font-semibold">
            Set it up
          </h2>
          <ol className="list-decimal space-y-3 pl-5 text-sm text-slate-700">
            <li>
              In your authenticator app, add an account and scan this code:
              <span
                className="mt-2 block h-48 w-48 rounded border border-slate-200 bg-white p-2"
                role="img"
                aria-label="QR code for setting up Clearway in an authenticator app"
                // The SVG is made on the server by the qrcode library from our own otpauth URI.
                dangerouslySetInnerHTML={{ __html: enrolment!.qrSvg }}
              />
            </li>
            <li>
              Or type this key into the app instead:{" "}
              <code className="break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-sm" data-testid="totp-secret">
                {enrolment!.secret}
              </code>
            </li>
            <li>Enter the code the app now shows for Clearway.</li>
          </ol>
          <EnrolForm enrolment={enrolment!.enrolment} doneHref={mustSetUp ? "/" : "/account"} />
        </section>
      )}
    </div>
  );
}
