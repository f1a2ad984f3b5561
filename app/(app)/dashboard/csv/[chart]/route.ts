import { can } from "@/lib/auth/policy";
import { currentRequestMeta, recordDenial, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { pacificToday } from "@/lib/format";
import { getDashboardCsv } from "@/lib/reports/dashboard";
import { parseDashboardParams } from "@/lib/reports/schema";
import { refusalResponse } from "@/lib/route-errors";

// One dashboard chart's table as CSV, for the same filters as the page (the page links here): the same
// queries and the same suppression, so the file holds exactly what the page shows. Checks the session
// and the permission itself; every download is audited. A period that is not one is refused with 400
// and what is wrong with each date, never answered for another period.
export async function GET(request: Request, { params }: RouteContext<"/dashboard/csv/[chart]">) {
  const me = await requireUser();
  // Permission before anything else: someone refused learns nothing about the figures or the form.
  if (!can(me, "reports.view")) {
    await recordDenial(me, "reports.view");
    return refusalResponse(new AppError("forbidden"));
  }
  const { chart } = await params;
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const { filters, errors } = parseDashboardParams(query, pacificToday());
  if (!filters) {
    const text = Object.entries(errors)
      .map(([field, messages]) => `${field === "from" ? "From" : field === "to" ? "To" : "Period"}: ${messages?.join(" ")}`)
      .join("\n");
    return new Response(text, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  try {
    const { filename, csv } = await getDashboardCsv(me, filters, chart, await currentRequestMeta());
    return new Response(csv, {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
