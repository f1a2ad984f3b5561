"use client";

// Unexpected failures: the details stay in the server log, the person gets a calm sentence and a retry.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <h1 className="text-2xl font-semibold">Something went wrong</h1>
      <p className="mt-3 text-slate-600">
        Clearway could not show this page. Nothing has been changed. Try again, and if it keeps happening, tell your
        administrator what you were doing.
      </p>
      <button type="button" onClick={reset} className="btn-primary mt-6">
        Try again
      </button>
    </main>
  );
}
