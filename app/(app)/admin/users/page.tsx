import Link from "next/link";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { ROLES, ROLE_LABELS } from "@/lib/auth/roles";
import { requirePermission } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/format";
import { pageSchema } from "@/lib/pagination";
import { listOrganizationOptions, listUsers } from "@/lib/users/queries";
import { userFiltersSchema } from "@/lib/users/schema";

export const metadata = { title: "Users" };

export default async function UsersPage({ searchParams }: PageProps<"/admin/users">) {
  const me = await requirePermission("users.manage");
  const params = flattenParams(await searchParams);
  const filters = userFiltersSchema.parse(params);
  const page = pageSchema.parse(firstParam(params.page));
  const [result, organizations] = await Promise.all([listUsers(me, filters, page), listOrganizationOptions(me)]);

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">Users</h1>
        <Link href="/admin/users/new" className="btn-primary">
          New user
        </Link>
      </div>

      <form method="get" className="card grid gap-3 sm:grid-cols-5" role="search" aria-label="Filter users">
        <div className="sm:col-span-2">
          <label htmlFor="q" className="block text-sm font-medium">
            Name or email
          </label>
          <input id="q" name="q" defaultValue={filters.q ?? ""} className="input mt-1" />
        </div>
        <div>
          <label htmlFor="role" className="block text-sm font-medium">
            Role
          </label>
          <select id="role" name="role" defaultValue={filters.role ?? ""} className="input mt-1">
            <option value="">Any role</option>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {ROLE_LABELS[role]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="organizationId" className="block text-sm font-medium">
            Organization
          </label>
          <select id="organizationId" name="organizationId" defaultValue={filters.organizationId ?? ""} className="input mt-1">
            <option value="">Any organization</option>
            {organizations.map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
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
        <div className="flex gap-2 sm:col-span-5">
          <button type="submit" className="btn-primary">
            Filter
          </button>
          <Link href="/admin/users" className="btn-secondary">
            Clear
          </Link>
        </div>
      </form>

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
            {result.items.length === 0 ? (
              <tr>
                <td colSpan={6} className="py-6 text-center text-slate-500">
                  No users match these filters.
                </td>
              </tr>
            ) : null}
            {result.items.map((user) => (
              <tr key={user.id}>
                <td>
                  <Link href={`/admin/users/${user.id}`}>{user.name}</Link>
                </td>
                <td>{user.email}</td>
                <td>{ROLE_LABELS[user.role]}</td>
                <td>{user.organizationName ?? "—"}</td>
                <td>
                  {user.active ? (
                    <span className="badge bg-emerald-50 text-emerald-800">Active</span>
                  ) : (
                    <span className="badge bg-slate-100 text-slate-600">Deactivated</span>
                  )}
                  {user.lockedUntil ? <span className="badge ml-1 bg-amber-50 text-amber-800">Locked</span> : null}
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
