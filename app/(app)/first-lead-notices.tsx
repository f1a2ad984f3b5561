import type { SessionUser } from "@/lib/auth/sessions";
import { listFirstLeadNotices, type FirstLeadNotice } from "@/lib/users/approval-queries";
import { firstLeadNotice } from "@/lib/users/approval-rules";

/**
 * "<name> became program lead … without approval": every member of the organization is told, on
 * every home (the role's landing page and Team), so someone who did not expect it can say so. A page
 * that loaded them beside its own reads passes them in (`notices`) rather than wait for them after.
 */
export async function FirstLeadNotices({ me, notices: loaded }: { me: SessionUser; notices?: FirstLeadNotice[] }) {
  const notices = loaded ?? (await listFirstLeadNotices(me));
  return notices.map((notice) => (
    <p key={notice.id} role="note" data-testid="first-lead-notice" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
      {firstLeadNotice(notice)} If you did not expect this, tell your administrator and your organization&apos;s leadership.
    </p>
  ));
}
