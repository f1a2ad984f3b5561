import { exportRoute } from "@/lib/exports/route";
import { usersExport } from "@/lib/users/export";
import { userFiltersSchema } from "@/lib/users/schema";
import { parseFilters } from "@/lib/validation";

// The admin's user list as CSV, for the filter its page shows (the same search params and schema).
export function GET(request: Request) {
  return exportRoute(request, "users.manage", (me, query) => usersExport(me, parseFilters(userFiltersSchema, query).filters));
}
