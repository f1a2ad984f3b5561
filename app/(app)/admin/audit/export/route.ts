import { z } from "zod";
import { auditExport } from "@/lib/audit/export";
import { auditFiltersSchema } from "@/lib/audit/queries";
import { exportRoute, invalidFilterResponse } from "@/lib/exports/route";
import { periodSchema } from "@/lib/form-fields";

// The audit trail as CSV, for the filter its page shows (user, action, period; the same schemas). A
// period that is not one is refused with 400 and what is wrong with each date, never "all time".
export function GET(request: Request) {
  return exportRoute(request, "audit.read", (me, query) => {
    const period = periodSchema.safeParse({ from: query.from, to: query.to });
    if (!period.success) return invalidFilterResponse(z.flattenError(period.error).fieldErrors, { from: "From", to: "To" });
    return auditExport(me, { ...auditFiltersSchema.parse(query), from: period.data.from, to: period.data.to });
  });
}
