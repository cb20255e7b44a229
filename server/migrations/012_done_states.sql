-- Lockstep schema, version 12: one definition of "done" in SQL.
--
-- A translation is done when it is translated or approved: that is what counts toward
-- completion and what may be used (translated Markdown, the memory, the timeline, the
-- needs-work filters). TypeScript's one definition is `DONE_STATES` (shared/src/workflow.ts);
-- this is SQL's, and a test (tests/src/api/db.test.ts) checks that the two agree for every state.
--
-- LANGUAGE sql and IMMUTABLE on purpose: the planner inlines such a function, so
-- `lockstep_is_done(t.state)` costs what the `t.state IN (...)` it replaces cost (plpgsql would
-- be a call per row).
CREATE FUNCTION lockstep_is_done(state text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT state IN ('translated', 'approved') $$;

-- A language is complete when none of its translatable segments is counted under a state that
-- is not done (locked segments are not work). Said with `lockstep_is_done` rather than by
-- naming the states, so the counters' completion cannot drift from "done". One expression
-- without a subquery, so it is inlined too and folds to the counts of the states not done.
CREATE FUNCTION lockstep_is_complete(lp language_progress) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
  SELECT (lp.untranslated = 0 OR lockstep_is_done('untranslated')) AND (lp.translated = 0 OR lockstep_is_done('translated'))
     AND (lp.stale = 0 OR lockstep_is_done('stale')) AND (lp.approved = 0 OR lockstep_is_done('approved'))
$$;

-- Migration 002's two completion checks, unchanged but for asking `lockstep_is_complete`.
CREATE OR REPLACE FUNCTION lockstep_apply_progress(deltas progress_delta[]) RETURNS void
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
       AND lockstep_is_complete(lp)
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

CREATE OR REPLACE FUNCTION lockstep_revision_completion() RETURNS trigger
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
     AND lockstep_is_complete(lp)
     AND (lp.complete_against_revision IS NULL OR lp.complete_against_revision < d.current_revision);
  RETURN NULL;
END $$;
