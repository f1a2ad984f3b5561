"use client";

import { useEffect, useRef } from "react";
import { keepAliveAction } from "@/lib/account/actions";

const PING_EVERY_MS = 60_000;

/**
 * Idle means no one is using the page, not merely that no request was made: someone typing a long
 * note for half an hour must not lose it to the idle timeout. So while the person is active this
 * tells the server (at most once a minute), and once they have been away for the idle period the
 * page leaves for the sign-in screen, so nothing stays on an unattended screen.
 */
export function IdleGuard({ idleMinutes }: { idleMinutes: number }) {
  const lastActivity = useRef(0);
  const lastPing = useRef(0);

  useEffect(() => {
    const start = Date.now();
    lastActivity.current = start;
    lastPing.current = start;
    const onActivity = () => {
      const now = Date.now();
      lastActivity.current = now;
      if (now - lastPing.current > PING_EVERY_MS) {
        lastPing.current = now;
        void keepAliveAction({}).catch(() => {});
      }
    };
    const events = ["keydown", "pointerdown", "scroll", "touchstart"] as const;
    events.forEach((e) => window.addEventListener(e, onActivity, { passive: true }));
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current > idleMinutes * 60_000) {
        // A full page load on purpose: it drops everything the page held in memory, not just the view.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination
        window.location.assign("/sign-in?reason=idle");
      }
    }, 15_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, onActivity));
      window.clearInterval(timer);
    };
  }, [idleMinutes]);

  return null;
}
