import Link from "next/link";

type Params = Record<string, string | undefined>;

function hrefWith(basePath: string, params: Params, changes: Params): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...params, ...changes })) {
    if (value !== undefined && value !== "") query.set(key, value);
  }
  const text = query.toString();
  return text ? `${basePath}?${text}` : basePath;
}

/** Numbered pages for offset lists; keeps the current filters in every link. */
export function Pagination({
  basePath,
  params,
  page,
  pageCount,
  total,
  noun,
  totalIsLowerBound = false,
}: {
  basePath: string;
  params: Params;
  page: number;
  pageCount: number;
  total: number;
  noun: string;
  /** The list stopped counting at `total` (very large lists): say "more than", and suggest filters. */
  totalIsLowerBound?: boolean;
}) {
  return (
    <nav aria-label="Pages" className="mt-4 flex flex-wrap items-center justify-between gap-3 text-sm text-slate-600">
      {totalIsLowerBound ? (
        <p>
          More than {total.toLocaleString("en-US")} {noun}s · page {page}. Filter or search to narrow the list.
        </p>
      ) : (
        <p>
          {total.toLocaleString("en-US")} {noun}
          {total === 1 ? "" : "s"} · page {Math.min(page, pageCount)} of {pageCount}
        </p>
      )}
      <div className="flex gap-2">
        {page > 1 ? (
          <Link className="btn-secondary" href={hrefWith(basePath, params, { page: String(page - 1) })} rel="prev">
            Previous
          </Link>
        ) : null}
        {page < pageCount ? (
          <Link className="btn-secondary" href={hrefWith(basePath, params, { page: String(page + 1) })} rel="next">
            Next
          </Link>
        ) : null}
      </div>
    </nav>
  );
}

/** Newer/older links for keyset-paginated lists (the audit trail). */
export function CursorPagination({
  basePath,
  params,
  newerCursor,
  olderCursor,
}: {
  basePath: string;
  params: Params;
  newerCursor: number | null;
  olderCursor: number | null;
}) {
  const base = { ...params, before: undefined, after: undefined };
  return (
    <nav aria-label="Pages" className="mt-4 flex justify-end gap-2 text-sm">
      {newerCursor ? (
        <Link className="btn-secondary" href={hrefWith(basePath, base, { after: String(newerCursor) })} rel="prev">
          Newer
        </Link>
      ) : null}
      {olderCursor ? (
        <Link className="btn-secondary" href={hrefWith(basePath, base, { before: String(olderCursor) })} rel="next">
          Older
        </Link>
      ) : null}
    </nav>
  );
}

export function firstParam(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** searchParams as plain single values (repeated keys keep their first value). */
export function flattenParams(params: Record<string, string | string[] | undefined>): Params {
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, firstParam(value)]));
}
