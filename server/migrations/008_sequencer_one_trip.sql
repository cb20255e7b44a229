-- Lockstep schema, version 8: the live events' sequencer in one round trip.
--
-- The sequencer (004_events.sql) was a pending check, then BEGIN, the counter lock, the
-- numbering and COMMIT: five statements sent one after another, run once per batch of saves
-- per document. Under the saves bench that was 43% of the statements the server sent
-- PostgreSQL, and sending them is most of what a statement costs the server: in a CPU
-- profile, writing to PostgreSQL's socket was 13% of the server's CPU per save. This function
-- does the same work as one statement (`SELECT lockstep_number_events($1)`), in the implicit
-- transaction of that statement.
--
-- It keeps the rule that makes numbers gapless: the numbering statement reads after the
-- counter lock is granted. In a VOLATILE function under READ COMMITTED every statement takes
-- a new snapshot, so the UPDATE below sees everything the previous holder numbered and
-- committed, as the second statement of the old transaction did.

CREATE FUNCTION lockstep_number_events(doc text) RETURNS bigint
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  last_given bigint;
  newest bigint;
BEGIN
  -- A column outside the index on purpose: a plain index scan marks the entries of numbered
  -- (now dead) row versions as killed, so the next check skips them; an index-only scan would
  -- visit every one of them again, each time, until VACUUM. Nothing pending (the common case):
  -- no lock, no write.
  PERFORM created_at FROM document_events WHERE document_id = doc AND seq IS NULL LIMIT 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;

  INSERT INTO document_event_seqs AS c (document_id, last_seq) VALUES (doc, 0)
  ON CONFLICT (document_id) DO UPDATE SET last_seq = c.last_seq
  RETURNING c.last_seq INTO last_given;

  WITH pending AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n FROM document_events WHERE document_id = doc AND seq IS NULL
  ), numbered AS (
    UPDATE document_events e SET seq = last_given + p.n FROM pending p WHERE e.id = p.id
    RETURNING e.seq
  )
  UPDATE document_event_seqs c SET last_seq = n.last
    FROM (SELECT max(seq) AS last FROM numbered) n
   WHERE c.document_id = doc AND n.last IS NOT NULL
  RETURNING c.last_seq INTO newest;

  IF newest IS NOT NULL THEN
    PERFORM pg_notify('lockstep_events', doc || ':' || newest);
  END IF;
  RETURN newest;
END;
$$;
