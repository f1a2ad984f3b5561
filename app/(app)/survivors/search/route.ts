import { can } from "@/lib/auth/policy";
import { recordDenial, requireUser } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { refusalResponse } from "@/lib/route-errors";
import { survivorListScopeOf } from "@/lib/survivors/queries/caseload";
import { caseloadSearchLocation, type CaseloadFilterForm } from "@/lib/survivors/sealed-search";

// The caseload's filter form posts here, so that what was searched (it may be a name or a date of
// birth) is never in a URL: the answer is a 303 to the list with the search sealed for this session
// (lib/survivors/sealed-search.ts). Works without JavaScript. A route handler is public: it checks the
// session and the permission itself, and that the post comes from this site (as Next checks for server
// actions; the session cookie is SameSite=Lax already).

const FIELDS = ["q", "status", "county", "advocateId", "sort"] as const;

function seeOther(location: string): Response {
  return new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });
}

/**
 * A post from another site. The browser says so in Sec-Fetch-Site; the Origin header cannot be relied
 * on alone, since under our Referrer-Policy (no-referrer) a form post's Origin is "null". Without
 * Sec-Fetch-Site (an older browser), an Origin naming another host.
 */
function crossSite(request: Request): boolean {
  const site = request.headers.get("sec-fetch-site");
  if (site) return site !== "same-origin";
  const origin = request.headers.get("origin");
  if (!origin || origin === "null") return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  try {
    return new URL(origin).host !== host.split(",")[0]!.trim();
  } catch {
    return true;
  }
}

export async function POST(request: Request) {
  const me = await requireUser();
  if (!can(me, "survivors.view")) {
    await recordDenial(me, "survivors.view");
    return refusalResponse(new AppError("forbidden"));
  }
  if (crossSite(request)) return refusalResponse(new AppError("forbidden"));
  let body: FormData;
  try {
    body = await request.formData();
  } catch {
    return seeOther("/survivors");
  }
  const form: CaseloadFilterForm = {};
  for (const field of FIELDS) {
    const value = body.get(field);
    if (typeof value === "string") form[field] = value;
  }
  const scope = body.get("scope");
  return seeOther(caseloadSearchLocation(me, form, survivorListScopeOf(me, typeof scope === "string" ? scope : undefined) === "released"));
}

/** Signed back in after a search posted with an ended session: the list, to search again (the search itself is not kept). */
export async function GET() {
  await requireUser();
  return seeOther("/survivors");
}
