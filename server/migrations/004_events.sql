-- Lockstep schema, version 4: live events (api.md "Live events") and "since your last visit".
--
-- Every change a reader of a document should hear about (a translation change, a published
-- revision, an applied XLIFF import) appends one row to document_events in the transaction
-- that makes the change, WITHOUT a number (seq NULL) and without a NOTIFY. Numbers are given
-- later by the sequencer (repos/events.ts `sequencePending`), in a short transaction of its
-- own: it locks the document's document_event_seqs row, numbers that document's committed
-- unnumbered events consecutively above `last_seq` in `id` order, moves `last_seq` and sends
-- one `pg_notify('lockstep_events', '<document>:<last seq>')` for the whole batch. Who runs
-- it (events/sequencer.ts): the process that committed the change, right after its commit
-- (in-process, events/committed.ts; requests coalesce into one run per document at a time);
-- every listening process after (re)connecting and from a sweep every 2 s (events left
-- unnumbered by a crash, a failed run or a writer without a server, like the demo seed); and
-- every path that reads events (the stream, "since your last visit"), for its document,
-- before reading. So correctness never waits for a notification.
--
-- Why: the first version took the number in the writer's own transaction, so the counter row
-- stayed locked through the writer's commit (WAL flush included) and every save of a document
-- queued behind the previous one's commit: 32 concurrent saves on one document fell from
-- ~650-900/s (no event) to ~180-200/s. Nor may writers NOTIFY: PostgreSQL (15 here) holds a
-- database-wide lock from a notifying transaction's pre-commit until its commit is flushed, so
-- notifying writers queue exactly the same way (32 concurrent one-row inserts measured
-- 2,400-4,900/s plain, 320-410/s with pg_notify). The sequencer notifies once per batch.
--
-- Why it stays gapless: a number is only ever given by the sequencer, to committed rows, in a
-- run that holds the counter lock and reads (in a statement after the lock was granted) what
-- the previous run committed. So every run's numbers are above all earlier ones and commit
-- together with the counter: a reader who has seen event N has seen every event below N, and
-- resuming with `Last-Event-ID: N` (seq > N) misses nothing. An event whose transaction
-- commits late (after later-started ones were numbered) simply gets a number above theirs,
-- and a save that loses its version race writes no row at all, so there are no holes either.
--
-- Lock order: writers take no event lock; an event row is written after the writer's
-- translation rows (its id, hence its place in the order, is drawn once those rows are
-- locked, so two events of one translation are numbered in version order). The sequencer
-- takes the counter row first and then touches only committed unnumbered event rows, which
-- no writer holds: it cannot deadlock with writers, nor (through the counter row) with
-- another process's sequencer.
--
-- No foreign keys to documents, for 002's reason: a key check takes KEY SHARE on the
-- documents row, which waits for revision publishing's FOR UPDATE.

CREATE TABLE document_event_seqs (
  document_id text PRIMARY KEY,
  last_seq    bigint NOT NULL CHECK (last_seq >= 0)
);

-- Ids, versions, states and revision numbers only: never texts (they travel to every
-- reader of the document, who fetches what it shows through the permission-checked API).
CREATE TABLE document_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  document_id text NOT NULL,
  -- NULL until the sequencer numbers it; readers only ever see numbered events.
  seq         bigint CHECK (seq >= 1),
  kind        text NOT NULL CHECK (kind IN ('translation', 'revision', 'import')),
  payload     jsonb NOT NULL,
  user_id     bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  UNIQUE (document_id, seq)
);

-- The sequencer's work list (normally empty, so the sweep reads almost nothing).
CREATE INDEX document_events_unsequenced ON document_events (document_id, id) WHERE seq IS NULL;

-- Numbering an event leaves its unnumbered version dead, still listed in the index above.
-- Index scans normally mark such entries killed and skip them, but not while a long
-- transaction anywhere on the server holds the visibility horizon back (measured: 8,000 dead
-- entries made the pending check 2.5 ms, every time); vacuuming after every few thousand
-- numbered events bounds that, whatever else runs on the server.
ALTER TABLE document_events SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000);

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
