CREATE TYPE "public"."hearing_status" AS ENUM('scheduled', 'continued', 'cancelled');--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD COLUMN "status" "hearing_status" DEFAULT 'scheduled' NOT NULL;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD COLUMN "continued_to_id" uuid;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD COLUMN "updated_by" uuid;--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- HAND-EDITED (order only): drizzle-kit emitted this UNIQUE after the foreign key that needs it;
-- it must come first. If this migration is regenerated at merge, keep the UNIQUE before the FK.
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_id_matter_key" UNIQUE("id","matter_id");--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_continued_to_fk" FOREIGN KEY ("continued_to_id","matter_id") REFERENCES "public"."matter_hearings"("id","matter_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matter_hearings_continued_to_idx" ON "matter_hearings" USING btree ("continued_to_id");--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_continued_names_successor" CHECK (("matter_hearings"."status" = 'continued') = ("matter_hearings"."continued_to_id" is not null));--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_not_continued_to_itself" CHECK ("matter_hearings"."continued_to_id" is distinct from "matter_hearings"."id");