"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormAlert } from "@/app/_components/fields";
import { callAction } from "@/app/_components/use-action-form";
import { decideApprovalAction } from "@/lib/users/actions";

/** Approve, or decline after a confirming second click, one account waiting in the lead's organization. */
export function ApprovalDecision({ id, version, name, approveLabel = "Approve" }: { id: string; version: number; name: string; approveLabel?: string }) {
  const router = useRouter();
  const [confirmingDecline, setConfirmingDecline] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const decide = (decision: "approve" | "decline") =>
    startTransition(async () => {
      setMessage(null);
      const result = await callAction(() => decideApprovalAction({ id, version, decision }));
      if (!result.ok) {
        setMessage(result.message);
        return;
      }
      setConfirmingDecline(false);
      router.refresh();
    });

  return (
    <div className="space-y-2">
      <FormAlert message={message} />
      {confirmingDecline ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">{name} will not be able to sign in. An administrator can ask again later.</p>
          <div className="flex gap-2">
            <button type="button" className="btn-danger" disabled={pending} onClick={() => decide("decline")}>
              Yes, decline
            </button>
            <button type="button" className="btn-secondary" disabled={pending} onClick={() => setConfirmingDecline(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div className="flex gap-2">
          <button type="button" className="btn-primary" disabled={pending} onClick={() => decide("approve")} aria-label={`${approveLabel} ${name}`}>
            {approveLabel}
          </button>
          <button type="button" className="btn-secondary" disabled={pending} onClick={() => setConfirmingDecline(true)} aria-label={`Decline ${name}`}>
            Decline
          </button>
        </div>
      )}
    </div>
  );
}
