"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormAlert } from "@/app/_components/fields";
import { callAction, useHydrated } from "@/app/_components/use-action-form";
import { verifyAuditChainAction } from "@/lib/audit/chain-actions";

/** Walks the audit chain now and shows the outcome (the panel above re-renders with it). */
export function VerifyChainButton() {
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const verify = () =>
    startTransition(async () => {
      setMessage(null);
      const result = await callAction(() => verifyAuditChainAction({}));
      if (!result.ok) setMessage(result.message);
      router.refresh();
    });
  return (
    <div className="space-y-2">
      <FormAlert message={message} />
      <button type="button" className="btn-secondary" disabled={!hydrated || pending} onClick={verify}>
        {pending ? "Verifying…" : "Verify the chain now"}
      </button>
    </div>
  );
}
