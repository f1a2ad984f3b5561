import { StatusNotice } from "@/app/_components/status-notice";

// forbidden() from a page inside the signed-in shell (app/forbidden.tsx is the same answer outside
// it): shown within the shell's <main>, with a title that says what happened instead of the refused
// page's own. Nothing of that page is shown.
export default function Forbidden() {
  return (
    <div className="mx-auto max-w-xl py-8">
      <title>No access · Clearway</title>
      <StatusNotice kind="forbidden" />
    </div>
  );
}
