CREATE TYPE "public"."user_approval_reason" AS ENUM('created', 'organization_changed', 'role_changed', 'password_reset', 'reactivated');--> statement-breakpoint
CREATE TYPE "public"."user_approval_status" AS ENUM('approved', 'pending', 'declined');--> statement-breakpoint
ALTER TYPE "public"."session_end_reason" ADD VALUE 'approval_required';--> statement-breakpoint
CREATE TABLE "first_lead_announcements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" "user_approval_reason" NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approval_status" "user_approval_status" DEFAULT 'approved' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approval_reason" "user_approval_reason";--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approval_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approval_requested_by" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approval_decided_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "approval_decided_by" uuid;--> statement-breakpoint
ALTER TABLE "first_lead_announcements" ADD CONSTRAINT "first_lead_announcements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_lead_announcements" ADD CONSTRAINT "first_lead_announcements_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "first_lead_announcements" ADD CONSTRAINT "first_lead_announcements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "first_lead_announcements_organization_idx" ON "first_lead_announcements" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "first_lead_announcements_user_idx" ON "first_lead_announcements" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "first_lead_announcements_created_by_idx" ON "first_lead_announcements" USING btree ("created_by");--> statement-breakpoint
CREATE INDEX "users_approval_waiting_idx" ON "users" USING btree ("organization_id","approval_requested_at") WHERE "users"."approval_status" <> 'approved';--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_approval_requested" CHECK ("users"."approval_status" = 'approved' or ("users"."approval_reason" is not null and "users"."approval_requested_at" is not null));