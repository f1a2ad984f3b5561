import { eq, getTableName, inArray, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { queryRows, type Db } from "../../db/client";
import { notifications, referralEvents, referrals } from "../../db/schema/referrals";
import { releases } from "../../db/schema/releases";
import { serviceEvents, survivorEvents, survivorLegalHolds, survivorNotes, survivors, survivorShares, transferRequests } from "../../db/schema/survivors";
import { users } from "../../db/schema/users";
import {
  convictions,
  laterConvictions,
  matterConvictions,
  matterHearings,
  matterNotes,
  matterTasks,
  pendingCharges,
  postOrderChecks,
  proBonoHours,
  prosecutorCommunications,
  vacaturMatters,
} from "../../db/schema/vacatur";
import { recordAudit } from "../audit/record";
import { ENCRYPTED_TABLES } from "../crypto/encrypted-columns";
import { notificationSubject } from "../notifications/subjects";
import { keptSql, purgeDueSql } from "./scope";

// The purge of one survivor record past its retention (issue 15), in one transaction: the record is
// locked and checked again (still closed since the same moment, unchanged, due, not on hold), every
// encrypted value of it and of what hangs off it is overwritten first, then the dependants and the
// record are deleted (children before parents), and one audit event says which record went and how
// many rows of each kind, nothing more. The audit trail's own rows about the record (its events, and
// audit_event_survivors) are the trail's, kept or purged by the audit retention (lib/audit/purge.ts).

/** The ids of everything that hangs off one survivor record, read under the record's lock. */
type Dependants = {
  survivorId: string;
  matterIds: string[];
  referralIds: string[];
  releaseIds: string[];
  convictionIds: string[];
};

/**
 * Which rows of each encrypted table belong to the record. Every table in ENCRYPTED_TABLES must be
 * here (or be `users`, which holds no survivor's data): a new encrypted table without a scope stops
 * the purge with an error instead of leaving its ciphertext behind.
 */
const ENCRYPTED_SCOPE = new Map<PgTable, (d: Dependants) => SQL | undefined>([
  [survivors, (d) => eq(survivors.id, d.survivorId)],
  [survivorNotes, (d) => eq(survivorNotes.survivorId, d.survivorId)],
  [survivorLegalHolds, (d) => eq(survivorLegalHolds.survivorId, d.survivorId)],
  [referrals, (d) => eq(referrals.survivorId, d.survivorId)],
  [referralEvents, (d) => inArray(referralEvents.referralId, d.referralIds)],
  [convictions, (d) => eq(convictions.survivorId, d.survivorId)],
  [vacaturMatters, (d) => eq(vacaturMatters.survivorId, d.survivorId)],
  [matterConvictions, (d) => or(inArray(matterConvictions.matterId, d.matterIds), inArray(matterConvictions.convictionId, d.convictionIds))],
  [prosecutorCommunications, (d) => inArray(prosecutorCommunications.matterId, d.matterIds)],
  [matterNotes, (d) => inArray(matterNotes.matterId, d.matterIds)],
]);
const NOT_SURVIVOR_DATA = new Set<PgTable>([users]);

/** The keyed hashes computed from a survivor's identity: overwritten with the ciphertexts. */
const SURVIVOR_LOOKUPS = { legalNameIndex: null, identityIndex: null, nameIndexes: [], searchTokens: null } as const;

/** What overwrites a ciphertext: NULL, or the empty string where the column may not be null. */
const blank = (column: PgColumn) => (column.notNull ? "" : null);

async function overwriteCiphertexts(tx: Db, d: Dependants): Promise<void> {
  for (const spec of ENCRYPTED_TABLES) {
    if (NOT_SURVIVOR_DATA.has(spec.table)) continue;
    const scope = ENCRYPTED_SCOPE.get(spec.table);
    if (!scope) throw new Error(`retention purge: no scope for the encrypted table ${getTableName(spec.table)} (lib/retention/purge.ts)`);
    const values: Record<string, unknown> = Object.fromEntries(Object.entries(spec.ciphertexts).map(([key, c]) => [key, blank(c.column)]));
    if (spec.table === survivors) Object.assign(values, SURVIVOR_LOOKUPS);
    await tx.update(spec.table).set(values as never).where(scope(d));
  }
}

/** The deletions, children before parents (foreign keys); the table name labels each count. */
function deletions(d: Dependants): [PgTable, SQL | undefined][] {
  const matters = d.matterIds;
  const paths = [`/survivors/${d.survivorId}`, ...matters.map((id) => `/matters/${id}`), ...d.referralIds.map((id) => `/referrals/${id}`)];
  const subjects: string[] = [
    ...matters.flatMap((id) => [notificationSubject.assignAttorney(id), notificationSubject.attestConflict(id), notificationSubject.recordPosition(id)]),
    ...d.referralIds.flatMap((id) => [notificationSubject.answerReferral(id), notificationSubject.overdueReferral(id)]),
    ...d.releaseIds.flatMap((id) => [notificationSubject.renewRelease(id), notificationSubject.releaseExpired(id)]),
  ];
  return [
    // Notifications name the record by link (a page of it, or below one) or by what they ask for.
    [
      notifications,
      or(
        inArray(notifications.subject, subjects),
        inArray(notifications.href, paths),
        inArray(sql`substring(${notifications.href} from '^/[a-z-]+/[0-9a-f-]{36}')`, paths),
      ),
    ],
    [matterConvictions, or(inArray(matterConvictions.matterId, matters), inArray(matterConvictions.convictionId, d.convictionIds))],
    [matterHearings, inArray(matterHearings.matterId, matters)],
    [matterNotes, inArray(matterNotes.matterId, matters)],
    [matterTasks, inArray(matterTasks.matterId, matters)],
    [postOrderChecks, inArray(postOrderChecks.matterId, matters)],
    [proBonoHours, inArray(proBonoHours.matterId, matters)],
    [prosecutorCommunications, inArray(prosecutorCommunications.matterId, matters)],
    [vacaturMatters, eq(vacaturMatters.survivorId, d.survivorId)],
    [referralEvents, inArray(referralEvents.referralId, d.referralIds)],
    [referrals, eq(referrals.survivorId, d.survivorId)],
    [convictions, eq(convictions.survivorId, d.survivorId)],
    [pendingCharges, eq(pendingCharges.survivorId, d.survivorId)],
    [laterConvictions, eq(laterConvictions.survivorId, d.survivorId)],
    [releases, eq(releases.survivorId, d.survivorId)],
    [survivorNotes, eq(survivorNotes.survivorId, d.survivorId)],
    [survivorEvents, eq(survivorEvents.survivorId, d.survivorId)],
    [survivorShares, eq(survivorShares.survivorId, d.survivorId)],
    [transferRequests, eq(transferRequests.survivorId, d.survivorId)],
    [serviceEvents, eq(serviceEvents.survivorId, d.survivorId)],
    [survivorLegalHolds, eq(survivorLegalHolds.survivorId, d.survivorId)],
    [survivors, eq(survivors.id, d.survivorId)],
  ];
}

async function deleteCounted(tx: Db, table: PgTable, where: SQL | undefined): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, sql`with gone as (delete from ${table} where ${where ?? sql`false`} returning 1) select count(*)::int as n from gone`);
  return Number(row?.n ?? 0);
}

const idsOf = async (tx: Db, table: PgTable & { id: PgColumn }, column: PgColumn, survivorId: string) =>
  (await tx.select({ id: table.id }).from(table).where(eq(column, survivorId))).map((r) => String(r.id));

/**
 * What the purge saw when it chose the record; it is purged only if it is still so under its lock.
 * `closedAt` is the database's own text of status_changed_at (microseconds, which a Date would lose).
 */
export type PurgeCandidate = { id: string; version: number; closedAt: string };

/**
 * Purges one record if, under its row lock, it is still the candidate (same version, closed since the
 * same moment), still due at `now` and not on hold. Returns the rows removed by table, or null when it
 * was left alone. Pass the database (not a transaction): each record is its own transaction.
 */
export async function purgeSurvivorRecord(db: Db, candidate: PurgeCandidate, now: Date): Promise<Record<string, number> | null> {
  return db.transaction(async (tx) => {
    const [current] = await queryRows<{ due: boolean; held: boolean }>(
      tx,
      sql`select (s.status = 'closed'
                  and s.version = ${candidate.version}
                  and s.status_changed_at = ${candidate.closedAt}::timestamptz
                  and ${purgeDueSql(sql`s.status_changed_at`, sql`o.record_retention_years`)} <= ${now.toISOString()}::timestamptz) as due
          from survivors s join organizations o on o.id = s.organization_id
          where s.id = ${candidate.id}
          for update of s`,
    );
    if (!current?.due) return null;
    // In a statement of its own, after the lock: a hold placed (or a matter opened) while this waited
    // for the record's lock committed after the locking statement's snapshot, which would not see it.
    // This statement's snapshot does (READ COMMITTED takes one per statement).
    const [kept] = await queryRows<{ kept: boolean }>(tx, sql`select ${keptSql(sql`${candidate.id}::uuid`)} as kept`);
    if (kept?.kept !== false) return null;

    const d: Dependants = {
      survivorId: candidate.id,
      matterIds: await idsOf(tx, vacaturMatters, vacaturMatters.survivorId, candidate.id),
      referralIds: await idsOf(tx, referrals, referrals.survivorId, candidate.id),
      releaseIds: await idsOf(tx, releases, releases.survivorId, candidate.id),
      convictionIds: await idsOf(tx, convictions, convictions.survivorId, candidate.id),
    };
    await overwriteCiphertexts(tx, d);
    const counts: Record<string, number> = {};
    for (const [table, where] of deletions(d)) {
      const n = await deleteCounted(tx, table, where);
      if (n > 0) counts[getTableName(table)] = n;
    }
    await recordAudit(tx, { actor: null, action: "survivor.purged", target: { type: "survivor", id: candidate.id }, details: { counts } });
    return counts;
  });
}

/** Ensures every encrypted table is covered (for tests): the tables the purge would refuse to run without. */
export function encryptedTablesWithoutScope(): string[] {
  return ENCRYPTED_TABLES.filter((spec) => !NOT_SURVIVOR_DATA.has(spec.table) && !ENCRYPTED_SCOPE.has(spec.table)).map((spec) => getTableName(spec.table));
}
