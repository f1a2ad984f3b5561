import { SURVIVOR_STATUS_LABELS, type SurvivorStatus } from "@/lib/survivors/constants";

const STYLES: Record<SurvivorStatus, string> = {
  active: "bg-emerald-50 text-emerald-800",
  inactive: "bg-amber-50 text-amber-800",
  closed: "bg-slate-100 text-slate-600",
};

export function StatusBadge({ status }: { status: SurvivorStatus }) {
  return <span className={`badge ${STYLES[status]}`}>{SURVIVOR_STATUS_LABELS[status]}</span>;
}
