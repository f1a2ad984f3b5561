import { exportRoute } from "@/lib/exports/route";
import { mattersExport } from "@/lib/vacatur/queries/matters-export";
import { matterFiltersSchema } from "@/lib/vacatur/schema";

// The vacatur matter list as CSV, for the filter its page shows (the same search params and schema),
// each row cut by matterAccess as on the page.
export function GET(request: Request) {
  return exportRoute(request, "matters.view", (me, query) => mattersExport(me, matterFiltersSchema.parse(query)));
}
