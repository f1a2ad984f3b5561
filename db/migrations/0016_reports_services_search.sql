CREATE TYPE "public"."decline_reason" AS ENUM('no_capacity', 'not_eligible', 'outside_service_area', 'service_not_offered', 'survivor_declined', 'unable_to_reach', 'other');--> statement-breakpoint
CREATE TYPE "public"."service_category" AS ENUM('information_referral', 'personal_advocacy', 'emotional_support_safety', 'shelter_housing', 'justice_assistance');--> statement-breakpoint
CREATE TABLE "audit_event_survivors" (
	"audit_event_id" bigint NOT NULL,
	"survivor_id" uuid NOT NULL,
	CONSTRAINT "audit_event_survivors_audit_event_id_survivor_id_pk" PRIMARY KEY("audit_event_id","survivor_id")
);
--> statement-breakpoint
CREATE TABLE "service_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survivor_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"category" "service_category" NOT NULL,
	"occurred_on" date NOT NULL,
	"staff_user_id" uuid NOT NULL,
	"minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	"removed_by" uuid,
	CONSTRAINT "service_events_minutes_range" CHECK ("service_events"."minutes" is null or "service_events"."minutes" between 1 and 1440),
	CONSTRAINT "service_events_removed_together" CHECK (("service_events"."removed_at" is null) = ("service_events"."removed_by" is null))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "subject" text;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "answered_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "decline_reason" "decline_reason";--> statement-breakpoint
ALTER TABLE "survivors" ADD COLUMN "search_tokens" text[];--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_home_visit_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "audit_event_survivors" ADD CONSTRAINT "audit_event_survivors_audit_event_id_audit_events_id_fk" FOREIGN KEY ("audit_event_id") REFERENCES "public"."audit_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_staff_user_id_users_id_fk" FOREIGN KEY ("staff_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_events" ADD CONSTRAINT "service_events_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_event_survivors_survivor_idx" ON "audit_event_survivors" USING btree ("survivor_id","audit_event_id");--> statement-breakpoint
CREATE INDEX "service_events_survivor_idx" ON "service_events" USING btree ("survivor_id","occurred_on");--> statement-breakpoint
CREATE INDEX "service_events_org_idx" ON "service_events" USING btree ("organization_id","occurred_on");--> statement-breakpoint
CREATE INDEX "notifications_subject_idx" ON "notifications" USING btree ("subject") WHERE "notifications"."read_at" is null and "notifications"."subject" is not null;--> statement-breakpoint
CREATE INDEX "survivors_search_tokens_idx" ON "survivors" USING gin ("search_tokens");--> statement-breakpoint
-- HAND-WRITTEN DATA MIGRATION: referrals declined before the reason was a choice count as "other" (their
-- words stay in the decline event's note); every answered referral gets the time of its first answer.
UPDATE "referrals" SET "decline_reason" = 'other' WHERE "status" = 'declined';--> statement-breakpoint
UPDATE "referrals" AS r SET "answered_at" = e.first_answer
FROM (SELECT "referral_id", min("occurred_at") AS first_answer FROM "referral_events" WHERE "to_status" IN ('accepted', 'declined') GROUP BY "referral_id") AS e
WHERE e."referral_id" = r."id";--> statement-breakpoint
-- HAND-WRITTEN: which survivors an export included is part of the audit trail, append-only like it.
CREATE TRIGGER audit_event_survivors_no_update_delete
  BEFORE UPDATE OR DELETE ON audit_event_survivors
  FOR EACH ROW EXECUTE FUNCTION audit_events_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_event_survivors_no_truncate
  BEFORE TRUNCATE ON audit_event_survivors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_refuse_change();--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_decline_reason_when_declined" CHECK (("referrals"."status" = 'declined') = ("referrals"."decline_reason" is not null));