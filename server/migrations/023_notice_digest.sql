-- Lockstep schema, version 23: a daily digest of publish notices (issue 22, item 2).
--
-- A user may collect a day's notices into one digest instead of one notice per publish and
-- language. The notices are still written in the publishing transaction, exactly as before
-- (so a digest says exactly what the individual notices would have), but marked with the UTC
-- day they belong to; the inbox shows a day's marked notices as one digest entry once that
-- day is over. Nothing runs on a schedule: what is over is decided when the inbox is read.
ALTER TABLE users ADD COLUMN notice_digest text NOT NULL DEFAULT 'each' CHECK (notice_digest IN ('each', 'daily'));
ALTER TABLE notices ADD COLUMN digest_day date;
CREATE INDEX notices_digest_idx ON notices (user_id, digest_day) WHERE digest_day IS NOT NULL;
