"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { markAllNotificationsReadAction } from "@/lib/notifications/actions";
import { notificationsChanged } from "../notification-bell";

export function MarkAllRead() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      className="btn-secondary"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          await markAllNotificationsReadAction({});
          notificationsChanged();
          router.refresh();
        })
      }
    >
      Mark all as read
    </button>
  );
}
