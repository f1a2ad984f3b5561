import Link from "next/link";
import type { ReactNode } from "react";

// One list on a home page: its heading with how many things wait, the first few (each a link to its
// record), a link to the full list when there are more, or a calm line when there is nothing.

export function HomeList({
  id,
  title,
  count,
  shown,
  allHref,
  empty,
  children,
}: {
  id: string;
  title: string;
  count: number;
  shown: number;
  allHref?: string;
  empty: string;
  children: ReactNode;
}) {
  return (
    <section id={id} className="card space-y-2" aria-labelledby={`${id}-heading`} data-testid={`home-${id}`}>
      <h2 id={`${id}-heading`} className="flex items-baseline justify-between gap-2 text-lg font-semibold">
        <span>{title}</span>
        <span className={`badge ${count > 0 ? "bg-sky-50 text-sky-800" : "bg-slate-100 text-slate-600"}`} data-testid="home-count">
          {count}
        </span>
      </h2>
      {count === 0 ? <p className="text-sm text-slate-500">{empty}</p> : <ul className="divide-y divide-slate-100 text-sm">{children}</ul>}
      {count > shown && allHref ? (
        <p className="text-sm">
          <Link href={allHref}>Show all {count}</Link>
        </p>
      ) : null}
    </section>
  );
}

/** The row of counts at the top of a home: each jumps to its list. */
export function HomeSummary({ items }: { items: { href: string; label: string; count: number }[] }) {
  return (
    <ul className="flex flex-wrap gap-2 text-sm" aria-label="Today at a glance">
      {items.map((item) => (
        <li key={item.href}>
          <a href={item.href} className={`btn-secondary ${item.count > 0 ? "font-semibold" : "text-slate-500"}`}>
            {item.label}: {item.count}
          </a>
        </li>
      ))}
    </ul>
  );
}
