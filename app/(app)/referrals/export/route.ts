import { referralsExport } from "@/lib/referrals/export";
import { parseReferralFilters } from "@/lib/referrals/schema";
import { exportRoute, invalidFilterResponse } from "@/lib/exports/route";

// The referral list as CSV, for the filter its page shows (the same search params and schema):
// referrals sent from the caller's side or received by their organization.
export function GET(request: Request) {
  return exportRoute(request, "referrals.view", (me, query) => {
    const { filters, dateErrors, valid } = parseReferralFilters(query);
    return valid ? referralsExport(me, filters) : invalidFilterResponse(dateErrors, { from: "Sent from", to: "Sent to" });
  });
}
