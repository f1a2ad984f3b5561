import Link from "next/link";
import type { ReactNode } from "react";

// Pieces every filtered list shares: filter forms (no JavaScript needed), status, empty rows.

/**
 * A list's filters: a GET form (the filters become the URL's parameters), or, with `postTo`, a POST to a
 * route handler, for a list whose search may hold what must never be in a URL (the caseload's names).
 */
export function FilterForm({ label, columns, clearHref, postTo, children }: { label: string; columns: string; clearHref: string; postTo?: string; children: ReactNode }) {
  return (
    <form method={postTo ? "post" : "get"} action={postTo} className={`card grid gap-3 ${columns}`} role="search" aria-label={label}>
      {children}
      <div className="col-span-full flex gap-2">
        <button type="submit" className="btn-primary">
          Filter
        </button>
        <Link href={clearHref} className="btn-secondary">
          Clear
        </Link>
      </div>
    </form>
  );
}

export function FilterSelect({
  name,
  label,
  defaultValue,
  anyLabel,
  options,
}: {
  name: string;
  label: string;
  defaultValue: string | undefined;
  anyLabel?: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={defaultValue ?? ""} className="input mt-1">
        {anyLabel ? <option value="">{anyLabel}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A free-text (or date) filter; when its value could not be used, the reason sits next to it. */
export function FilterText({
  name,
  label,
  defaultValue,
  error,
  className,
  placeholder,
  type = "text",
}: {
  name: string;
  label: string;
  defaultValue: string | undefined;
  error?: string[];
  className?: string;
  placeholder?: string;
  type?: "text" | "date";
}) {
  const message = error?.[0];
  return (
    <div className={className}>
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      <input
        id={name}
        name={name}
        type={type}
        defaultValue={defaultValue ?? ""}
        className="input mt-1"
        autoComplete="off"
        placeholder={placeholder}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${name}-error` : undefined}
      />
      {message ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-700" data-field-error>
          {message}
        </p>
      ) : null}
    </div>
  );
}

export const STATUS_FILTER_OPTIONS = [
  { value: "active", label: "Active" },
  { value: "inactive", label: "Deactivated" },
  { value: "all", label: "All" },
] as const;

export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="py-6 text-center text-slate-500">
        {children}
      </td>
    </tr>
  );
}

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? (
    <span className="badge bg-emerald-50 text-emerald-800">Active</span>
  ) : (
    <span className="badge bg-slate-100 text-slate-600">Deactivated</span>
  );
}
