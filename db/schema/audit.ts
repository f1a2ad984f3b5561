import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { roleEnum } from "./enums";

// Append-only: a trigger (migration 0001) refuses UPDATE, DELETE and TRUNCATE.
// Holds ids, field names and non-sensitive values only; never passwords or survivor details.
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid(),
    actorRole: roleEnum(),
    actorOrganizationId: uuid(),
    action: text().notNull(),
    targetType: text(),
    targetId: text(),
    ip: text(),
    userAgent: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [
    index("audit_events_occurred_at_idx").on(t.occurredAt),
    index("audit_events_actor_idx").on(t.actorUserId, t.id),
    index("audit_events_action_idx").on(t.action, t.id),
    index("audit_events_target_idx").on(t.targetType, t.targetId, t.id),
  ],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
export type NewAuditEventRow = typeof auditEvents.$inferInsert;

/**
 * The survivors an audited export included (one row per survivor per export), so the export shows on
 * each one's Access tab. Written in the export's transaction; append-only like the trail itself.
 */
export const auditEventSurvivors = pgTable(
  "audit_event_survivors",
  {
    auditEventId: bigint({ mode: "number" })
      .notNull()
      .references(() => auditEvents.id),
    survivorId: uuid().notNull(),
  },
  (t) => [primaryKey({ columns: [t.auditEventId, t.survivorId] }), index("audit_event_survivors_survivor_idx").on(t.survivorId, t.auditEventId)],
);

/**
 * The audit trail's hash chain: one link per event, in the order the events committed (not their
 * ids, which concurrent writers take out of order). Written only by the database: a deferred trigger
 * (migration 0029) chains each new event when its transaction commits, under a lock on the chain's
 * head, so writers on several instances cannot fork it. hash = SHA-256(prevHash || the event's
 * canonical form, audit_event_canonical()), as lowercase hex. Append-only like the events.
 */
export const auditChain = pgTable("audit_chain", {
  seq: bigint({ mode: "number" }).primaryKey(),
  // No foreign key: the verifier, not a constraint, is what reports an event that went missing. The
  // retention purge (lib/audit/purge.ts) removes events and their links together, oldest first.
  eventId: bigint({ mode: "number" }).notNull().unique(),
  prevHash: text().notNull(),
  hash: text().notNull(),
  chainedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The chain's last link (one row): what the next event is chained to. */
export const auditChainHead = pgTable("audit_chain_head", {
  id: boolean().primaryKey().default(true),
  seq: bigint({ mode: "number" }).notNull(),
  hash: text().notNull(),
});

/**
 * Where the chain now begins (migration 0032): each retention purge of audit events removes a prefix of
 * the chain (its oldest links, with their events) and records here the last removed link's seq and
 * hash, which the first remaining link must follow. The verifier walks from the latest anchor instead
 * of the genesis. Append-only; a trigger accepts an anchor only during a purge, only ahead of the last
 * one, and only if it is a link of the chain with that hash. The append-only triggers of the events,
 * their survivors and the links let a purge delete only what lies at or before the latest anchor.
 */
export const auditChainAnchors = pgTable("audit_chain_anchors", {
  seq: bigint({ mode: "number" }).primaryKey(),
  hash: text().notNull(),
  anchoredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  /** how many events (and links) the purge that set it removed */
  eventsPurged: integer().notNull(),
});

/** Each walk of the chain by the verifier (`npm run audit:verify`, or an admin on /admin/audit). */
export const auditVerifications = pgTable(
  "audit_verifications",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    verifiedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Who asked: null for the command line. */
    requestedBy: uuid(),
    intact: boolean().notNull(),
    linksChecked: integer().notNull(),
    headSeq: bigint({ mode: "number" }),
    /** The head's hash then: the next verification checks that the link at headSeq still has it. */
    headHash: text(),
    /** The first link or event that does not match, and why (a code from lib/audit/chain.ts). */
    brokenSeq: bigint({ mode: "number" }),
    brokenEventId: bigint({ mode: "number" }),
    problem: text(),
    durationMs: integer().notNull(),
  },
  (t) => [index("audit_verifications_verified_at_idx").on(t.verifiedAt)],
);

export type AuditVerificationRow = typeof auditVerifications.$inferSelect;
