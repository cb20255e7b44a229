-- Lockstep schema, version 4: live events (api.md "Live events") and "since your last visit".
--
-- Every change a reader of a document should hear about (a translation change, a published
-- revision, an applied XLIFF import) appends one row to document_events with the document's
-- next sequence number, in the transaction that makes the change. The number is taken from
-- document_event_seqs, whose row stays locked until that transaction commits, so a
-- document's events commit in sequence order: a client that has seen event N has seen every
-- event below N, and resuming with `Last-Event-ID: N` (seq > N) misses nothing. The commit
-- also delivers `pg_notify('lockstep_events', '<document>:<seq>')` to every server process.
--
-- Lock order: the counter row is the FIRST lock an event writer takes in a document (before
-- any translation row, before the progress counters of 002), and revision publishing takes it
-- right after its documents row. One order everywhere, so event writers cannot deadlock each
-- other; a gap in the numbers (a save that lost its version race after taking a number) is
-- harmless, since resumption reads seq > N.
--
-- No foreign keys to documents, for 002's reason: a key check takes KEY SHARE on the
-- documents row, which waits for revision publishing's FOR UPDATE.

CREATE TABLE document_event_seqs (
  document_id text PRIMARY KEY,
  last_seq    bigint NOT NULL CHECK (last_seq >= 1)
);

-- Ids, versions, states and revision numbers only: never texts (they travel to every
-- reader of the document, who fetches what it shows through the permission-checked API).
CREATE TABLE document_events (
  document_id text NOT NULL,
  seq         bigint NOT NULL,
  kind        text NOT NULL CHECK (kind IN ('translation', 'revision', 'import')),
  payload     jsonb NOT NULL,
  user_id     bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (document_id, seq)
);

-- The newest event a user had seen when they last opened a language's editor: what changed
-- since is every event after `seq`.
CREATE TABLE document_visits (
  user_id     bigint NOT NULL REFERENCES users (id),
  document_id text NOT NULL,
  lang        text NOT NULL,
  seq         bigint NOT NULL CHECK (seq >= 0),
  visited_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, document_id, lang)
);
