import { REFERRAL_STATUS_LABELS, type ReferralStatus } from "@/lib/referrals/constants";

const STYLES: Record<ReferralStatus, string> = {
  draft: "bg-slate-100 text-slate-700",
  sent: "bg-sky-50 text-sky-800",
  accepted: "bg-emerald-50 text-emerald-800",
  in_service: "bg-emerald-50 text-emerald-800",
  completed: "bg-emerald-100 text-emerald-900",
  declined: "bg-red-50 text-red-800",
  withdrawn: "bg-slate-100 text-slate-600",
  ended_without_service: "bg-amber-50 text-amber-800",
};

export function ReferralStatusBadge({ status, overdue }: { status: ReferralStatus; overdue?: boolean }) {
  return (
    <>
      <span className={`badge ${STYLES[status]}`}>{REFERRAL_STATUS_LABELS[status]}</span>
      {overdue ? <span className="badge ml-1 bg-red-100 text-red-800">Overdue</span> : null}
    </>
  );
}
