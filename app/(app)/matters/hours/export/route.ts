import { z } from "zod";
import { can } from "@/lib/auth/policy";
import { currentRequestMeta, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { refusalResponse } from "@/lib/route-errors";
import { hoursCsv, hoursCsvFilename } from "@/lib/vacatur/hours-csv";
import { getHoursLedger } from "@/lib/vacatur/queries/hours";
import { hoursReportSchema } from "@/lib/vacatur/schema";

// The pro bono hours of a period as CSV (the hours page links here once its period is valid): the
// legal organization's lead downloads its attorneys' hours, an attorney their own (hoursScopeOf).
// A period that is not one is refused with 400 and what is wrong with each date, never "all time".
export async function GET(request: Request) {
  const me = await requireUser();
  // Permission before the period: someone refused learns nothing about the form.
  if (!can(me, "matters.hours")) return refusalResponse(new AppError("forbidden"));
  const params = new URL(request.url).searchParams;
  const range = hoursReportSchema.safeParse({ from: params.get("from") ?? "", to: params.get("to") ?? "" });
  if (!range.success) {
    const errors = z.flattenError(range.error).fieldErrors;
    const text = Object.entries(errors)
      .map(([field, messages]) => `${field === "from" ? "From" : "To"}: ${messages?.join(" ")}`)
      .join("\n");
    return new Response(text, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  try {
    const ledger = await getHoursLedger(me, { from: range.data.from ?? null, to: range.data.to ?? null }, await currentRequestMeta());
    return new Response(hoursCsv(ledger), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${hoursCsvFilename(ledger)}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    return refusalResponse(error);
  }
}
