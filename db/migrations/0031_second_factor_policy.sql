ALTER TYPE "public"."session_end_reason" ADD VALUE 'second_factor_reset';--> statement-breakpoint
ALTER TYPE "public"."user_approval_reason" ADD VALUE 'second_factor_reset';--> statement-breakpoint
CREATE TABLE "second_factor_requirements" (
	"role" "role" PRIMARY KEY NOT NULL,
	"required" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "second_factor_requirements_admin" CHECK ("second_factor_requirements"."role" <> 'admin' or "second_factor_requirements"."required")
);
--> statement-breakpoint
ALTER TABLE "user_sessions" ADD COLUMN "device_throttle_key" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "second_factor_reset_at" timestamp with time zone;
