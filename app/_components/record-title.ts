import type { Metadata } from "next";

/**
 * A record's page title: "CW-2026-00042 · Vacatur matter · Clearway", so open tabs can be told apart.
 * `code` comes from the record's access function; null is a record the caller cannot open, whose page
 * is the not-found page: it keeps that page's own title.
 */
export function recordTitle(code: string | null, label: string): Metadata {
  return code ? { title: `${code} · ${label}` } : {};
}

/**
 * For a record's layout: its own page is "<code> · <label>", and every page under it "<code> · <its
 * title>" (a template never applies to the page beside it in the same segment, hence the default).
 */
export function recordTitleTemplate(code: string | null, label: string): Metadata {
  return code ? { title: { default: `${code} · ${label}`, template: `${code} · %s · Clearway` } } : {};
}
