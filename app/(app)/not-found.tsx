import { StatusNotice } from "@/app/_components/status-notice";

// notFound() from a page inside the signed-in shell: the same answer as app/not-found.tsx for a record
// that does not exist and one the caller may not see (existence never leaks), but inside the shell,
// whose <main> it already is. The page's own title would otherwise stay ("Survivor"): this one says
// what happened (React puts it in the document's head).
export default function NotFound() {
  return (
    <div className="mx-auto max-w-xl py-8">
      <title>Not found · Clearway</title>
      <StatusNotice kind="notFound" />
    </div>
  );
}
