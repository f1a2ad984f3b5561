import { can } from "@/lib/auth/policy";
import { currentRequestMeta, recordDenial, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { quarterlyFeeReportCsv } from "@/lib/fees/queries";
import { reportQuarters } from "@/lib/fees/quarterly";
import { feeFiltersSchema, parseReportQuarter } from "@/lib/fees/schema";
import { pacificToday } from "@/lib/format";
import { refusalResponse } from "@/lib/route-errors";

// The quarterly fee report as CSV: the page's table. A quarter that is not one is refused with 400.
export async function GET(request: Request) {
  const me = await requireUser();
  if (!can(me, "fees.view")) {
    await recordDenial(me, "fees.view");
    return refusalResponse(new AppError("forbidden"));
  }
  const params = new URL(request.url).searchParams;
  const chosen = parseReportQuarter(params.get("quarter") ?? "", reportQuarters(pacificToday()));
  if (!chosen.quarter) {
    return new Response(chosen.error ?? "Choose a quarter, like 2026-Q3.", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  const filters = feeFiltersSchema.parse({ jurisdiction: params.get("jurisdiction") ?? undefined });
  try {
    const body = await quarterlyFeeReportCsv(me, chosen.quarter, filters, await currentRequestMeta());
    return new Response(body, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="fee-report_${chosen.quarter}.csv"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
