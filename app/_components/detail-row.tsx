import type { ReactNode } from "react";

/** One label/value line of a record's details (inside a <dl>); an empty value shows a dash. */
export function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid grid-cols-3 gap-2 py-1 text-sm">
      <dt className="text-slate-500">{label}</dt>
      <dd className="col-span-2 whitespace-pre-wrap">{children || "—"}</dd>
    </div>
  );
}
