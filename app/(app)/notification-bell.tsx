"use client";

import Link from "next/link";
import { useCallback, useEffect, useState } from "react";

const POLL_EVERY_MS = 60_000;
/** Sent by anything on the page that changed the person's unread count (reading notifications). */
const NOTIFICATIONS_CHANGED = "clearway:notifications-changed";

/** Tells the bell to fetch its count now (after the person read notifications on this page). */
export function notificationsChanged() {
  window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
}

/**
 * The header's bell. The server renders it with the count at page load; it then asks the count route
 * every minute, whenever the window regains focus, and when told the count changed, so a matter
 * assigned or a referral answered elsewhere clears it without a page load.
 */
export function NotificationBell({ unread: initial }: { unread: number }) {
  // A polled count holds until the server renders a new one (router.refresh, navigation): then that one.
  const [polled, setPolled] = useState<{ basis: number; unread: number } | null>(null);
  const unread = polled && polled.basis === initial ? polled.unread : initial;

  const refresh = useCallback(async () => {
    try {
      const response = await fetch("/notifications/count", { cache: "no-store", headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const body = (await response.json()) as { unread?: unknown };
      if (typeof body.unread === "number") setPolled({ basis: initial, unread: body.unread });
    } catch {
      // Offline or signed out: keep what is shown; the idle guard handles an ended session.
    }
  }, [initial]);

  useEffect(() => {
    const timer = window.setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, POLL_EVERY_MS);
    const onFocus = () => void refresh();
    window.addEventListener("focus", onFocus);
    window.addEventListener(NOTIFICATIONS_CHANGED, onFocus);
    return () => {
      window.clearInterval(timer);
      window.removeEventListener("focus", onFocus);
      window.removeEventListener(NOTIFICATIONS_CHANGED, onFocus);
    };
  }, [refresh]);

  return (
    <Link
      href="/notifications"
      className="relative rounded-md px-2 py-1 text-slate-700 no-underline hover:bg-slate-100 hover:no-underline"
      aria-label={unread > 0 ? `Notifications: ${unread} unread` : "Notifications"}
      data-testid="notification-bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="inline h-5 w-5 align-middle" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" strokeLinecap="round" strokeLinejoin="round" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread > 0 ? (
        <span className="ml-1 rounded-full bg-red-600 px-1.5 text-xs font-semibold text-white" data-testid="unread-count">
          {unread > 99 ? "99+" : unread}
        </span>
      ) : null}
    </Link>
  );
}
