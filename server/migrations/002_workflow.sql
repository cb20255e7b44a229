-- Lockstep schema, version 2: the translation workflow's progress counters.
--
-- Progress across documents (the dashboard) must not re-count every translation: 1,000
-- documents × 64 segments × 8 languages is half a million rows, ~220 ms to aggregate on
-- PostgreSQL. Instead one row per document × target language holds the counts per state, kept
-- exact by triggers on translations, segments and documents, so every writer (the editor,
-- revision publishing, XLIFF import, the demo seed) updates them without having to know.
--
-- Locking: every count change of a (document, language) goes through one upsert of its row,
-- so those changes are serialised per pair, and the completion check below reads a row this
-- transaction already holds. Edits that change no count (new text, same state) never wait for
-- that lock: they only stamp the activity time, and skip it when another writer holds the row
-- (that writer is stamping the same moment).
--
-- No foreign keys on purpose: a key check takes KEY SHARE on the documents row, which waits
-- for revision publishing's FOR UPDATE on it while the publisher may wait for the editor's
-- translation row: a deadlock. The rows are derived data, rebuilt from the tables if need be.

CREATE TABLE language_progress (
  document_id  text NOT NULL,
  lang         text NOT NULL,
  -- Live segments per state; locked segments count once per target language.
  untranslated integer NOT NULL DEFAULT 0,
  translated   integer NOT NULL DEFAULT 0,
  stale        integer NOT NULL DEFAULT 0,
  approved     integer NOT NULL DEFAULT 0,
  locked       integer NOT NULL DEFAULT 0,
  -- The same in source words.
  untranslated_words integer NOT NULL DEFAULT 0,
  translated_words   integer NOT NULL DEFAULT 0,
  stale_words        integer NOT NULL DEFAULT 0,
  approved_words     integer NOT NULL DEFAULT 0,
  locked_words       integer NOT NULL DEFAULT 0,
  -- The newest revision against which this language was complete (nothing untranslated or
  -- stale); kept when a later revision makes it incomplete again.
  complete_against_revision integer,
  -- The last change to one of its translations by a user.
  last_activity timestamptz,
  PRIMARY KEY (document_id, lang)
);

CREATE TYPE progress_delta AS (
  document_id text,
  lang        text,
  state       text,
  segments    integer,
  words       integer,
  activity    timestamptz
);

-- Applies count deltas (grouped per pair) and activity. Pairs whose counts change are upserted
-- in (document, lang) order, so two statements touching the same pairs cannot deadlock.
CREATE FUNCTION lockstep_apply_progress(deltas progress_delta[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM unnest(deltas) x WHERE x.segments <> 0 OR x.words <> 0) THEN
    INSERT INTO language_progress AS lp (document_id, lang,
        untranslated, translated, stale, approved, locked,
        untranslated_words, translated_words, stale_words, approved_words, locked_words, last_activity)
    SELECT x.document_id, x.lang,
           coalesce(sum(x.segments) FILTER (WHERE x.state = 'untranslated'), 0),
           coalesce(sum(x.segments) FILTER (WHERE x.state = 'translated'), 0),
           coalesce(sum(x.segments) FILTER (WHERE x.state = 'stale'), 0),
           coalesce(sum(x.segments) FILTER (WHERE x.state = 'approved'), 0),
           coalesce(sum(x.segments) FILTER (WHERE x.state = 'locked'), 0),
           coalesce(sum(x.words) FILTER (WHERE x.state = 'untranslated'), 0),
           coalesce(sum(x.words) FILTER (WHERE x.state = 'translated'), 0),
           coalesce(sum(x.words) FILTER (WHERE x.state = 'stale'), 0),
           coalesce(sum(x.words) FILTER (WHERE x.state = 'approved'), 0),
           coalesce(sum(x.words) FILTER (WHERE x.state = 'locked'), 0),
           max(x.activity)
      FROM unnest(deltas) x
     GROUP BY x.document_id, x.lang
    HAVING bool_or(x.segments <> 0 OR x.words <> 0)
     ORDER BY x.document_id, x.lang
    ON CONFLICT (document_id, lang) DO UPDATE SET
      untranslated = lp.untranslated + EXCLUDED.untranslated,
      translated = lp.translated + EXCLUDED.translated,
      stale = lp.stale + EXCLUDED.stale,
      approved = lp.approved + EXCLUDED.approved,
      locked = lp.locked + EXCLUDED.locked,
      untranslated_words = lp.untranslated_words + EXCLUDED.untranslated_words,
      translated_words = lp.translated_words + EXCLUDED.translated_words,
      stale_words = lp.stale_words + EXCLUDED.stale_words,
      approved_words = lp.approved_words + EXCLUDED.approved_words,
      locked_words = lp.locked_words + EXCLUDED.locked_words,
      last_activity = GREATEST(lp.last_activity, EXCLUDED.last_activity);

    -- This transaction holds these rows now, so what it reads is every committed change plus
    -- its own: the last writer to complete a language always sees it complete.
    UPDATE language_progress lp
       SET complete_against_revision = GREATEST(lp.complete_against_revision, d.current_revision)
      FROM documents d
     WHERE d.id = lp.document_id AND d.current_revision > 0
       AND lp.untranslated = 0 AND lp.stale = 0
       AND (lp.complete_against_revision IS NULL OR lp.complete_against_revision < d.current_revision)
       AND (lp.document_id, lp.lang) IN (SELECT x.document_id, x.lang FROM unnest(deltas) x WHERE x.segments <> 0 OR x.words <> 0);
  END IF;

  IF EXISTS (SELECT 1 FROM unnest(deltas) x WHERE x.activity IS NOT NULL AND x.segments = 0 AND x.words = 0) THEN
    WITH a AS (
      SELECT x.document_id, x.lang, max(x.activity) AS at
        FROM unnest(deltas) x
       GROUP BY x.document_id, x.lang
      HAVING NOT bool_or(x.segments <> 0 OR x.words <> 0) AND max(x.activity) IS NOT NULL
    ), free AS (
      -- A row held by another writer is being stamped by a change of the same moment.
      SELECT lp.document_id, lp.lang, a.at
        FROM language_progress lp JOIN a ON a.document_id = lp.document_id AND a.lang = lp.lang
       WHERE lp.last_activity IS NULL OR lp.last_activity < a.at
         FOR UPDATE OF lp SKIP LOCKED
    )
    UPDATE language_progress lp SET last_activity = free.at
      FROM free WHERE lp.document_id = free.document_id AND lp.lang = free.lang;
  END IF;
END $$;

-- Translations: a row counts under its state while its segment is live and translatable.
CREATE FUNCTION lockstep_translations_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  deltas progress_delta[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    deltas := ARRAY(
      SELECT ROW(s.document_id, n.lang, n.state, count(*)::int, sum(s.words)::int,
                 max(n.updated_at) FILTER (WHERE n.updated_by IS NOT NULL))::progress_delta
        FROM new_rows n JOIN segments s ON s.id = n.segment_id AND s.retired_in IS NULL AND s.translatable
       GROUP BY s.document_id, n.lang, n.state);
  ELSIF TG_OP = 'DELETE' THEN
    deltas := ARRAY(
      SELECT ROW(s.document_id, o.lang, o.state, -count(*)::int, -sum(s.words)::int, NULL)::progress_delta
        FROM old_rows o JOIN segments s ON s.id = o.segment_id AND s.retired_in IS NULL AND s.translatable
       GROUP BY s.document_id, o.lang, o.state);
  ELSE
    deltas := ARRAY(
      SELECT ROW(s.document_id, c.lang, c.state, sum(c.n)::int, sum(c.n * s.words)::int, max(c.activity))::progress_delta
        FROM (SELECT o.segment_id, o.lang, o.state, -1 AS n, NULL::timestamptz AS activity FROM old_rows o
              UNION ALL
              SELECT n.segment_id, n.lang, n.state, 1, CASE WHEN n.updated_by IS NOT NULL THEN n.updated_at END FROM new_rows n) c
        JOIN segments s ON s.id = c.segment_id AND s.retired_in IS NULL AND s.translatable
       GROUP BY s.document_id, c.lang, c.state);
  END IF;
  IF cardinality(deltas) > 0 THEN
    PERFORM lockstep_apply_progress(deltas);
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER translations_progress_insert AFTER INSERT ON translations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_translations_progress();
CREATE TRIGGER translations_progress_update AFTER UPDATE ON translations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_translations_progress();
CREATE TRIGGER translations_progress_delete AFTER DELETE ON translations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_translations_progress();

-- Segments: what a segment contributes depends on whether it is live and translatable, and on
-- its words. A change to any of those takes the old contribution away and adds the new one,
-- using the translations as they are now (which is what the counts already hold).
CREATE TYPE segment_contribution AS (
  id          text,
  document_id text,
  translatable boolean,
  words       integer,
  sign        integer
);

CREATE FUNCTION lockstep_segment_deltas(changes segment_contribution[]) RETURNS progress_delta[]
LANGUAGE sql STABLE AS $$
  SELECT ARRAY(
    SELECT ROW(c.document_id, c.lang, c.state, sum(c.sign)::int, sum(c.sign * c.words)::int, NULL)::progress_delta
      FROM (SELECT g.document_id, t.lang, t.state, g.sign, g.words
              FROM unnest(changes) g JOIN translations t ON t.segment_id = g.id
             WHERE g.translatable
            UNION ALL
            SELECT g.document_id, l.lang, 'locked', g.sign, g.words
              FROM unnest(changes) g JOIN documents d ON d.id = g.document_id
             CROSS JOIN LATERAL unnest(d.target_langs) AS l(lang)
             WHERE NOT g.translatable) c
     GROUP BY c.document_id, c.lang, c.state
    HAVING sum(c.sign) <> 0 OR sum(c.sign * c.words) <> 0)
$$;

CREATE FUNCTION lockstep_segments_progress() RETURNS trigger
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
    -- Moves and source edits that keep liveness, translatability and words change no count.
    changes := ARRAY(
      SELECT ROW(o.id, o.document_id, o.translatable, o.words, -1)::segment_contribution
        FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE o.retired_in IS NULL
         AND (n.retired_in IS NOT NULL OR n.translatable <> o.translatable OR n.words <> o.words OR n.document_id <> o.document_id)
      UNION ALL
      SELECT ROW(n.id, n.document_id, n.translatable, n.words, 1)::segment_contribution
        FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE n.retired_in IS NULL
         AND (o.retired_in IS NOT NULL OR n.translatable <> o.translatable OR n.words <> o.words OR n.document_id <> o.document_id));
  END IF;
  IF cardinality(changes) > 0 THEN
    deltas := lockstep_segment_deltas(changes);
    IF cardinality(deltas) > 0 THEN
      PERFORM lockstep_apply_progress(deltas);
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER segments_progress_insert AFTER INSERT ON segments
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_segments_progress();
CREATE TRIGGER segments_progress_update AFTER UPDATE ON segments
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_segments_progress();
CREATE TRIGGER segments_progress_delete AFTER DELETE ON segments
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_segments_progress();

-- Documents: locked segments count once per target language, so a change of target languages
-- moves their counts.
CREATE FUNCTION lockstep_documents_progress() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  deltas progress_delta[];
BEGIN
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

CREATE TRIGGER documents_progress_update AFTER UPDATE ON documents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION lockstep_documents_progress();

-- A new current revision: languages complete at commit are complete against it. Deferred to
-- commit so it sees the revision's segments and translations whatever order the publisher
-- wrote them in.
CREATE FUNCTION lockstep_revision_completion() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO language_progress (document_id, lang)
  SELECT d.id, l.lang FROM documents d CROSS JOIN LATERAL unnest(d.target_langs) AS l(lang)
   WHERE d.id = NEW.id ORDER BY l.lang
  ON CONFLICT DO NOTHING;
  UPDATE language_progress lp
     SET complete_against_revision = GREATEST(lp.complete_against_revision, d.current_revision)
    FROM documents d
   WHERE d.id = NEW.id AND lp.document_id = d.id AND lp.lang = ANY (d.target_langs) AND d.current_revision > 0
     AND lp.untranslated = 0 AND lp.stale = 0
     AND (lp.complete_against_revision IS NULL OR lp.complete_against_revision < d.current_revision);
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER documents_revision_completion AFTER UPDATE ON documents
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (OLD.current_revision IS DISTINCT FROM NEW.current_revision)
  EXECUTE FUNCTION lockstep_revision_completion();

-- Counts for what is already there (a database created before this migration).
INSERT INTO language_progress (document_id, lang,
    untranslated, translated, stale, approved, locked,
    untranslated_words, translated_words, stale_words, approved_words, locked_words, last_activity)
SELECT c.document_id, c.lang,
       count(*) FILTER (WHERE c.state = 'untranslated'), count(*) FILTER (WHERE c.state = 'translated'),
       count(*) FILTER (WHERE c.state = 'stale'), count(*) FILTER (WHERE c.state = 'approved'),
       count(*) FILTER (WHERE c.state = 'locked'),
       coalesce(sum(c.words) FILTER (WHERE c.state = 'untranslated'), 0), coalesce(sum(c.words) FILTER (WHERE c.state = 'translated'), 0),
       coalesce(sum(c.words) FILTER (WHERE c.state = 'stale'), 0), coalesce(sum(c.words) FILTER (WHERE c.state = 'approved'), 0),
       coalesce(sum(c.words) FILTER (WHERE c.state = 'locked'), 0),
       max(c.activity)
  FROM (SELECT s.document_id, t.lang, t.state, s.words, CASE WHEN t.updated_by IS NOT NULL THEN t.updated_at END AS activity
          FROM segments s JOIN translations t ON t.segment_id = s.id
         WHERE s.retired_in IS NULL AND s.translatable
        UNION ALL
        SELECT s.document_id, l.lang, 'locked', s.words, NULL
          FROM segments s JOIN documents d ON d.id = s.document_id CROSS JOIN LATERAL unnest(d.target_langs) AS l(lang)
         WHERE s.retired_in IS NULL AND NOT s.translatable) c
 GROUP BY c.document_id, c.lang;

UPDATE language_progress lp SET complete_against_revision = d.current_revision
  FROM documents d
 WHERE d.id = lp.document_id AND d.current_revision > 0 AND lp.untranslated = 0 AND lp.stale = 0;
