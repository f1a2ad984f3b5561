import { exportRoute } from "@/lib/exports/route";
import { feeCasesExport } from "@/lib/fees/export";
import { feeFiltersSchema } from "@/lib/fees/schema";

// The fee-case list as CSV, for the list's filter and the caller's scope (lib/fees/access.ts).
export function GET(request: Request) {
  return exportRoute(request, "fees.view", (me, query) => feeCasesExport(me, feeFiltersSchema.parse({ jurisdiction: query.jurisdiction, status: query.status })));
}
