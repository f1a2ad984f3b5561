import { and } from "drizzle-orm";
import type { SessionUser } from "../auth/sessions";
import { csvDateTime, datedFilename, type CsvColumn } from "../exports/csv";
import type { CsvExport } from "../exports/export";
import { keysetAfter } from "../exports/keyset";
import { SERVICE_LABELS } from "../organizations/constants";
import { REFERRAL_STATUS_LABELS, URGENCY_LABELS } from "./constants";
import { REFERRAL_LIST_ORDER, referralListRows, referralListWhere, toReferralListItem, type ReferralListItem } from "./queries";
import type { ReferralFilters } from "./schema";

// The referral list as CSV: the page's rows for the same filter, every page of them, with the page's
// columns. Like the list, it names each survivor by client code only: what a referral says about the
// person (the need, notes, identity) stays on the referral's own page, behind its release.

type ReferralExportRow = ReferralListItem & { survivorId: string };

const COLUMNS: CsvColumn<ReferralExportRow>[] = [
  { header: "Client code", value: (r) => r.clientCode },
  { header: "Service", value: (r) => SERVICE_LABELS[r.service] },
  { header: "From", value: (r) => r.fromName },
  { header: "To", value: (r) => r.toName },
  { header: "Urgency", value: (r) => URGENCY_LABELS[r.urgency] },
  { header: "Status", value: (r) => REFERRAL_STATUS_LABELS[r.status] },
  { header: "Overdue", value: (r) => (r.overdue ? "Yes" : "") },
  { header: "Sent (Pacific)", value: (r) => csvDateTime(r.sentAt) },
  { header: "Last change (Pacific)", value: (r) => csvDateTime(r.statusChangedAt) },
];

export function referralsExport(me: SessionUser, filters: ReferralFilters): CsvExport<ReferralExportRow> {
  const now = new Date();
  const where = referralListWhere(me, filters, now);
  const toItem = toReferralListItem(me, now);
  return {
    list: "referrals",
    filter: { status: filters.status, service: filters.service ?? null, partnerId: filters.partnerId ?? null, overdue: filters.overdue, sentFrom: filters.sentFrom ?? null, sentTo: filters.sentTo ?? null },
    filename: datedFilename("referrals"),
    columns: COLUMNS,
    page: async (db, after, limit) => {
      const rows = await referralListRows(db, and(where, keysetAfter(REFERRAL_LIST_ORDER, after))!).limit(limit);
      return rows.map(({ survivorId, cursor, ...row }) => ({ ...toItem(row), survivorId, cursor }));
    },
    survivorOf: (row) => row.survivorId,
  };
}
