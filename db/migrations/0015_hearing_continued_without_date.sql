ALTER TABLE "matter_hearings" DROP CONSTRAINT "matter_hearings_continued_names_successor";--> statement-breakpoint
ALTER TABLE "matter_hearings" ADD CONSTRAINT "matter_hearings_successor_only_when_continued" CHECK ("matter_hearings"."continued_to_id" is null or "matter_hearings"."status" = 'continued');--> statement-breakpoint
-- HAND-WRITTEN DATA MIGRATION: a hearing the court continued without a date (the matter recorded
-- "continued", or is on hold from there) was left "scheduled"; it is marked continued, so no list or
-- calendar still shows it as coming.
UPDATE "matter_hearings" AS h SET "status" = 'continued', "version" = h."version" + 1, "updated_at" = now()
FROM "vacatur_matters" AS m
WHERE m."id" = h."matter_id" AND h."status" = 'scheduled'
  AND (m."status" = 'continued' OR (m."status" = 'on_hold_by_survivor' AND m."held_from_status" = 'continued'));
