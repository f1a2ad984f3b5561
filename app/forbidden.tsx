import { StatusNotice } from "@/app/_components/status-notice";

export const metadata = { title: "No access" };

// Rendered with HTTP 403 by forbidden(). It shows nothing of the page that was refused.
export default function Forbidden() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <StatusNotice kind="forbidden" />
    </main>
  );
}
