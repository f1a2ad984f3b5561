import Link from "next/link";

// What a refused or missing page says, in one place: the root pages (app/forbidden.tsx,
// app/not-found.tsx) wrap it in their own <main>; inside the signed-in shell, whose <main> it already
// is, it stands alone (app/(app)/forbidden.tsx, app/(app)/not-found.tsx).
const NOTICES = {
  forbidden: {
    status: "403 · No access",
    heading: "You do not have access to this page",
    text: "Your role does not include this area of Clearway. If you need it for your work, ask your program lead or an administrator. The attempt has been recorded.",
  },
  notFound: {
    status: "404 · Not found",
    heading: "We could not find that page",
    text: "It may have moved, or it is not available to you.",
  },
} as const;

export function StatusNotice({ kind }: { kind: keyof typeof NOTICES }) {
  const notice = NOTICES[kind];
  return (
    <>
      <p className="text-sm font-semibold uppercase tracking-wide text-slate-500">{notice.status}</p>
      <h1 className="mt-2 text-2xl font-semibold">{notice.heading}</h1>
      <p className="mt-3 text-slate-600">{notice.text}</p>
      <p className="mt-6">
        <Link href="/" className="btn-primary">
          Go to your home page
        </Link>
      </p>
    </>
  );
}
