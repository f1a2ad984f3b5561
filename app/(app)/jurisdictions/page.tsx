import Link from "next/link";
import { EmptyRow } from "@/app/_components/list";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { JURISDICTION_KIND_LABELS } from "@/lib/fees/constants";
import { listJurisdictions } from "@/lib/jurisdictions/queries";
import { pageSchema } from "@/lib/pagination";

export const metadata = { title: "Jurisdictions" };

export default async function JurisdictionsPage({ searchParams }: PageProps<"/jurisdictions">) {
  const me = await requirePermission("jurisdictions.view");
  const params = flattenParams(await searchParams);
  const list = await listJurisdictions(me, pageSchema.parse(firstParam(params.page)));
  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Jurisdictions</h1>
          <p className="text-sm text-slate-600">Cities and counties: the tactics they use against demand, their partners, and their fee and operation figures.</p>
        </div>
        {list.canAdd ? (
          <Link href="/jurisdictions/new" className="btn-primary">
            Add a jurisdiction
          </Link>
        ) : null}
      </div>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Jurisdiction</th>
              <th scope="col">Kind</th>
              <th scope="col">County</th>
              <th scope="col">Population</th>
              <th scope="col">Tactics in use</th>
              <th scope="col">Operations</th>
            </tr>
          </thead>
          <tbody>
            {list.items.length === 0 ? <EmptyRow colSpan={6}>No jurisdictions yet.</EmptyRow> : null}
            {list.items.map((j) => (
              <tr key={j.id} data-testid="jurisdiction-row">
                <td>
                  <Link href={`/jurisdictions/${j.id}`}>
                    {j.name}, {j.state}
                  </Link>
                </td>
                <td>{JURISDICTION_KIND_LABELS[j.kind]}</td>
                <td>{j.county ?? "—"}</td>
                <td>{j.population?.toLocaleString("en-US") ?? "—"}</td>
                <td>{j.tactics.length}</td>
                <td>{j.operations}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/jurisdictions" params={params} page={list.page} pageCount={list.pageCount} total={list.total} noun="jurisdiction" />
    </div>
  );
}
