-- An advocate's survivors are all of one organization, but the planner multiplies the two selectivities
-- as if independent and guesses an advocate with 3,000 survivors has 450 (then picks nested loops
-- for them). Functional-dependency statistics tell it that the advocate decides the organization.
CREATE STATISTICS IF NOT EXISTS "survivors_advocate_organization_stats" (dependencies) ON "assigned_advocate_id", "organization_id" FROM "survivors";--> statement-breakpoint
ANALYZE "survivors";
