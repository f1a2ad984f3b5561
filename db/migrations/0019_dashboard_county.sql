DROP INDEX "referrals_report_idx";--> statement-breakpoint
CREATE INDEX "survivors_county_idx" ON "survivors" USING btree ("county","id");--> statement-breakpoint
CREATE INDEX "pro_bono_hours_report_idx" ON "pro_bono_hours" USING btree ("worked_on","organization_id","matter_id","hundredths") WHERE "pro_bono_hours"."superseded_at" is null and "pro_bono_hours"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "referrals_report_idx" ON "referrals" USING btree ("sent_at","from_organization_id","to_organization_id","status","service","decline_reason","answer_days","survivor_id");