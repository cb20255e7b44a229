-- Lockstep schema, version 26: the word tokens a memory lookup scores a candidate text by.
--
-- A lookup scores up to 200 stored texts against its sentence with the word-level match of
-- shared/src/memory/match.ts, whose tokens come from Intl.Segmenter: cutting 200 texts into
-- tokens was the largest part of a lookup's time (~0.1-0.2 ms a text on the shared test machine,
-- 20-40 ms a lookup). The indexer (services/memoryIndex.ts) now stores each text's tokens when it
-- indexes the text, as a JSON array (`matchTokens` of the plain text in its source language),
-- and a lookup reads them with the candidates. NULL: not stored yet; the lookup then cuts the
-- text itself, so an answer never depends on this column.
ALTER TABLE memory_sources ADD COLUMN match_tokens text;

-- Texts indexed before this migration get their tokens by being indexed again, in the background
-- after the upgrade (the indexer never holds up a start): storing a text's postings again adds
-- none, and the term counts count only postings that were added (017's counts stay exact).
UPDATE memory_sources SET indexed = false WHERE indexed;
