import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { navigationFor } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { IdleGuard } from "./idle-guard";
import { NavLinks } from "./nav-links";

// The signed-in shell. It shows only the links this person's role may open. It is not a security
// boundary: every page and action below checks the session and permission itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Pages decide about a pending password change; the shell only needs a live session.
  const me = await requireUser({ allowPendingPasswordChange: true });
  const nav = me.mustChangePassword ? [] : navigationFor(me);
  const unread = await countUnreadNotifications(me);

  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-10 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight text-brand-800 no-underline hover:no-underline">
            Clearway
          </Link>
          <NavLinks items={nav} />
          <div className="ml-auto flex items-center gap-3 text-sm">
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
            <Link href="/account" className="text-right leading-tight text-slate-700 no-underline hover:no-underline" data-testid="current-user">
              <span className="block font-medium text-slate-900">{me.name}</span>
              <span className="block text-xs text-slate-500">
                {ROLE_LABELS[me.role]}
                {me.organizationName ? ` · ${me.organizationName}` : ""}
              </span>
            </Link>
            <form action={signOutAction}>
              <button type="submit" className="btn-secondary">
                Sign out
              </button>
            </form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8">
        {children}
      </main>
      <IdleGuard idleMinutes={getEnv().idleMinutes} />
    </div>
  );
}
