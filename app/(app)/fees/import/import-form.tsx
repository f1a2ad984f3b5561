"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { FormAlert, SelectField } from "@/app/_components/fields";
import { callAction, newFormKey } from "@/app/_components/use-action-form";
import { commitImportAction, previewImportAction } from "@/lib/fees/actions";
import { IMPORT_FIELDS, type ImportMapping } from "@/lib/fees/import-fields";
import type { ImportPreview } from "@/lib/fees/import-commands";

// The clerk's report, in three steps: choose the file, check the columns and every row's errors, then
// import it all or nothing. Nothing is saved until the last step, and only when no row has an error.

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const CASE_ACTION = { create: "New case", exists: "Case already recorded" } as const;
const PAYMENT_ACTION = { create: "New payment", exists: "Payment already recorded" } as const;

export function ImportForm() {
  const router = useRouter();
  const fileId = useId();
  const [csv, setCsv] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [key, setKey] = useState<string>(() => newFormKey());
  const [message, setMessage] = useState<{ text: string; tone: "error" | "success" } | null>(null);
  const [pending, startTransition] = useTransition();

  const runPreview = (text: string, chosen?: ImportMapping) =>
    startTransition(async () => {
      setMessage(null);
      const result = await callAction(() => previewImportAction({ csv: text, mapping: chosen }));
      if (!result.ok) return setMessage({ text: result.fieldErrors?.csv?.[0] ?? result.message, tone: "error" });
      setPreview(result.data);
      setMapping(result.data.mapping);
      setKey(newFormKey()); // a new preview is a new import
    });

  const commit = () =>
    startTransition(async () => {
      if (!csv) return;
      setMessage(null);
      const result = await callAction(() => commitImportAction({ csv, mapping: mapping as Record<string, string>, idempotencyKey: key }));
      if (!result.ok) return setMessage({ text: result.message, tone: "error" });
      const { casesCreated, paymentsCreated } = result.data;
      setMessage({
        text:
          casesCreated + paymentsCreated === 0
            ? "Everything in this file was already recorded: nothing changed."
            : `Imported ${casesCreated} new case${casesCreated === 1 ? "" : "s"} and ${paymentsCreated} payment${paymentsCreated === 1 ? "" : "s"}.`,
        tone: "success",
      });
      setPreview(null);
      router.refresh();
    });

  const ready = preview && !preview.fileError && Object.keys(preview.mappingErrors).length === 0 && preview.summary.rows > 0 && preview.summary.withErrors === 0;

  return (
    <div className="space-y-5">
      <FormAlert message={message?.text ?? null} tone={message?.tone} />
      <section className="card space-y-3" aria-labelledby="file-heading">
        <h2 id="file-heading" className="text-lg font-semibold">
          1. The report
        </h2>
        <label htmlFor={fileId} className="block text-sm font-medium">
          CSV file from the clerk (one row per case or payment, at most 5,000 rows)
        </label>
        <input
          id={fileId}
          type="file"
          accept=".csv,text/csv"
          className="block text-sm"
          onChange={async (event) => {
            const file = event.target.files?.[0];
            setPreview(null);
            setMessage(null);
            if (!file) return;
            const text = await file.text();
            // The same file chosen again (corrected, or after an import) must be read again.
            event.target.value = "";
            setCsv(text);
            setFileName(file.name);
            // A corrected file keeps the columns chosen for it, when its headers are the same.
            const chosen = Object.fromEntries(Object.entries(mapping).filter(([, v]) => v));
            const header = text.split(/\r?\n/, 1)[0] ?? "";
            const sameHeaders = Object.keys(chosen).length > 0 && Object.values(chosen).every((h) => header.includes(h!));
            runPreview(text, sameHeaders ? chosen : undefined);
          }}
        />
        {fileName ? <p className="text-xs text-slate-500">{fileName}</p> : null}
      </section>

      {preview?.fileError ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {preview.fileError}
        </p>
      ) : null}

      {preview && !preview.fileError ? (
        <section className="card space-y-3" aria-labelledby="columns-heading">
          <h2 id="columns-heading" className="text-lg font-semibold">
            2. Columns
          </h2>
          <p className="text-sm text-slate-600">Which column of the report holds each field. Clearway guessed from the headers; change any guess and preview again.</p>
          <div className="grid gap-3 sm:grid-cols-3">
            {IMPORT_FIELDS.map((field) => (
              <SelectField
                key={field.key}
                label={`${field.label}${field.required ? "" : " (optional)"}`}
                placeholder="Not in this file"
                options={preview.headers.map((h) => ({ value: h, label: h }))}
                value={mapping[field.key] ?? ""}
                error={preview.mappingErrors[field.key]}
                onChange={(event) => setMapping({ ...mapping, [field.key]: event.target.value || undefined })}
              />
            ))}
          </div>
          <button type="button" className="btn-secondary" disabled={pending || !csv} onClick={() => csv && runPreview(csv, Object.fromEntries(Object.entries(mapping).filter(([, v]) => v)))}>
            Preview again
          </button>
        </section>
      ) : null}

      {preview && !preview.fileError && Object.keys(preview.mappingErrors).length === 0 ? (
        <section className="card space-y-3" aria-labelledby="rows-heading">
          <h2 id="rows-heading" className="text-lg font-semibold">
            3. Rows
          </h2>
          <p className="text-sm" data-testid="import-summary">
            {count(preview.summary.rows, "row", "rows")}: {count(preview.summary.newCases, "new case", "new cases")}, {count(preview.summary.newPayments, "new payment", "new payments")}
            {preview.summary.existingCases + preview.summary.existingPayments > 0
              ? `; ${count(preview.summary.existingCases, "case", "cases")} and ${count(preview.summary.existingPayments, "payment", "payments")} already recorded (left as they are)`
              : ""}
            .{" "}
            {preview.summary.withErrors > 0 ? (
              <strong className="text-red-800">
                {preview.summary.withErrors} row{preview.summary.withErrors === 1 ? " has" : "s have"} errors: correct the file and choose it again. Nothing is imported while any row has an error.
              </strong>
            ) : null}
          </p>
          <div className="overflow-x-auto">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Line</th>
                  <th scope="col">Case</th>
                  <th scope="col">Would</th>
                  <th scope="col">Errors</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={row.line} data-testid="import-row" className={row.errors.length ? "bg-red-50" : undefined}>
                    <td>{row.line}</td>
                    <td>{row.caseLabel || "—"}</td>
                    <td>
                      {[row.caseAction ? CASE_ACTION[row.caseAction] : null, row.paymentAction ? PAYMENT_ACTION[row.paymentAction] : null].filter(Boolean).join("; ") || "—"}
                    </td>
                    <td className="text-sm text-red-800">
                      {row.errors.map((e, i) => (
                        <p key={i}>
                          {e.field === "row" ? "" : `${IMPORT_FIELDS.find((f) => f.key === e.field)?.label ?? e.field}: `}
                          {e.message}
                        </p>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="flex items-center gap-3">
            <button type="button" className="btn-primary" disabled={!ready || pending} onClick={commit}>
              Import {count(preview.summary.newCases, "case", "cases")} and {count(preview.summary.newPayments, "payment", "payments")}
            </button>
            <Link href="/fees" className="text-sm">
              Back to fees
            </Link>
          </div>
        </section>
      ) : null}
    </div>
  );
}
