import type { ReactNode } from "react";
import Link from "next/link";
import { formatCalendarDate, formatDateTime } from "@/lib/format";
import type { AdvocateDay } from "@/lib/home/advocate-day";
import { SERVICE_LABELS } from "@/lib/organizations/constants";
import { URGENCY_LABELS } from "@/lib/referrals/constants";
import { EXPIRING_SOON_DAYS } from "@/lib/releases/constants";
import { MatterStatusBadge } from "../matters/status-badge";
import { ReferralStatusBadge } from "../referrals/status-badge";
import { HomeList, HomeSummary } from "./home-list";

// An advocate's "my day": what needs them, in the order they would act on it.

function transferSentence(t: AdvocateDay["transferRequests"]["items"][number]): string {
  const to = t.requestedForName ?? "another advocate";
  if (t.mine) return t.toMe ? "You asked to take this survivor over" : `You asked for this survivor to move to ${to}`;
  return `Asked to move to ${t.toMe ? "you" : to}`;
}

export function AdvocateDayView({ day, notices }: { day: AdvocateDay; notices: ReactNode }) {
  const answeredTitle = day.since ? "Answered since your last visit" : "Answered in the last week";
  return (
    <div className="space-y-6">
      {notices}
      <div>
        <h1 className="text-2xl font-semibold">My day</h1>
        <p className="mt-1 text-sm text-slate-600" data-testid="last-visit">
          {day.since ? `Your last visit here: ${formatDateTime(day.since)}.` : "Your first visit here: news from the past week is shown."}
        </p>
      </div>
      <HomeSummary
        items={[
          { href: "#overdue", label: "Overdue referrals", count: day.overdueReferrals.count },
          { href: "#answered", label: "Answered", count: day.answeredReferrals.count },
          { href: "#releases", label: "Releases expiring", count: day.expiringReleases.count },
          { href: "#hearings", label: "Hearings", count: day.upcomingHearings.count },
          { href: "#transfers", label: "Transfer requests", count: day.transferRequests.count },
          { href: "#matters", label: "Matters waiting on you", count: day.waitingMatters.count },
        ]}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <HomeList id="overdue" title="Overdue referrals" count={day.overdueReferrals.count} shown={day.overdueReferrals.items.length} allHref="/referrals?overdue=1&status=all" empty="No referral is waiting too long for an answer.">
          {day.overdueReferrals.items.map((r) => (
            <li key={r.id} className="py-2" data-testid="overdue-referral">
              <Link href={`/referrals/${r.id}`} className="font-mono">
                {r.clientCode}
              </Link>{" "}
              · {SERVICE_LABELS[r.service]} to {r.toName} · {URGENCY_LABELS[r.urgency]}
              <span className="block text-xs text-slate-500">Sent {formatDateTime(r.sentAt)}</span>
            </li>
          ))}
        </HomeList>

        <HomeList id="answered" title={answeredTitle} count={day.answeredReferrals.count} shown={day.answeredReferrals.items.length} allHref="/referrals?status=all" empty="No referral has been answered since.">
          {day.answeredReferrals.items.map((r) => (
            <li key={r.id} className="py-2" data-testid="answered-referral">
              <Link href={`/referrals/${r.id}`} className="font-mono">
                {r.clientCode}
              </Link>{" "}
              · {SERVICE_LABELS[r.service]} at {r.toName} <ReferralStatusBadge status={r.status} />
              <span className="block text-xs text-slate-500">Answered {formatDateTime(r.answeredAt)}</span>
            </li>
          ))}
        </HomeList>

        <HomeList id="releases" title={`Releases expiring within ${EXPIRING_SOON_DAYS} days`} count={day.expiringReleases.count} shown={day.expiringReleases.items.length} empty="No release of your survivors runs out soon.">
          {day.expiringReleases.items.map((r) => (
            <li key={r.id} className="py-2" data-testid="expiring-release">
              <Link href={`/survivors/${r.survivorId}`} className="font-mono">
                {r.clientCode}
              </Link>{" "}
              · to {r.recipientName}
              <span className="block text-xs text-slate-500">Expires {formatCalendarDate(r.expiresOn)}</span>
            </li>
          ))}
        </HomeList>

        <HomeList id="hearings" title="Upcoming hearings" count={day.upcomingHearings.count} shown={day.upcomingHearings.items.length} allHref="/matters/hearings" empty="None of your survivors has a hearing in the next two weeks.">
          {day.upcomingHearings.items.map((h) => (
            <li key={h.id} className="py-2" data-testid="upcoming-hearing">
              <Link href={`/matters/${h.matterId}`} className="font-mono">
                {h.clientCode}
              </Link>{" "}
              · {formatDateTime(h.startsAt)}
              {h.court ? <span className="block text-xs text-slate-500">{h.court}</span> : null}
            </li>
          ))}
        </HomeList>

        <HomeList id="transfers" title="Transfer requests" count={day.transferRequests.count} shown={day.transferRequests.items.length} empty="No transfer request is waiting for your program lead.">
          {day.transferRequests.items.map((t) => (
            <li key={t.id} className="py-2" data-testid="transfer-request">
              {t.canOpen ? (
                <Link href={`/survivors/${t.survivorId}`} className="font-mono">
                  {t.clientCode}
                </Link>
              ) : (
                <span className="font-mono">{t.clientCode}</span>
              )}{" "}
              · {transferSentence(t)}
              <span className="block text-xs text-slate-500">Waiting for your program lead since {formatDateTime(t.createdAt)}</span>
            </li>
          ))}
        </HomeList>

        <HomeList id="matters" title="Vacatur matters waiting on you" count={day.waitingMatters.count} shown={day.waitingMatters.items.length} empty="No vacatur matter waits on you.">
          {day.waitingMatters.items.map((m) => (
            <li key={m.id} className="py-2" data-testid="waiting-matter">
              <Link href={`/matters/${m.id}`} className="font-mono">
                {m.clientCode}
              </Link>{" "}
              <MatterStatusBadge status={m.status} />
              <span className="block text-xs text-slate-500">
                {m.waitsFor === "new_release"
                  ? `${m.legalOrganizationName ?? "The legal organization"}'s work is suspended: record a new release.`
                  : "The draft petition is with the survivor for review."}
              </span>
            </li>
          ))}
        </HomeList>
      </div>
      <p className="text-sm text-slate-600">
        Your team, accounts waiting for approval and your sign-in activity are on <Link href="/home">Team</Link>.
      </p>
    </div>
  );
}
