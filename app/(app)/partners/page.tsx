import Link from "next/link";
import { EmptyRow, FilterForm, FilterSelect, FilterText } from "@/app/_components/list";
import { optionsOf } from "@/app/_components/options";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { CAPACITIES, CAPACITY_LABELS, SERVICES, SERVICE_LABELS, WA_COUNTIES } from "@/lib/organizations/constants";
import { pageSchema } from "@/lib/pagination";
import { listPartners } from "@/lib/partners/queries";
import { partnerFiltersSchema } from "@/lib/partners/schema";
import { parseFilters } from "@/lib/validation";
import { CapacityBadge } from "./capacity-badge";

export const metadata = { title: "Partners" };

export default async function PartnersPage({ searchParams }: PageProps<"/partners">) {
  const me = await requirePermission("partners.view");
  const params = flattenParams(await searchParams);
  const { filters, fieldErrors } = parseFilters(partnerFiltersSchema, params);
  const page = pageSchema.parse(firstParam(params.page));
  const result = await listPartners(me, filters, page);
  return (
    <div className="space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Partner directory</h1>
        <p className="text-slate-600">Who offers what, where and in which languages, and whether they are taking referrals now.</p>
      </div>
      <FilterForm label="Filter partners" columns="sm:grid-cols-4" clearHref="/partners">
        <FilterSelect name="service" label="Service" defaultValue={filters.service} anyLabel="Any service" options={optionsOf(SERVICES, SERVICE_LABELS)} />
        <FilterSelect name="county" label="County" defaultValue={filters.county} anyLabel="Any county" options={WA_COUNTIES.map((c) => ({ value: c, label: c }))} />
        <FilterText name="language" label="Language" defaultValue={filters.language} error={fieldErrors.language} placeholder="e.g. Spanish" />
        <FilterSelect name="capacity" label="Capacity" defaultValue={filters.capacity} anyLabel="Any" options={optionsOf(CAPACITIES, CAPACITY_LABELS)} />
      </FilterForm>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Organization</th>
              <th scope="col">Services</th>
              <th scope="col">Counties</th>
              <th scope="col">Languages</th>
              <th scope="col">Capacity</th>
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 ? <EmptyRow colSpan={5}>No partners match these filters.</EmptyRow> : null}
            {result.items.map((p) => (
              <tr key={p.id}>
                <td>
                  <Link href={`/partners/${p.id}`}>{p.name}</Link>
                </td>
                <td>{p.services.map((s) => SERVICE_LABELS[s]).join(", ") || "—"}</td>
                <td>{[...new Set([p.county, ...p.countiesServed].filter(Boolean))].join(", ") || "Statewide"}</td>
                <td>{p.languages.join(", ") || "—"}</td>
                <td>
                  <CapacityBadge capacity={p.capacity} />
                  <span className="block text-xs text-slate-500">{p.capacityUpdatedAt ? `as of ${formatDateTime(p.capacityUpdatedAt)}` : "never updated"}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/partners" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="partner" />
    </div>
  );
}
