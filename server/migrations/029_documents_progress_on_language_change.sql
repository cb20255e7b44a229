-- Lockstep schema, version 29: the documents' progress trigger does its work only when a
-- document's target languages change.
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
