-- Lockstep schema, version 17: the translation memory's own candidate index (issue 19).
--
-- pg_trgm could not find similar sources fast on a templated corpus: every trigram of such a
-- sentence is in 5-100% of the stored texts, so the GIN scan alone cost 40-73 ms per lookup at
-- 1,000,000 translations (migration 006). This index skips what is frequent: it maps each TERM
-- of a source text (a folded word, a word pair, or two words one apart; Intl.Segmenter words,
-- shared/src/memory/terms.ts) to the texts that have it, and counts per term how many texts
-- have it. A lookup reads only the query's rarest terms, never one above a frequency cap, up to
-- a fixed number of postings, and scores at most a fixed number of texts (services/memory.ts).
--
-- Terms are computed in the server (a trigger cannot run Intl.Segmenter), by one function every
-- writer of the memory calls after its commit: services/memoryIndex.ts `indexPendingMemory`.
-- The triggers of 006 still create a memory_sources row for every new text, unindexed; that
-- function indexes what is pending, so a writer that crashed after its commit (or a loader
-- writing rows directly) leaves work behind, never a wrong index; server start catches up.
--
-- The trigram index of 006 stays: the concordance search (`GET /api/memory/search`) matches
-- substrings with it.

-- term: a 48-bit hash of (source language, term). A collision merges two posting lists: costs
-- time, never an answer, since every candidate is scored on its text.
CREATE TABLE memory_terms (
  term      bigint NOT NULL,
  source_id bigint NOT NULL REFERENCES memory_sources (id),
  PRIMARY KEY (term, source_id)
);

-- How many stored texts have the term (document frequency). Texts are never removed from the
-- memory, so the counts only grow; upserted in term order so two indexers never deadlock.
CREATE TABLE memory_term_frequencies (
  term      bigint PRIMARY KEY,
  texts     integer NOT NULL
);

ALTER TABLE memory_sources ADD COLUMN indexed boolean NOT NULL DEFAULT false;
CREATE INDEX memory_sources_pending ON memory_sources (id) WHERE NOT indexed;

-- A stale translation translates its previous source, not its segment's current one: the
-- memory offers it under that source (issue 19 item 2). The link to that text's memory source
-- is set by the indexer (the plain text of a coded source is the server's to compute) and
-- cleared here whenever the previous source changes, so it never points at an old episode's.
ALTER TABLE translations ADD COLUMN previous_memory_source_id bigint REFERENCES memory_sources (id);
CREATE INDEX translations_previous_memory_source ON translations (previous_memory_source_id, lang)
  WHERE previous_memory_source_id IS NOT NULL;
CREATE INDEX translations_previous_source_pending ON translations (segment_id, lang)
  WHERE previous_source IS NOT NULL AND previous_memory_source_id IS NULL;

CREATE FUNCTION lockstep_translations_previous_source() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.previous_memory_source_id := NULL;
  RETURN NEW;
END $$;

CREATE TRIGGER translations_previous_source_update BEFORE UPDATE OF previous_source ON translations
  FOR EACH ROW
  WHEN (OLD.previous_source IS DISTINCT FROM NEW.previous_source)
  EXECUTE FUNCTION lockstep_translations_previous_source();

-- Translation units imported from TMX files (POST /api/memory/tmx): memory entries that are not
-- segments of any document. The source is a memory source like any segment's text (so the
-- same index finds it; the trigger path of 006 does not apply, the importer asks for the id),
-- deduplicated by (source, target text, language): importing a file twice adds nothing.
CREATE TABLE memory_imports (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  memory_source_id bigint NOT NULL REFERENCES memory_sources (id),
  lang             text NOT NULL,
  text             text NOT NULL,
  text_hash        bytea NOT NULL,        -- sha256 of text: the dedup key (texts may be long)
  origin           text NOT NULL,         -- what the translator sees: the file's name
  imported_by      bigint REFERENCES users (id),
  imported_at      timestamptz NOT NULL DEFAULT now(),
  UNIQUE (memory_source_id, lang, text_hash)
);
CREATE INDEX memory_imports_lang ON memory_imports (lang, id);
