import { can } from "@/lib/auth/policy";
import { currentRequestMeta, recordDenial, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { pacificToday } from "@/lib/format";
import { funderReportCsv, funderReportFilename } from "@/lib/reports/funder-csv";
import { getFunderReport } from "@/lib/reports/funder-report";
import { chooseQuarter } from "@/lib/reports/pmt";
import { refusalResponse } from "@/lib/route-errors";

// The funder report of one quarter as CSV (the report page links here): the same figures as the page,
// one aggregate row each. Program leads only; a quarter that is not one is refused with 400 and what is
// wrong, never another quarter.
export async function GET(request: Request) {
  const me = await requireUser();
  // Permission before the quarter: someone refused learns nothing about the form.
  if (!can(me, "reports.view")) {
    await recordDenial(me, "reports.view");
    return refusalResponse(new AppError("forbidden"));
  }
  const params = new URL(request.url).searchParams;
  const choice = chooseQuarter({ fy: params.get("fy"), q: params.get("q") }, pacificToday());
  if (!choice.ok) {
    const text = [...(choice.errors.fy ?? []), ...(choice.errors.q ?? [])].join("\n");
    return new Response(text, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  try {
    const report = await getFunderReport(me, choice.quarter, await currentRequestMeta(), "csv");
    return new Response(funderReportCsv(report), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${funderReportFilename(report)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
