-- Lockstep schema, version 24: progress triggers whose plans fit every statement size.
--
-- PL/pgSQL plans each statement of a function once per connection and keeps that plan; a
-- statement without parameters is never re-planned. A statement that reads a transition table
-- (old_rows/new_rows) is therefore planned for the row count of its first call on the
-- connection, and keeps that plan for every later call. Measured on PostgreSQL 15
-- (the first in tests/src/api/transitionPlans.slow.test.ts; both on tables of our own):
--   * `old_rows JOIN new_rows`, planned for one row (a nested loop), then run over 20,000 rows:
--     48 s (the same query planned for its size: 28 ms). A 10,000-segment publish after a small
--     edit on the same connection hit the 60 s statement timeout in `placeSegments`.
--   * `new_rows JOIN segments`, planned for 20,000 rows (a hash join over a full scan of
--     segments), then run for a one-row save: 230-390 ms per save on a 300,000-row table,
--     where the same query planned for one row takes 0.7 ms. (Not reproduced with this schema
--     at 10,000 + 200,000 segments, where the planner kept index probes; the form below rules
--     it out whatever the planner would choose.)
-- Planning every statement afresh (EXECUTE) fixes both but cost a one-row save ~5 ms more
-- under load (pgbench, 8.6-9.1 against 13.7-13.9 ms). Instead, no statement here has a plan
-- that grows badly with the other size:
--   * old and new rows are compared with EXCEPT, which is hashed or sorted, never a nested loop;
--   * the segment of each translation row is read by a scalar subquery on segments' primary
--     key, which runs once per row whatever the estimate (a join could be planned as a hash
--     join over the whole table). `OFFSET 0` keeps the subquery from being copied into each
--     place that reads its result.
-- The functions are restated whole (a migration can replace a function, not patch it); the
-- counting rules are migration 002's and 007's, unchanged.

CREATE OR REPLACE FUNCTION lockstep_translations_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  deltas progress_delta[];
BEGIN
  -- Nested, not `TG_OP = 'UPDATE' AND …`: the condition is planned as a whole, and an insert
  -- or delete trigger has no old_rows or no new_rows to plan it against.
  IF TG_OP = 'UPDATE' THEN
    -- Migration 007's short path: no row changed state (every old (segment, language, state)
    -- is still there), so no count moves; only the activity time is stamped.
    IF NOT EXISTS (SELECT o.segment_id, o.lang, o.state FROM old_rows o
                   EXCEPT
                   SELECT n.segment_id, n.lang, n.state FROM new_rows n) THEN
      WITH a AS (
        SELECT c.document_id, c.lang, max(c.updated_at) AS at
          FROM (SELECT n.lang, n.updated_at,
                       (SELECT s.document_id FROM segments s
                         WHERE s.id = n.segment_id AND s.retired_in IS NULL AND s.translatable) AS document_id
                  FROM new_rows n WHERE n.updated_by IS NOT NULL OFFSET 0) c
         WHERE c.document_id IS NOT NULL
         GROUP BY c.document_id, c.lang
      ), free AS (
        SELECT lp.document_id, lp.lang, a.at
          FROM language_progress lp JOIN a ON a.document_id = lp.document_id AND a.lang = lp.lang
         WHERE lp.last_activity IS NULL OR lp.last_activity < a.at
           FOR UPDATE OF lp SKIP LOCKED
      )
      UPDATE language_progress lp SET last_activity = free.at
        FROM free WHERE lp.document_id = free.document_id AND lp.lang = free.lang;
      RETURN NULL;
    END IF;
  END IF;

  -- Each row with the live, translatable segment it counts for (NULL: it counts for none),
  -- +1 for a row that arrives, -1 for one that leaves.
  IF TG_OP = 'INSERT' THEN
    deltas := ARRAY(
      SELECT ROW((c.seg).document_id, c.lang, c.state, sum(c.n)::int, sum(c.n * (c.seg).words)::int, max(c.activity))::progress_delta
        FROM (SELECT u.lang, u.state, u.n, u.activity,
                     (SELECT ROW(s.id, s.document_id, true, s.words, 1)::segment_contribution FROM segments s
                       WHERE s.id = u.segment_id AND s.retired_in IS NULL AND s.translatable) AS seg
                FROM (SELECT n.segment_id, n.lang, n.state, 1 AS n, CASE WHEN n.updated_by IS NOT NULL THEN n.updated_at END AS activity
                        FROM new_rows n) u OFFSET 0) c
       WHERE (c.seg).id IS NOT NULL
       GROUP BY (c.seg).document_id, c.lang, c.state);
  ELSIF TG_OP = 'DELETE' THEN
    deltas := ARRAY(
      SELECT ROW((c.seg).document_id, c.lang, c.state, sum(c.n)::int, sum(c.n * (c.seg).words)::int, NULL)::progress_delta
        FROM (SELECT u.lang, u.state, u.n,
                     (SELECT ROW(s.id, s.document_id, true, s.words, 1)::segment_contribution FROM segments s
                       WHERE s.id = u.segment_id AND s.retired_in IS NULL AND s.translatable) AS seg
                FROM (SELECT o.segment_id, o.lang, o.state, -1 AS n FROM old_rows o) u OFFSET 0) c
       WHERE (c.seg).id IS NOT NULL
       GROUP BY (c.seg).document_id, c.lang, c.state);
  ELSE
    deltas := ARRAY(
      SELECT ROW((c.seg).document_id, c.lang, c.state, sum(c.n)::int, sum(c.n * (c.seg).words)::int, max(c.activity))::progress_delta
        FROM (SELECT u.lang, u.state, u.n, u.activity,
                     (SELECT ROW(s.id, s.document_id, true, s.words, 1)::segment_contribution FROM segments s
                       WHERE s.id = u.segment_id AND s.retired_in IS NULL AND s.translatable) AS seg
                FROM (SELECT o.segment_id, o.lang, o.state, -1 AS n, NULL::timestamptz AS activity FROM old_rows o
                      UNION ALL
                      SELECT n.segment_id, n.lang, n.state, 1, CASE WHEN n.updated_by IS NOT NULL THEN n.updated_at END FROM new_rows n) u
               OFFSET 0) c
       WHERE (c.seg).id IS NOT NULL
       GROUP BY (c.seg).document_id, c.lang, c.state);
  END IF;
  IF cardinality(deltas) > 0 THEN
    PERFORM lockstep_apply_progress(deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION lockstep_segments_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  changes segment_contribution[];
  deltas progress_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    changes := ARRAY(SELECT ROW(n.id, n.document_id, n.translatable, n.words, 1)::segment_contribution
                       FROM new_rows n WHERE n.retired_in IS NULL);
  ELSIF TG_OP = 'DELETE' THEN
    changes := ARRAY(SELECT ROW(o.id, o.document_id, o.translatable, o.words, -1)::segment_contribution
                       FROM old_rows o WHERE o.retired_in IS NULL);
  ELSE
    -- Moves and source edits that keep liveness, translatability and words change no count:
    -- a live old row counts out when no live new row has its id, document, translatability and
    -- words, and a live new row counts in likewise.
    changes := ARRAY(
      SELECT ROW(g.id, g.document_id, g.translatable, g.words, -1)::segment_contribution
        FROM (SELECT o.id, o.document_id, o.translatable, o.words FROM old_rows o WHERE o.retired_in IS NULL
              EXCEPT
              SELECT n.id, n.document_id, n.translatable, n.words FROM new_rows n WHERE n.retired_in IS NULL) g
      UNION ALL
      SELECT ROW(g.id, g.document_id, g.translatable, g.words, 1)::segment_contribution
        FROM (SELECT n.id, n.document_id, n.translatable, n.words FROM new_rows n WHERE n.retired_in IS NULL
              EXCEPT
              SELECT o.id, o.document_id, o.translatable, o.words FROM old_rows o WHERE o.retired_in IS NULL) g);
  END IF;
  IF cardinality(changes) > 0 THEN
    deltas := lockstep_segment_deltas(changes);
    IF cardinality(deltas) > 0 THEN
      PERFORM lockstep_apply_progress(deltas);
    END IF;
  END IF;
  RETURN NULL;
END $$;
