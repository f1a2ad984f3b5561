import Link from "next/link";
import { ExportLink } from "@/app/_components/export-link";
import { ActiveBadge, EmptyRow, FilterForm, FilterSelect, FilterText, STATUS_FILTER_OPTIONS } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { pageSchema } from "@/lib/pagination";
import { listOrganizationOptions, listUsers } from "@/lib/users/queries";
import { userFiltersSchema } from "@/lib/users/schema";
import { parseFilters } from "@/lib/validation";

const APPROVAL_FILTER_OPTIONS = [
  { value: "pending", label: "Waiting for approval" },
  { value: "declined", label: "Declined" },
] as const;

export const metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: PageProps<"/admin/users">) {
  const me = await requirePermission("users.manage");
  const params = flattenParams(await searchParams);
  const { filters, fieldErrors } = parseFilters(userFiltersSchema, params);
  const page = pageSchema.parse(firstParam(params.page));
  const [result, organizations] = await Promise.all([listUsers(me, filters, page), listOrganizationOptions(me)]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Users</h1>
        <div className="flex gap-2">
          <ExportLink path="/admin/users/export" params={params} />
          <Link href="/admin/users/new" className="btn-primary">
            New user
          </Link>
        </div>
      </div>

      <FilterForm label="Filter users" columns="sm:grid-cols-6" clearHref="/admin/users">
        <FilterText name="q" label="Name or email" defaultValue={filters.q} error={fieldErrors.q} className="sm:col-span-2" />
        <FilterSelect name="role" label="Role" defaultValue={filters.role} anyLabel="Any role" options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))} />
        <FilterSelect
          name="organizationId"
          label="Organization"
          defaultValue={filters.organizationId}
          anyLabel="Any organization"
          options={organizations.map((org) => ({ value: org.id, label: org.name }))}
        />
        <FilterSelect name="status" label="Status" defaultValue={filters.status} options={STATUS_FILTER_OPTIONS} />
        <FilterSelect name="approval" label="Approval" defaultValue={filters.approval} anyLabel="Any" options={APPROVAL_FILTER_OPTIONS} />
      </FilterForm>

      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Organization</th>
              <th scope="col">Status</th>
              <th scope="col">Last sign-in</th>
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 ? <EmptyRow colSpan={6}>No users match these filters.</EmptyRow> : null}
            {result.items.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
                </td>
                <td>{user.email}</td>
                <td>{ROLE_LABELS[user.role]}</td>
                <td>{user.organizationName ?? "—"}</td>
                <td>
                  <ActiveBadge active={user.active} />
                  {user.lockedUntil ? <span className="badge ml-1 bg-amber-50 text-amber-800">Locked</span> : null}
                  {user.approvalStatus === "pending" ? <span className="badge ml-1 bg-amber-50 text-amber-800">Waiting for approval</span> : null}
                  {user.approvalStatus === "declined" ? <span className="badge ml-1 bg-red-50 text-red-800">Declined</span> : null}
                </td>
                <td className="whitespace-nowrap text-slate-600">{formatDateTime(user.lastSignInAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/admin/users" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="user" />
    </div>
  );
}
