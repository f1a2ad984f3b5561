import Link from "next/link";
import { ActiveBadge, EmptyRow, FilterForm, FilterSelect, FilterText, STATUS_FILTER_OPTIONS } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS, SERVICE_LABELS } from "@/lib/organizations/constants";
import { listOrganizations } from "@/lib/organizations/queries";
import { organizationFiltersSchema } from "@/lib/organizations/schema";
import { pageSchema } from "@/lib/pagination";
import { parseFilters } from "@/lib/validation";

export const metadata = { title: "Organizations" };

export default async function OrganizationsPage({ searchParams }: PageProps<"/admin/organizations">) {
  const me = await requirePermission("organizations.manage");
  const params = flattenParams(await searchParams);
  const { filters, fieldErrors } = parseFilters(organizationFiltersSchema, params);
  const page = pageSchema.parse(firstParam(params.page));
  const result = await listOrganizations(me, filters, page);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Organizations</h1>
        <Link href="/admin/organizations/new" className="btn-primary">
          New organization
        </Link>
      </div>

      <FilterForm label="Filter organizations" columns="sm:grid-cols-4" clearHref="/admin/organizations">
        <FilterText name="q" label="Name" defaultValue={filters.q} error={fieldErrors.q} className="sm:col-span-2" />
        <FilterSelect
          name="type"
          label="Type"
          defaultValue={filters.type}
          anyLabel="Any type"
          options={ORGANIZATION_TYPES.map((type) => ({ value: type, label: ORGANIZATION_TYPE_LABELS[type] }))}
        />
        <FilterSelect name="status" label="Status" defaultValue={filters.status} options={STATUS_FILTER_OPTIONS} />
      </FilterForm>

      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col">County</th>
              <th scope="col">Services</th>
              <th scope="col">Staff</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 ? <EmptyRow colSpan={6}>No organizations match these filters.</EmptyRow> : null}
            {result.items.map((org) => (
              <tr key={org.id}>
                <td>
                  <Link href={`/admin/organizations/${org.id}`}>{org.name}</Link>
                </td>
                <td>{ORGANIZATION_TYPE_LABELS[org.type]}</td>
                <td>{org.county ?? "Statewide"}</td>
                <td className="text-slate-600">{org.services.map((s) => SERVICE_LABELS[s]).join(", ") || "—"}</td>
                <td className="tabular-nums">{org.memberCount}</td>
                <td>
                  <ActiveBadge active={org.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination
        basePath="/admin/organizations"
        params={params}
        page={result.page}
        pageCount={result.pageCount}
        total={result.total}
        noun="organization"
      />
    </div>
  );
}
