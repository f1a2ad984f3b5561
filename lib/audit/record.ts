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

/**
 * Appends one audit event. Pass the transaction that makes the change, so the event and the change
 * commit or roll back together (and, on PGlite, so the call does not wait on the outer client).
 */
export async function recordAudit(db: Db, input: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    actorUserId: input.actor?.id ?? null,
    actorRole: input.actor?.role ?? null,
    actorOrganizationId: input.actor?.organizationId ?? null,
    action: input.action,
    targetType: input.target?.type ?? null,
    targetId: input.target?.id ?? null,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    details: input.details ?? {},
  });
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
