"use client";

import { useFieldArray, useWatch, type Control, type FieldErrors, type UseFormRegister } from "react-hook-form";
import { SelectField } from "@/app/_components/fields";
import { optionsOf } from "@/app/_components/options";
import {
  MAX_RESTITUTION_ENTRIES,
  RESTITUTION_ORDERS,
  RESTITUTION_ORDER_LABELS,
  RESTITUTION_PAYEES,
  RESTITUTION_PAYEE_LABELS,
  RESTITUTION_PAYMENTS,
  RESTITUTION_PAYMENT_LABELS,
  type RestitutionEntry,
} from "@/lib/vacatur/constants";

type RestitutionValues = { restitutionOrder?: string; restitution?: RestitutionEntry[] };

// A new row chooses nothing for the person: payee and payment start empty and must be picked.
const NEW_ENTRY = { owedTo: "", payment: "" } as unknown as RestitutionEntry;

/**
 * Restitution on the conviction: whether it was ordered and, if so, one row per payee with whether it is
 * paid in full. The survivor routes leave restitution owed to an insurer aside; the general routes count it.
 */
export function RestitutionFields<T extends RestitutionValues>({
  control,
  register,
  errors,
}: {
  control: Control<T>;
  register: UseFormRegister<T>;
  errors: FieldErrors<RestitutionValues>;
}) {
  // Narrowed to the two fields this component owns.
  const c = control as unknown as Control<RestitutionValues>;
  const r = register as unknown as UseFormRegister<RestitutionValues>;
  const entries = useFieldArray({ control: c, name: "restitution" });
  const order = useWatch({ control: c, name: "restitutionOrder" });
  const listError = typeof errors.restitution?.message === "string" ? errors.restitution.message : (errors.restitution?.root?.message ?? null);

  return (
    <fieldset className="card space-y-3" data-testid="restitution">
      <legend className="font-semibold">Restitution</legend>
      <SelectField label="Restitution ordered" options={optionsOf(RESTITUTION_ORDERS, RESTITUTION_ORDER_LABELS)} error={errors.restitutionOrder?.message} {...r("restitutionOrder")} />
      {listError ? (
        <p className="text-sm text-red-700" data-field-error>
          {listError}
        </p>
      ) : null}
      {entries.fields.map((field, index) => {
        const e = errors.restitution?.[index];
        return (
          <div key={field.id} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-3" data-testid="restitution-entry">
            <SelectField label={`Owed to (entry ${index + 1})`} placeholder="Choose…" options={optionsOf(RESTITUTION_PAYEES, RESTITUTION_PAYEE_LABELS)} error={e?.owedTo?.message} {...r(`restitution.${index}.owedTo`)} />
            <SelectField label={`Paid in full? (entry ${index + 1})`} placeholder="Choose…" options={optionsOf(RESTITUTION_PAYMENTS, RESTITUTION_PAYMENT_LABELS)} error={e?.payment?.message} {...r(`restitution.${index}.payment`)} />
            <div className="flex items-end">
              <button type="button" className="btn-secondary" onClick={() => entries.remove(index)}>
                Remove entry {index + 1}
              </button>
            </div>
          </div>
        );
      })}
      {order === "ordered" && entries.fields.length < MAX_RESTITUTION_ENTRIES ? (
        <button type="button" className="btn-secondary" onClick={() => entries.append({ ...NEW_ENTRY })}>
          Add a payee
        </button>
      ) : null}
      <p className="text-xs text-slate-600">
        Record each payee separately. Restitution owed to an insurance provider does not count on the survivor routes (RCW 9.96.080(2)(e), 9.94A.648(2)(f)), but unpaid restitution of any kind keeps the general routes closed (RCW 9.96.060(2)(a), 9.94A.637).
      </p>
    </fieldset>
  );
}
