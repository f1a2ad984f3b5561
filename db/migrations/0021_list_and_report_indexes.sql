DROP INDEX "matter_tasks_open_idx";--> statement-breakpoint
CREATE INDEX "survivor_events_kind_idx" ON "survivor_events" USING btree ("kind","occurred_at");--> statement-breakpoint
CREATE INDEX "matter_tasks_matter_idx" ON "matter_tasks" USING btree ("matter_id");--> statement-breakpoint
CREATE INDEX "vacatur_matters_organization_idx" ON "vacatur_matters" USING btree ("organization_id","status","last_activity_at");