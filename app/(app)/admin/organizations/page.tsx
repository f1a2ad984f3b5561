import Link from "next/link";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { ORGANIZATION_TYPES, ORGANIZATION_TYPE_LABELS, SERVICE_LABELS } from "@/lib/organizations/constants";
import { listOrganizations } from "@/lib/organizations/queries";
import { organizationFiltersSchema } from "@/lib/organizations/schema";
import { pageSchema } from "@/lib/pagination";

export const metadata = { title: "Organizations" };

export default async function OrganizationsPage({ searchParams }: PageProps<"/admin/organizations">) {
  const me = await requirePermission("organizations.manage");
  const params = flattenParams(await searchParams);
  const filters = organizationFiltersSchema.parse(params);
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

      <form method="get" className="card grid gap-3 sm:grid-cols-4" role="search" aria-label="Filter organizations">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium">
            Name
          </label>
          <input id="q" name="q" defaultValue={filters.q ?? ""} className="input mt-1" />
        </div>
        <div>
          <label htmlFor="type" className="block text-sm font-medium">
            Type
          </label>
          <select id="type" name="type" defaultValue={filters.type ?? ""} className="input mt-1">
            <option value="">Any type</option>
            {ORGANIZATION_TYPES.map((type) => (
              <option key={type} value={type}>
                {ORGANIZATION_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="block text-sm font-medium">
            Status
          </label>
          <select id="status" name="status" defaultValue={filters.status} className="input mt-1">
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">All</option>
          </select>
        </div>
        <div className="flex gap-2 sm:col-span-4">
          <button type="submit" className="btn-primary">
            Filter
          </button>
          <Link href="/admin/organizations" className="btn-secondary">
            Clear
          </Link>
        </div>
      </form>

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
            {result.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-6 text-center text-slate-500">
                  No organizations match these filters.
                </td>
              </tr>
            ) : null}
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
                  {org.active ? (
                    <span className="badge bg-emerald-50 text-emerald-800">Active</span>
                  ) : (
                    <span className="badge bg-slate-100 text-slate-600">Deactivated</span>
                  )}
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
