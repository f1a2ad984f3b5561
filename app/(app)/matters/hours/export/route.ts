import { z } from "zod";
import { exportRoute, invalidFilterResponse } from "@/lib/exports/route";
import { hoursExport } from "@/lib/vacatur/hours-csv";
import { hoursReportSchema } from "@/lib/vacatur/schema";

// The pro bono hours of a period as CSV (the hours page links here once its period is valid): the
// legal organization's lead downloads its attorneys' hours, an attorney their own (hoursScopeOf).
// A period that is not one is refused with 400 and what is wrong with each date, never "all time".
export function GET(request: Request) {
  return exportRoute(request, "matters.hours", (me, query) => {
    const range = hoursReportSchema.safeParse({ from: query.from ?? "", to: query.to ?? "" });
    if (!range.success) return invalidFilterResponse(z.flattenError(range.error).fieldErrors, { from: "From", to: "To" });
    return hoursExport(me, { from: range.data.from ?? null, to: range.data.to ?? null });
  });
}
