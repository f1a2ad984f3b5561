CREATE TABLE "audit_chain_anchors" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"hash" text NOT NULL,
	"anchored_at" timestamp with time zone DEFAULT now() NOT NULL,
	"events_purged" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survivor_legal_holds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"survivor_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reason_enc" text NOT NULL,
	"held_at" timestamp with time zone DEFAULT now() NOT NULL,
	"held_by" uuid NOT NULL,
	"released_at" timestamp with time zone,
	"released_by" uuid,
	CONSTRAINT "survivor_legal_holds_released_together" CHECK (("survivor_legal_holds"."released_at" is null) = ("survivor_legal_holds"."released_by" is null))
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "record_retention_years" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "audit_retention_years" integer DEFAULT 7 NOT NULL;--> statement-breakpoint
ALTER TABLE "survivor_legal_holds" ADD CONSTRAINT "survivor_legal_holds_survivor_id_survivors_id_fk" FOREIGN KEY ("survivor_id") REFERENCES "public"."survivors"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_legal_holds" ADD CONSTRAINT "survivor_legal_holds_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_legal_holds" ADD CONSTRAINT "survivor_legal_holds_held_by_users_id_fk" FOREIGN KEY ("held_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survivor_legal_holds" ADD CONSTRAINT "survivor_legal_holds_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survivor_legal_holds_one_open" ON "survivor_legal_holds" USING btree ("survivor_id") WHERE "survivor_legal_holds"."released_at" is null;--> statement-breakpoint
CREATE INDEX "survivor_legal_holds_survivor_idx" ON "survivor_legal_holds" USING btree ("survivor_id","held_at");--> statement-breakpoint
CREATE INDEX "survivor_legal_holds_open_idx" ON "survivor_legal_holds" USING btree ("organization_id","survivor_id") WHERE "survivor_legal_holds"."released_at" is null;--> statement-breakpoint
CREATE INDEX "survivors_closed_idx" ON "survivors" USING btree ("organization_id","status_changed_at","id") WHERE "survivors"."status" = 'closed';--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_record_retention_range" CHECK ("organizations"."record_retention_years" between 1 and 50);--> statement-breakpoint
ALTER TABLE "organizations" ADD CONSTRAINT "organizations_audit_retention_range" CHECK ("organizations"."audit_retention_years" between 1 and 50);--> statement-breakpoint
-- HAND-WRITTEN: the retention purge of audit events (lib/audit/purge.ts). The trail stays append-only
-- except for one narrow door: inside a transaction that declared itself a purge (the transaction-local
-- setting clearway.audit_purge = 'on'), an event, its survivors and its link may be deleted only when
-- the link lies at or before the chain's latest anchor, and a link only after its event is gone. An
-- anchor is accepted only in such a transaction, only ahead of the last one, and only if it is a link
-- of the chain with that very hash, whose event is over a year old. So what a purge can remove is always a prefix of the chain, whose
-- remainder still verifies from the anchor; any other DELETE (or any TRUNCATE or UPDATE) is refused as
-- before, and a deletion made with the triggers disabled is still reported by the verifier.
CREATE FUNCTION audit_purge_in_progress() RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT coalesce(current_setting('clearway.audit_purge', true), '') = 'on'
$$;--> statement-breakpoint
CREATE FUNCTION audit_event_purgeable(purged_event bigint) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT audit_purge_in_progress() AND EXISTS (
    SELECT 1 FROM audit_chain c
    WHERE c.event_id = purged_event AND c.seq <= (SELECT max(a.seq) FROM audit_chain_anchors a)
  )
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_events_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    -- (one branch per table: OLD has the columns of the table the trigger fired on)
    IF TG_TABLE_NAME = 'audit_events' THEN
      IF audit_event_purgeable(OLD.id) THEN RETURN OLD; END IF;
    ELSIF TG_TABLE_NAME = 'audit_event_survivors' THEN
      IF audit_event_purgeable(OLD.audit_event_id) THEN RETURN OLD; END IF;
    END IF;
  END IF;
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION audit_chain_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND audit_purge_in_progress()
     AND OLD.seq <= (SELECT max(a.seq) FROM audit_chain_anchors a)
     AND NOT EXISTS (SELECT 1 FROM audit_events e WHERE e.id = OLD.event_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'audit_chain is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE FUNCTION audit_chain_anchors_check() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    RAISE EXCEPTION 'audit_chain_anchors is append-only: % is not allowed', TG_OP
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NOT audit_purge_in_progress() THEN
    RAISE EXCEPTION 'an audit chain anchor is set only by the retention purge'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF NEW.seq <= coalesce((SELECT max(a.seq) FROM audit_chain_anchors a), 0) THEN
    RAISE EXCEPTION 'an audit chain anchor must lie after the last one'
      USING ERRCODE = 'check_violation';
  END IF;
  IF NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.seq = NEW.seq AND c.hash = NEW.hash) THEN
    RAISE EXCEPTION 'an audit chain anchor must be a link of the chain, with its hash'
      USING ERRCODE = 'check_violation';
  END IF;
  -- The shortest retention an organization can choose is one year: nothing younger is ever purged,
  -- whoever sets the purge's flag.
  IF NOT EXISTS (
    SELECT 1 FROM audit_chain c JOIN audit_events e ON e.id = c.event_id
    WHERE c.seq = NEW.seq AND e.occurred_at < now() - interval '1 year'
  ) THEN
    RAISE EXCEPTION 'an audit chain anchor must be an event more than a year old'
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_chain_anchors_insert BEFORE INSERT ON audit_chain_anchors FOR EACH ROW EXECUTE FUNCTION audit_chain_anchors_check();--> statement-breakpoint
CREATE TRIGGER audit_chain_anchors_no_update_delete BEFORE UPDATE OR DELETE ON audit_chain_anchors FOR EACH ROW EXECUTE FUNCTION audit_chain_anchors_check();--> statement-breakpoint
CREATE TRIGGER audit_chain_anchors_no_truncate BEFORE TRUNCATE ON audit_chain_anchors FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_anchors_check();
