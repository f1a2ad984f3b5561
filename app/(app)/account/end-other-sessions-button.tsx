"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormAlert } from "@/app/_components/fields";
import { callAction } from "@/app/_components/use-action-form";
import { endOtherSessionsAction } from "@/lib/account/actions";

export function EndOtherSessionsButton({ count }: { count: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <button
        type="button"
        className="btn-danger"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await callAction(() => endOtherSessionsAction({}));
            setMessage(result.ok ? null : result.message);
            router.refresh();
          })
        }
      >
        Sign out {count} other session{count === 1 ? "" : "s"}
      </button>
      <FormAlert message={message} />
    </div>
  );
}
