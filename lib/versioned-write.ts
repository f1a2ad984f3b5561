import { and, eq } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { users } from "../db/schema/users";
import { auditActor, recordAudit, type AuditActor, type AuditInput } from "./audit/record";
import { AppError } from "./errors";
import { formatDateTime } from "./format";

// The one shape of a save to an editable record (DESIGN.md "every editable record has a version"):
// lock the row, check the version the form was opened on, update where the version is still that one,
// and write the change's events and audit in the same transaction. A stale save is refused with one
// message that names who saved first and when, and never overwrites their work.

/** A table whose rows carry `id`, `version`, `updatedAt` and `updatedBy`. */
type VersionedTable = PgTable & { id: PgColumn; version: PgColumn; updatedAt: PgColumn; updatedBy: PgColumn };

type Stamp = { version: number; updatedAt: Date; updatedBy: string | null };

/** The refusal for a save made against an out-of-date version: who changed the record, and when. */
function staleVersionError(noun: string, changedBy: string | null, changedAt: Date): AppError {
  return new AppError(
    "conflict",
    `${changedBy ?? "Someone"} saved changes to this ${noun} at ${formatDateTime(changedAt)}, after you opened it. ` +
      "Nothing was saved; your edits are still in the form. Reload the page to see their version, then apply your changes again.",
  );
}

async function staleError(db: Db, noun: string, stamp: Stamp): Promise<AppError> {
  const [by] = stamp.updatedBy ? await db.select({ name: users.name }).from(users).where(eq(users.id, stamp.updatedBy)).limit(1) : [];
  return staleVersionError(noun, by?.name ?? null, stamp.updatedAt);
}

async function lockStamp(db: Db, table: VersionedTable, id: string): Promise<Stamp> {
  const rows = (await db
    .select({ version: table.version, updatedAt: table.updatedAt, updatedBy: table.updatedBy })
    .from(table)
    .where(eq(table.id, id))
    .for("update")
    .limit(1)) as Stamp[];
  if (!rows[0]) throw new AppError("not_found");
  return rows[0];
}

/**
 * Locks the row and refuses unless it is still at `expectedVersion` (and at the version the caller read
 * as `current`, so changes computed from `current` are computed from what is saved). For commands that
 * must look at the locked record before deciding what to write; `writeVersioned` calls it itself.
 */
export async function assertVersion(db: Db, table: VersionedTable, noun: string, current: { id: string; version: number }, expectedVersion: number): Promise<void> {
  const stamp = await lockStamp(db, table, current.id);
  if (stamp.version !== expectedVersion || stamp.version !== current.version) throw await staleError(db, noun, stamp);
}

type VersionedWrite<TTable extends VersionedTable> = {
  /** the record in the stale-save message: "survivor record", "vacatur matter" */
  noun: string;
  /** the record as the command loaded it (through its access loader) */
  current: { id: string; version: number };
  /** the version the form was opened on */
  expectedVersion: number;
  actor: AuditActor;
  /** what to save; null when nothing changed (then nothing is written and no event is recorded) */
  changes: Partial<TTable["$inferInsert"]> | null;
  /** the audit event of the change (its actor is `actor`); a function is called after `after` */
  audit: Omit<AuditInput, "actor"> | (() => Omit<AuditInput, "actor">);
  /** timeline entries, notifications and rows that belong to the same change, written after the update */
  after?: (version: number) => Promise<void>;
  now?: Date;
};

/** Saves one versioned change: lock, version check, update where version, events, audit — one transaction (pass it as db). */
export async function writeVersioned<TTable extends VersionedTable>(db: Db, table: TTable, write: VersionedWrite<TTable>): Promise<{ version: number; changed: boolean }> {
  await assertVersion(db, table, write.noun, write.current, write.expectedVersion);
  if (!write.changes) return { version: write.current.version, changed: false };
  const now = write.now ?? new Date();
  const t: VersionedTable = table;
  const rows = (await db
    .update(t)
    .set({ ...write.changes, version: write.current.version + 1, updatedAt: now, updatedBy: write.actor.id } as never)
    .where(and(eq(t.id, write.current.id), eq(t.version, write.current.version)))
    .returning({ version: t.version })) as { version: number }[];
  // The row is locked, so this only happens if someone bypassed the lock; refuse rather than guess.
  if (!rows[0]) throw await staleError(db, write.noun, await lockStamp(db, table, write.current.id));
  const version = rows[0].version;
  await write.after?.(version);
  const audit = typeof write.audit === "function" ? write.audit() : write.audit;
  await recordAudit(db, { ...audit, actor: auditActor(write.actor) });
  return { version, changed: true };
}
