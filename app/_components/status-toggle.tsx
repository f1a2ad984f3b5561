"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/action-result";
import { FormAlert } from "./fields";
import { callAction } from "./use-action-form";

type ToggleAction = (input: { id: string; version: number; active: boolean }) => Promise<ActionResult<unknown>>;

/** Deactivate (after a confirming second click) or reactivate a record through its server action. */
export function StatusToggle({
  action,
  id,
  version,
  active,
  noun,
  consequence,
}: {
  action: ToggleAction;
  id: string;
  version: number;
  active: boolean;
  noun: string;
  consequence: string;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const submit = (next: boolean) =>
    startTransition(async () => {
      setMessage(null);
      const result = await callAction(() => action({ id, version, active: next }));
      if (!result.ok) setMessage(result.message);
      setConfirming(false);
      router.refresh();
    });

  return (
    <div className="space-y-2">
      <FormAlert message={message} />
      {!active ? (
        <button type="button" className="btn-secondary" disabled={pending} onClick={() => submit(true)}>
          Reactivate {noun}
        </button>
      ) : confirming ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">{consequence}</p>
          <div className="flex gap-2">
            <button type="button" className="btn-danger" disabled={pending} onClick={() => submit(false)}>
              Yes, deactivate
            </button>
            <button type="button" className="btn-secondary" disabled={pending} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="btn-danger" onClick={() => setConfirming(true)}>
          Deactivate {noun}
        </button>
      )}
    </div>
  );
}
