"use client";

import {
  forwardRef,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
  type ChangeEvent,
  type ChangeEventHandler,
  type RefObject,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";
import { INVALID_DATE_INPUT } from "@/lib/form-fields";

// Form controls with a visible label, an error message tied to the control (aria-describedby) and
// aria-invalid, so every error sits next to its field for sighted and screen-reader users alike.

type FieldShellProps = { id: string; label: string; hint?: ReactNode; error?: string; children: ReactNode };

function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" data-field-error>
          {error}
        </p>
      ) : null}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  if (error) return `${id}-error`;
  if (hint) return `${id}-hint`;
  return undefined;
}

type TextFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: ReactNode; error?: string };

export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, hint, error, id: givenId, className, ...input },
  ref,
) {
  const autoId = useId();
  const id = givenId ?? autoId;
  const element = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => element.current!, []);
  useUnreadableDateReport(element, input.type === "date" ? input.onChange : undefined);
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        ref={element}
        id={id}
        className={`input ${className ?? ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...input}
      />
    </FieldShell>
  );
});

/**
 * A date input holding a date that does not exist (02/30/2000) reports the value "" (with
 * validity.badInput) and fires no change event, so the form would save the field as blank without a
 * word. Just before the form is submitted, this tells the form's onChange (react-hook-form's) that the
 * field holds INVALID_DATE_INPUT, which every date rule refuses with "This date is not valid", and
 * the input's real value again once the date is readable. The native submit listener on the form
 * runs before React's onSubmit, which is delegated to the root.
 */
function useUnreadableDateReport(element: RefObject<HTMLInputElement | null>, onChange: ChangeEventHandler<HTMLInputElement> | undefined) {
  const report = useRef(onChange);
  useEffect(() => {
    report.current = onChange;
  });
  const dateInput = onChange !== undefined;

  useEffect(() => {
    const input = element.current;
    const form = input?.form;
    if (!dateInput || !input || !form) return;
    let reportedUnreadable = false;
    const sync = () => {
      const unreadable = input.validity.badInput;
      if (!unreadable && !reportedUnreadable) return;
      reportedUnreadable = unreadable;
      const target = { name: input.name, value: unreadable ? INVALID_DATE_INPUT : input.value };
      report.current?.({ target, currentTarget: target, type: "change" } as unknown as ChangeEvent<HTMLInputElement>);
    };
    form.addEventListener("submit", sync);
    return () => form.removeEventListener("submit", sync);
  }, [element, dateInput]);
}

type SelectFieldProps = SelectHTMLAttributes<HTMLSelectElement> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  options: readonly { value: string; label: string; disabled?: boolean }[];
  placeholder?: string;
};

export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, hint, error, options, placeholder, id: givenId, className, ...select },
  ref,
) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        ref={ref}
        id={id}
        className={`input ${className ?? ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...select}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
});

/** A group of checkboxes (one shared `name`), described as a fieldset with its own error. */
export function CheckboxGroup({
  legend,
  error,
  children,
}: {
  legend: string;
  error?: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined} aria-invalid={error ? true : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="grid grid-cols-1 gap-1.5 sm:grid-cols-2">{children}</div>
      {error ? (
        <p id={`${id}-error`} className="text-sm text-red-700" data-field-error>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The form-level message (a refusal, a conflict, a network failure) announced to screen readers. */
export function FormAlert({ message, tone = "error" }: { message: string | null; tone?: "error" | "success" }) {
  if (!message) return null;
  const styles = tone === "error" ? "border-red-200 bg-red-50 text-red-800" : "border-emerald-200 bg-emerald-50 text-emerald-800";
  return (
    <div role={tone === "error" ? "alert" : "status"} data-testid="form-alert" className={`rounded-md border px-3 py-2 text-sm ${styles}`}>
      {message}
    </div>
  );
}

type TextAreaFieldProps = TextareaHTMLAttributes<HTMLTextAreaElement> & { label: string; hint?: ReactNode; error?: string };

export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(function TextAreaField(
  { label, hint, error, id: givenId, className, rows = 3, ...textarea },
  ref,
) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        className={`input ${className ?? ""}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...textarea}
      />
    </FieldShell>
  );
});

type CheckboxFieldProps = InputHTMLAttributes<HTMLInputElement> & { label: ReactNode; hint?: ReactNode; error?: string };

/** One checkbox with its label beside it (for a yes/no answer or one option of a CheckboxGroup). */
export const CheckboxField = forwardRef<HTMLInputElement, CheckboxFieldProps>(function CheckboxField(
  { label, hint, error, id: givenId, ...input },
  ref,
) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="flex items-start gap-2 text-sm">
        <input
          ref={ref}
          id={id}
          type="checkbox"
          className="mt-0.5 h-4 w-4"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          {...input}
        />
        <span>{label}</span>
      </label>
      {hint && !error ? (
        <p id={`${id}-hint`} className="pl-6 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="pl-6 text-sm text-red-700" data-field-error>
          {error}
        </p>
      ) : null}
    </div>
  );
});
