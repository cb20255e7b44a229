-- Lockstep schema, version 30: the server refreshes planner statistics itself.
--
-- A cached plan is made for the table sizes of the moment it is planned and kept until the
-- table's statistics change (PL/pgSQL statements and prepared statements alike; after five runs
-- PostgreSQL may settle on one generic plan). The embedded database has no autovacuum, and a
-- PostgreSQL may run with it off (this project's CI does), so on a new installation nothing ever
-- re-plans: creating small documents one after another slowed from 87 to 550 ms a document by
-- the 300th on both databases, because the translations' progress trigger kept a plan made when
-- segments held one page, which walked every live segment's index entry for each row
-- (tests/src/api/planGrowth.slow.test.ts).
--
-- This function does what autovacuum's analyze would: a table whose rows changed since its
-- last ANALYZE by more than autovacuum's default threshold (50 rows + 10% of its size) is
-- analyzed, which also invalidates the plans that read it. The server calls it on a timer
-- (services/statistics.ts); with autovacuum on it usually finds nothing to do.
CREATE FUNCTION lockstep_analyze_changed() RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
  t record;
  analyzed text[] := '{}';
BEGIN
  FOR t IN
    SELECT s.schemaname, s.relname
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
     WHERE s.schemaname = current_schema()
       AND s.n_mod_since_analyze > 50 + 0.1 * greatest(c.reltuples, 0)
     ORDER BY s.relname
  LOOP
    EXECUTE format('ANALYZE %I.%I', t.schemaname, t.relname);
    analyzed := analyzed || t.relname::text;
  END LOOP;
  RETURN analyzed;
END $$;
