import Link from "next/link";

export const metadata = { title: "Not found" };

// The same page for a record that does not exist and one the caller may not see: existence never leaks.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">404 · Not found</p>
      <h1 className="mt-2 text-2xl font-semibold">We could not find that page</h1>
      <p className="mt-3 text-slate-600">It may have moved, or it is not available to you.</p>
      <p className="mt-6">
        <Link href="/" className="btn-primary">
          Go to your home page
        </Link>
      </p>
    </main>
  );
}
