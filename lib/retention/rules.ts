// Retention (issue 15): how long a closed survivor record and the audit trail are kept. Pure data and
// date arithmetic, shared by the admin's form, the purge jobs and the program lead's preview.

/**
 * Years a closed survivor record is kept after it was closed (per organization, set by an admin).
 * Seven by default: past Washington's longest limitation periods for claims an agency could face
 * over a case (six years for a written contract, RCW 4.16.040; three for most torts) and the usual
 * three-year federal grant record rule (2 CFR 200.334) with room for an audit that extends it. At least
 * one year, so a record closed by mistake can still be reopened; at most fifty, a sanity bound.
 */
export const RECORD_RETENTION_YEARS = { default: 7, min: 1, max: 50 } as const;

/**
 * Years the audit events of an organization's staff are kept. Seven by default, so the trail of who
 * saw a record outlives the record itself for as long as the record's own default; at least one year
 * (the database refuses to purge anything younger, migration 0032), at most fifty. Events of no
 * organization (administrators without one, the system's jobs) are kept as long as the longest
 * retention any organization chose (lib/audit/purge.ts).
 */
export const AUDIT_RETENTION_YEARS = { default: 7, min: 1, max: 50 } as const;

/** The program lead's preview: records whose purge date falls within this many days. */
export const PURGE_PREVIEW_DAYS = 30;

/** Most characters of a legal hold's reason. */
export const HOLD_REASON_MAX = 500;

/**
 * The day a closed record becomes due: its closing time plus the organization's years, in calendar
 * years (29 February rolls to 28 February), as PostgreSQL adds `make_interval(years => n)` in the
 * purge's own query. For display; the purge compares in SQL.
 */
export function purgeDueAt(closedAt: Date, years: number): Date {
  const due = new Date(closedAt.getTime());
  const month = due.getUTCMonth();
  due.setUTCFullYear(due.getUTCFullYear() + years);
  if (due.getUTCMonth() !== month) due.setUTCDate(0);
  return due;
}
