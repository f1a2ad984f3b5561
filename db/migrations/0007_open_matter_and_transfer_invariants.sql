-- One open vacatur matter per conviction, held by the database (the partial unique index on
-- matter_convictions(conviction_id) WHERE open comes in the next migration). matter_convictions.open
-- mirrors whether the row's matter is open; these triggers keep it so whoever writes the status.
-- A matter is open unless it is closed or withdrawn (CLOSED_MATTER_STATUSES in lib/vacatur/constants.ts).
CREATE FUNCTION vacatur_matter_is_open(status matter_status) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $$
  SELECT status NOT IN ('closed', 'withdrawn')
$$;
--> statement-breakpoint
-- A link takes its matter's state when written, so `open` cannot be set apart from the status.
CREATE FUNCTION matter_convictions_take_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.open := coalesce((SELECT vacatur_matter_is_open(m.status) FROM vacatur_matters m WHERE m.id = NEW.matter_id), true);
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER matter_convictions_open_from_matter
  BEFORE INSERT OR UPDATE ON matter_convictions
  FOR EACH ROW EXECUTE FUNCTION matter_convictions_take_open();
--> statement-breakpoint
-- Withdrawing or closing a matter frees its convictions for a new one (and the reverse, should a
-- closed matter ever reopen: the unique index then refuses it while another matter is open).
CREATE FUNCTION vacatur_matters_sync_open() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  UPDATE matter_convictions SET open = vacatur_matter_is_open(NEW.status)
   WHERE matter_id = NEW.id AND open IS DISTINCT FROM vacatur_matter_is_open(NEW.status);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER vacatur_matters_open_to_convictions
  AFTER UPDATE OF status ON vacatur_matters
  FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status)
  EXECUTE FUNCTION vacatur_matters_sync_open();
--> statement-breakpoint
-- Existing links take their matter's state.
UPDATE matter_convictions mc SET open = vacatur_matter_is_open(m.status) FROM vacatur_matters m WHERE m.id = mc.matter_id;
--> statement-breakpoint
-- A conviction already in two open matters (possible before this change) cannot be settled by a
-- migration: which matter goes on is the advocate's and the attorney's call. Stop with a message
-- that says what to do rather than fail on the index with a bare constraint error.
DO $$
DECLARE
  duplicate record;
BEGIN
  SELECT conviction_id, string_agg(matter_id::text, ', ') AS matters INTO duplicate
    FROM matter_convictions WHERE open GROUP BY conviction_id HAVING count(*) > 1 LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'Conviction % is in more than one open vacatur matter (%). Withdraw all but one of those matters, then migrate again.',
      duplicate.conviction_id, duplicate.matters;
  END IF;
END
$$;
--> statement-breakpoint
-- One open transfer request per survivor (index in the next migration). Before this change each
-- advocate could have their own open request for the same survivor; the earliest stays open for the
-- program lead, the later ones are closed as declined with no decider (resolved_by stays null).
UPDATE transfer_requests t SET status = 'declined', resolved_at = now()
 WHERE t.status = 'open'
   AND EXISTS (
     SELECT 1 FROM transfer_requests e
      WHERE e.survivor_id = t.survivor_id AND e.status = 'open'
        AND (e.created_at, e.id) < (t.created_at, t.id)
   );
