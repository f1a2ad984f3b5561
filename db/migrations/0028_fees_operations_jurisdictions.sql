CREATE TYPE "public"."fee_case_status" AS ENUM('assessed', 'payment_plan', 'paid', 'delinquent', 'waived', 'vacated');--> statement-breakpoint
CREATE TYPE "public"."fee_disposition" AS ENUM('conviction', 'deferred_sentence', 'deferred_prosecution', 'diversion');--> statement-breakpoint
CREATE TYPE "public"."fee_offense" AS ENUM('patronizing', 'permitting', 'promoting_1', 'promoting_2', 'csam_minor', 'promoting_csam_minor', 'promoting_travel_csam', 'prostitution', 'indecent_exposure');--> statement-breakpoint
CREATE TYPE "public"."jurisdiction_kind" AS ENUM('county', 'city');--> statement-breakpoint
CREATE TYPE "public"."ledger_kind" AS ENUM('payment', 'allocation', 'remittance', 'education_fee');--> statement-breakpoint
CREATE TYPE "public"."operation_type" AS ENUM('street_reverse_sting', 'web_reverse_sting', 'outreach', 'massage_business_enforcement');--> statement-breakpoint
CREATE TYPE "public"."payment_source" AS ENUM('manual', 'import');--> statement-breakpoint
ALTER TYPE "public"."role" ADD VALUE 'law_enforcement';--> statement-breakpoint
CREATE TABLE "allocation_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"effective_from" date NOT NULL,
	"lines" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "fee_cases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"court" text NOT NULL,
	"case_number" text NOT NULL,
	"offense" "fee_offense" NOT NULL,
	"disposition" "fee_disposition" NOT NULL,
	"disposition_date" date NOT NULL,
	"priors" integer DEFAULT 0 NOT NULL,
	"arresting_agency_id" uuid,
	"operation_id" uuid,
	"internet_ad_count" integer DEFAULT 0 NOT NULL,
	"depiction_count" integer DEFAULT 0 NOT NULL,
	"impound_fine_cents" integer,
	"statutory_cents" integer NOT NULL,
	"assessed_cents" integer NOT NULL,
	"inability_to_pay_finding" boolean DEFAULT false NOT NULL,
	"status" "fee_case_status" DEFAULT 'assessed' NOT NULL,
	"plan_monthly_cents" integer,
	"plan_first_due_on" date,
	"john_school_program" text,
	"john_school_sessions" integer,
	"john_school_session_fee_cents" integer,
	"john_school_session_dates" date[] DEFAULT '{}'::date[] NOT NULL,
	"john_school_completed_on" date,
	"recorded_by_organization_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "fee_cases_amounts_check" CHECK ("fee_cases"."assessed_cents" >= 0 and "fee_cases"."statutory_cents" >= 0 and "fee_cases"."assessed_cents" <= "fee_cases"."statutory_cents"),
	CONSTRAINT "fee_cases_counts_check" CHECK ("fee_cases"."priors" >= 0 and "fee_cases"."internet_ad_count" >= 0 and "fee_cases"."depiction_count" >= 0)
);
--> statement-breakpoint
CREATE TABLE "fee_ledger_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "fee_ledger_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"entry_date" date NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"kind" "ledger_kind" NOT NULL,
	"fee_case_id" uuid,
	"payment_id" uuid,
	"policy_id" uuid,
	"recipient_key" text,
	"recipient_label" text,
	"recipient_category" text,
	"cents" bigint NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "fee_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"fee_case_id" uuid NOT NULL,
	"received_on" date NOT NULL,
	"cents" integer NOT NULL,
	"reference" text,
	"reverses_payment_id" uuid,
	"source" "payment_source" DEFAULT 'manual' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "fee_payments_cents_check" CHECK ("fee_payments"."cents" <> 0),
	CONSTRAINT "fee_payments_reversal_check" CHECK (("fee_payments"."cents" < 0) = ("fee_payments"."reverses_payment_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "jurisdictions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "jurisdiction_kind" NOT NULL,
	"state" text DEFAULT 'WA' NOT NULL,
	"county" text,
	"own_police" boolean DEFAULT false NOT NULL,
	"population" integer,
	"tactics" text[] DEFAULT '{}'::text[] NOT NULL,
	"key_partners" text,
	"narrative" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "operations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"agency_id" uuid NOT NULL,
	"partner_agency_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"jurisdiction_id" uuid NOT NULL,
	"type" "operation_type" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"staff_hours" integer,
	"calls" integer DEFAULT 0 NOT NULL,
	"arrivals" integer DEFAULT 0 NOT NULL,
	"arrests" integer DEFAULT 0 NOT NULL,
	"vehicles_impounded" integer DEFAULT 0 NOT NULL,
	"people_contacted" integer DEFAULT 0 NOT NULL,
	"kits_given" integer DEFAULT 0 NOT NULL,
	"referrals_to_services" integer DEFAULT 0 NOT NULL,
	"notes" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "operations_times_check" CHECK ("operations"."ends_at" > "operations"."starts_at"),
	CONSTRAINT "operations_counts_check" CHECK ("operations"."calls" >= 0 and "operations"."arrivals" >= 0 and "operations"."arrests" >= 0 and "operations"."vehicles_impounded" >= 0 and "operations"."people_contacted" >= 0 and "operations"."kits_given" >= 0 and "operations"."referrals_to_services" >= 0 and coalesce("operations"."staff_hours", 0) >= 0)
);
--> statement-breakpoint
ALTER TABLE "allocation_policies" ADD CONSTRAINT "allocation_policies_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_policies" ADD CONSTRAINT "allocation_policies_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_arresting_agency_id_organizations_id_fk" FOREIGN KEY ("arresting_agency_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_operation_id_operations_id_fk" FOREIGN KEY ("operation_id") REFERENCES "public"."operations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_recorded_by_organization_id_organizations_id_fk" FOREIGN KEY ("recorded_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_cases" ADD CONSTRAINT "fee_cases_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_ledger_entries" ADD CONSTRAINT "fee_ledger_entries_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_ledger_entries" ADD CONSTRAINT "fee_ledger_entries_fee_case_id_fee_cases_id_fk" FOREIGN KEY ("fee_case_id") REFERENCES "public"."fee_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_ledger_entries" ADD CONSTRAINT "fee_ledger_entries_payment_id_fee_payments_id_fk" FOREIGN KEY ("payment_id") REFERENCES "public"."fee_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_ledger_entries" ADD CONSTRAINT "fee_ledger_entries_policy_id_allocation_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."allocation_policies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_ledger_entries" ADD CONSTRAINT "fee_ledger_entries_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_payments" ADD CONSTRAINT "fee_payments_fee_case_id_fee_cases_id_fk" FOREIGN KEY ("fee_case_id") REFERENCES "public"."fee_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_payments" ADD CONSTRAINT "fee_payments_reverses_payment_id_fee_payments_id_fk" FOREIGN KEY ("reverses_payment_id") REFERENCES "public"."fee_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fee_payments" ADD CONSTRAINT "fee_payments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_agency_id_organizations_id_fk" FOREIGN KEY ("agency_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_jurisdiction_id_jurisdictions_id_fk" FOREIGN KEY ("jurisdiction_id") REFERENCES "public"."jurisdictions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operations" ADD CONSTRAINT "operations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_policies_jurisdiction_from_key" ON "allocation_policies" USING btree ("jurisdiction_id","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_cases_court_case_key" ON "fee_cases" USING btree (lower("court"),upper("case_number"));--> statement-breakpoint
CREATE INDEX "fee_cases_jurisdiction_date_idx" ON "fee_cases" USING btree ("jurisdiction_id","disposition_date");--> statement-breakpoint
CREATE INDEX "fee_cases_agency_idx" ON "fee_cases" USING btree ("arresting_agency_id","disposition_date");--> statement-breakpoint
CREATE INDEX "fee_cases_disposition_date_idx" ON "fee_cases" USING btree ("disposition_date","id");--> statement-breakpoint
CREATE INDEX "fee_cases_operation_idx" ON "fee_cases" USING btree ("operation_id");--> statement-breakpoint
CREATE INDEX "fee_cases_recorded_by_idx" ON "fee_cases" USING btree ("recorded_by_organization_id");--> statement-breakpoint
CREATE INDEX "fee_cases_status_idx" ON "fee_cases" USING btree ("status","disposition_date");--> statement-breakpoint
CREATE INDEX "fee_ledger_jurisdiction_date_idx" ON "fee_ledger_entries" USING btree ("jurisdiction_id","entry_date");--> statement-breakpoint
CREATE INDEX "fee_ledger_payment_idx" ON "fee_ledger_entries" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "fee_ledger_case_idx" ON "fee_ledger_entries" USING btree ("fee_case_id","kind");--> statement-breakpoint
CREATE INDEX "fee_ledger_policy_idx" ON "fee_ledger_entries" USING btree ("policy_id");--> statement-breakpoint
CREATE INDEX "fee_payments_case_idx" ON "fee_payments" USING btree ("fee_case_id","received_on");--> statement-breakpoint
CREATE INDEX "fee_payments_received_idx" ON "fee_payments" USING btree ("received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "fee_payments_reference_key" ON "fee_payments" USING btree ("fee_case_id","reference",("cents" < 0)) WHERE "fee_payments"."reference" is not null;--> statement-breakpoint
CREATE INDEX "fee_payments_reverses_idx" ON "fee_payments" USING btree ("reverses_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "jurisdictions_name_state_key" ON "jurisdictions" USING btree (lower("name"),"state");--> statement-breakpoint
CREATE INDEX "jurisdictions_county_idx" ON "jurisdictions" USING btree ("county");--> statement-breakpoint
CREATE INDEX "operations_agency_idx" ON "operations" USING btree ("agency_id","starts_at");--> statement-breakpoint
CREATE INDEX "operations_jurisdiction_idx" ON "operations" USING btree ("jurisdiction_id","starts_at");--> statement-breakpoint
CREATE INDEX "operations_partners_idx" ON "operations" USING gin ("partner_agency_ids");--> statement-breakpoint
-- The fee ledger and the payments behind it are append-only, like the audit trail: a correction is a
-- new entry (a reversal), never an edit. The trigger refuses anyone who tries.
CREATE FUNCTION fee_money_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER fee_ledger_entries_no_update_delete BEFORE UPDATE OR DELETE ON fee_ledger_entries FOR EACH ROW EXECUTE FUNCTION fee_money_refuse_change();
--> statement-breakpoint
CREATE TRIGGER fee_ledger_entries_no_truncate BEFORE TRUNCATE ON fee_ledger_entries FOR EACH STATEMENT EXECUTE FUNCTION fee_money_refuse_change();
--> statement-breakpoint
CREATE TRIGGER fee_payments_no_update_delete BEFORE UPDATE OR DELETE ON fee_payments FOR EACH ROW EXECUTE FUNCTION fee_money_refuse_change();
--> statement-breakpoint
CREATE TRIGGER fee_payments_no_truncate BEFORE TRUNCATE ON fee_payments FOR EACH STATEMENT EXECUTE FUNCTION fee_money_refuse_change();
