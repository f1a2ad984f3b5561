DROP INDEX "referrals_to_idx";--> statement-breakpoint
DROP INDEX "referrals_from_idx";--> statement-breakpoint
DROP INDEX "vacatur_matters_attorney_idx";--> statement-breakpoint
CREATE INDEX "referrals_to_changed_idx" ON "referrals" USING btree ("to_organization_id","status","status_changed_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "referrals_from_changed_idx" ON "referrals" USING btree ("from_organization_id","status_changed_at","id","status","survivor_id");--> statement-breakpoint
CREATE INDEX "matter_tasks_open_notice_idx" ON "matter_tasks" USING btree ("matter_id","due_on") WHERE "matter_tasks"."kind" = 'prosecutor_notice' and "matter_tasks"."completed_at" is null;--> statement-breakpoint
CREATE INDEX "referrals_to_idx" ON "referrals" USING btree ("to_organization_id","status","sent_at","status_changed_at" DESC NULLS FIRST,"id");--> statement-breakpoint
CREATE INDEX "referrals_from_idx" ON "referrals" USING btree ("from_organization_id","status","created_at","survivor_id");--> statement-breakpoint
CREATE INDEX "vacatur_matters_attorney_idx" ON "vacatur_matters" USING btree ("attorney_id","legal_organization_id","status","last_activity_at");