import { exportRoute } from "@/lib/exports/route";
import { operationsExport } from "@/lib/operations/export";
import { operationFiltersSchema } from "@/lib/operations/schema";

// The operations list as CSV, for the list's filter and the caller's scope (lib/operations/access.ts).
export function GET(request: Request) {
  return exportRoute(request, "operations.view", (me, query) => operationsExport(me, operationFiltersSchema.parse({ agency: query.agency, jurisdiction: query.jurisdiction })));
}
