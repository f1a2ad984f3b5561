import Link from "next/link";
import { redirect } from "next/navigation";
import { ExportLink } from "@/app/_components/export-link";
import { EmptyRow, FilterForm, FilterSelect, FilterText } from "@/app/_components/list";
import { optionsOf } from "@/app/_components/options";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { can } from "@/lib/auth/policy";
import { requirePermission } from "@/lib/auth/session";
import { formatCalendarDate } from "@/lib/format";
import { WA_COUNTIES } from "@/lib/organizations/constants";
import { pageSchema, toPage } from "@/lib/pagination";
import { SURVIVOR_SORTS, SURVIVOR_SORT_LABELS, SURVIVOR_STATUSES, SURVIVOR_STATUS_LABELS } from "@/lib/survivors/constants";
import { listAdvocateOptions, listOpenTransferRequests, listSurvivors, survivorListScopeOf, type SurvivorListItem } from "@/lib/survivors/queries/caseload";
import { caseloadFiltersOf } from "@/lib/survivors/sealed-search";
import { StatusBadge } from "./status-badge";
import { TransferRequests } from "./transfer-requests";

export const metadata = { title: "Survivors" };

export default async function SurvivorsPage({ searchParams }: PageProps<"/survivors">) {
  const me = await requirePermission("survivors.view");
  const params = flattenParams(await searchParams);
  // A search is never read from the URL (it may be a name): an old link's `q` is dropped, not used.
  if (params.q !== undefined) redirect(withoutSearchText(params));
  const manages = can(me, "survivors.manage");
  const scope = survivorListScopeOf(me, firstParam(params.scope));
  // The search arrives sealed in `s` (posted by the form to /survivors/search); one that no longer opens lists nothing.
  const { filters, fieldErrors, searchExpired } = caseloadFiltersOf(me, params);
  const page = pageSchema.parse(firstParam(params.page));
  const isLead = can(me, "survivors.reassign");
  const [result, advocates, requests] = await Promise.all([
    searchExpired ? toPage<SurvivorListItem>([], 0, 1) : listSurvivors(me, filters, page, scope),
    isLead ? listAdvocateOptions(me) : Promise.resolve([]),
    isLead ? listOpenTransferRequests(me) : Promise.resolve([]),
  ]);
  const title = scope === "released" ? "Shared with your organization" : me.role === "program_lead" ? "Your organization's survivors" : "Your caseload";
  const showsReleasedTab = me.role === "program_lead";
  const basePath = "/survivors";
  const columns = scope === "managed" ? 6 : 3;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{title}</h1>
          {scope === "released" ? (
            <p className="text-sm text-slate-600">Survivors of other organizations who signed a release to yours. What you see follows each release, and every view is recorded.</p>
          ) : null}
        </div>
        <div className="flex gap-2">
          {searchExpired ? null : <ExportLink path="/survivors/export" params={params} />}
          {manages ? (
            <Link href="/survivors/new" className="btn-primary">
              New intake
            </Link>
          ) : null}
        </div>
      </div>

      {showsReleasedTab ? (
        <nav aria-label="Which survivors" className="flex gap-2 text-sm">
          <Link href="/survivors" aria-current={scope === "managed" ? "page" : undefined} className={scope === "managed" ? "btn-primary" : "btn-secondary"}>
            Our organization
          </Link>
          <Link
            href="/survivors?scope=released"
            aria-current={scope === "released" ? "page" : undefined}
            className={scope === "released" ? "btn-primary" : "btn-secondary"}
          >
            Shared with us
          </Link>
        </nav>
      ) : null}

      {isLead && scope === "managed" && requests.length > 0 ? <TransferRequests requests={requests} advocates={advocates} /> : null}

      <FilterForm label="Filter survivors" columns="sm:grid-cols-6" clearHref={scope === "released" ? "/survivors?scope=released" : "/survivors"} postTo="/survivors/search">
        {scope === "released" ? <input type="hidden" name="scope" value="released" /> : null}
        <FilterText
          name="q"
          label={scope === "managed" ? "Client code, name, alias or date of birth" : "Client code"}
          defaultValue={filters.q}
          error={fieldErrors.q}
          className="sm:col-span-2"
        />
        <FilterSelect
          name="status"
          label="Status"
          defaultValue={filters.status}
          options={[...optionsOf(SURVIVOR_STATUSES, SURVIVOR_STATUS_LABELS), { value: "all", label: "All" }]}
        />
        {scope === "managed" ? (
          <FilterSelect name="county" label="County" defaultValue={filters.county} anyLabel="Any county" options={WA_COUNTIES.map((c) => ({ value: c, label: c }))} />
        ) : null}
        {isLead && scope === "managed" ? (
          <FilterSelect
            name="advocateId"
            label="Advocate"
            defaultValue={filters.advocateId}
            anyLabel="Any advocate"
            options={advocates.map((a) => ({ value: a.id, label: a.name }))}
          />
        ) : null}
        <FilterSelect name="sort" label="Sort by" defaultValue={filters.sort} options={optionsOf(SURVIVOR_SORTS, SURVIVOR_SORT_LABELS)} />
      </FilterForm>

      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Preferred name</th>
              {scope === "managed" ? (
                <>
                  <th scope="col">Status</th>
                  <th scope="col">Advocate</th>
                  <th scope="col">County</th>
                  <th scope="col">Intake</th>
                </>
              ) : (
                <th scope="col">Organization</th>
              )}
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 ? (
              <EmptyRow colSpan={columns}>
                {searchExpired ? "Search again to see its results." : scope === "released" ? "No survivor has a release to your organization in effect." : "No survivors match these filters."}
              </EmptyRow>
            ) : null}
            {result.items.map((s) => (
              <tr key={s.id}>
                <td className="whitespace-nowrap font-mono text-sm">
                  <Link href={`/survivors/${s.id}`}>{s.clientCode}</Link>
                </td>
                <td>
                  {s.preferredName ?? <span className="text-slate-500">Not released</span>}
                  {s.pronouns ? <span className="text-slate-500"> ({s.pronouns})</span> : null}
                </td>
                {scope === "managed" ? (
                  <>
                    <td>
                      <StatusBadge status={s.status} />
                    </td>
                    <td>{s.advocateName}</td>
                    <td>{s.county ?? "—"}</td>
                    <td className="whitespace-nowrap text-slate-600">{formatCalendarDate(s.intakeDate)}</td>
                  </>
                ) : (
                  <td>{s.organizationName}</td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath={basePath} params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="survivor" totalIsLowerBound={result.totalIsLowerBound} />
    </div>
  );
}

function withoutSearchText(params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (key !== "q" && value !== undefined) query.set(key, value);
  const text = query.toString();
  return text ? `/survivors?${text}` : "/survivors";
}
