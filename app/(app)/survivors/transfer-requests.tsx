"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormAlert } from "@/app/_components/fields";
import { callAction } from "@/app/_components/use-action-form";
import type { ActionResult } from "@/lib/action-result";
import { formatDateTime } from "@/lib/format";
import { declineTransferAction, reassignSurvivorAction } from "@/lib/survivors/actions";
import type { TransferRequestItem } from "@/lib/survivors/queries/caseload";

/** A program lead's open transfer requests: move the survivor to the advocate chosen, or decline. */
export function TransferRequests({ requests, advocates }: { requests: TransferRequestItem[]; advocates: { id: string; name: string }[] }) {
  return (
    <section className="card space-y-3" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="text-lg font-semibold">
        Transfer requests ({requests.length})
      </h2>
      <ul className="divide-y divide-slate-100">
        {requests.map((request) => (
          <TransferRequestRow key={request.id} request={request} advocates={advocates} />
        ))}
      </ul>
    </section>
  );
}

function TransferRequestRow({ request, advocates }: { request: TransferRequestItem; advocates: { id: string; name: string }[] }) {
  const router = useRouter();
  const choices = advocates.filter((a) => a.id !== request.currentAdvocateId);
  const [advocateId, setAdvocateId] = useState(request.requestedForId ?? "");
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  const run = (call: () => Promise<ActionResult<unknown>>) =>
    startTransition(async () => {
      setMessage(null);
      const result = await callAction(call);
      if (!result.ok) return setMessage(result.message);
      router.refresh();
    });

  return (
    <li className="space-y-2 py-3 text-sm" data-testid="transfer-request">
      <p>
        <Link href={`/survivors/${request.survivorId}`} className="font-mono">
          {request.clientCode}
        </Link>{" "}
        ({request.preferredName}), now with {request.currentAdvocateName}. {request.requestedByName} asked on {formatDateTime(request.createdAt)}
        {request.requestedForName ? ` to move them to ${request.requestedForName}` : ""}: “{request.reason}”
      </p>
      <FormAlert message={message} />
      <div className="flex flex-wrap items-end gap-2">
        <label className="text-sm">
          <span className="sr-only">Move to</span>
          <select className="input" value={advocateId} onChange={(e) => setAdvocateId(e.target.value)} aria-label={`Move ${request.clientCode} to`}>
            <option value="">Choose an advocate</option>
            {choices.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn-primary"
          disabled={pending || !advocateId}
          onClick={() =>
            run(() =>
              reassignSurvivorAction({ id: request.survivorId, version: request.survivorVersion, advocateId, transferRequestId: request.id }),
            )
          }
        >
          Move
        </button>
        <button type="button" className="btn-secondary" disabled={pending} onClick={() => run(() => declineTransferAction({ id: request.id }))}>
          Decline
        </button>
      </div>
    </li>
  );
}
