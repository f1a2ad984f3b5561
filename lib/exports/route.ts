import "server-only";
import { can, type Permission } from "../auth/policy";
import { currentRequestMeta, recordDenial, requireUser, type SessionUser } from "../auth/session";
import { AppError } from "../errors";
import { refusalResponse } from "../route-errors";
import { csvDownload, type CsvExport } from "./export";

// The one shape of every list's CSV route handler: the session (signed out: to sign-in), the list's
// permission (refused: 403, audited like a refused page), then the list's own export, built from the
// same search params its page reads. A route handler is a public GET: it checks all of this itself.

/** A URL's query as the pages read theirs (flattenParams): the first value of each name. */
export function queryOf(request: Request): Record<string, string | undefined> {
  const params: Record<string, string> = {};
  for (const [key, value] of new URL(request.url).searchParams) if (!(key in params)) params[key] = value;
  return params;
}

export async function exportRoute<Row>(
  request: Request,
  permission: Permission,
  build: (me: SessionUser, query: Record<string, string | undefined>) => CsvExport<Row> | Response | Promise<CsvExport<Row> | Response>,
): Promise<Response> {
  const me = await requireUser();
  // Permission before anything of the filter is read: someone refused learns nothing about the list.
  if (!can(me, permission)) {
    await recordDenial(me, permission);
    return refusalResponse(new AppError("forbidden"));
  }
  try {
    const spec = await build(me, queryOf(request));
    if (spec instanceof Response) return spec;
    return csvDownload(spec, { actor: me, meta: await currentRequestMeta() });
  } catch (error) {
    return refusalResponse(error, "export");
  }
}

/** A filter the page shows as an error (an impossible period) refuses the download, saying why, rather than exporting another period. */
export function invalidFilterResponse(errors: Record<string, string[] | undefined>, labels: Record<string, string>): Response {
  const text = Object.entries(errors)
    .map(([field, messages]) => `${labels[field] ?? field}: ${messages?.join(" ")}`)
    .join("\n");
  return new Response(text, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
}
