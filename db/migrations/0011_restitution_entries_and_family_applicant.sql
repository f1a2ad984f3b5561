CREATE TYPE "public"."restitution_order" AS ENUM('unknown', 'none', 'ordered');--> statement-breakpoint
ALTER TABLE "convictions" ALTER COLUMN "restitution_status" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "convictions" ADD COLUMN "restitution_order" "restitution_order" DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "convictions" ADD COLUMN "restitution" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "vacatur_matters" ADD COLUMN "homicide_family_applicant" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- ---- HAND-WRITTEN DATA MIGRATION (keep when regenerating): carry each conviction's former single
-- restitution status over to the restitution entries. A payee of "individual" was the victim. The former
-- "insurer_only" never recorded whether the insurer was paid, so its entry says "unknown" rather than
-- guessing: the general routes then ask for it instead of treating it as met.
UPDATE "convictions" SET
  "restitution_order" = CASE "restitution_status"
    WHEN 'none' THEN 'none'::"restitution_order"
    WHEN 'individual_unpaid' THEN 'ordered'::"restitution_order"
    WHEN 'individual_paid' THEN 'ordered'::"restitution_order"
    WHEN 'insurer_only' THEN 'ordered'::"restitution_order"
    ELSE 'unknown'::"restitution_order" END,
  "restitution" = CASE "restitution_status"
    WHEN 'individual_unpaid' THEN '[{"owedTo":"victim","payment":"unpaid"}]'::jsonb
    WHEN 'individual_paid' THEN '[{"owedTo":"victim","payment":"paid"}]'::jsonb
    WHEN 'insurer_only' THEN '[{"owedTo":"insurer","payment":"unknown"}]'::jsonb
    ELSE '[]'::jsonb END;--> statement-breakpoint
-- ---- END HAND-WRITTEN DATA MIGRATION
ALTER TABLE "convictions" ADD CONSTRAINT "convictions_restitution_entries" CHECK (jsonb_typeof("convictions"."restitution") = 'array' and (("convictions"."restitution_order" = 'ordered') = (jsonb_array_length("convictions"."restitution") > 0)));