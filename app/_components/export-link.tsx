// "Download CSV" of a list as it is filtered now: the page's own search params, less its place in the
// list (page number, cursors), on the list's export route, which parses them with the page's schema.

const PLACE_IN_LIST = new Set(["page", "before", "after"]);

export function exportHref(path: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== "" && !PLACE_IN_LIST.has(key)) query.set(key, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function ExportLink({ path, params, label = "Download CSV" }: { path: string; params: Record<string, string | undefined>; label?: string }) {
  return (
    <a href={exportHref(path, params)} download className="btn-secondary" data-testid="export-csv">
      {label}
    </a>
  );
}
