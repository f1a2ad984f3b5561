CREATE TABLE "pro_bono_rates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"hourly_rate_cents" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "pro_bono_rates_positive" CHECK ("pro_bono_rates"."hourly_rate_cents" between 1 and 200000)
);
--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "logged_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "corrects_id" uuid;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "superseded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
-- HAND-WRITTEN (issue 11): entries logged before this migration were first logged when
-- they were created; without this their 30 days to correct would start over today.
UPDATE "pro_bono_hours" SET "logged_at" = "created_at", "updated_at" = "created_at";--> statement-breakpoint
-- END HAND-WRITTEN
ALTER TABLE "pro_bono_rates" ADD CONSTRAINT "pro_bono_rates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_bono_rates" ADD CONSTRAINT "pro_bono_rates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "pro_bono_rates_organization_key" ON "pro_bono_rates" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- HAND-WRITTEN (issue 11): drizzle-kit emitted the composite foreign key before the
-- unique constraint it references, which PostgreSQL refuses; the two statements are moved here in the
-- right order. Keep this order if the migration is regenerated.
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_entry_key" UNIQUE("id","matter_id","attorney_id");--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_corrects_fk" FOREIGN KEY ("corrects_id","matter_id","attorney_id") REFERENCES "public"."pro_bono_hours"("id","matter_id","attorney_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- END HAND-WRITTEN
CREATE UNIQUE INDEX "pro_bono_hours_corrected_once" ON "pro_bono_hours" USING btree ("corrects_id");--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_removed_by_author" CHECK (("pro_bono_hours"."removed_at" is null and "pro_bono_hours"."removed_by" is null) or ("pro_bono_hours"."removed_at" is not null and "pro_bono_hours"."removed_by" = "pro_bono_hours"."attorney_id"));--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_superseded_or_removed" CHECK ("pro_bono_hours"."superseded_at" is null or "pro_bono_hours"."removed_at" is null);--> statement-breakpoint
ALTER TABLE "pro_bono_hours" ADD CONSTRAINT "pro_bono_hours_hundredths_range" CHECK ("pro_bono_hours"."hundredths" between 1 and 2400);