import { bigint, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
