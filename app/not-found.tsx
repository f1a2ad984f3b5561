import { StatusNotice } from "@/app/_components/status-notice";

export const metadata = { title: "Not found" };

// The same page for a record that does not exist and one the caller may not see: existence never leaks.
export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-16">
      <StatusNotice kind="notFound" />
    </main>
  );
}
