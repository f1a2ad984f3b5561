import { exportRoute, invalidFilterResponse } from "@/lib/exports/route";
import { caseloadExport } from "@/lib/survivors/queries/caseload-export";
import { survivorListScopeOf } from "@/lib/survivors/queries/caseload";
import { caseloadFiltersOf, SEARCH_TOKEN_PARAM } from "@/lib/survivors/sealed-search";

// The survivor list as CSV, for the filter and scope its page shows (the same search params, read by
// the same function): an advocate's caseload, a lead's organization, or the records released to one's
// organization. The columns are the page's. The search comes sealed in `s`, as on the page; one that
// no longer opens (another session's, changed, expired) refuses the download rather than exporting
// the list unsearched, and so does a search in plain `q`, which no page links to any more.
export function GET(request: Request) {
  return exportRoute(request, "survivors.view", (me, query) => {
    if (query.q !== undefined) return invalidFilterResponse({ q: ["a search written in the link is not used: search from the list's page."] }, SEARCH_LABELS);
    const { filters, searchExpired, fieldErrors } = caseloadFiltersOf(me, query);
    if (searchExpired) return invalidFilterResponse({ [SEARCH_TOKEN_PARAM]: fieldErrors.q }, SEARCH_LABELS);
    return caseloadExport(me, filters, survivorListScopeOf(me, query.scope));
  });
}

const SEARCH_LABELS = { q: "Search", [SEARCH_TOKEN_PARAM]: "Search" };
