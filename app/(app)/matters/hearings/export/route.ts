import { exportRoute } from "@/lib/exports/route";
import { hearingsExport } from "@/lib/vacatur/queries/hearings-export";
import { hearingViewSchema } from "@/lib/vacatur/schema";

// The hearings list (upcoming or past, as its page's view) as CSV, for the matters whose court dates
// the caller sees.
export function GET(request: Request) {
  return exportRoute(request, "matters.view", (me, query) => hearingsExport(me, hearingViewSchema.parse(query.view)));
}
