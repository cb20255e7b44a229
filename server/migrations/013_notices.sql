-- Lockstep schema, version 13: publish notices (issue 22, item 2).
--
-- An in-app inbox per user, written in the publishing transaction (a notice exists exactly
-- when its publish does), and outgoing webhooks delivered from an outbox AFTER the commit:
-- the outbox row is written in the same transaction as the event it reports, and a delivery
-- loop in every server process claims due rows with FOR UPDATE SKIP LOCKED, so a slow or dead
-- receiver never holds a publish, and several processes never send one row at once.

CREATE TABLE notices (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users (id),
  kind        text NOT NULL CHECK (kind IN ('publish')),
  document_id text NOT NULL REFERENCES documents (id),
  revision    integer NOT NULL,
  lang        text NOT NULL,
  -- {stale, suggested, retired, needsWork, words}: the publish's impact report for this language.
  counts      jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  read_at     timestamptz
);
CREATE INDEX notices_user_idx ON notices (user_id, id DESC);
CREATE INDEX notices_unread_idx ON notices (user_id) WHERE read_at IS NULL;

CREATE TABLE webhooks (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url         text NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  -- The HMAC key; shown once when the webhook is created, never again.
  secret      text NOT NULL CHECK (length(secret) BETWEEN 16 AND 200),
  events      text[] NOT NULL CHECK (cardinality(events) > 0
                AND events <@ ARRAY['publish', 'import.applied', 'language.complete']),
  created_by  bigint REFERENCES users (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  -- A deleted webhook keeps its delivery log; nothing new is queued for it.
  deleted_at  timestamptz
);

-- One row per (webhook, event): the exact body that is signed and sent, and where its
-- delivery stands. `next_attempt_at` is also the lease of a process sending it: claiming
-- pushes it past the request's time limit, so a process that dies mid-send is replaced.
CREATE TABLE webhook_outbox (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  webhook_id      bigint NOT NULL REFERENCES webhooks (id),
  event           text NOT NULL,
  body            text NOT NULL,
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts        integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  delivered_at    timestamptz
);
CREATE INDEX webhook_outbox_due_idx ON webhook_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX webhook_outbox_webhook_idx ON webhook_outbox (webhook_id, id DESC);

-- The delivery log: every attempt with its outcome.
CREATE TABLE webhook_attempts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  outbox_id   bigint NOT NULL REFERENCES webhook_outbox (id),
  attempt     integer NOT NULL,
  status      integer,
  error       text,
  duration_ms integer NOT NULL,
  at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_attempts_outbox_idx ON webhook_attempts (outbox_id, attempt);

-- "Language complete" is whatever makes the progress counters' complete_against_revision
-- move (002_workflow.sql): a save, an import or a publish, in the transaction that did it. The
-- webhooks hear it here rather than in each writer, and a language becoming complete is rare,
-- so the save path pays nothing when it does not happen.
CREATE FUNCTION queue_language_complete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO webhook_outbox (webhook_id, event, body)
  SELECT w.id, 'language.complete', jsonb_build_object(
           'event', 'language.complete',
           'document', NEW.document_id,
           'revision', NEW.complete_against_revision,
           'languages', jsonb_build_object(NEW.lang, jsonb_build_object(
             'segments', NEW.translated + NEW.approved,
             'words', NEW.translated_words + NEW.approved_words,
             'approved', NEW.approved,
             'approvedWords', NEW.approved_words)),
           'at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
    FROM webhooks w
   WHERE w.deleted_at IS NULL AND 'language.complete' = ANY (w.events);
  RETURN NULL;
END $$;

CREATE TRIGGER language_complete_webhooks
  AFTER UPDATE OF complete_against_revision ON language_progress
  FOR EACH ROW
  WHEN (NEW.complete_against_revision IS NOT NULL
        AND NEW.complete_against_revision IS DISTINCT FROM OLD.complete_against_revision)
  EXECUTE FUNCTION queue_language_complete();
