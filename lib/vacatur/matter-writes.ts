import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { organizations } from "../../db/schema/organizations";
import { survivors } from "../../db/schema/survivors";
import { vacaturMatters, type MatterRow } from "../../db/schema/vacatur";
import { auditActor, recordAudit } from "../audit/record";
import type { AuditAction } from "../audit/actions";
import type { SessionUser } from "../auth/sessions";
import { encryptField } from "../crypto/fields";
import { AppError } from "../errors";
import { activeStaffOf } from "../notifications/commands";
import type { RequestMeta } from "../request-meta";
import { addSurvivorEvent } from "../survivors/commands";
import type { SurvivorEventKind } from "../survivors/constants";
import { assertVersion } from "../versioned-write";
import { loadMatter, type MatterAbility } from "./access";
import { CLOSED_MATTER_STATUSES } from "./constants";

// The pieces every write to a vacatur matter shares: how it is audited (ids and field names) and told on
// the survivor's timeline (the whole story), and the small reads the notifications need.

export function sealMatterText(rowId: string, field: string, value: string | null): string | null {
  return encryptField(value, { field, rowId });
}

export const MATTER_NOUN = "vacatur matter";

export type AuditIds = Record<string, string | string[] | null>;

/** The audit event of a matter write: ids and field names only. */
export function matterAudit(row: { id: string; survivorId: string }, action: AuditAction, ids: AuditIds, meta: RequestMeta) {
  return { action, target: { type: "vacatur_matter", id: row.id }, meta, details: { survivorId: row.survivorId, ...ids } };
}

/** The survivor's timeline entry (the whole story, for the survivor's own organization) and the audit event (ids only). */
export async function logEvent(db: Db, me: SessionUser, row: { id: string; survivorId: string }, kind: SurvivorEventKind | null, action: AuditAction, ids: AuditIds, story: Record<string, unknown>, meta: RequestMeta) {
  if (kind) await addSurvivorEvent(db, row.survivorId, kind, me.id, { matterId: row.id, ...ids, ...story });
  await recordAudit(db, { actor: auditActor(me), ...matterAudit(row, action, ids, meta) });
}

export async function legalNameOf(db: Db, row: MatterRow): Promise<string | null> {
  if (!row.legalOrganizationId) return null;
  const [legal] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, row.legalOrganizationId));
  return legal?.name ?? null;
}

export async function touch(db: Db, id: string) {
  await db.update(vacaturMatters).set({ lastActivityAt: new Date() }).where(eq(vacaturMatters.id, id));
}

export async function clientCodeOf(db: Db, survivorId: string): Promise<string> {
  const [row] = await db.select({ clientCode: survivors.clientCode }).from(survivors).where(eq(survivors.id, survivorId));
  return row?.clientCode ?? "a survivor";
}

export async function ownerStaff(db: Db, survivorId: string, organizationId: string): Promise<string[]> {
  const [row] = await db.select({ advocateId: survivors.assignedAdvocateId }).from(survivors).where(eq(survivors.id, survivorId));
  return [...(row ? [row.advocateId] : []), ...(await activeStaffOf(db, organizationId, ["program_lead"]))];
}

export function assertOpen(row: MatterRow) {
  if (CLOSED_MATTER_STATUSES.includes(row.status)) throw new AppError("conflict", "This matter is closed; nothing more can be recorded on it.");
}

/**
 * The start of a versioned change to an open matter, in its transaction: lock the row, check the caller
 * may (`need`, decided by matterAccess), that the page was opened on the current version, and that the
 * matter is still open.
 */
export async function lockOpenMatter(tx: Db, me: SessionUser, id: string, version: number, need: MatterAbility) {
  const loaded = await loadMatter(tx, me, id, { forUpdate: true, need });
  await assertVersion(tx, vacaturMatters, MATTER_NOUN, loaded.row, version);
  assertOpen(loaded.row);
  return loaded;
}
