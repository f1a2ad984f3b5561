import Link from "next/link";
import { signOutAction } from "@/lib/auth/actions";
import { navigationFor } from "@/lib/auth/policy";
import { ROLE_LABELS } from "@/lib/auth/roles";
import { mustSetUpSecondFactor, requireUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { navHoldings } from "@/lib/home/nav-holdings";
import { countUnreadNotifications } from "@/lib/notifications/queries";
import { IdleGuard } from "./idle-guard";
import { NavLinks } from "./nav-links";
import { NotificationBell } from "./notification-bell";

// The signed-in shell. It shows only the links this person's role may open. It is not a security
// boundary: every page and action below checks the session and permission itself.
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Pages decide about a pending password change or second-factor setup; the shell only needs a live
  // session, and shows no navigation to one that may open nothing else yet.
  const me = await requireUser({ allowPendingPasswordChange: true, allowSecondFactorSetup: true });
  const restricted = me.mustChangePassword || (await mustSetUpSecondFactor());
  const [holdings, unread] = await Promise.all([restricted ? null : navHoldings(me), countUnreadNotifications(me)]);
  const nav = holdings ? navigationFor(me, holdings) : [];

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
            <NotificationBell unread={unread} />
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
