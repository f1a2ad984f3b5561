import Link from "next/link";
import { ExportLink } from "@/app/_components/export-link";
import { EmptyRow, FilterForm, FilterSelect, FilterText } from "@/app/_components/list";
import { optionsOf } from "@/app/_components/options";
import { firstParam, flattenParams, Pagination } from "@/app/_components/pagination";
import { requirePermission } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import { formatDateTime } from "@/lib/format";
import { SERVICES, SERVICE_LABELS } from "@/lib/organizations/constants";
import { pageSchema, toPage } from "@/lib/pagination";
import { REFERRAL_STATUSES, REFERRAL_STATUS_LABELS, URGENCY_LABELS } from "@/lib/referrals/constants";
import { countOverdueReferrals, listReferralCounterparts, listReferrals } from "@/lib/referrals/queries";
import { parseReferralFilters } from "@/lib/referrals/schema";
import { ReferralStatusBadge } from "./status-badge";

export const metadata = { title: "Referrals" };

export default async function ReferralsPage({ searchParams }: PageProps<"/referrals">) {
  const me = await requirePermission("referrals.view");
  const params = flattenParams(await searchParams);
  const { filters, dateErrors, valid } = parseReferralFilters({ ...params, sentFrom: firstParam(params.sentFrom), sentTo: firstParam(params.sentTo) });
  const page = pageSchema.parse(firstParam(params.page));
  // Days sent that are not dates list nothing: the list must never quietly cover a different period.
  const [result, overdue, partners] = await Promise.all([
    valid ? listReferrals(me, filters, page) : Promise.resolve(toPage<Awaited<ReturnType<typeof listReferrals>>["items"][number]>([], 0, 1)),
    countOverdueReferrals(me),
    listReferralCounterparts(me),
  ]);
  const days = getEnv().referralOverdueBusinessDays;
  const title = me.role === "advocate" ? "Your referrals" : me.role === "program_lead" ? "Your organization's referrals" : "Referrals to your organization";

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-2xl font-semibold">{title}</h1>
        <ExportLink path="/referrals/export" params={params} />
      </div>
      {overdue > 0 ? (
        <p role="status" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="overdue-banner">
          {overdue} sent referral{overdue === 1 ? " has" : "s have"} had no answer for more than {days} business days.{" "}
          {filters.overdue ? null : <Link href="/referrals?overdue=1&status=all">Show overdue</Link>}
        </p>
      ) : null}
      <FilterForm label="Filter referrals" columns="sm:grid-cols-3" clearHref="/referrals">
        <FilterSelect
          name="status"
          label="Status"
          defaultValue={filters.status}
          options={[{ value: "open", label: "Open (not ended)" }, { value: "all", label: "All" }, ...optionsOf(REFERRAL_STATUSES, REFERRAL_STATUS_LABELS)]}
        />
        <FilterSelect name="service" label="Service" defaultValue={filters.service} anyLabel="Any service" options={optionsOf(SERVICES, SERVICE_LABELS)} />
        <FilterSelect name="partnerId" label="Partner" defaultValue={filters.partnerId} anyLabel="Any partner" options={partners.map((p) => ({ value: p.id, label: p.name }))} />
        <div className="flex items-end">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} className="h-4 w-4" /> Overdue only
          </label>
        </div>
        <FilterText type="date" name="sentFrom" label="Sent from" defaultValue={firstParam(params.sentFrom)} error={dateErrors.from} />
        <FilterText type="date" name="sentTo" label="Sent to" defaultValue={firstParam(params.sentTo)} error={dateErrors.to} />
      </FilterForm>
      <div className="card overflow-x-auto p-0">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Client code</th>
              <th scope="col">Service</th>
              <th scope="col">From → to</th>
              <th scope="col">Urgency</th>
              <th scope="col">Status</th>
              <th scope="col">Sent</th>
              <th scope="col">Last change</th>
            </tr>
          </thead>
          <tbody>
            {result.items.length === 0 ? <EmptyRow colSpan={7}>No referrals match these filters.</EmptyRow> : null}
            {result.items.map((r) => (
              <tr key={r.id} data-testid="referral-row">
                <td className="whitespace-nowrap font-mono text-sm">
                  <Link href={`/referrals/${r.id}`}>{r.clientCode}</Link>
                </td>
                <td>{SERVICE_LABELS[r.service]}</td>
                <td>
                  {r.fromName} → {r.toName}
                </td>
                <td>{URGENCY_LABELS[r.urgency]}</td>
                <td className="whitespace-nowrap">
                  <ReferralStatusBadge status={r.status} overdue={r.overdue} />
                </td>
                <td className="whitespace-nowrap text-slate-600">{formatDateTime(r.sentAt)}</td>
                <td className="whitespace-nowrap text-slate-600">{formatDateTime(r.statusChangedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination basePath="/referrals" params={params} page={result.page} pageCount={result.pageCount} total={result.total} noun="referral" totalIsLowerBound={result.totalIsLowerBound} />
    </div>
  );
}
