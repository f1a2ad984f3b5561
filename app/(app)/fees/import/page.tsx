import Link from "next/link";
import { requirePermission } from "@/lib/auth/session";
import { IMPORT_FIELDS } from "@/lib/fees/import-fields";
import { ImportForm } from "./import-form";

export const metadata = { title: "Import a clerk's report" };

export default async function FeeImportPage() {
  await requirePermission("fees.record");
  return (
    <div className="max-w-5xl space-y-4">
      <p className="text-sm">
        <Link href="/fees">← Sex-buyer fees</Link>
      </p>
      <h1 className="text-2xl font-semibold">Import a clerk&apos;s receivable report</h1>
      <p className="text-sm text-slate-600">
        Fee cases and payments from the court clerk&apos;s CSV. You see every row&apos;s errors before anything is saved; the import then saves all of it or nothing. Importing the
        same file again changes nothing: cases are matched by court and case number, payments by receipt number.
      </p>
      <details className="text-sm">
        <summary className="cursor-pointer">The columns Clearway reads</summary>
        <ul className="mt-2 list-disc pl-5">
          {IMPORT_FIELDS.map((f) => (
            <li key={f.key}>
              <strong>{f.label}</strong>
              {f.required ? "" : " (optional)"}: {f.hint}
            </li>
          ))}
        </ul>
      </details>
      <ImportForm />
    </div>
  );
}
