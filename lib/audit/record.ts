import type { Db } from "../../db/client";
import { auditEvents } from "../../db/schema/audit";
import type { Role } from "../auth/roles";
import type { RequestMeta } from "../request-meta";
import type { AuditAction } from "./actions";

export type AuditActor = { id: string; role: Role; organizationId: string | null };

/** The audit actor for a signed-in user (or anything shaped like one). */
export function auditActor(user: AuditActor): AuditActor {
  return { id: user.id, role: user.role, organizationId: user.organizationId };
}

export type AuditInput = {
  actor: AuditActor | null;
  action: AuditAction;
  target?: { type: string; id: string } | null;
  meta?: RequestMeta | null;
  details?: Record<string, unknown>;
};

// Events about case data (a survivor, a matter, a referral, a release) keep ids, the action and field
// names, never values (ASVS 16.2.5): no court names, services, release categories, statuses or reasons.
// The survivor's own timeline (survivor_events) tells the story to the survivor's organization; the
// audit trail, which admins read, only says who touched which record and which fields.
export const CASE_TARGET_TYPES = ["survivor", "vacatur_matter", "referral", "release"] as const;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FIELD_NAME = /^[a-zA-Z][a-zA-Z0-9_.]{0,63}$/;
/** How a record was reached or what left it: access paths and document kinds, not case data. */
const DESCRIPTORS: Record<string, readonly string[]> = {
  access: ["caseload", "organization", "edit", "matter", "owner", "assigned_attorney", "legal_lead", "organization_attorney", "prosecutor"],
  section: ["court_records", "matter", "referral", "court_document"],
  form: ["petition", "order"],
};

function allowedCaseDetail(key: string, value: unknown): boolean {
  if (key.endsWith("Ids")) return Array.isArray(value) && value.every((v) => typeof v === "string" && UUID.test(v));
  if (key.endsWith("Id")) return value === null || (typeof value === "string" && UUID.test(value));
  if (key === "fields") return Array.isArray(value) && value.every((v) => typeof v === "string" && FIELD_NAME.test(v));
  // How many rows of each kind a purge removed (survivor.purged): table names and whole numbers only.
  if (key === "counts") {
    return (
      value !== null &&
      typeof value === "object" &&
      !Array.isArray(value) &&
      Object.entries(value).every(([table, n]) => FIELD_NAME.test(table) && Number.isSafeInteger(n) && (n as number) >= 0)
    );
  }
  return DESCRIPTORS[key]?.includes(value as string) ?? false;
}

/**
 * The details an audit event about case data may keep: ids (`…Id`, `…Ids`), field names (`fields`),
 * row counts by table (`counts`) and the access descriptors above. Anything else is dropped; in development and tests it is an
 * error, so a command that tries to audit a value is caught before it ships.
 */
export function caseAuditDetails(details: Record<string, unknown>, options: { strict: boolean } = { strict: process.env.NODE_ENV !== "production" }): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const dropped: string[] = [];
  for (const [key, value] of Object.entries(details)) {
    if (allowedCaseDetail(key, value)) kept[key] = value;
    else dropped.push(key);
  }
  if (dropped.length && options.strict) {
    throw new Error(`audit details about case data may hold ids and field names only; not allowed: ${dropped.join(", ")}`);
  }
  return kept;
}

export function isCaseTarget(type: string | null | undefined): boolean {
  return (CASE_TARGET_TYPES as readonly string[]).includes(type ?? "");
}

/**
 * Appends one audit event and returns its id. Pass the transaction that makes the change, so the event
 * and the change commit or roll back together (and, on PGlite, so the call does not wait on the outer client).
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<number> {
  const details = input.details ?? {};
  const [event] = await db.insert(auditEvents).values({
    actorUserId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? null,
    actorOrganizationId: input.actor?.organizationId ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    details: isCaseTarget(input.target?.type) ? caseAuditDetails(details) : details,
  }).returning({ id: auditEvents.id });
  return event!.id;
}

type Change = { from: unknown; to: unknown };

/**
 * What changed between two versions of a record, for the audit trail. Only the listed fields are
 * compared; values are recorded for `loggable` fields and omitted (field name only) for the rest.
 */
export function describeChanges<T extends Record<string, unknown>>(
  before: T,
  after: Partial<T>,
  fields: readonly (keyof T & string)[],
  loggable: readonly (keyof T & string)[] = fields,
): Record<string, Change | { changed: true }> {
  const changes: Record<string, Change | { changed: true }> = {};
  for (const field of fields) {
    if (!(field in after)) continue;
    const from = before[field];
    const to = after[field];
    if (sameValue(from, to)) continue;
    changes[field] = loggable.includes(field) ? { from: from ?? null, to: to ?? null } : { changed: true };
  }
  return changes;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && [...a].sort().join("\u0000") === [...b].sort().join("\u0000");
  }
  return (a ?? null) === (b ?? null);
}
