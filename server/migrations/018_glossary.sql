-- Lockstep schema, version 18: the glossary (issue 21, item 1).
--
-- Terms are kept per source language and shared by every document of that language. Each
-- term carries its approved translations per target language as a JSON object
-- {"ko": ["나토"], "ru": ["НАТО", "Североатлантический альянс"]}: they are always read and
-- written with their term (one row, one version), and a language's list keeps its order (the
-- first is the preferred rendering).
--
-- `version` moves with every write, so an edit made from a stale copy is refused (409), never
-- written over someone else's.
--
-- The same term may appear twice with different notes (a noun and a verb); the same term
-- with the same note is one entry. Case folding is PostgreSQL's lower(), as the search's.

CREATE TABLE glossary_terms (
  id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source_lang       text NOT NULL,
  term              text NOT NULL CHECK (term <> ''),
  note              text NOT NULL DEFAULT '',
  do_not_translate  boolean NOT NULL DEFAULT false,
  case_sensitive    boolean NOT NULL DEFAULT false,
  translations      jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(translations) = 'object'),
  version           integer NOT NULL DEFAULT 1,
  created_by        bigint REFERENCES users (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX glossary_terms_unique ON glossary_terms (source_lang, lower(term), lower(note));

-- A translator's proposed rendering of a term in one language, pending until a reviewer of
-- that language (or a coordinator) accepts it into the term's translations or rejects it.
-- Settled proposals stay, for the record of who suggested what.
CREATE TABLE glossary_proposals (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  term_id      bigint NOT NULL REFERENCES glossary_terms (id) ON DELETE CASCADE,
  lang         text NOT NULL,
  text         text NOT NULL CHECK (text <> ''),
  proposed_by  bigint NOT NULL REFERENCES users (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  settled_by   bigint REFERENCES users (id),
  settled_at   timestamptz
);
CREATE INDEX glossary_proposals_pending ON glossary_proposals (term_id) WHERE status = 'pending';
-- One pending proposal per term, language and text: proposing the same again changes nothing.
CREATE UNIQUE INDEX glossary_proposals_once ON glossary_proposals (term_id, lang, text) WHERE status = 'pending';
