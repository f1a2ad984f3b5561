CREATE TYPE "public"."note_kind" AS ENUM('contact', 'advocacy', 'safety');--> statement-breakpoint
CREATE TYPE "public"."note_visibility" AS ENUM('normal', 'restricted');--> statement-breakpoint
CREATE TYPE "public"."referral_source" AS ENUM('law_enforcement_operation', 'outreach', 'self', 'hotline', 'partner_referral', 'other');--> statement-breakpoint
CREATE TYPE "public"."release_category" AS ENUM('identity_contact', 'criminal_court', 'case_notes', 'referral_details');--> statement-breakpoint
CREATE TYPE "public"."release_form" AS ENUM('written', 'electronic');--> statement-breakpoint
CREATE TYPE "public"."revocation_method" AS ENUM('oral_in_person', 'oral_phone', 'written', 'electronic');--> statement-breakpoint
CREATE TYPE "public"."survivor_status" AS ENUM('active', 'inactive', 'closed');--> statement-breakpoint
CREATE TABLE "releases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"recipient_organization_id" uuid NOT NULL,
	"categories" "release_category"[] NOT NULL,
	"purpose" text NOT NULL,
	"form" "release_form" NOT NULL,
	"signed_on" date NOT NULL,
	"expires_on" date NOT NULL,
	"services_not_conditioned" boolean NOT NULL,
	"copy_provided" boolean DEFAULT false NOT NULL,
	"guardian_name" text,
	"created_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	"revocation_method" "revocation_method",
	"revocation_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "releases_expiry_after_signing" CHECK ("releases"."expires_on" >= "releases"."signed_on"),
	CONSTRAINT "releases_categories_present" CHECK (cardinality("releases"."categories") > 0),
	CONSTRAINT "releases_acknowledged" CHECK ("releases"."services_not_conditioned"),
	CONSTRAINT "releases_revocation_complete" CHECK (("releases"."revoked_at" is null) = ("releases"."revoked_by" is null) and ("releases"."revoked_at" is null) = ("releases"."revocation_method" is null))
);
--> statement-breakpoint
CREATE TABLE "client_code_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survivor_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "survivor_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"survivor_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survivor_notes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survivor_id" uuid NOT NULL,
	"thread_id" uuid NOT NULL,
	"revision" integer NOT NULL,
	"kind" "note_kind" NOT NULL,
	"visibility" "note_visibility" NOT NULL,
	"contact_date" date NOT NULL,
	"body_enc" text NOT NULL,
	"author_id" uuid NOT NULL,
	"author_role" "role" NOT NULL,
	"author_organization_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"superseded_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "survivor_shares" (
	"survivor_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"granted_by" uuid NOT NULL,
	"granted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "survivor_shares_survivor_id_user_id_pk" PRIMARY KEY("survivor_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "survivors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"client_code" text NOT NULL,
	"preferred_name" text NOT NULL,
	"preferred_name_key" text NOT NULL,
	"pronouns" text,
	"legal_name_enc" text,
	"aliases_enc" text,
	"date_of_birth_enc" text,
	"phone_enc" text,
	"email_enc" text,
	"address_enc" text,
	"acp_participant" boolean DEFAULT false NOT NULL,
	"legal_name_index" text,
	"identity_index" text,
	"name_indexes" text[] DEFAULT '{}'::text[] NOT NULL,
	"county" text,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"interpreter_needed" boolean DEFAULT false NOT NULL,
	"intake_date" date NOT NULL,
	"referral_source" "referral_source",
	"victimization_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"demographics" jsonb NOT NULL,
	"safe_contact" jsonb NOT NULL,
	"code_word_enc" text,
	"do_not_contact_enc" text,
	"assigned_advocate_id" uuid NOT NULL,
	"status" "survivor_status" DEFAULT 'active' NOT NULL,
	"closed_reason" text,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "transfer_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"survivor_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_for" uuid,
	"reason" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_recipient_organization_id_organizations_id_fk" FOREIGN KEY ("recipient_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_events" ADD CONSTRAINT "survivor_events_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_events" ADD CONSTRAINT "survivor_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_notes" ADD CONSTRAINT "survivor_notes_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_notes" ADD CONSTRAINT "survivor_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_notes" ADD CONSTRAINT "survivor_notes_author_organization_id_organizations_id_fk" FOREIGN KEY ("author_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_shares" ADD CONSTRAINT "survivor_shares_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_shares" ADD CONSTRAINT "survivor_shares_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_shares" ADD CONSTRAINT "survivor_shares_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivors" ADD CONSTRAINT "survivors_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivors" ADD CONSTRAINT "survivors_assigned_advocate_id_users_id_fk" FOREIGN KEY ("assigned_advocate_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivors" ADD CONSTRAINT "survivors_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivors" ADD CONSTRAINT "survivors_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_requested_for_users_id_fk" FOREIGN KEY ("requested_for") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_requests" ADD CONSTRAINT "transfer_requests_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "releases_survivor_idx" ON "releases" USING btree ("survivor_id","signed_on");--> statement-breakpoint
CREATE INDEX "releases_recipient_idx" ON "releases" USING btree ("recipient_organization_id","survivor_id") WHERE "releases"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "survivor_events_survivor_idx" ON "survivor_events" USING btree ("survivor_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "survivor_notes_thread_revision_key" ON "survivor_notes" USING btree ("thread_id","revision");--> statement-breakpoint
CREATE INDEX "survivor_notes_survivor_idx" ON "survivor_notes" USING btree ("survivor_id","created_at");--> statement-breakpoint
CREATE INDEX "survivor_shares_user_idx" ON "survivor_shares" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "survivors_client_code_key" ON "survivors" USING btree ("client_code");--> statement-breakpoint
CREATE INDEX "survivors_advocate_list_idx" ON "survivors" USING btree ("assigned_advocate_id","preferred_name_key" collate "C","id");--> statement-breakpoint
CREATE INDEX "survivors_org_list_idx" ON "survivors" USING btree ("organization_id","preferred_name_key" collate "C","id");--> statement-breakpoint
CREATE INDEX "survivors_org_intake_idx" ON "survivors" USING btree ("organization_id","intake_date");--> statement-breakpoint
CREATE INDEX "survivors_org_updated_idx" ON "survivors" USING btree ("organization_id","updated_at");--> statement-breakpoint
CREATE INDEX "survivors_identity_idx" ON "survivors" USING btree ("organization_id","identity_index");--> statement-breakpoint
CREATE INDEX "survivors_legal_name_idx" ON "survivors" USING btree ("organization_id","legal_name_index");--> statement-breakpoint
CREATE INDEX "survivors_name_indexes_idx" ON "survivors" USING gin ("name_indexes");--> statement-breakpoint
CREATE INDEX "survivors_client_code_prefix_idx" ON "survivors" USING btree ("client_code" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "transfer_requests_open_idx" ON "transfer_requests" USING btree ("organization_id","status","created_at");--> statement-breakpoint
CREATE INDEX "transfer_requests_survivor_idx" ON "transfer_requests" USING btree ("survivor_id");