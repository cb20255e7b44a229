-- Lockstep schema, version 16: questions and comments on segments (issue 21, item 2).
--
-- A thread is the comments of one segment in one language, or of all languages (lang NULL).
-- Nothing is ever deleted: an edit moves the previous text into comment_edits, a deletion
-- leaves a tombstone (deleted_at/deleted_by; the text stays for the record, the API hides it).
--
-- "Source changed since": each comment records the segment's coded source when it was
-- written (source_at_comment). A revision that modifies the segment keeps its id (and so its
-- threads); a reader compares the recorded source with the segment's current one. The
-- alignment code does not need to know comments exist.
--
-- No foreign keys to documents or segments, for 002's reason: a key check takes KEY SHARE on
-- the referenced row, which would queue comments behind revision publishing's row locks.

CREATE TABLE comments (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id       text NOT NULL,
  segment_id        text NOT NULL,
  lang              text,
  kind              text NOT NULL CHECK (kind IN ('comment', 'question')),
  text              text NOT NULL,
  author_id         bigint NOT NULL REFERENCES users (id),
  -- The users the text mentions (@name or @e-mail), resolved when written or edited.
  mentions          bigint[] NOT NULL DEFAULT '{}',
  source_at_comment text NOT NULL,
  revision_at_comment integer NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  edited_at         timestamptz,
  resolved_at       timestamptz,
  resolved_by       bigint REFERENCES users (id),
  deleted_at        timestamptz,
  deleted_by        bigint REFERENCES users (id),
  CHECK (kind = 'question' OR resolved_at IS NULL)
);
CREATE INDEX comments_thread ON comments (segment_id, id);
-- The open questions of a document (the segment list's counts and its filter).
CREATE INDEX comments_open_questions ON comments (document_id, segment_id)
  WHERE kind = 'question' AND resolved_at IS NULL AND deleted_at IS NULL;

-- Earlier texts of an edited comment, oldest first.
CREATE TABLE comment_edits (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  comment_id  bigint NOT NULL REFERENCES comments (id),
  text        text NOT NULL,
  -- When this text was replaced, and by whom (only the author edits).
  replaced_at timestamptz NOT NULL DEFAULT now(),
  replaced_by bigint NOT NULL REFERENCES users (id)
);
CREATE INDEX comment_edits_comment ON comment_edits (comment_id, id);

-- Open questions per document and language, kept exact like the state counters of 002, in
-- the row the dashboard already reads (so its cache stamp moves when the count does). A
-- question for all languages counts in every language: each team has it open.
ALTER TABLE language_progress ADD COLUMN open_questions integer NOT NULL DEFAULT 0;

CREATE FUNCTION lockstep_open_questions() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  was_open boolean := TG_OP <> 'INSERT' AND OLD.kind = 'question' AND OLD.resolved_at IS NULL AND OLD.deleted_at IS NULL;
  is_open  boolean := TG_OP <> 'DELETE' AND NEW.kind = 'question' AND NEW.resolved_at IS NULL AND NEW.deleted_at IS NULL;
  doc text;
  l text;
BEGIN
  IF was_open = is_open THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'DELETE' THEN doc := OLD.document_id; l := OLD.lang; ELSE doc := NEW.document_id; l := NEW.lang; END IF;
  -- Rows locked in language order, as publishing's inserts take them.
  UPDATE language_progress lp
     SET open_questions = lp.open_questions + CASE WHEN is_open THEN 1 ELSE -1 END
    FROM (SELECT document_id, lang FROM language_progress
           WHERE document_id = doc AND (l IS NULL OR lang = l) ORDER BY lang FOR UPDATE) x
   WHERE lp.document_id = x.document_id AND lp.lang = x.lang;
  RETURN NULL;
END $$;

CREATE TRIGGER comments_open_questions AFTER INSERT OR UPDATE OR DELETE ON comments
  FOR EACH ROW EXECUTE FUNCTION lockstep_open_questions();

-- New comments (and edits, deletions, resolutions) are live events: ids only, never texts.
ALTER TABLE document_events DROP CONSTRAINT document_events_kind_check;
ALTER TABLE document_events ADD CONSTRAINT document_events_kind_check
  CHECK (kind IN ('translation', 'revision', 'import', 'comment'));
