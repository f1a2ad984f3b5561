import { CAPACITY_LABELS, type Capacity } from "@/lib/organizations/constants";

const STYLES: Record<Capacity, string> = {
  accepting: "bg-emerald-50 text-emerald-800",
  waitlist: "bg-amber-50 text-amber-800",
  not_accepting: "bg-red-50 text-red-800",
};

export function CapacityBadge({ capacity }: { capacity: Capacity }) {
  return <span className={`badge ${STYLES[capacity]}`}>{CAPACITY_LABELS[capacity]}</span>;
}
