-- Lockstep schema, version 29: the progress triggers of documents and segments do their work
-- only when a statement changed something they count.
--
-- Locked segments count once per target language, so the trigger moves their counts when
-- `target_langs` changes. It computed those counts first (every live locked segment of the
-- updated documents, looked up through the segments' document) and only then dropped the
-- documents whose languages had not changed. Every publish sets `current_revision`: on a
-- 10,000-segment document with its retired rows that took 80 ms of a publish whose target is
-- 600 (psql, the same UPDATE with the trigger disabled: 0.2 ms). Now the function returns at
-- once unless some updated document's languages differ; which ones, the full query decides
-- as before.
CREATE OR REPLACE FUNCTION lockstep_documents_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  deltas progress_delta[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE o.target_langs IS DISTINCT FROM n.target_langs) THEN
    RETURN NULL;
  END IF;
  deltas := ARRAY(
    SELECT ROW(c.document_id, c.lang, 'locked', sum(c.sign)::int, sum(c.sign * c.words)::int, NULL)::progress_delta
      FROM (SELECT s.document_id, l.lang, -1 AS sign, s.words
              FROM old_rows o JOIN segments s ON s.document_id = o.id CROSS JOIN LATERAL unnest(o.target_langs) AS l(lang)
             WHERE s.retired_in IS NULL AND NOT s.translatable
            UNION ALL
            SELECT s.document_id, l.lang, 1, s.words
              FROM new_rows n JOIN segments s ON s.document_id = n.id CROSS JOIN LATERAL unnest(n.target_langs) AS l(lang)
             WHERE s.retired_in IS NULL AND NOT s.translatable) c
      JOIN old_rows o ON o.id = c.document_id JOIN new_rows n ON n.id = o.id
     WHERE o.target_langs IS DISTINCT FROM n.target_langs
     GROUP BY c.document_id, c.lang
    HAVING sum(c.sign) <> 0);
  IF cardinality(deltas) > 0 THEN
    PERFORM lockstep_apply_progress(deltas);
  END IF;
  RETURN NULL;
END $$;
-- CREATE OR REPLACE resets the function's settings: keep 025's.
ALTER FUNCTION lockstep_documents_progress() SET jit = off;

-- The segments' trigger likewise: a publish moves every segment after an inserted or removed
-- one (position, block), which changes no count. Whether any updated row changed what counts
-- (document, translatability, words, liveness) is one EXCEPT of the transition tables; the
-- full path (two EXCEPTs and a union) cost 40 ms of the 10,000-row UPDATE of a publish's moves
-- (psql, same UPDATE with the trigger on and off: 185-195 against 138-147 ms; after: within
-- the noise of off).
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
    -- An update keeps the number of rows and ids are unique: when every new row is an old one
    -- in what counts, none changed. (A join would be planned once per connection, for the
    -- first call's size: migration 024.)
    IF NOT EXISTS (SELECT n.id, n.document_id, n.translatable, n.words, n.retired_in IS NULL FROM new_rows n
                   EXCEPT
                   SELECT o.id, o.document_id, o.translatable, o.words, o.retired_in IS NULL FROM old_rows o) THEN
      RETURN NULL;
    END IF;
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
ALTER FUNCTION lockstep_segments_progress() SET jit = off;
