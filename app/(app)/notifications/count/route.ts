import { getCurrentUserWithoutActivity } from "@/lib/auth/session";
import { countUnreadNotifications } from "@/lib/notifications/queries";

// The bell's count, polled by the shell (notification-bell.tsx) so it moves without a page load. Each
// person's own count only; without a live session, 401 (not a redirect: the caller is a script, and the
// idle guard takes the person to sign-in). A poll is not the person using Clearway, so it does not keep
// the session from going idle. Never cached anywhere.
const HEADERS = { "Content-Type": "application/json", "Cache-Control": "no-store" };

export async function GET() {
  const me = await getCurrentUserWithoutActivity();
  if (!me) return new Response(JSON.stringify({ error: "unauthorized" }), { status: 401, headers: HEADERS });
  return new Response(JSON.stringify({ unread: await countUnreadNotifications(me) }), { headers: HEADERS });
}
