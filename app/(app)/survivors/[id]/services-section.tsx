import Link from "next/link";
import type { SessionUser } from "@/lib/auth/sessions";
import { formatCalendarDate } from "@/lib/format";
import { listSurvivorServices, type ServiceItem } from "@/lib/survivors/queries/services";
import { SERVICE_CATEGORY_LABELS } from "@/lib/survivors/services";
import { RemoveService, ServiceRecorder } from "./services-forms";

const RECENT = 5;

/** The survivor page's Services section (for those who manage the survivor): record, undo, the latest few. */
export async function ServicesSection({ me, survivorId, today }: { me: SessionUser; survivorId: string; today: string }) {
  const services = await listSurvivorServices(me, survivorId, { pageSize: RECENT });
  return (
    <section className="card space-y-4" aria-labelledby="services-heading" data-testid="services-section">
      <h2 id="services-heading" className="text-lg font-semibold">
        Services
      </h2>
      <ServiceRecorder survivorId={survivorId} today={today} />
      <div className="space-y-2">
        <h3 className="text-sm font-semibold">Recent services</h3>
        <ServiceList items={services.items} />
        {services.total > services.items.length ? (
          <p className="text-sm">
            <Link href={`/survivors/${survivorId}/services`}>All {services.total} services →</Link>
          </p>
        ) : null}
      </div>
    </section>
  );
}

export function ServiceList({ items }: { items: ServiceItem[] }) {
  if (items.length === 0) return <p className="text-sm text-slate-500">No services recorded yet.</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm" aria-label="Services">
      {items.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5" data-testid="service-item">
          <span>
            <span className="font-medium">{formatCalendarDate(s.occurredOn)}</span> · {SERVICE_CATEGORY_LABELS[s.category]}
            {s.minutes ? ` · ${s.minutes} min` : ""} · <span className="text-slate-600">{s.staffName}</span>
          </span>
          {s.canRemove ? <RemoveService id={s.id} /> : null}
        </li>
      ))}
    </ul>
  );
}
