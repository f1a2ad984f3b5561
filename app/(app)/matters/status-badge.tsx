import { MATTER_STATUS_LABELS, type MatterStatus } from "@/lib/vacatur/constants";

const TONE: Partial<Record<MatterStatus, string>> = {
  granted: "bg-emerald-50 text-emerald-800",
  partially_granted: "bg-emerald-50 text-emerald-800",
  order_transmitted: "bg-emerald-50 text-emerald-800",
  verified: "bg-emerald-50 text-emerald-800",
  denied: "bg-red-50 text-red-800",
  ineligible_now: "bg-amber-50 text-amber-800",
  on_hold_by_survivor: "bg-amber-50 text-amber-800",
  closed: "bg-slate-100 text-slate-600",
  withdrawn: "bg-slate-100 text-slate-600",
};

export function MatterStatusBadge({ status }: { status: MatterStatus }) {
  return <span className={`badge ${TONE[status] ?? "bg-sky-50 text-sky-800"}`}>{MATTER_STATUS_LABELS[status]}</span>;
}
