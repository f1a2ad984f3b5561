CREATE TABLE "audit_chain" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"event_id" bigint NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"chained_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "audit_chain_eventId_unique" UNIQUE("event_id")
);
--> statement-breakpoint
CREATE TABLE "audit_chain_head" (
	"id" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_verifications" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_verifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"verified_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requested_by" uuid,
	"intact" boolean NOT NULL,
	"links_checked" integer NOT NULL,
	"head_seq" bigint,
	"broken_seq" bigint,
	"broken_event_id" bigint,
	"problem" text,
	"duration_ms" integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX "audit_verifications_verified_at_idx" ON "audit_verifications" USING btree ("verified_at");--> statement-breakpoint
-- The chain's head: one row, the genesis link (seq 0) hashed over nothing.
ALTER TABLE "audit_chain_head" ADD CONSTRAINT "audit_chain_head_single_row" CHECK ("id");--> statement-breakpoint
INSERT INTO "audit_chain_head" ("id", "seq", "hash") VALUES (true, 0, encode(sha256(''::bytea), 'hex'));--> statement-breakpoint
-- An event's canonical form: its columns in a fixed order, as JSON text (jsonb's text form is
-- stable: keys sorted, one spacing), the time in UTC to the microsecond whatever the session's zone.
-- Changing this changes every hash: add a column to the chain with a new function and a cut-over seq,
-- never by editing this one.
CREATE FUNCTION audit_event_canonical(e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_array(
    e.id,
    to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
    e.actor_user_id, e.actor_role, e.actor_organization_id, e.action, e.target_type, e.target_id,
    e.ip, e.user_agent, e.details
  )::text
$$;--> statement-breakpoint
CREATE FUNCTION audit_chain_digest(prev_hash text, e audit_events) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT encode(sha256(convert_to(prev_hash || '|' || audit_event_canonical(e), 'UTF8')), 'hex')
$$;--> statement-breakpoint
-- Chains one event. Deferred to commit: the head's row lock is taken last and held only while the
-- transaction commits, so concurrent writers queue for an instant instead of holding the lock
-- through their work (and cannot deadlock on it), and a rolled-back event never enters the chain.
CREATE FUNCTION audit_events_chain() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  head_seq bigint;
  head_hash text;
  digest text;
BEGIN
  SELECT seq, hash INTO head_seq, head_hash FROM audit_chain_head WHERE id FOR UPDATE;
  digest := audit_chain_digest(head_hash, NEW);
  INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES (head_seq + 1, NEW.id, head_hash, digest);
  UPDATE audit_chain_head SET seq = head_seq + 1, hash = digest WHERE id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER audit_events_chain
  AFTER INSERT ON audit_events
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION audit_events_chain();--> statement-breakpoint
-- The links are append-only like the events.
CREATE FUNCTION audit_chain_refuse_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_chain is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;--> statement-breakpoint
CREATE TRIGGER audit_chain_no_update_delete BEFORE UPDATE OR DELETE ON audit_chain FOR EACH ROW EXECUTE FUNCTION audit_chain_refuse_change();--> statement-breakpoint
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_refuse_change();--> statement-breakpoint
-- The events recorded before the chain existed, in id order (they all committed long ago).
DO $$
DECLARE
  e audit_events;
  head_seq bigint := 0;
  head_hash text := encode(sha256(''::bytea), 'hex');
  digest text;
BEGIN
  FOR e IN SELECT * FROM audit_events ORDER BY id LOOP
    digest := audit_chain_digest(head_hash, e);
    head_seq := head_seq + 1;
    INSERT INTO audit_chain (seq, event_id, prev_hash, hash) VALUES (head_seq, e.id, head_hash, digest);
    head_hash := digest;
  END LOOP;
  UPDATE audit_chain_head SET seq = head_seq, hash = head_hash WHERE id;
END;
$$;
