-- Clearway's database runs without JIT (db/client.ts says why). A database default rather than a
-- connection's startup parameter, so it holds behind PgBouncer in transaction mode, which refuses
-- startup parameters it does not know. It applies to sessions opened after this migration.
-- ALTER DATABASE needs the database's name (the one this runs in) and its owner's rights: without
-- them the migration goes on with a warning, and direct connections still turn JIT off themselves;
-- behind a pooler, run the statement below as the owner once.
DO $$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'Clearway: could not turn JIT off for database %: run ALTER DATABASE % SET jit = off as its owner', current_database(), quote_ident(current_database());
END
$$;
