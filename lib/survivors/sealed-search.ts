import type { SessionUser } from "../auth/sessions";
import { openSealed, sealText } from "../crypto/seal";
import { getEnv } from "../env";
import type { FieldErrors } from "../errors";
import { parseFilters } from "../validation";
import { survivorFiltersSchema, type SurvivorFilters } from "./schema";

// The caseload's search never travels in a URL (SECURITY.md, ASVS 14.2.1): it can be a legal name, an
// alias or a date of birth, and a URL ends up in browser history, server and proxy logs and Referer
// headers. The filter form posts it (app/(app)/survivors/search/route.ts); the answer sends the
// browser to the list with the other filters as plain parameters and the search sealed in `s`
// (lib/crypto/seal.ts): readable only by the server, only for the session that searched, and only
// while that session could still be alive. The page, its pagination and its CSV export all open `s`
// here; a `q` in a URL is never read.

const PURPOSE = "caseload-search";
export const SEARCH_TOKEN_PARAM = "s";
export const SEARCH_EXPIRED_MESSAGE = "This search has expired: search again.";
/** As survivorFiltersSchema's q (searchText(120)). */
const SEARCH_MAX_LENGTH = 120;

type Holder = Pick<SessionUser, "sessionId">;

/** A search sealed for this session, for as long as a session may last (CLEARWAY_SESSION_MAX_HOURS). */
export function sealSearch(me: Holder, text: string, now: Date = new Date()): string {
  return sealText(text, { purpose: PURPOSE, holder: me.sessionId }, new Date(now.getTime() + getEnv().sessionMaxHours * 3_600_000));
}

/** The searched text, or null when the token was sealed for another session, was changed, or has expired. */
export function openSearch(me: Holder, token: string, now: Date = new Date()): string | null {
  return openSealed(token, { purpose: PURPOSE, holder: me.sessionId }, now);
}

export type CaseloadFilters = {
  filters: SurvivorFilters;
  fieldErrors: FieldErrors;
  /** `s` could not be opened: show SEARCH_EXPIRED_MESSAGE and list nothing (never the unfiltered list as if it were the search's) */
  searchExpired: boolean;
};

/** The list's filters from a URL's parameters (the page's and the export's): the plain ones, and the search from `s`. */
export function caseloadFiltersOf(me: Holder, params: Record<string, string | undefined>, now: Date = new Date()): CaseloadFilters {
  const { q: _ignored, [SEARCH_TOKEN_PARAM]: token, ...plain } = params;
  if (!token) return { ...parseFilters(survivorFiltersSchema, plain), searchExpired: false };
  const text = openSearch(me, token, now);
  if (text === null) {
    const { filters, fieldErrors } = parseFilters(survivorFiltersSchema, plain);
    return { filters, fieldErrors: { ...fieldErrors, q: [SEARCH_EXPIRED_MESSAGE] }, searchExpired: true };
  }
  return { ...parseFilters(survivorFiltersSchema, { ...plain, q: text }), searchExpired: false };
}

/** The fields the filter form posts (all optional; anything else is ignored). */
export type CaseloadFilterForm = Partial<Record<"q" | "status" | "county" | "advocateId" | "sort", string>>;

/**
 * Where a posted filter form sends the browser: the list, with the other filters (validated by the
 * same schema) as plain parameters and the search sealed in `s`. A search the page must refuse (a
 * NUL character) is sealed as typed, so the page shows why beside the field, as it does for any filter.
 */
export function caseloadSearchLocation(me: Holder, form: CaseloadFilterForm, released: boolean, now: Date = new Date()): string {
  const { filters, fieldErrors } = parseFilters(survivorFiltersSchema, form);
  const query = new URLSearchParams();
  if (released) query.set("scope", "released");
  query.set("status", filters.status);
  if (filters.county) query.set("county", filters.county);
  if (filters.advocateId) query.set("advocateId", filters.advocateId);
  query.set("sort", filters.sort);
  const typed = form.q?.trim() ?? "";
  const text = filters.q ?? (fieldErrors.q && typed.length <= SEARCH_MAX_LENGTH ? typed : undefined);
  if (text) query.set(SEARCH_TOKEN_PARAM, sealSearch(me, text, now));
  return `/survivors?${query}`;
}
