CREATE TYPE "public"."communication_channel" AS ENUM('email', 'phone', 'letter', 'meeting', 'in_court');--> statement-breakpoint
CREATE TYPE "public"."conflict_status" AS ENUM('pending', 'cleared');--> statement-breakpoint
CREATE TYPE "public"."court_type" AS ENUM('municipal', 'district', 'superior');--> statement-breakpoint
CREATE TYPE "public"."cvpa_status" AS ENUM('unknown', 'not_imposed', 'unpaid', 'paid', 'waived');--> statement-breakpoint
CREATE TYPE "public"."disposition" AS ENUM('guilty_plea', 'found_guilty', 'deferred_sentence', 'other');--> statement-breakpoint
CREATE TYPE "public"."hour_activity" AS ENUM('screening', 'records', 'drafting', 'client_meeting', 'prosecutor_contact', 'court', 'travel', 'other');--> statement-breakpoint
CREATE TYPE "public"."jurisdiction" AS ENUM('washington', 'other_state', 'federal', 'tribal');--> statement-breakpoint
CREATE TYPE "public"."matter_status" AS ENUM('referred', 'screening', 'records_requested', 'ineligible_now', 'drafting', 'survivor_review', 'filed', 'hearing_set', 'continued', 'granted', 'partially_granted', 'denied', 'order_transmitted', 'verified', 'closed', 'on_hold_by_survivor', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."notice_method" AS ENUM('email', 'mail', 'efile_service', 'hand_delivery');--> statement-breakpoint
CREATE TYPE "public"."post_order_step" AS ENUM('clerk_sent_wsp', 'clerk_sent_local', 'wsp_updated', 'watch_30', 'watch_60', 'watch_90', 'fbi_forwarded', 'survivor_told', 'sealing_considered');--> statement-breakpoint
CREATE TYPE "public"."prosecuting_authority" AS ENUM('county_prosecutor', 'city_attorney');--> statement-breakpoint
CREATE TYPE "public"."prosecutor_position" AS ENUM('unknown', 'no_objection', 'agreed_order', 'objects', 'will_file');--> statement-breakpoint
CREATE TYPE "public"."record_source" AS ENUM('survivor', 'court_docket', 'wsp_report');--> statement-breakpoint
CREATE TYPE "public"."restitution_status" AS ENUM('unknown', 'none', 'individual_unpaid', 'individual_paid', 'insurer_only');--> statement-breakpoint
CREATE TYPE "public"."task_kind" AS ENUM('prosecutor_notice');--> statement-breakpoint
CREATE TABLE "convictions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survivor_id" uuid NOT NULL,
	"court_type" "court_type" NOT NULL,
	"court_name" text NOT NULL,
	"court_locality" text NOT NULL,
	"case_number_enc" text NOT NULL,
	"prosecuting_authority" "prosecuting_authority" NOT NULL,
	"prosecuting_office" text NOT NULL,
	"counts" jsonb NOT NULL,
	"disposition" "disposition" NOT NULL,
	"disposition_date" date NOT NULL,
	"sentencing_date" date,
	"confinement_release_date" date,
	"supervision_end_date" date,
	"discharge_date" date,
	"cvpa_amount_cents" integer,
	"cvpa_status" "cvpa_status" NOT NULL,
	"restitution_status" "restitution_status" NOT NULL,
	"source" "record_source" NOT NULL,
	"verified_on" date,
	"cited_route" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "later_convictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"convicted_on" date NOT NULL,
	"jurisdiction" "jurisdiction" NOT NULL,
	"description" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_convictions" (
	"matter_id" uuid NOT NULL,
	"conviction_id" uuid NOT NULL,
	"conclusion" text,
	"conclusion_route" text,
	"conclusion_note_enc" text,
	"concluded_by" uuid,
	"concluded_at" timestamp with time zone,
	"ruleset_version" text,
	CONSTRAINT "matter_convictions_matter_id_conviction_id_pk" PRIMARY KEY("matter_id","conviction_id")
);
--> statement-breakpoint
CREATE TABLE "matter_hearings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"place" text NOT NULL,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"matter_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"author_organization_id" uuid NOT NULL,
	"body_enc" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "matter_tasks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"kind" "task_kind" NOT NULL,
	"due_on" date NOT NULL,
	"completed_at" timestamp with time zone,
	"completed_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pending_charges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"jurisdiction" "jurisdiction" NOT NULL,
	"court" text NOT NULL,
	"offense" text NOT NULL,
	"citation" text,
	"prostitution" boolean NOT NULL,
	"filed_on" date,
	"resolved_on" date,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "post_order_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"step" "post_order_step" NOT NULL,
	"done_on" date NOT NULL,
	"recorded_by" uuid NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pro_bono_hours" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"matter_id" uuid NOT NULL,
	"attorney_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"worked_on" date NOT NULL,
	"hundredths" integer NOT NULL,
	"activity" "hour_activity" NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prosecutor_communications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"matter_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"channel" "communication_channel" NOT NULL,
	"summary_enc" text NOT NULL,
	"author_id" uuid NOT NULL,
	"author_organization_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vacatur_matters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survivor_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"legal_organization_id" uuid,
	"attorney_id" uuid,
	"conflict_status" "conflict_status",
	"conflict_attested_at" timestamp with time zone,
	"release_id" uuid,
	"status" "matter_status" DEFAULT 'referred' NOT NULL,
	"held_from_status" "matter_status",
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revisit_on" date,
	"blocker_enc" text,
	"status_note_enc" text,
	"filed_on" date,
	"filing_court" text,
	"filing_case_number_enc" text,
	"prosecutor_office_id" uuid,
	"notice_on" date,
	"notice_method" "notice_method",
	"notice_given_by" text,
	"prosecutor_position" "prosecutor_position" DEFAULT 'unknown' NOT NULL,
	"position_recorded_at" timestamp with time zone,
	"order_on" date,
	"order_counts" jsonb,
	"opened_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "convictions" ADD CONSTRAINT "convictions_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "convictions" ADD CONSTRAINT "convictions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "later_convictions" ADD CONSTRAINT "later_convictions_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "later_convictions" ADD CONSTRAINT "later_convictions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_convictions" ADD CONSTRAINT "matter_convictions_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_convictions" ADD CONSTRAINT "matter_convictions_conviction_id_convictions_id_fk" FOREIGN KEY ("conviction_id") REFERENCES "public"."convictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_convictions" ADD CONSTRAINT "matter_convictions_concluded_by_users_id_fk" FOREIGN KEY ("concluded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_notes" ADD CONSTRAINT "matter_notes_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_notes" ADD CONSTRAINT "matter_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_notes" ADD CONSTRAINT "matter_notes_author_organization_id_organizations_id_fk" FOREIGN KEY ("author_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_tasks" ADD CONSTRAINT "matter_tasks_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_tasks" ADD CONSTRAINT "matter_tasks_completed_by_users_id_fk" FOREIGN KEY ("completed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_charges" ADD CONSTRAINT "pending_charges_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_charges" ADD CONSTRAINT "pending_charges_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_order_checks" ADD CONSTRAINT "post_order_checks_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "post_order_checks" ADD CONSTRAINT "post_order_checks_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_attorney_id_users_id_fk" FOREIGN KEY ("attorney_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prosecutor_communications" ADD CONSTRAINT "prosecutor_communications_matter_id_vacatur_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vacatur_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prosecutor_communications" ADD CONSTRAINT "prosecutor_communications_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prosecutor_communications" ADD CONSTRAINT "prosecutor_communications_author_organization_id_organizations_id_fk" FOREIGN KEY ("author_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_legal_organization_id_organizations_id_fk" FOREIGN KEY ("legal_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_attorney_id_users_id_fk" FOREIGN KEY ("attorney_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_prosecutor_office_id_organizations_id_fk" FOREIGN KEY ("prosecutor_office_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD CONSTRAINT "vacatur_matters_opened_by_users_id_fk" FOREIGN KEY ("opened_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "convictions_survivor_idx" ON "convictions" USING btree ("survivor_id","disposition_date");--> statement-breakpoint
CREATE INDEX "later_convictions_survivor_idx" ON "later_convictions" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "matter_convictions_conviction_idx" ON "matter_convictions" USING btree ("conviction_id");--> statement-breakpoint
CREATE INDEX "matter_hearings_matter_idx" ON "matter_hearings" USING btree ("matter_id","starts_at");--> statement-breakpoint
CREATE INDEX "matter_hearings_starts_idx" ON "matter_hearings" USING btree ("starts_at");--> statement-breakpoint
CREATE INDEX "matter_notes_matter_idx" ON "matter_notes" USING btree ("matter_id","created_at");--> statement-breakpoint
CREATE INDEX "matter_tasks_open_idx" ON "matter_tasks" USING btree ("matter_id") WHERE "matter_tasks"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "pending_charges_survivor_idx" ON "pending_charges" USING btree ("survivor_id");--> statement-breakpoint
CREATE UNIQUE INDEX "post_order_checks_step_key" ON "post_order_checks" USING btree ("matter_id","step");--> statement-breakpoint
CREATE INDEX "pro_bono_hours_matter_idx" ON "pro_bono_hours" USING btree ("matter_id","worked_on");--> statement-breakpoint
CREATE INDEX "pro_bono_hours_org_idx" ON "pro_bono_hours" USING btree ("organization_id","worked_on");--> statement-breakpoint
CREATE INDEX "prosecutor_communications_matter_idx" ON "prosecutor_communications" USING btree ("matter_id","occurred_on");--> statement-breakpoint
CREATE INDEX "vacatur_matters_survivor_idx" ON "vacatur_matters" USING btree ("survivor_id");--> statement-breakpoint
CREATE INDEX "vacatur_matters_legal_idx" ON "vacatur_matters" USING btree ("legal_organization_id","status","last_activity_at");--> statement-breakpoint
CREATE INDEX "vacatur_matters_attorney_idx" ON "vacatur_matters" USING btree ("attorney_id","status","last_activity_at");--> statement-breakpoint
CREATE INDEX "vacatur_matters_prosecutor_idx" ON "vacatur_matters" USING btree ("prosecutor_office_id","last_activity_at") WHERE "vacatur_matters"."notice_on" is not null;