import Link from "next/link";

export const metadata = { title: "No access" };

// Rendered with HTTP 403 by forbidden(). It shows nothing of the page that was refused.
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">403 · No access</p>
      <h1 className="mt-2 text-2xl font-semibold">You do not have access to this page</h1>
      <p className="mt-3 text-slate-600">
        Your role does not include this area of Clearway. If you need it for your work, ask your program lead or an
        administrator. The attempt has been recorded.
      </p>
      <p className="mt-6">
        <Link href="/" className="btn-primary">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
