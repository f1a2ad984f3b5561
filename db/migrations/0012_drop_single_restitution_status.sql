ALTER TABLE "convictions" DROP COLUMN "restitution_status";--> statement-breakpoint
DROP TYPE "public"."restitution_status";