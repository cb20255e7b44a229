-- Lockstep schema, version 1. One dialect: PostgreSQL (server or embedded PGlite).
-- Every id that leaves the server is text or a bigint; timestamps are timestamptz.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Accounts -------------------------------------------------------------------

CREATE TABLE users (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  email         text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  role          text NOT NULL CHECK (role IN ('translator', 'reviewer', 'coordinator', 'admin')),
  -- Languages a translator or reviewer works in; coordinators and admins act on all.
  languages     text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Sign-in sessions and API tokens share one table: both are bearer secrets stored
-- only as SHA-256 hashes, both expire, both are revoked when the user is deactivated.
CREATE TABLE auth_tokens (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id      bigint NOT NULL REFERENCES users (id),
  token_hash   bytea NOT NULL UNIQUE,
  kind         text NOT NULL CHECK (kind IN ('session', 'api')),
  label        text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz
);
CREATE INDEX auth_tokens_user ON auth_tokens (user_id) WHERE revoked_at IS NULL;

-- Failed sign-ins per key ('email:…', 'ip:…') in a fixed window. Kept in the database
-- so that every server process sharing it counts the same failures.
CREATE TABLE sign_in_failures (
  key          text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  failures     integer NOT NULL
);

-- Documents and revisions ------------------------------------------------------

CREATE TABLE documents (
  id               text PRIMARY KEY CHECK (id ~ '^[a-z0-9-]{1,64}$'),
  title            text NOT NULL,
  source_lang      text NOT NULL,
  target_langs     text[] NOT NULL,
  current_revision integer NOT NULL DEFAULT 0,
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       bigint REFERENCES users (id)
);

-- Immutable: a revision is never updated after its transaction commits.
CREATE TABLE revisions (
  document_id text NOT NULL REFERENCES documents (id),
  number      integer NOT NULL CHECK (number >= 1),
  markdown    text NOT NULL,
  impact      jsonb NOT NULL DEFAULT '{}',
  -- ICU decides sentence boundaries; recorded so a later ICU is never blamed on the text (G35).
  icu_version text,
  created_at  timestamptz NOT NULL DEFAULT now(),
  created_by  bigint REFERENCES users (id),
  PRIMARY KEY (document_id, number)
);

-- Segments keep their id across revisions (alignment), so a segment row is the
-- identity; position/first/last revision say where and when it exists.
CREATE SEQUENCE segment_ids;
CREATE TABLE segments (
  id            text PRIMARY KEY DEFAULT ('s' || nextval('segment_ids')::text),
  document_id   text NOT NULL REFERENCES documents (id),
  -- Order in the revision where the segment is live; retired segments keep their last one.
  position      integer NOT NULL,
  block_index   integer NOT NULL,
  block_kind    text NOT NULL,
  source        text NOT NULL,          -- text with inline codes (<1>…</1>, <2/>)
  source_runs   jsonb NOT NULL,         -- the same content as structured runs
  plain_text    text NOT NULL,          -- inline codes removed, for search and memory
  align_key     text NOT NULL,          -- normalised key used by revision alignment
  words         integer NOT NULL,
  translatable  boolean NOT NULL,
  lock_reason   text,
  hoisted       text,                   -- wrapper hoisted out of the segment (strong, emphasis, link)
  block_data    jsonb,                  -- what the Markdown rebuild needs (codes' markup, offsets)
  first_revision integer NOT NULL,
  -- NULL while the segment is live; the first revision it no longer belongs to once retired.
  retired_in    integer,
  derived_from  text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX segments_live ON segments (document_id, position) WHERE retired_in IS NULL;
CREATE INDEX segments_plain_trgm ON segments USING gin (plain_text gin_trgm_ops);

-- Translations ---------------------------------------------------------------

CREATE TABLE translations (
  segment_id          text NOT NULL REFERENCES segments (id),
  lang                text NOT NULL,
  text                text NOT NULL DEFAULT '',
  state               text NOT NULL CHECK (state IN ('untranslated', 'translated', 'stale', 'approved')),
  -- Bumped by every change, including being marked stale (optimistic concurrency).
  version             integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  based_on_revision   integer,
  previous_source     text,             -- the source the text was made against, while stale
  state_before_stale  text,
  change_class        text,
  suggestion          text,
  updated_by          bigint REFERENCES users (id),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (segment_id, lang)
);
CREATE INDEX translations_lang_state ON translations (lang, state);
CREATE INDEX translations_text_trgm ON translations USING gin (text gin_trgm_ops);

-- Append-only history of every change to a translation.
CREATE TABLE translation_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  segment_id  text NOT NULL REFERENCES segments (id),
  lang        text NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('edit', 'approve', 'reconfirm', 'revert', 'import', 'stale', 'source', 'suggestion')),
  text        text NOT NULL,
  state       text NOT NULL,
  version     integer NOT NULL,
  revision    integer NOT NULL,
  user_id     bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (segment_id, lang, version)
);
CREATE INDEX translation_events_recent ON translation_events (segment_id, lang, id DESC);
