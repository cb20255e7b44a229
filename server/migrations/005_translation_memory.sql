-- Lockstep schema, version 5: translation memory.
--
-- Suggestions for a segment come from other segments' translations whose source is similar by
-- pg_trgm (server/src/repos/memory.ts): `segments.plain_text % $1` with a threshold set per
-- transaction, ranked by similarity(). Retired segments (removed, split or merged by a later
-- revision) keep their row, plain text and translations, so they stay in the memory.
--
-- 001 already creates the extension and the GIN index the lookup uses; both statements are
-- repeated here, idempotently, so that the memory's dependency is stated where it is built.
-- GIN was measured against GiST nearest-neighbour (`<->` with LIMIT; gist_trgm_ops with the
-- default siglen 12 and with siglen 256) on 250,000 templated English sentences (the tm-1m bench
-- corpus): GiST's signatures of sentence-long texts are nearly saturated, so every KNN lookup
-- visited almost the whole index (6,000–8,000 pages, 100–130 ms), whatever the sentence, while
-- the GIN threshold scan reads the posting lists of the query's trigrams only. GIN it is.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX IF NOT EXISTS segments_plain_trgm ON segments USING gin (plain_text gin_trgm_ops);
